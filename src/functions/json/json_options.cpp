#include "functions/json/json_options.h"

#include <algorithm>

#include "common/error.h"

namespace ember {
namespace {

std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), ::toupper);
  return text;
}

[[noreturn]] void ThrowUnsupported(const std::string& feature) {
  throw SparkError("UNSUPPORTED_FEATURE", {{"feature", feature}});
}

}  // namespace

JsonOptions JsonOptions::Parse(const Options& options) {
  JsonOptions parsed;
  if (auto mode = GetOption(options, "mode")) {
    std::string upper = Upper(*mode);
    if (upper == "DROPMALFORMED") parsed.mode = JsonParseMode::kDropMalformed;
    if (upper == "FAILFAST") parsed.mode = JsonParseMode::kFailFast;
  }
  if (auto column = GetOption(options, "columnNameOfCorruptRecord")) parsed.corrupt_column = *column;
  if (auto multi_line = GetOption(options, "multiLine")) {
    if (Upper(*multi_line) == "TRUE") ThrowUnsupported("JSON option multiLine=true");
  }
  if (auto pattern = GetOption(options, "dateFormat")) parsed.date_format = *pattern;
  if (auto pattern = GetOption(options, "timestampFormat")) parsed.timestamp_format = *pattern;
  if (auto pattern = GetOption(options, "timestampNTZFormat")) parsed.timestamp_ntz_format = *pattern;
  if (auto ignore = GetOption(options, "ignoreNullFields")) parsed.ignore_null_fields = Upper(*ignore) != "FALSE";
  if (auto column = GetOption(options, "singleVariantColumn")) parsed.single_variant_column = *column;
  if (auto allow = GetOption(options, "allowUnquotedFieldNames")) parsed.allow_unquoted_field_names = Upper(*allow) == "TRUE";
  if (auto codec = GetOption(options, "compression")) {
    std::string upper = Upper(*codec);
    if (upper == "GZIP") {
      parsed.gzip_output = true;
    } else if (upper != "NONE" && upper != "UNCOMPRESSED") {
      ThrowUnsupported("JSON compression codec " + *codec);
    }
  }
  return parsed;
}

}  // namespace ember

#include "functions/csv/csv_options.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "common/error.h"

namespace ember {
namespace {

[[noreturn]] void ThrowUnsupported(const std::string& feature) {
  throw SparkError("UNSUPPORTED_FEATURE", {{"feature", feature}});
}

bool IsTrue(const std::string& value) { return absl::AsciiStrToLower(value) == "true"; }

// A one-character option; "\t" and "\\t" both mean a tab, as in Spark.
char SingleChar(const std::string& name, const std::string& value, bool allow_empty) {
  if (value.empty() && allow_empty) return '\0';
  if (value == "\\t") return '\t';
  if (value.size() == 2 && value[0] == '\\') return value[1];
  if (value.size() != 1) {
    throw SparkError("INVALID_PARAMETER_VALUE.CHARSET", "22023",
                     "The value of parameter(s) `" + name + "` in `csv` is invalid: expects one character, but got '" +
                         value + "'.",
                     {{"parameter", name}, {"functionName", "csv"}});
  }
  return value[0];
}

}  // namespace

CsvOptions CsvOptions::Parse(const Options& options, bool writing) {
  CsvOptions parsed;
  parsed.ignore_leading_space = writing;
  parsed.ignore_trailing_space = writing;
  if (auto sep = GetOption(options, "sep")) parsed.separator = SingleChar("sep", *sep, false);
  if (auto sep = GetOption(options, "delimiter")) parsed.separator = SingleChar("delimiter", *sep, false);
  if (auto quote = GetOption(options, "quote")) parsed.quote = SingleChar("quote", *quote, true);
  if (auto escape = GetOption(options, "escape")) parsed.escape = SingleChar("escape", *escape, true);
  if (auto comment = GetOption(options, "comment")) parsed.comment = SingleChar("comment", *comment, true);
  if (auto header = GetOption(options, "header")) parsed.header = IsTrue(*header);
  if (auto infer = GetOption(options, "inferSchema")) parsed.infer_schema = IsTrue(*infer);
  if (auto ignore = GetOption(options, "ignoreLeadingWhiteSpace")) parsed.ignore_leading_space = IsTrue(*ignore);
  if (auto ignore = GetOption(options, "ignoreTrailingWhiteSpace")) parsed.ignore_trailing_space = IsTrue(*ignore);
  if (auto value = GetOption(options, "nullValue")) parsed.null_value = *value;
  if (auto value = GetOption(options, "emptyValue")) parsed.empty_value = *value;
  if (auto value = GetOption(options, "nanValue")) parsed.nan_value = *value;
  if (auto value = GetOption(options, "positiveInf")) parsed.positive_inf = *value;
  if (auto value = GetOption(options, "negativeInf")) parsed.negative_inf = *value;
  if (auto pattern = GetOption(options, "dateFormat")) parsed.date_format = *pattern;
  if (auto pattern = GetOption(options, "timestampFormat")) parsed.timestamp_format = *pattern;
  if (auto pattern = GetOption(options, "timestampNTZFormat")) parsed.timestamp_ntz_format = *pattern;
  if (auto mode = GetOption(options, "mode")) {
    std::string upper = absl::AsciiStrToUpper(*mode);
    if (upper == "DROPMALFORMED") parsed.mode = CsvParseMode::kDropMalformed;
    if (upper == "FAILFAST") parsed.mode = CsvParseMode::kFailFast;
  }
  if (auto column = GetOption(options, "columnNameOfCorruptRecord")) parsed.corrupt_column = *column;
  if (auto quote_all = GetOption(options, "quoteAll")) parsed.quote_all = IsTrue(*quote_all);
  if (auto escape_quotes = GetOption(options, "escapeQuotes")) parsed.escape_quotes = IsTrue(*escape_quotes);
  if (auto multi_line = GetOption(options, "multiLine")) parsed.multi_line = IsTrue(*multi_line);
  if (auto ratio = GetOption(options, "samplingRatio")) {
    if (!absl::SimpleAtod(*ratio, &parsed.sampling_ratio)) {
      throw SparkError("CAST_INVALID_INPUT", {{"expression", "'" + *ratio + "'"}, {"sourceType", "\"STRING\""},
                                              {"targetType", "\"DOUBLE\""}, {"ansiConfig", "\"spark.sql.ansi.enabled\""}});
    }
  }
  for (const char* key : {"encoding", "charset"}) {
    if (auto encoding = GetOption(options, key)) {
      std::string lower = absl::AsciiStrToLower(*encoding);
      if (lower != "utf-8" && lower != "utf8") ThrowUnsupported("CSV encoding " + *encoding);
    }
  }
  if (auto codec = GetOption(options, "compression")) {
    std::string lower = absl::AsciiStrToLower(*codec);
    if (lower == "gzip") {
      parsed.gzip_output = true;
    } else if (lower != "none" && lower != "uncompressed") {
      ThrowUnsupported("CSV compression codec " + *codec);
    }
  }
  return parsed;
}

}  // namespace ember

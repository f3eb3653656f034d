#include "functions/xml/xml_options.h"

#include "absl/strings/ascii.h"
#include "common/error.h"

namespace ember {

XmlOptions XmlOptions::Parse(const Options& options, const char* function) {
  XmlOptions parsed;
  auto flag = [&](const char* name, bool* out) {
    if (auto value = GetOption(options, name)) *out = absl::AsciiStrToLower(*value) == "true";
  };
  if (auto value = GetOption(options, "attributePrefix")) parsed.attribute_prefix = *value;
  if (auto value = GetOption(options, "valueTag")) parsed.value_tag = *value;
  if (auto value = GetOption(options, "nullValue")) parsed.null_value = *value;
  if (auto value = GetOption(options, "rowTag")) parsed.row_tag = *value;
  if (auto value = GetOption(options, "arrayElementName")) parsed.array_element_name = *value;
  if (auto value = GetOption(options, "wildcardColName")) parsed.wildcard_column = *value;
  flag("ignoreSurroundingSpaces", &parsed.ignore_surrounding_spaces);
  flag("excludeAttribute", &parsed.exclude_attribute);
  flag("ignoreNamespace", &parsed.ignore_namespace);
  flag("inferSchema", &parsed.infer_schema);
  Options text;
  for (const char* key : {"mode", "columnNameOfCorruptRecord", "dateFormat", "timestampFormat", "timestampNTZFormat"}) {
    if (auto value = GetOption(options, key)) text[absl::AsciiStrToLower(key)] = *value;
  }
  parsed.text = CsvOptions::Parse(text);
  if (parsed.text.mode == CsvParseMode::kDropMalformed) {
    throw SparkError("PARSE_MODE_UNSUPPORTED", {{"funcName", QuoteIdentifier(function)}, {"mode", "DROPMALFORMED"}});
  }
  return parsed;
}

}  // namespace ember

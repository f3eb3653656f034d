// The options of from_xml, to_xml and schema_of_xml as Spark spells them (keys case-insensitive):
// "attributePrefix" ("_": fields named so are the element's attributes), "valueTag" ("_VALUE": the
// field holding an element's own text), "nullValue" (none: the text read as null and written for
// null fields), "mode" (PERMISSIVE or FAILFAST) with "columnNameOfCorruptRecord", "ignoreSurroundingSpaces"
// (true), "excludeAttribute" (false), "ignoreNamespace" (false: elements named prefix:local), "inferSchema" (true), "rowTag" ("ROW": to_xml's element),
// "arrayElementName" ("item": elements of nested arrays), "wildcardColName" ("xs_any": the field
// taking, as XML text, child elements no other field names), and dateFormat / timestampFormat as the
// CSV options read them.
#pragma once

#include <optional>
#include <string>

#include "common/options.h"
#include "functions/csv/csv_options.h"

namespace ember {

struct XmlOptions {
  std::string attribute_prefix = "_";
  std::string value_tag = "_VALUE";
  std::optional<std::string> null_value;
  bool ignore_surrounding_spaces = true;
  bool exclude_attribute = false;
  bool ignore_namespace = false;
  bool infer_schema = true;
  std::string row_tag = "ROW";
  std::string array_element_name = "item";
  std::string wildcard_column = "xs_any";
  CsvOptions text;  // mode, corrupt column, datetime patterns

  // Throws PARSE_MODE_UNSUPPORTED for DROPMALFORMED (naming `function`).
  static XmlOptions Parse(const Options& options, const char* function);
};

}  // namespace ember

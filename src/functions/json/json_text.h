// Parsing JSON text held in string vectors, and writing parsed values back as text the way
// Jackson's generator copies them (compact; integers as written, fractions as Java prints doubles,
// strings with Jackson's escapes). Used by the JSON functions and the JSON source.
#pragma once

#include <string>
#include <string_view>

#include "simdjson.h"

namespace ember {

// Quotes the bare field names of `text` ({a: 1} becomes {"a": 1}; a bare name is a run of letters,
// digits, `_`, `$` and non-ASCII characters), as Jackson reads them under ALLOW_UNQUOTED_FIELD_NAMES
// (the JSON option allowUnquotedFieldNames). Strings and values are copied as they are.
std::string QuoteBareFieldNames(std::string_view text);

// Parses `text`, which must be followed by simdjson's padding, into `out`; when that fails and
// `allow_unquoted_field_names`, parses it again with its bare field names quoted.
bool ParsePaddedJson(simdjson::dom::parser& parser, std::string_view text, bool allow_unquoted_field_names,
                     simdjson::dom::element* out);

// Parses documents through one reusable padded buffer (string vector values are not padded).
class JsonDocumentParser {
 public:
  explicit JsonDocumentParser(bool allow_unquoted_field_names = false)
      : allow_unquoted_field_names_(allow_unquoted_field_names) {}
  // False when `text` is not one valid JSON document (blank text included).
  bool Parse(std::string_view text, simdjson::dom::element* out);

 private:
  bool allow_unquoted_field_names_;
  simdjson::dom::parser parser_;
  std::string padded_;
};

// Whether `text` is empty or only whitespace (Jackson finds no token: the JSON functions' null).
bool IsBlankJson(std::string_view text);

// Appends `value` as compact JSON text.
void AppendJsonElement(simdjson::dom::element value, std::string* out);

}  // namespace ember

// Parsing JSON text held in string vectors, and writing parsed values back as text the way
// Jackson's generator copies them (compact; integers as written, fractions as Java prints doubles,
// strings with Jackson's escapes). Used by the JSON functions and the JSON source.
#pragma once

#include <string>
#include <string_view>

#include "simdjson.h"

namespace ember {

// Parses documents through one reusable padded buffer (string vector values are not padded).
class JsonDocumentParser {
 public:
  // False when `text` is not one valid JSON document (blank text included).
  bool Parse(std::string_view text, simdjson::dom::element* out);

 private:
  simdjson::dom::parser parser_;
  std::string padded_;
};

// Whether `text` is empty or only whitespace (Jackson finds no token: the JSON functions' null).
bool IsBlankJson(std::string_view text);

// Appends `value` as compact JSON text.
void AppendJsonElement(simdjson::dom::element value, std::string* out);

}  // namespace ember

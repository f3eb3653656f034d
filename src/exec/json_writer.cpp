#include "exec/json_writer.h"

#include <cmath>
#include <cstdio>

namespace ember {

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) text_ += ',';
    first_.back() = false;
  }
}

void JsonWriter::Key(std::string_view key) {
  String(key);
  text_ += ':';
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  Separate();
  text_ += '"';
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      text_ += '\\';
      text_ += c;
    } else if (u < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof(escape), "\\u%04x", u);
      text_ += escape;
    } else {
      text_ += c;
    }
  }
  text_ += '"';
}

void JsonWriter::Int(int64_t value) {
  Separate();
  text_ += std::to_string(value);
}

void JsonWriter::Double(double value) {
  if (std::isnan(value)) return String("NaN");
  if (std::isinf(value)) return String(value > 0 ? "Infinity" : "-Infinity");
  Separate();
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.17g", value);
  text_ += buffer;
  // Keep a double a JSON double even when it prints as an integer.
  if (text_.find_first_of(".eE", text_.size() - std::char_traits<char>::length(buffer)) ==
      std::string::npos) {
    text_ += ".0";
  }
}

void JsonWriter::Bool(bool value) {
  Separate();
  text_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  Separate();
  text_ += "null";
}

void JsonWriter::Raw(std::string_view json) {
  Separate();
  text_ += json;
}

}  // namespace ember

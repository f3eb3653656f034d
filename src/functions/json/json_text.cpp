#include "functions/json/json_text.h"

#include <charconv>

#include "functions/cast/java_number_format.h"
#include "functions/json/json_value_writer.h"

namespace ember {

bool JsonDocumentParser::Parse(std::string_view text, simdjson::dom::element* out) {
  padded_.assign(text.data(), text.size());
  padded_.resize(text.size() + simdjson::SIMDJSON_PADDING, '\0');
  return parser_.parse(padded_.data(), text.size(), false).get(*out) == simdjson::SUCCESS;
}

bool IsBlankJson(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

void AppendJsonElement(simdjson::dom::element value, std::string* out) {
  using simdjson::dom::element_type;
  char digits[32];
  switch (value.type()) {
    case element_type::NULL_VALUE: out->append("null"); return;
    case element_type::BOOL: out->append(value.get_bool().value_unsafe() ? "true" : "false"); return;
    case element_type::INT64: {
      auto end = std::to_chars(digits, digits + sizeof(digits), value.get_int64().value_unsafe()).ptr;
      out->append(digits, end - digits);
      return;
    }
    case element_type::UINT64: {
      auto end = std::to_chars(digits, digits + sizeof(digits), value.get_uint64().value_unsafe()).ptr;
      out->append(digits, end - digits);
      return;
    }
    case element_type::DOUBLE: AppendJavaDouble(value.get_double().value_unsafe(), out); return;
    case element_type::STRING: AppendJsonString(value.get_string().value_unsafe(), out); return;
    case element_type::ARRAY: {
      out->push_back('[');
      bool first = true;
      for (simdjson::dom::element item : simdjson::dom::array(value.get_array().value_unsafe())) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonElement(item, out);
      }
      out->push_back(']');
      return;
    }
    case element_type::OBJECT: {
      out->push_back('{');
      bool first = true;
      for (simdjson::dom::key_value_pair field : simdjson::dom::object(value.get_object().value_unsafe())) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(field.key, out);
        out->push_back(':');
        AppendJsonElement(field.value, out);
      }
      out->push_back('}');
      return;
    }
  }
}

}  // namespace ember

#include "functions/json/json_text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "functions/cast/java_number_format.h"
#include "functions/json/json_value_writer.h"

namespace ember {

std::string QuoteBareFieldNames(std::string_view text) {
  auto name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
  };
  std::string out;
  out.reserve(text.size() + 16);
  std::vector<bool> in_object;  // the open containers, innermost last
  bool expect_name = false;     // right after `{` or an object's `,`
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '"') {  // a string, escapes included, copied whole
      size_t end = i + 1;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      end = std::min(end + 1, text.size());
      out.append(text.substr(i, end - i));
      i = end;
      expect_name = false;
      continue;
    }
    if (expect_name && name_char(c)) {
      size_t end = i;
      while (end < text.size() && name_char(text[end])) ++end;
      out.append("\"").append(text.substr(i, end - i)).append("\"");
      i = end;
      expect_name = false;
      continue;
    }
    if (c == '{' || c == '[') {
      in_object.push_back(c == '{');
      expect_name = c == '{';
    } else if (c == '}' || c == ']') {
      if (!in_object.empty()) in_object.pop_back();
      expect_name = false;
    } else if (c == ',') {
      expect_name = !in_object.empty() && in_object.back();
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      expect_name = false;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

bool ParsePaddedJson(simdjson::dom::parser& parser, std::string_view text, bool allow_unquoted_field_names,
                     simdjson::dom::element* out) {
  if (parser.parse(text.data(), text.size(), false).get(*out) == simdjson::SUCCESS) return true;
  if (!allow_unquoted_field_names) return false;
  std::string quoted = QuoteBareFieldNames(text);
  return quoted != text && parser.parse(quoted.data(), quoted.size(), true).get(*out) == simdjson::SUCCESS;
}

bool JsonDocumentParser::Parse(std::string_view text, simdjson::dom::element* out) {
  padded_.assign(text.data(), text.size());
  padded_.resize(text.size() + simdjson::SIMDJSON_PADDING, '\0');
  return ParsePaddedJson(parser_, std::string_view(padded_.data(), text.size()), allow_unquoted_field_names_, out);
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

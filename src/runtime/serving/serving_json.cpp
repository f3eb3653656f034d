#include "runtime/serving/serving_json.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

#include "runtime/serving/serving_input.h"
#include "simdjson.h"

namespace ember::serving {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

void AppendQuoted(std::string_view text, std::string* out) {
  out->push_back('"');
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          *out += buffer;
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

// A double or float in its shortest text that reads back as the same value.
template <typename T>
void AppendNumber(T v, std::string* out) {
  if (std::isnan(v)) {
    *out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    *out += v > 0 ? "Infinity" : "-Infinity";
    return;
  }
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  std::string_view text(buffer, static_cast<size_t>(end - buffer));
  *out += text;
  if (text.find_first_of(".eE") == std::string_view::npos) *out += ".0";  // stays a double in JSON
}

void AppendDouble(double v, std::string* out) { AppendNumber(v, out); }
void AppendFloat(float v, std::string* out) { AppendNumber(v, out); }

// Value `row` of an output column (double, float, string, vector or array of strings) as JSON.
void AppendValue(const Vector& column, int64_t row, std::string* out) {
  if (column.IsNull(row)) {
    *out += "null";
    return;
  }
  const DataType& type = *column.type();
  if (type.id == TypeId::kDouble) {
    AppendDouble(column.Data<double>()[row], out);
  } else if (type.id == TypeId::kFloat) {
    AppendFloat(column.Data<float>()[row], out);
  } else if (type.id == TypeId::kString) {
    AppendQuoted(column.GetString(row), out);
  } else if (type.id == TypeId::kInt) {
    *out += std::to_string(column.Data<int32_t>()[row]);
  } else if (type.udt == kVectorUdtClass) {
    bool dense = column.child(0)->Data<int8_t>()[row] == 1;
    const Vector& values = *column.child(3);
    const int32_t* offsets = values.Offsets();
    const double* data = values.child(0)->Data<double>();
    auto append_values = [&] {
      out->push_back('[');
      for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        if (i > offsets[row]) out->push_back(',');
        AppendDouble(data[i], out);
      }
      out->push_back(']');
    };
    if (dense) {
      append_values();
      return;
    }
    *out += "{\"size\":" + std::to_string(column.child(1)->Data<int32_t>()[row]) + ",\"indices\":[";
    const Vector& indices = *column.child(2);
    const int32_t* index_data = indices.child(0)->Data<int32_t>();
    for (int32_t i = indices.Offsets()[row]; i < indices.Offsets()[row + 1]; ++i) {
      if (i > indices.Offsets()[row]) out->push_back(',');
      *out += std::to_string(index_data[i]);
    }
    *out += "],\"values\":";
    append_values();
    out->push_back('}');
  } else if (type.id == TypeId::kArray && type.element->id == TypeId::kString) {
    const Vector& elements = *column.child(0);
    const int32_t* offsets = column.Offsets();
    out->push_back('[');
    for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i) {
      if (i > offsets[row]) out->push_back(',');
      if (elements.IsNull(i)) {
        *out += "null";
      } else {
        AppendQuoted(elements.GetString(i), out);
      }
    }
    out->push_back(']');
  } else {
    *out += "null";
  }
}

std::string TypeName(element_type type) {
  switch (type) {
    case element_type::ARRAY:
      return "a list";
    case element_type::OBJECT:
      return "an object";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    default:
      return "a number";
  }
}

std::vector<double> Numbers(InputColumns& columns, size_t field, element array) {
  std::vector<double> out;
  simdjson::dom::array items = array.get_array().value();
  for (element item : items) {
    if (item.is_double()) {
      out.push_back(item.get_double().value());
    } else if (item.is_int64()) {
      out.push_back(static_cast<double>(item.get_int64().value()));
    } else if (item.is_uint64()) {
      out.push_back(static_cast<double>(item.get_uint64().value()));
    } else {
      columns.WrongType(field, "a list holding " + TypeName(item.type()));
    }
  }
  return out;
}

void AppendInput(InputColumns& columns, size_t field, element value) {
  switch (value.type()) {
    case element_type::NULL_VALUE:
      columns.Null(field);
      break;
    case element_type::STRING:
      columns.String(field, value.get_string().value());
      break;
    case element_type::BOOL:
      columns.Bool(field, value.get_bool().value());
      break;
    case element_type::INT64:
      columns.Int(field, value.get_int64().value());
      break;
    case element_type::UINT64:
      columns.Double(field, static_cast<double>(value.get_uint64().value()));
      break;
    case element_type::DOUBLE:
      columns.Double(field, value.get_double().value());
      break;
    case element_type::ARRAY:
      if (columns.kind(field) == InputKind::kStrings) {
        std::vector<std::optional<std::string_view>> strings;
        simdjson::dom::array items = value.get_array().value();
        for (element item : items) {
          if (item.is_null()) {
            strings.emplace_back();
          } else if (item.is_string()) {
            strings.emplace_back(item.get_string().value());
          } else {
            columns.WrongType(field, "a list holding " + TypeName(item.type()));
          }
        }
        columns.Strings(field, strings);
      } else {
        columns.Dense(field, Numbers(columns, field, value));
      }
      break;
    case element_type::OBJECT: {
      element size, indices, values;
      if (value["size"].get(size) || value["indices"].get(indices) || value["values"].get(values) ||
          !size.is_int64() || !indices.is_array() || !values.is_array()) {
        columns.WrongType(field, "an object other than {\"size\", \"indices\", \"values\"}");
      }
      std::vector<int32_t> index_list;
      for (double i : Numbers(columns, field, indices)) index_list.push_back(static_cast<int32_t>(i));
      columns.Sparse(field, static_cast<int32_t>(size.get_int64().value()), index_list, Numbers(columns, field, values));
      break;
    }
  }
}

}  // namespace

std::string ScoreJson(const ServingModel& model, std::string_view body) {
  simdjson::dom::parser parser;
  element root;
  if (auto error = parser.parse(body.data(), body.size()).get(root)) {
    throw ServingError(400, "", std::string("malformed JSON: ") + simdjson::error_message(error));
  }
  std::vector<element> rows;
  bool many = root.is_array();
  if (many) {
    simdjson::dom::array items = root.get_array().value();
    for (element row : items) rows.push_back(row);
  } else {
    rows.push_back(root);
  }
  InputColumns columns(model, static_cast<int64_t>(rows.size()));
  const auto& inputs = model.inputs();
  for (const element& row : rows) {
    if (!row.is_object()) throw ServingError(400, "", "a row must be a JSON object, not " + TypeName(row.type()));
    for (size_t f = 0; f < inputs.size(); ++f) {
      element value;
      if (row[inputs[f].name].get(value)) columns.Missing(f);
      AppendInput(columns, f, value);
    }
  }
  std::vector<bool> kept;
  std::vector<VectorPtr> outputs = model.Score(columns.Finish(), static_cast<int64_t>(rows.size()), &kept);
  std::string out;
  if (many) out.push_back('[');
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r > 0) out.push_back(',');
    if (!kept[r]) {
      out += "null";
      continue;
    }
    out.push_back('{');
    for (size_t c = 0; c < outputs.size(); ++c) {
      if (c > 0) out.push_back(',');
      AppendQuoted(model.outputs()[c].name, &out);
      out.push_back(':');
      AppendValue(*outputs[c], static_cast<int64_t>(r), &out);
    }
    out.push_back('}');
  }
  if (many) out.push_back(']');
  return out;
}

std::string DescribeJson(const ServingModel& model) {
  std::string out = "{\"inputs\":[";
  for (size_t i = 0; i < model.inputs().size(); ++i) {
    const auto& input = model.inputs()[i];
    if (i > 0) out.push_back(',');
    out += "{\"name\":";
    AppendQuoted(input.name, &out);
    out += ",\"type\":";
    out += '"';
    out += InputKindLabel(input.kind);
    out += '"';
    out.push_back('}');
  }
  out += "],\"outputs\":[";
  for (size_t i = 0; i < model.outputs().size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendQuoted(model.outputs()[i].name, &out);
  }
  out += "]}";
  return out;
}

std::string ErrorJson(const std::string& message, const std::string& field) {
  std::string out = "{\"error\":";
  AppendQuoted(message, &out);
  out += ",\"field\":";
  if (field.empty()) {
    out += "null";
  } else {
    AppendQuoted(field, &out);
  }
  out.push_back('}');
  return out;
}

}  // namespace ember::serving

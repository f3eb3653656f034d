#include "functions/json/json_value_writer.h"

#include <charconv>
#include <cmath>

#include "common/base64.h"
#include "common/value.h"
#include "common/variant.h"
#include "functions/cast/java_number_format.h"
#include "functions/variant/variant_codec.h"

namespace ember {
namespace {

template <typename T>
void AppendInteger(T value, std::string* out) {
  char buffer[48];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out->append(buffer, result.ptr - buffer);
}

void WriteFloating(double value, bool is_float, std::string* out) {
  // Jackson quotes the non-numeric values.
  if (!std::isfinite(value)) out->push_back('"');
  if (is_float) {
    AppendJavaFloat(static_cast<float>(value), out);
  } else {
    AppendJavaDouble(value, out);
  }
  if (!std::isfinite(value)) out->push_back('"');
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out->push_back('"');
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        if (byte < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[byte >> 4]);
          out->push_back(kHex[byte & 15]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

JsonValueWriter::JsonValueWriter(const JsonOptions& options, const absl::TimeZone& zone)
    : datetimes_(options, zone), ignore_null_fields_(options.ignore_null_fields) {}

void JsonValueWriter::Write(const Vector& vector, int64_t row, std::string* out) const {
  const DataType& type = *vector.type();
  switch (type.id) {
    case TypeId::kNull: out->append("null"); return;
    case TypeId::kBoolean: out->append(vector.Data<uint8_t>()[row] ? "true" : "false"); return;
    case TypeId::kByte: AppendInteger(vector.Data<int8_t>()[row], out); return;
    case TypeId::kShort: AppendInteger(vector.Data<int16_t>()[row], out); return;
    case TypeId::kInt: AppendInteger(vector.Data<int32_t>()[row], out); return;
    case TypeId::kLong: AppendInteger(vector.Data<int64_t>()[row], out); return;
    case TypeId::kFloat: WriteFloating(vector.Data<float>()[row], true, out); return;
    case TypeId::kDouble: WriteFloating(vector.Data<double>()[row], false, out); return;
    case TypeId::kDecimal: {
      int128_t unscaled = type.IsWideDecimal() ? vector.Data<int128_t>()[row] : vector.Data<int64_t>()[row];
      out->append(DecimalToString(unscaled, type.scale));
      return;
    }
    case TypeId::kString: AppendJsonString(vector.GetString(row), out); return;
    case TypeId::kBinary:
      out->push_back('"');
      AppendBase64(*out, vector.GetString(row));
      out->push_back('"');
      return;
    case TypeId::kDate:
      out->push_back('"');
      datetimes_.FormatDate(vector.Data<int32_t>()[row], out);
      out->push_back('"');
      return;
    case TypeId::kTimestamp:
      out->push_back('"');
      datetimes_.FormatTimestamp(vector.Data<int64_t>()[row], out);
      out->push_back('"');
      return;
    case TypeId::kTimestampNtz:
      out->push_back('"');
      datetimes_.FormatTimestampNtz(vector.Data<int64_t>()[row], out);
      out->push_back('"');
      return;
    case TypeId::kArray: {
      const int32_t* offsets = vector.Offsets();
      const Vector& elements = *vector.child(0);
      out->push_back('[');
      for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        if (i > offsets[row]) out->push_back(',');
        WriteOrNull(elements, i, out);
      }
      out->push_back(']');
      return;
    }
    case TypeId::kMap: {
      const int32_t* offsets = vector.Offsets();
      const Vector& keys = *vector.child(0);
      const Vector& values = *vector.child(1);
      out->push_back('{');
      for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        if (i > offsets[row]) out->push_back(',');
        WriteKey(keys, i, out);
        out->push_back(':');
        WriteOrNull(values, i, out);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kStruct: {
      if (IsVariant(type)) {
        AppendVariantJson(VariantView::Of(vector, row), datetimes_.zone(), out);
        return;
      }
      out->push_back('{');
      bool first = true;
      for (size_t i = 0; i < type.fields.size(); ++i) {
        const Vector& field = *vector.child(i);
        if (field.IsNull(row) && ignore_null_fields_) continue;
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(type.fields[i].name, out);
        out->push_back(':');
        WriteOrNull(field, row, out);
      }
      out->push_back('}');
      return;
    }
  }
}

void JsonValueWriter::WriteOrNull(const Vector& vector, int64_t row, std::string* out) const {
  if (vector.IsNull(row)) {
    out->append("null");
  } else {
    Write(vector, row, out);
  }
}

// Map keys are object keys: strings as they are, other types as their JSON text.
void JsonValueWriter::WriteKey(const Vector& keys, int64_t row, std::string* out) const {
  if (keys.type()->id == TypeId::kString) {
    AppendJsonString(keys.GetString(row), out);
    return;
  }
  std::string text;
  Write(keys, row, &text);
  if (!text.empty() && text.front() == '"') {
    out->append(text);
  } else {
    AppendJsonString(text, out);
  }
}

}  // namespace ember

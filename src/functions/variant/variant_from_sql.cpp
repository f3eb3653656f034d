#include "functions/variant/variant_from_sql.h"

#include "common/variant.h"
#include "functions/variant/variant_codec.h"

namespace ember {

bool CanConvertToVariant(const DataType& type, bool structs_and_maps) {
  if (IsVariant(type)) return true;
  if (!type.udt.empty() || type.IsInterval()) return false;
  switch (type.id) {
    case TypeId::kArray: return CanConvertToVariant(*type.element, structs_and_maps);
    case TypeId::kMap:
      return structs_and_maps && type.element->id == TypeId::kString && CanConvertToVariant(*type.value, true);
    case TypeId::kStruct:
      if (!structs_and_maps) return false;
      for (const auto& field : type.fields) {
        if (!CanConvertToVariant(*field.type, true)) return false;
      }
      return true;
    default: return true;
  }
}

namespace {

void AppendSql(const Vector& v, int64_t row, VariantWriter& w) {
  if (v.IsNull(row)) return w.AppendNull();
  const DataType& type = *v.type();
  if (IsVariant(type)) return w.AppendVariant(VariantView::Of(v, row));
  switch (type.id) {
    case TypeId::kNull: return w.AppendNull();
    case TypeId::kBoolean: return w.AppendBoolean(v.Data<uint8_t>()[row] != 0);
    case TypeId::kByte: return w.AppendLong(v.Data<int8_t>()[row]);
    case TypeId::kShort: return w.AppendLong(v.Data<int16_t>()[row]);
    case TypeId::kInt: return w.AppendLong(v.Data<int32_t>()[row]);
    case TypeId::kLong: return w.AppendLong(v.Data<int64_t>()[row]);
    case TypeId::kFloat: return w.AppendFloat(v.Data<float>()[row]);
    case TypeId::kDouble: return w.AppendDouble(v.Data<double>()[row]);
    case TypeId::kDecimal: {
      int128_t unscaled = type.IsWideDecimal() ? v.Data<int128_t>()[row] : v.Data<int64_t>()[row];
      return w.AppendDecimal(unscaled, std::max(DecimalDigits(unscaled), type.scale), type.scale);
    }
    case TypeId::kString: return w.AppendString(v.GetString(row));
    case TypeId::kBinary: return w.AppendBinary(v.GetString(row));
    case TypeId::kDate: return w.AppendDate(v.Data<int32_t>()[row]);
    case TypeId::kTimestamp: return w.AppendTimestamp(v.Data<int64_t>()[row], false);
    case TypeId::kTimestampNtz: return w.AppendTimestamp(v.Data<int64_t>()[row], true);
    case TypeId::kArray: {
      VariantWriter::Container c = w.StartContainer();
      const int32_t* offsets = v.Offsets();
      for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        w.AddElement();
        AppendSql(*v.child(0), i, w);
      }
      return w.FinishArray(c);
    }
    case TypeId::kMap: {
      VariantWriter::Container c = w.StartContainer();
      const int32_t* offsets = v.Offsets();
      for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        w.AddField(v.child(0)->GetString(i));
        AppendSql(*v.child(1), i, w);
      }
      return w.FinishObject(c);
    }
    case TypeId::kStruct: {
      VariantWriter::Container c = w.StartContainer();
      for (size_t f = 0; f < type.fields.size(); ++f) {
        w.AddField(type.fields[f].name);
        AppendSql(*v.child(f), row, w);
      }
      return w.FinishObject(c);
    }
    default: return w.AppendNull();
  }
}

}  // namespace

VectorPtr ToVariantVector(const Vector& input) {
  VectorBuilder out(VariantType(), input.length());
  VariantWriter writer;
  std::string value, metadata;
  for (int64_t i = 0; i < input.length(); ++i) {
    if (input.IsNull(i)) {
      out.AppendNull();
      continue;
    }
    writer.Reset();
    AppendSql(input, i, writer);
    writer.Finish(&value, &metadata);
    AppendVariantRow(out, value, metadata);
  }
  return out.Finish();
}

}  // namespace ember

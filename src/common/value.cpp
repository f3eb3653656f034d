#include "common/value.h"

#include <algorithm>
#include <cstring>

#include "common/error.h"

namespace ember {

Value Value::Null(TypePtr type) {
  Value v;
  v.type = std::move(type);
  return v;
}

namespace {
Value Make(TypePtr type) {
  Value v;
  v.type = std::move(type);
  v.is_null = false;
  return v;
}
}  // namespace

Value Value::Boolean(bool b) {
  Value v = Make(BooleanType());
  v.i64 = b;
  return v;
}
Value Value::Int(int32_t i) {
  Value v = Make(IntType());
  v.i64 = i;
  return v;
}
Value Value::Long(int64_t i) {
  Value v = Make(LongType());
  v.i64 = i;
  return v;
}
Value Value::Double(double d) {
  Value v = Make(DoubleType());
  v.f64 = d;
  return v;
}
Value Value::String(std::string s) {
  Value v = Make(StringType());
  v.str = std::move(s);
  return v;
}
Value Value::Date(int32_t days) {
  Value v = Make(DateType());
  v.i64 = days;
  return v;
}
Value Value::Timestamp(int64_t micros) {
  Value v = Make(TimestampType());
  v.i64 = micros;
  return v;
}
Value Value::Decimal(int128_t unscaled, int precision, int scale) {
  Value v = Make(DecimalType(precision, scale));
  if (precision > kMaxLongDecimalPrecision) {
    v.i128 = unscaled;
  } else {
    v.i64 = static_cast<int64_t>(unscaled);
  }
  return v;
}

Value GetValue(const Vector& vector, int64_t row) {
  const TypePtr& type = vector.type();
  Value v = Value::Null(type);
  if (vector.IsNull(row) || type->id == TypeId::kNull) return v;
  v.is_null = false;
  switch (type->id) {
    case TypeId::kBoolean: v.i64 = vector.Data<uint8_t>()[row]; break;
    case TypeId::kByte: v.i64 = vector.Data<int8_t>()[row]; break;
    case TypeId::kShort: v.i64 = vector.Data<int16_t>()[row]; break;
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval: v.i64 = vector.Data<int32_t>()[row]; break;
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval: v.i64 = vector.Data<int64_t>()[row]; break;
    case TypeId::kFloat: v.f64 = vector.Data<float>()[row]; break;
    case TypeId::kDouble: v.f64 = vector.Data<double>()[row]; break;
    case TypeId::kDecimal:
      if (type->IsWideDecimal()) {
        v.i128 = vector.Data<int128_t>()[row];
      } else {
        v.i64 = vector.Data<int64_t>()[row];
      }
      break;
    case TypeId::kString:
    case TypeId::kBinary: v.str = std::string(vector.GetString(row)); break;
    case TypeId::kArray: {
      const int32_t* offsets = vector.Offsets();
      for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i)
        v.children.push_back(GetValue(*vector.child(0), i));
      break;
    }
    case TypeId::kMap: {
      const int32_t* offsets = vector.Offsets();
      for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i)
        v.children.push_back(GetValue(*vector.child(0), i));
      for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i)
        v.children.push_back(GetValue(*vector.child(1), i));
      break;
    }
    case TypeId::kStruct:
      for (const auto& child : vector.children()) v.children.push_back(GetValue(*child, row));
      break;
    case TypeId::kNull: break;
  }
  return v;
}

void AppendValue(VectorBuilder& builder, const Value& value) {
  const DataType& type = *builder.type();
  if (value.is_null) {
    builder.AppendNull();
    return;
  }
  switch (type.id) {
    case TypeId::kNull: builder.AppendNull(); break;
    case TypeId::kBoolean: builder.AppendBool(value.i64 != 0); break;
    case TypeId::kByte: builder.Append<int8_t>(static_cast<int8_t>(value.i64)); break;
    case TypeId::kShort: builder.Append<int16_t>(static_cast<int16_t>(value.i64)); break;
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval: builder.Append<int32_t>(static_cast<int32_t>(value.i64)); break;
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval: builder.Append<int64_t>(value.i64); break;
    case TypeId::kFloat: builder.Append<float>(static_cast<float>(value.f64)); break;
    case TypeId::kDouble: builder.Append<double>(value.f64); break;
    case TypeId::kDecimal:
      if (type.IsWideDecimal()) {
        builder.Append<int128_t>(value.DecimalUnscaled());
      } else {
        builder.Append<int64_t>(static_cast<int64_t>(value.DecimalUnscaled()));
      }
      break;
    case TypeId::kString:
    case TypeId::kBinary: builder.AppendString(value.str); break;
    case TypeId::kArray:
      for (const auto& element : value.children) AppendValue(builder.Child(0), element);
      builder.FinishNested();
      break;
    case TypeId::kMap: {
      size_t n = value.children.size() / 2;
      for (size_t i = 0; i < n; ++i) {
        AppendValue(builder.Child(0), value.children[i]);
        AppendValue(builder.Child(1), value.children[n + i]);
      }
      builder.FinishNested();
      break;
    }
    case TypeId::kStruct:
      for (size_t i = 0; i < type.fields.size(); ++i) AppendValue(builder.Child(i), value.children[i]);
      builder.FinishNested();
      break;
  }
}

namespace {

template <typename T>
void FillWith(const Vector& single, int64_t length, Vector& out) {
  std::fill_n(out.Data<T>(), length, single.Data<T>()[0]);
}

}  // namespace

VectorPtr MakeConstantVector(const Value& value, int64_t length) {
  if (!value.is_null && value.type->IsFixedWidth()) {
    // Literals are expanded for every batch: box the value once, then copy its bytes.
    VectorBuilder one(value.type, 1);
    AppendValue(one, value);
    VectorPtr single = one.Finish();
    VectorPtr out = Vector::Make(value.type, length);
    switch (value.type->ByteWidth()) {
      case 1: FillWith<uint8_t>(*single, length, *out); break;
      case 2: FillWith<uint16_t>(*single, length, *out); break;
      case 4: FillWith<uint32_t>(*single, length, *out); break;
      case 8: FillWith<uint64_t>(*single, length, *out); break;
      case 16: FillWith<int128_t>(*single, length, *out); break;
      default: EMBER_CHECK(false, "unexpected width");
    }
    return out;
  }
  if (!value.is_null && value.type->IsVariableWidth()) {
    VectorBuilder one(value.type, 1);
    AppendValue(one, value);
    VectorPtr single = one.Finish();
    std::string_view bytes = single->GetString(0);
    int64_t width = static_cast<int64_t>(bytes.size());
    if (width * length <= INT32_MAX) {
      VectorPtr out = Vector::Make(value.type, length);
      out->bytes().Resize(width * length);
      uint8_t* dst = out->bytes().data();
      int32_t* offsets = out->Offsets();
      for (int64_t i = 0; i < length; ++i) {
        if (width > 0) std::memcpy(dst + i * width, bytes.data(), width);
        offsets[i + 1] = static_cast<int32_t>((i + 1) * width);
      }
      offsets[0] = 0;
      return out;
    }
  }
  VectorBuilder builder(value.type, length);
  for (int64_t i = 0; i < length; ++i) AppendValue(builder, value);
  return builder.Finish();
}

std::string Int128ToString(int128_t value) {
  if (value == 0) return "0";
  bool negative = value < 0;
  // Work with the unsigned magnitude so the minimum value does not overflow.
  unsigned __int128 magnitude = negative ? -static_cast<unsigned __int128>(value) : value;
  std::string digits;
  while (magnitude > 0) {
    digits += static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  }
  if (negative) digits += '-';
  return std::string(digits.rbegin(), digits.rend());
}

std::string DecimalToString(int128_t unscaled, int scale) {
  std::string digits = Int128ToString(unscaled);
  if (scale == 0) return digits;
  bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  if (static_cast<int>(digits.size()) <= scale)
    digits.insert(0, scale - digits.size() + 1, '0');
  digits.insert(digits.size() - scale, ".");
  return negative ? "-" + digits : digits;
}

}  // namespace ember

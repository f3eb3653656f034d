#include "functions/variant/variant_cast.h"

#include <cstdlib>
#include <limits>

#include "common/error.h"
#include "common/value.h"
#include "common/variant.h"
#include "functions/decimal_util.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"

namespace ember {

bool CanCastFromVariant(const DataType& target) {
  if (IsVariant(target)) return true;
  if (!target.udt.empty()) return false;
  switch (target.id) {
    case TypeId::kArray: return CanCastFromVariant(*target.element);
    case TypeId::kMap: return target.element->id == TypeId::kString && CanCastFromVariant(*target.value);
    case TypeId::kStruct:
      for (const auto& field : target.fields) {
        if (!CanCastFromVariant(*field.type)) return false;
      }
      return true;
    case TypeId::kNull:
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval: return false;
    default: return true;
  }
}

void CheckVariantArg(const std::string& name, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  if (!IsVariant(*args[0].type) && args[0].type->id != TypeId::kNull) ThrowUnexpectedType(name, 0, "\"VARIANT\"", *args[0].type);
}

namespace {

// The variant scalar as a SQL value of its own type.
Value ScalarValue(const VariantView& v) {
  Value value;
  value.is_null = false;
  switch (v.kind()) {
    case VariantKind::kBoolean: return Value::Boolean(v.GetBoolean());
    case VariantKind::kLong: return Value::Long(v.GetLong());
    case VariantKind::kDouble: return Value::Double(v.GetDouble());
    case VariantKind::kFloat:
      value.type = FloatType();
      value.f64 = v.GetFloat();
      return value;
    case VariantKind::kDecimal: {
      auto [unscaled, scale] = v.GetStrippedDecimal();
      return Value::Decimal(unscaled, std::max(DecimalDigits(unscaled), scale), scale);
    }
    case VariantKind::kString: return Value::String(std::string(v.GetString()));
    case VariantKind::kBinary:
      value.type = BinaryType();
      value.str = std::string(v.GetString());
      return value;
    case VariantKind::kDate: return Value::Date(v.GetDate());
    case VariantKind::kTimestamp: return Value::Timestamp(v.GetMicros());
    case VariantKind::kTimestampNtz:
      value.type = TimestampNtzType();
      value.i64 = v.GetMicros();
      return value;
    default: return Value::Null(NullType());
  }
}

template <typename T>
bool AppendIntegral(int64_t v, VectorBuilder& out) {
  if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) return false;
  out.Append<T>(static_cast<T>(v));
  return true;
}

// The common conversions without a general cast: integers to integer types, numbers to double and
// decimal, strings to string. False when another path must convert.
bool AppendDirect(const VariantView& v, const DataType& type, VectorBuilder& out, bool* fits) {
  VariantKind kind = v.kind();
  *fits = true;
  if (kind == VariantKind::kLong && type.IsIntegral()) {
    int64_t x = v.GetLong();
    switch (type.id) {
      case TypeId::kByte: *fits = AppendIntegral<int8_t>(x, out); return true;
      case TypeId::kShort: *fits = AppendIntegral<int16_t>(x, out); return true;
      case TypeId::kInt: *fits = AppendIntegral<int32_t>(x, out); return true;
      default: out.Append<int64_t>(x); return true;
    }
  }
  if (type.id == TypeId::kDouble && kind == VariantKind::kLong) {
    out.Append<double>(static_cast<double>(v.GetLong()));
    return true;
  }
  if (type.id == TypeId::kDouble && kind == VariantKind::kDouble) {
    out.Append<double>(v.GetDouble());
    return true;
  }
  if (type.id == TypeId::kString && kind == VariantKind::kString) {
    out.AppendString(v.GetString());
    return true;
  }
  if (type.id == TypeId::kBoolean && kind == VariantKind::kBoolean) {
    out.AppendBool(v.GetBoolean());
    return true;
  }
  if (type.id == TypeId::kDecimal && (kind == VariantKind::kLong || kind == VariantKind::kDecimal)) {
    auto [unscaled, scale] = kind == VariantKind::kLong ? std::pair<int128_t, int>{v.GetLong(), 0} : v.GetDecimal();
    bool overflow = false;
    int128_t rescaled = RescaleHalfUp(unscaled, scale, type.scale, &overflow);
    *fits = !overflow && FitsPrecision(rescaled, type.precision);
    if (!*fits) return true;
    if (type.IsWideDecimal()) {
      out.Append<int128_t>(rescaled);
    } else {
      out.Append<int64_t>(static_cast<int64_t>(rescaled));
    }
    return true;
  }
  if (type.id == TypeId::kDouble && kind == VariantKind::kDecimal) {
    auto [unscaled, scale] = v.GetDecimal();  // the text's nearest double, as BigDecimal.doubleValue
    out.Append<double>(std::strtod(DecimalToString(unscaled, scale).c_str(), nullptr));
    return true;
  }
  return false;
}

}  // namespace

void VariantCaster::Invalid(const VariantView& v, const TypePtr& type, VectorBuilder& out) {
  if (fail_) {
    std::string json;
    AppendVariantJson(v, ctx_.time_zone, &json);
    throw SparkError("INVALID_VARIANT_CAST", {{"value", json}, {"dataType", "\"" + type->Sql() + "\""}});
  }
  out.AppendNull();
}

void VariantCaster::AppendScalar(const VariantView& v, const TypePtr& type, VectorBuilder& out) {
  bool fits;
  if (AppendDirect(v, *type, out, &fits)) {
    if (!fits) Invalid(v, type, out);
    return;
  }
  VariantKind kind = v.kind();
  if (kind == VariantKind::kObject || kind == VariantKind::kArray) {
    if (type->id != TypeId::kString) return Invalid(v, type, out);
    std::string json;
    AppendVariantJson(v, ctx_.time_zone, &json);
    out.AppendString(json);
    return;
  }
  Value value = ScalarValue(v);
  if (value.type->Equals(*type)) {
    AppendValue(out, value);
    return;
  }
  if (!CanCast(*value.type, *type)) return Invalid(v, type, out);
  VectorPtr cast = CastVector(MakeConstantVector(value, 1), type, ctx_, true);
  if (cast->IsNull(0)) return Invalid(v, type, out);
  out.AppendFrom(*cast, 0);
}

void VariantCaster::Append(const VariantView& v, const TypePtr& type, VectorBuilder& out) {
  if (IsVariant(*type)) {
    AppendVariantRow(out, v.value().substr(0, v.Size()), v.metadata());
    return;
  }
  VariantKind kind = v.kind();
  if (kind == VariantKind::kNull) {
    out.AppendNull();
    return;
  }
  switch (type->id) {
    case TypeId::kArray: {
      if (kind != VariantKind::kArray) return Invalid(v, type, out);
      for (int64_t i = 0; i < v.ArraySize(); ++i) Append(v.Element(i), type->element, out.Child(0));
      out.FinishNested();
      return;
    }
    case TypeId::kMap: {
      if (kind != VariantKind::kObject) return Invalid(v, type, out);
      for (int64_t i = 0; i < v.ObjectSize(); ++i) {
        out.Child(0).AppendString(v.FieldKey(i));
        Append(v.FieldValue(i), type->value, out.Child(1));
      }
      out.FinishNested();
      return;
    }
    case TypeId::kStruct: {
      if (kind != VariantKind::kObject) return Invalid(v, type, out);
      for (size_t f = 0; f < type->fields.size(); ++f) {
        VariantView field("", "");
        if (v.FindField(type->fields[f].name, &field)) {
          Append(field, type->fields[f].type, out.Child(f));
        } else {
          out.Child(f).AppendNull();
        }
      }
      out.FinishNested();
      return;
    }
    default: AppendScalar(v, type, out);
  }
}

VectorPtr CastFromVariant(const Vector& input, const TypePtr& target, EvalContext& ctx, bool try_cast) {
  VariantCaster caster(target, !try_cast, ctx);
  VectorBuilder out(target, input.length());
  for (int64_t i = 0; i < input.length(); ++i) {
    if (input.IsNull(i)) {
      out.AppendNull();
    } else {
      caster.Append(VariantView::Of(input, i), target, out);
    }
  }
  return out.Finish();
}

}  // namespace ember

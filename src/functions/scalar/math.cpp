// Math functions: isnan, sqrt, power, floor, ceil, round (HALF_UP on the decimal text of a
// double, as Spark's BigDecimal rounding), greatest, least.
#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>

#include "functions/builtin_functions.h"
#include "functions/decimal_util.h"
#include "functions/kernel_util.h"
#include "functions/type_coercion.h"
#include "functions/math/rounding.h"

namespace ember {
namespace {

template <typename Fn>
VectorPtr MapDoubles(const VectorPtr& in, const TypePtr& out_type, int64_t rows, Fn fn) {
  VectorPtr out = Vector::Make(out_type, rows);
  const double* a = in->Data<double>();
  DispatchFixedWidth(*out_type, [&](auto tag) {
    using T = decltype(tag);
    T* o = out->Data<T>();
    for (int64_t i = 0; i < rows; ++i) o[i] = static_cast<T>(fn(a[i]));
  });
  PropagateNulls(*out, {in});
  return out;
}

BoundScalar BindIsNan(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("isnan", args, 1, 1);
  BoundScalar bound;
  bound.arg_types = {DoubleType()};
  bound.result_type = BooleanType();
  bound.result_nullable = false;
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(BooleanType(), rows);
    const double* d = a[0]->Data<double>();
    uint8_t* o = out->Data<uint8_t>();
    for (int64_t i = 0; i < rows; ++i) o[i] = a[0]->IsValid(i) && std::isnan(d[i]);
    return out;
  };
  return bound;
}

BoundScalar BindSqrt(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("sqrt", args, 1, 1);
  BoundScalar bound;
  bound.arg_types = {DoubleType()};
  bound.result_type = DoubleType();
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    return MapDoubles(a[0], DoubleType(), rows, [](double x) { return std::sqrt(x); });
  };
  return bound;
}

BoundScalar BindPower(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("power", args, 2, 2);
  BoundScalar bound;
  bound.arg_types = {DoubleType(), DoubleType()};
  bound.result_type = DoubleType();
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(DoubleType(), rows);
    const double* x = a[0]->Data<double>();
    const double* y = a[1]->Data<double>();
    double* o = out->Data<double>();
    for (int64_t i = 0; i < rows; ++i) o[i] = std::pow(x[i], y[i]);
    PropagateNulls(*out, a);
    return out;
  };
  return bound;
}

int64_t SaturatingToLong(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9223372036854775807.0) return std::numeric_limits<int64_t>::max();
  if (d <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

// Java's BigDecimal rounding modes that round, bround and the scale forms of ceil/floor use.
enum class Rounding { kHalfUp, kHalfEven, kCeiling, kFloor };

// n / d (d > 0) rounded by `mode`.
int128_t DivideRounding(int128_t n, int128_t d, Rounding mode) {
  if (mode == Rounding::kHalfUp) return DivideHalfUp(n, d);
  int128_t q = n / d, r = n % d;
  if (r == 0) return q;
  if (mode == Rounding::kCeiling) return r > 0 ? q + 1 : q;
  if (mode == Rounding::kFloor) return r < 0 ? q - 1 : q;
  int128_t twice = (r < 0 ? -r : r) * 2;
  if (twice > d || (twice == d && q % 2 != 0)) q += n < 0 ? -1 : 1;
  return q;
}

// v (a decimal of type `in`) rounded by `mode` at `scale` places (negative: left of the point),
// as Spark's RoundBase does: the result type keeps one more integral digit, and the scale drops
// to min(in's scale, scale), to 0 when `scale` is negative.
BoundScalar BindDecimalRounding(const TypePtr& in, int scale, Rounding mode) {
  int integral = in->precision - in->scale + 1;
  TypePtr out_type = scale < 0 ? DecimalType(std::min(std::max(integral, -scale + 1), kMaxDecimalPrecision), 0)
                               : DecimalType(std::min(integral + std::min(in->scale, scale), kMaxDecimalPrecision),
                                             std::min(in->scale, scale));
  BoundScalar bound;
  bound.arg_types = {in};
  bound.result_type = out_type;
  bound.kernel = [in, out_type, scale, mode](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(out_type, rows);
    int kept = std::min(in->scale, scale);
    int dropped = in->scale - kept;
    for (int64_t i = 0; i < rows; ++i) {
      if (a[0]->IsNull(i)) continue;
      int128_t v = ReadDecimal(*a[0], i);
      // Round at `scale` places, then express at the result scale.
      int128_t r;
      if (dropped <= 38) {
        r = DivideRounding(v, Pow10(dropped), mode);
      } else {  // every digit goes: 0, or one unit of 10^-scale away from zero
        r = v == 0 ? 0 : mode == Rounding::kCeiling ? (v > 0) : mode == Rounding::kFloor ? -(v < 0) : 0;
      }
      bool overflow = false;
      int128_t rounded = r;
      r = RescaleHalfUp(r, kept, out_type->scale, &overflow);
      if (overflow || !FitsPrecision(r, out_type->precision)) {  // only when 38 digits do not hold it
        int digits = out_type->scale - kept;
        for (int128_t m = rounded; m != 0; m /= 10) ++digits;
        throw SparkError("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                         {{"precision", std::to_string(digits)}, {"maxPrecision", std::to_string(out_type->precision)}});
      }
      WriteDecimal(*out, i, r);
    }
    PropagateNulls(*out, {a[0]});
    return out;
  };
  return bound;
}

// The constant INT scale of round/bround (and ceil/floor's, stricter: see BindFloorCeil).
int ConstantScale(const std::string& name, const BindArg& arg) {
  if (arg.literal == nullptr || arg.literal->is_null || !arg.type->IsIntegral())
    ThrowUnexpectedType(name, 1, "a constant \"INT\"", *arg.type);
  return static_cast<int>(arg.literal->i64);
}

// round (HALF_UP) and bround (HALF_EVEN): the argument's own type, decimals with fewer digits.
BoundScalar BindRound(const std::string& name, bool half_even, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 2);
  int scale = args.size() == 2 ? ConstantScale(name, args[1]) : 0;
  const DataType& t = *args[0].type;
  Rounding mode = half_even ? Rounding::kHalfEven : Rounding::kHalfUp;
  BoundScalar bound;
  if (t.id == TypeId::kDecimal) {
    bound = BindDecimalRounding(args[0].type, scale, mode);
    if (args.size() == 2) bound.arg_types.push_back(IntType());
    return bound;
  }
  if (args.size() == 2) bound.arg_types.push_back(IntType());
  if (t.IsIntegral()) {
    TypePtr in = args[0].type;
    bound.arg_types.insert(bound.arg_types.begin(), in);
    bound.result_type = in;
    bound.kernel = [in, scale, mode](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) -> VectorPtr {
      if (scale >= 0) return a[0];
      return DispatchFixedWidth(*in, [&](auto tag) -> VectorPtr {
        using T = decltype(tag);
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, uint8_t>) {
          VectorPtr out = Vector::Make(in, rows);
          const T* v = a[0]->Data<T>();
          T* o = out->Data<T>();
          int128_t unit = -scale > 38 ? 0 : Pow10(-scale);
          for (int64_t i = 0; i < rows; ++i) o[i] = unit == 0 ? 0 : static_cast<T>(DivideRounding(v[i], unit, mode) * unit);
          PropagateNulls(*out, {a[0]});
          return out;
        } else {
          return a[0];
        }
      });
    };
    return bound;
  }
  if (!t.IsNumeric() && t.id != TypeId::kString && t.id != TypeId::kNull)
    ThrowUnexpectedType(name, 0, "\"NUMERIC\"", t);
  TypePtr in = t.id == TypeId::kFloat ? FloatType() : DoubleType();
  bound.arg_types.insert(bound.arg_types.begin(), in);
  bound.result_type = in;
  auto round = half_even ? RoundHalfEven : RoundHalfUp;
  bound.kernel = [in, scale, round](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(in, rows);
    if (in->id == TypeId::kFloat) {
      const float* v = a[0]->Data<float>();
      for (int64_t i = 0; i < rows; ++i) out->Data<float>()[i] = static_cast<float>(round(v[i], scale));
    } else {
      const double* v = a[0]->Data<double>();
      for (int64_t i = 0; i < rows; ++i) out->Data<double>()[i] = round(v[i], scale);
    }
    PropagateNulls(*out, {a[0]});
    return out;
  };
  return bound;
}

// floor / ceil: bigint for integral and floating input; decimal(p - s + 1, 0) for decimals. With
// a scale (Spark's RoundFloor/RoundCeil), the input becomes a decimal (integrals as
// DecimalForIntegral, float as decimal(14,7), double as (30,15), others as (38,18)) rounded there.
BoundScalar BindFloorCeil(const std::string& name, bool ceil, const std::vector<BindArg>& args) {
  if (args.size() != 1 && args.size() != 2) CheckArgCount(name, args, 2, 2);
  const DataType& t = *args[0].type;
  if (args.size() == 2) {
    const BindArg& s = args[1];
    if (s.literal == nullptr || s.literal->is_null || s.type->id != TypeId::kInt)
      throw SparkError("NON_FOLDABLE_ARGUMENT", {{"funcName", QuoteIdentifier(name)},
                                                 {"paramName", "`scale`"}, {"paramType", "\"INT\""}});
    if (!t.IsNumeric() && t.id != TypeId::kString && t.id != TypeId::kNull)
      ThrowUnexpectedType(name, 0, "\"DECIMAL\"", t);
    TypePtr in = t.id == TypeId::kDecimal || t.IsIntegral() ? DecimalForIntegral(t)
                 : t.id == TypeId::kFloat                  ? DecimalType(14, 7)
                 : t.id == TypeId::kDouble                 ? DecimalType(30, 15)
                                                           : DecimalType(38, 18);
    BoundScalar bound = BindDecimalRounding(in, static_cast<int>(s.literal->i64),
                                            ceil ? Rounding::kCeiling : Rounding::kFloor);
    bound.arg_types.push_back(IntType());
    return bound;
  }
  BoundScalar bound;
  if (t.id == TypeId::kDecimal) {
    TypePtr in = args[0].type;
    TypePtr out_type = DecimalType(std::min(t.precision - t.scale + 1, kMaxDecimalPrecision), 0);
    bound.arg_types = {in};
    bound.result_type = out_type;
    bound.kernel = [in, out_type, ceil](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
      VectorPtr out = Vector::Make(out_type, rows);
      int128_t unit = Pow10(in->scale);
      for (int64_t i = 0; i < rows; ++i) {
        int128_t v = ReadDecimal(*a[0], i);
        int128_t q = v / unit;
        if (v % unit != 0 && ((v > 0) == ceil)) q += ceil ? 1 : -1;
        WriteDecimal(*out, i, q);
      }
      PropagateNulls(*out, a);
      return out;
    };
    return bound;
  }
  if (t.IsIntegral()) {
    bound.arg_types = {LongType()};
    bound.result_type = LongType();
    bound.kernel = [](const std::vector<VectorPtr>& a, int64_t, EvalContext&) { return a[0]; };
    return bound;
  }
  if (!t.IsNumeric() && t.id != TypeId::kString && t.id != TypeId::kNull)
    ThrowUnexpectedType(name, 0, "(\"DECIMAL\" or \"DOUBLE\" or \"BIGINT\")", t);
  bound.arg_types = {DoubleType()};
  bound.result_type = LongType();
  bound.kernel = [ceil](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    return MapDoubles(a[0], LongType(), rows,
                      [ceil](double x) { return SaturatingToLong(ceil ? std::ceil(x) : std::floor(x)); });
  };
  return bound;
}

template <typename T>
bool Before(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
  }
  return a < b;
}

// greatest / least: the largest / smallest non-null argument; null only when all are null.
BoundScalar BindExtreme(const std::string& name, bool greatest, const std::vector<BindArg>& args, const EvalContext& ctx) {
  if (args.size() < 2) CheckArgCount(name, args, 2, 2);
  std::vector<TypePtr> types;
  for (const auto& a : args) types.push_back(a.type);
  TypePtr common = FindWiderCommonType(types, ctx.ansi);
  if (!common || common->IsNested())
    ThrowUnexpectedType(name, 0, "arguments of one orderable type", *args[0].type);
  BoundScalar bound;
  bound.arg_types.assign(args.size(), common);
  bound.result_type = common;
  bound.kernel = [common, greatest](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    // Pick, per row, the argument holding the answer.
    std::vector<int32_t> pick(rows, -1);
    auto better = [&](const Vector& x, int64_t i, const Vector& y) -> bool {
      if (common->IsVariableWidth()) {
        int c = x.GetString(i).compare(y.GetString(i));
        return greatest ? c > 0 : c < 0;
      }
      if (common->id == TypeId::kNull) return false;
      return DispatchFixedWidth(*common, [&](auto tag) {
        using T = decltype(tag);
        T u = x.Data<T>()[i], v = y.Data<T>()[i];
        return greatest ? Before(v, u) : Before(u, v);
      });
    };
    for (int64_t i = 0; i < rows; ++i) {
      for (size_t k = 0; k < a.size(); ++k) {
        if (a[k]->type()->id == TypeId::kNull || a[k]->IsNull(i)) continue;
        if (pick[i] < 0 || better(*a[k], i, *a[pick[i]])) pick[i] = static_cast<int32_t>(k);
      }
    }
    VectorBuilder builder(common, rows);
    for (int64_t i = 0; i < rows; ++i) {
      if (pick[i] < 0) builder.AppendNull();
      else builder.AppendFrom(*a[pick[i]], i);
    }
    return builder.Finish();
  };
  return bound;
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("isnan", "isnan(x): whether x is NaN; false for null. isnan(0/0.0) = true", BindIsNan));
  registry.Add(MakeScalar("sqrt", "sqrt(x): square root as double. sqrt(4) = 2.0", BindSqrt));
  registry.Add(MakeScalar("power", "power(x, y): x raised to y as double. power(2, 3) = 8.0", BindPower));
  registry.AddAlias("pow", "power");
  registry.Add(MakeScalar("floor", "floor(x[, d]): largest number not above x with d decimal places (default 0, negative: left of the point).",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindFloorCeil("floor", false, a); },
                          {{"floor(-0.5)", "-1"}, {"floor(3.147, 2)", "3.14"}, {"floor(-15, -1)", "-20"}}));
  registry.Add(MakeScalar("ceil", "ceil(x[, d]): smallest number not below x with d decimal places (default 0, negative: left of the point).",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindFloorCeil("ceil", true, a); },
                          {{"ceil(0.5)", "1"}, {"ceil(-3.147, 2)", "-3.14"}, {"ceil(11, -1)", "20"}}));
  registry.AddAlias("ceiling", "ceil");
  registry.Add(MakeScalar("round", "round(x[, d]): x rounded HALF_UP to d decimal places (negative: left of the point).",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindRound("round", false, a); },
                          {{"round(2.5)", "3"}, {"round(-2.675D, 2)", "-2.68"}, {"round(125, -1)", "130"}}));
  registry.Add(MakeScalar("bround", "bround(x[, d]): x rounded HALF_EVEN to d decimal places (negative: left of the point).",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindRound("bround", true, a); },
                          {{"bround(2.5)", "2"}, {"bround(3.5D)", "4.0"}, {"bround(125, -1)", "120"}}));
  registry.Add(MakeScalar("greatest", "greatest(a, b, ...): the largest non-null argument. greatest(1, 3, 2) = 3",
                          [](const std::vector<BindArg>& a, const EvalContext& c) { return BindExtreme("greatest", true, a, c); }));
  registry.Add(MakeScalar("least", "least(a, b, ...): the smallest non-null argument. least(1, 3, 2) = 1",
                          [](const std::vector<BindArg>& a, const EvalContext& c) { return BindExtreme("least", false, a, c); }));
}

}  // namespace ember

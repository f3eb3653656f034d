// Arithmetic with ANSI intervals, as Spark's analyzer rewrites + - * / over them:
//   date ± INTERVAL DAY            -> DATE (date_add of the whole days)
//   date ± other day-time interval -> TIMESTAMP (the date at midnight, plus the interval)
//   date ± year-month interval     -> DATE (add_months: clamped to the end of shorter months)
//   timestamp ± year-month         -> TIMESTAMP (months added on the session-zone wall clock)
//   timestamp ± day-time           -> TIMESTAMP (plain microseconds)
//   interval ± interval (one kind) -> the span of both types' fields
//   interval * numeric, numeric * interval, interval / numeric -> the kind's widest type
//   date - date -> INTERVAL DAY; timestamp - timestamp -> INTERVAL DAY TO SECOND
// Interval overflow always raises ARITHMETIC_OVERFLOW (Spark uses exact arithmetic for intervals
// regardless of ANSI mode).
#include <cmath>
#include <limits>

#include "common/error.h"
#include "common/interval.h"
#include "functions/datetime/datetime_util.h"
#include "functions/kernel_util.h"
#include "functions/scalar/arithmetic.h"
#include "functions/type_coercion.h"

namespace ember {
namespace {

[[noreturn]] void ThrowIntervalOverflow(bool is_long) {
  throw SparkError("ARITHMETIC_OVERFLOW", {{"message", is_long ? "long overflow" : "integer overflow"},
                                           {"alternative", ""},
                                           {"config", kAnsiConfigQuoted}});
}

// Row-wise `compute(a, b)` over two fixed-width vectors into a vector of `type`; `compute`
// returns nullopt on overflow. Nulls propagate.
template <typename A, typename B, typename R, typename Compute>
ScalarKernel RowKernel(TypePtr type, Compute compute) {
  return [type, compute](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    VectorPtr out = Vector::Make(type, rows);
    const A* a = args[0]->Data<A>();
    const B* b = args[1]->Data<B>();
    R* o = out->Data<R>();
    PropagateNulls(*out, args);
    for (int64_t i = 0; i < rows; ++i) {
      if (!out->IsValid(i)) {
        o[i] = R{};
        continue;
      }
      std::optional<int64_t> value = compute(a[i], b[i], ctx);
      if (!value || *value > std::numeric_limits<R>::max() || *value < std::numeric_limits<R>::min())
        ThrowIntervalOverflow(sizeof(R) == 8);
      o[i] = static_cast<R>(*value);
    }
    return out;
  };
}

std::optional<int64_t> Add(int64_t a, int64_t b) {
  int64_t sum;
  if (__builtin_add_overflow(a, b, &sum)) return std::nullopt;
  return sum;
}

std::optional<int64_t> Multiply(int64_t a, int64_t b) {
  int64_t product;
  if (__builtin_mul_overflow(a, b, &product)) return std::nullopt;
  return product;
}

std::optional<int64_t> RoundToLong(double value, bool half_even) {
  double rounded = half_even ? std::nearbyint(value) : std::round(value);
  if (std::isnan(rounded) || rounded >= 9.2233720368547758e18 || rounded < -9.2233720368547758e18)
    return std::nullopt;
  return static_cast<int64_t>(rounded);
}

bool IsTimestampType(const DataType& type) {
  return type.id == TypeId::kTimestamp || type.id == TypeId::kTimestampNtz;
}

// datetime + sign * interval, with the datetime first.
BoundScalar BindShift(const TypePtr& datetime, const TypePtr& interval, int sign) {
  bool year_month = interval->id == TypeId::kYearMonthInterval;
  if (datetime->id == TypeId::kDate && year_month) {
    return Bound(DateType(), {DateType(), interval},
                 RowKernel<int32_t, int32_t, int32_t>(DateType(), [sign](int32_t d, int32_t m, EvalContext&) {
                   return std::optional<int64_t>(AddMonthsToDate(d, static_cast<int64_t>(sign) * m));
                 }));
  }
  bool whole_days = interval->start_field == kDayField && interval->end_field == kDayField;
  if (datetime->id == TypeId::kDate && whole_days) {
    return Bound(DateType(), {DateType(), interval},
                 RowKernel<int32_t, int64_t, int32_t>(DateType(), [sign](int32_t d, int64_t micros, EvalContext&) {
                   return Add(d, sign * (micros / kMicrosPerDay));
                 }));
  }
  // Dates with finer day-time intervals are shifted as timestamps at the session's midnight.
  TypePtr stamp = datetime->id == TypeId::kDate ? TimestampType() : datetime;
  if (year_month) {
    bool ntz = stamp->id == TypeId::kTimestampNtz;
    return Bound(stamp, {stamp, interval},
                 RowKernel<int64_t, int32_t, int64_t>(stamp, [sign, ntz](int64_t t, int32_t m, EvalContext& ctx) {
                   ZoneCache& zone = ZoneCacheFor(ntz ? absl::UTCTimeZone() : ctx.time_zone);
                   return std::optional<int64_t>(AddMonthsToTimestamp(t, static_cast<int64_t>(sign) * m, zone));
                 }));
  }
  return Bound(stamp, {stamp, interval},
               RowKernel<int64_t, int64_t, int64_t>(stamp, [sign](int64_t t, int64_t micros, EvalContext&) {
                 std::optional<int64_t> shift = Multiply(micros, sign);
                 return shift ? Add(t, *shift) : std::nullopt;
               }));
}

[[noreturn]] void ThrowIntervalDividedByZero() {
  throw SparkError("INTERVAL_DIVIDED_BY_ZERO", "22012",
                   "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.", {});
}

// interval * number or interval / number, with the interval (physical type I) first.
template <typename I>
BoundScalar BindScale(ArithOp op, const TypePtr& interval, const TypePtr& number) {
  bool divide = op == ArithOp::kDivide;
  TypePtr result = interval->id == TypeId::kYearMonthInterval ? YearMonthIntervalType() : DayTimeIntervalType();
  if (number->IsIntegral() || number->id == TypeId::kNull) {
    return Bound(result, {interval, LongType()},
                 RowKernel<I, int64_t, I>(result, [divide](I v, int64_t n, EvalContext&) -> std::optional<int64_t> {
                   if (!divide) return Multiply(v, n);
                   if (n == 0) ThrowIntervalDividedByZero();
                   if (n == -1) return Multiply(v, -1);
                   // Rounded half away from zero, as Spark divides intervals.
                   int64_t quotient = v / n, remainder = v % n;
                   if (2 * std::abs(static_cast<__int128>(remainder)) >= std::abs(static_cast<__int128>(n)))
                     quotient += ((v < 0) == (n < 0)) ? 1 : -1;
                   return quotient;
                 }));
  }
  if (!number->IsNumeric()) ThrowOperandTypes(op, *interval, *number);
  // Spark rounds float and double products half to even; quotients and decimal products half up.
  bool half_even = !divide && number->id != TypeId::kDecimal;
  return Bound(result, {interval, DoubleType()},
               RowKernel<I, double, I>(result, [divide, half_even](I v, double n, EvalContext&) {
                 if (divide && n == 0) ThrowIntervalDividedByZero();
                 return RoundToLong(divide ? v / n : v * n, half_even);
               }));
}

BoundScalar BindScale(ArithOp op, const TypePtr& interval, const TypePtr& number) {
  return interval->id == TypeId::kYearMonthInterval ? BindScale<int32_t>(op, interval, number)
                                                    : BindScale<int64_t>(op, interval, number);
}

// date - date and timestamp - timestamp (either side may be a date when the other is a timestamp).
std::optional<BoundScalar> BindDifference(const TypePtr& a, const TypePtr& b) {
  if (a->id == TypeId::kDate && b->id == TypeId::kDate) {
    TypePtr days = DayTimeIntervalType(kDayField, kDayField);
    return Bound(days, {DateType(), DateType()},
                 RowKernel<int32_t, int32_t, int64_t>(days, [](int32_t x, int32_t y, EvalContext&) {
                   return std::optional<int64_t>((static_cast<int64_t>(x) - y) * kMicrosPerDay);
                 }));
  }
  bool datetimes = (IsTimestampType(*a) || a->id == TypeId::kDate) && (IsTimestampType(*b) || b->id == TypeId::kDate);
  if (!datetimes) return std::nullopt;
  TypePtr common = FindTightestCommonType(a, b);
  TypePtr interval = DayTimeIntervalType();
  return Bound(interval, {common, common},
               RowKernel<int64_t, int64_t, int64_t>(interval, [](int64_t x, int64_t y, EvalContext&) -> std::optional<int64_t> {
                 int64_t difference;
                 if (__builtin_sub_overflow(x, y, &difference)) return std::nullopt;
                 return difference;
               }));
}

}  // namespace

BoundScalar Bound(TypePtr result, std::vector<TypePtr> arg_types, ScalarKernel kernel) {
  BoundScalar bound;
  bound.result_type = std::move(result);
  bound.arg_types = std::move(arg_types);
  bound.kernel = std::move(kernel);
  return bound;
}

std::optional<BoundScalar> BindIntervalArithmetic(ArithOp op, const std::vector<BindArg>& args,
                                                  const EvalContext&) {
  if (std::optional<BoundScalar> bound = BindCalendarIntervalArithmetic(op, args)) return bound;
  const TypePtr& a = args[0].type;
  const TypePtr& b = args[1].type;
  if (!a->IsInterval() && !b->IsInterval()) {
    return op == ArithOp::kSubtract ? BindDifference(a, b) : std::nullopt;
  }
  switch (op) {
    case ArithOp::kAdd:
    case ArithOp::kSubtract:
      // NULL ± interval is an interval of the other side's type.
      if (a->id == TypeId::kNull || b->id == TypeId::kNull) {
        TypePtr type = a->IsInterval() ? a : b;
        return Bound(type, {type, type}, MakeBinaryKernel(op, type));
      }
      if (a->IsInterval() && b->IsInterval()) {
        if (a->id != b->id) ThrowOperandTypes(op, *a, *b);
        TypePtr common = FindTightestCommonType(a, b);
        return Bound(common, {common, common}, MakeBinaryKernel(op, common));
      }
      if (b->IsInterval() && (a->id == TypeId::kDate || IsTimestampType(*a))) {
        return BindShift(a, b, op == ArithOp::kAdd ? 1 : -1);
      }
      if (op == ArithOp::kAdd && (b->id == TypeId::kDate || IsTimestampType(*b))) {
        return SwapArguments(BindShift(b, a, 1));
      }
      break;
    case ArithOp::kMultiply:
      if (a->IsInterval() && !b->IsInterval()) return BindScale(op, a, b);
      if (b->IsInterval() && !a->IsInterval()) return SwapArguments(BindScale(op, b, a));
      break;
    case ArithOp::kDivide:
      if (a->IsInterval() && !b->IsInterval()) return BindScale(op, a, b);
      break;
    default: break;
  }
  ThrowOperandTypes(op, *a, *b);
}

}  // namespace ember

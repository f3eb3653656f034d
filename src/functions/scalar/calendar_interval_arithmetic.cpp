// Arithmetic with calendar intervals (make_interval, CAST(... AS INTERVAL)), as Spark's analyzer
// rewrites + - * / over CalendarIntervalType:
//   timestamp ± interval -> the timestamp's type: months, then days on the session-zone wall clock
//                           (timestamp_ntz: on its own clock), then the microseconds
//   date ± interval      -> DATE: months then days; an interval with microseconds raises
//                           INVALID_INTERVAL_WITH_MICROSECONDS_ADDITION under ANSI, otherwise the
//                           date is shifted as the session's midnight and the result's date taken
//   interval ± interval  -> field by field (a day-time interval counts as microseconds)
//   interval * number, number * interval, interval / number -> the fields scaled as doubles, a
//                           day fraction carried into microseconds
//   -interval            -> every field negated
// Under ANSI overflow raises ARITHMETIC_OVERFLOW and division by zero DIVIDE_BY_ZERO; otherwise
// fields wrap (add, subtract, negate), saturate (scaling) or the result is null (division by zero).
#include <cmath>
#include <limits>
#include <type_traits>

#include "common/calendar_interval.h"
#include "common/error.h"
#include "common/interval.h"
#include "functions/datetime/datetime_util.h"
#include "functions/kernel_util.h"
#include "functions/scalar/arithmetic.h"

namespace ember {
namespace {

[[noreturn]] void ThrowFieldOverflow(bool is_long, const char* hint) {
  throw SparkError("ARITHMETIC_OVERFLOW", {{"message", is_long ? "long overflow" : "integer overflow"},
                                           {"alternative", hint},
                                           {"config", kAnsiConfigQuoted}});
}

// Reads row i of an argument of physical type T (a calendar interval from its struct children).
template <typename T>
T ReadAt(const Vector& v, int64_t i) {
  if constexpr (std::is_same_v<T, CalendarInterval>) {
    return ReadCalendarInterval(v, i);
  } else {
    return v.Data<T>()[i];
  }
}

// A result vector of physical type R.
template <typename R>
class Output {
 public:
  Output(const TypePtr& type, int64_t rows) : out_(Vector::Make(type, rows)) {}
  Vector& vector() { return *out_; }
  void Set(int64_t i, R value) { out_->Data<R>()[i] = value; }
  VectorPtr Finish() { return std::move(out_); }

 private:
  VectorPtr out_;
};

template <>
class Output<CalendarInterval> : public CalendarIntervalWriter {
 public:
  Output(const TypePtr&, int64_t rows) : CalendarIntervalWriter(rows) {}
};

// Row by row `compute(a, b, ctx, &out)` over two vectors (physical types A and B) into a vector of
// `type` (physical type R); `compute` returns false to make the row null. Nulls propagate.
template <typename A, typename B, typename R, typename Compute>
ScalarKernel PairKernel(TypePtr type, Compute compute) {
  return [type, compute](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    Output<R> out(type, rows);
    PropagateNulls(out.vector(), args);
    for (int64_t i = 0; i < rows; ++i) {
      R value{};
      if (out.vector().IsValid(i) && !compute(ReadAt<A>(*args[0], i), ReadAt<B>(*args[1], i), ctx, &value)) {
        out.vector().SetNull(i);
      }
      out.Set(i, value);
    }
    return out.Finish();
  };
}

// a + sign * b field by field: exact under ANSI, wrapping otherwise.
CalendarInterval Combine(const CalendarInterval& a, const CalendarInterval& b, int sign, bool ansi) {
  CalendarInterval r;
  const char* hint = sign > 0 ? " Use 'try_add' to tolerate overflow and return NULL instead."
                              : " Use 'try_subtract' to tolerate overflow and return NULL instead.";
  bool overflow_int = sign > 0 ? __builtin_add_overflow(a.months, b.months, &r.months) | __builtin_add_overflow(a.days, b.days, &r.days)
                               : __builtin_sub_overflow(a.months, b.months, &r.months) | __builtin_sub_overflow(a.days, b.days, &r.days);
  bool overflow_long = sign > 0 ? __builtin_add_overflow(a.micros, b.micros, &r.micros)
                                : __builtin_sub_overflow(a.micros, b.micros, &r.micros);
  if (ansi && (overflow_int || overflow_long)) ThrowFieldOverflow(!overflow_int, hint);
  return r;
}

CalendarInterval Negate(const CalendarInterval& a, bool ansi) { return Combine(CalendarInterval{}, a, -1, ansi); }

// The timestamp `t` plus `interval`: months and days on the wall clock of `zone`, then microseconds.
bool ShiftTimestamp(int64_t t, const CalendarInterval& interval, ZoneCache& zone, int64_t* out) {
  int64_t shifted = t;
  if (interval.months != 0 || interval.days != 0) {
    LocalTime local = ToLocalTime(t, zone);
    int64_t time_of_day = local.hour * 3600 + local.minute * 60 + local.second;
    int64_t days = AddMonthsToDate(local.days, interval.months) + interval.days;
    shifted = zone.LocalToUtc(days * 86400 + time_of_day) * kMicrosPerSecond + local.micros;
  }
  return !__builtin_add_overflow(shifted, interval.micros, out);
}

// datetime + sign * interval, the datetime first.
BoundScalar BindShift(const TypePtr& datetime, int sign) {
  TypePtr interval = CalendarIntervalType();
  if (datetime->id == TypeId::kDate) {
    return Bound(DateType(), {DateType(), interval},
                 PairKernel<int32_t, CalendarInterval, int32_t>(
                     DateType(), [sign](int32_t d, CalendarInterval iv, EvalContext& ctx, int32_t* out) {
                       if (sign < 0) iv = Negate(iv, ctx.ansi);
                       if (iv.micros != 0 && ctx.ansi) throw SparkError("INVALID_INTERVAL_WITH_MICROSECONDS_ADDITION", {});
                       int64_t days;
                       if (iv.micros == 0) {
                         days = AddMonthsToDate(d, iv.months) + iv.days;
                       } else {
                         ZoneCache& zone = ZoneCacheFor(ctx.time_zone);
                         int64_t stamp;
                         if (!ShiftTimestamp(DateToTimestamp(d, zone), iv, zone, &stamp)) ThrowFieldOverflow(true, "");
                         days = TimestampToDate(stamp, zone);
                       }
                       if (days > INT32_MAX || days < INT32_MIN) ThrowFieldOverflow(false, "");
                       *out = static_cast<int32_t>(days);
                       return true;
                     }));
  }
  bool ntz = datetime->id == TypeId::kTimestampNtz;
  return Bound(datetime, {datetime, interval},
               PairKernel<int64_t, CalendarInterval, int64_t>(
                   datetime, [sign, ntz](int64_t t, CalendarInterval iv, EvalContext& ctx, int64_t* out) {
                     if (sign < 0) iv = Negate(iv, ctx.ansi);
                     ZoneCache& zone = ZoneCacheFor(ntz ? absl::UTCTimeZone() : ctx.time_zone);
                     if (!ShiftTimestamp(t, iv, zone, out)) ThrowFieldOverflow(true, "");
                     return true;
                   }));
}

// Java's double to int and long conversions: NaN is 0, out-of-range values saturate.
template <typename T>
T SaturatingCast(double v) {
  if (std::isnan(v)) return 0;
  if (v >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
  if (v <= static_cast<double>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
  return static_cast<T>(v);
}

// Java's Math.round: floor(v + 0.5), saturating.
int64_t JavaRound(double v) { return SaturatingCast<int64_t>(std::floor(v + 0.5)); }

// An interval from fractional fields; the day fraction goes into microseconds, the month fraction
// is dropped. Under ANSI a month or day count beyond int raises ARITHMETIC_OVERFLOW.
CalendarInterval FromDoubles(double months, double days, double micros, bool ansi) {
  int64_t whole_months = SaturatingCast<int64_t>(months);
  int64_t whole_days = SaturatingCast<int64_t>(days);
  if (ansi && (whole_months != static_cast<int32_t>(whole_months) || whole_days != static_cast<int32_t>(whole_days)))
    ThrowFieldOverflow(false, "");
  CalendarInterval r;
  r.months = ansi ? static_cast<int32_t>(whole_months) : SaturatingCast<int32_t>(months);
  r.days = ansi ? static_cast<int32_t>(whole_days) : SaturatingCast<int32_t>(days);
  r.micros = JavaRound(micros + static_cast<double>(kMicrosPerDay) * (days - r.days));
  return r;
}

// interval * number or interval / number, the interval first.
BoundScalar BindScale(ArithOp op, const TypePtr& interval, const TypePtr& number) {
  if (!number->IsNumeric() && number->id != TypeId::kNull && number->id != TypeId::kString)
    ThrowOperandTypes(op, *interval, *number);
  bool divide = op == ArithOp::kDivide;
  return Bound(CalendarIntervalType(), {CalendarIntervalType(), DoubleType()},
               PairKernel<CalendarInterval, double, CalendarInterval>(
                   CalendarIntervalType(), [divide](CalendarInterval iv, double n, EvalContext& ctx, CalendarInterval* out) {
                     if (divide && n == 0) {
                       if (ctx.ansi) ThrowDivideByZero();
                       return false;
                     }
                     *out = divide ? FromDoubles(iv.months / n, iv.days / n, iv.micros / n, ctx.ansi)
                                   : FromDoubles(n * iv.months, n * iv.days, n * iv.micros, ctx.ansi);
                     return true;
                   }));
}

bool IsDatetime(const DataType& type) {
  return type.id == TypeId::kDate || type.id == TypeId::kTimestamp || type.id == TypeId::kTimestampNtz;
}

// An operand that takes part in interval ± interval: a calendar or day-time interval, or NULL.
bool IsIntervalOperand(const DataType& type) {
  return IsCalendarInterval(type) || type.id == TypeId::kDayTimeInterval || type.id == TypeId::kNull;
}

}  // namespace

std::optional<BoundScalar> BindCalendarIntervalArithmetic(ArithOp op, const std::vector<BindArg>& args) {
  const TypePtr& a = args[0].type;
  const TypePtr& b = args[1].type;
  bool left = IsCalendarInterval(*a), right = IsCalendarInterval(*b);
  if (!left && !right) return std::nullopt;
  TypePtr interval = CalendarIntervalType();
  switch (op) {
    case ArithOp::kAdd:
    case ArithOp::kSubtract: {
      int sign = op == ArithOp::kAdd ? 1 : -1;
      if (IsIntervalOperand(*a) && IsIntervalOperand(*b)) {
        return Bound(interval, {interval, interval},
                     PairKernel<CalendarInterval, CalendarInterval, CalendarInterval>(
                         interval, [sign](CalendarInterval x, CalendarInterval y, EvalContext& ctx, CalendarInterval* out) {
                           *out = Combine(x, y, sign, ctx.ansi);
                           return true;
                         }));
      }
      if (right && IsDatetime(*a)) return BindShift(a, sign);
      if (left && sign > 0 && IsDatetime(*b)) return SwapArguments(BindShift(b, 1));
      break;
    }
    case ArithOp::kMultiply:
      if (left && !right) return BindScale(op, a, b);
      if (right && !left) return SwapArguments(BindScale(op, b, a));
      break;
    case ArithOp::kDivide:
      if (left && !right) return BindScale(op, a, b);
      break;
    default: break;
  }
  ThrowOperandTypes(op, *a, *b);
}

ScalarKernel CalendarIntervalNegateKernel() {
  return [](const std::vector<VectorPtr>& in, int64_t rows, EvalContext& ctx) {
    CalendarIntervalWriter out(rows);
    PropagateNulls(out.vector(), in);
    for (int64_t i = 0; i < rows; ++i) {
      if (out.vector().IsValid(i)) out.Set(i, Negate(ReadCalendarInterval(*in[0], i), ctx.ansi));
    }
    return out.Finish();
  };
}

}  // namespace ember

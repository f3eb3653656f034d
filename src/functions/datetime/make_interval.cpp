// make_interval([years[, months[, weeks[, days[, hours[, mins[, secs]]]]]]]) and try_make_interval:
// a calendar interval of years * 12 + months months, weeks * 7 + days days and the hours, minutes
// and seconds (decimal(18, 6)) as microseconds. A field that overflows raises ARITHMETIC_OVERFLOW
// under ANSI and gives null otherwise; try_make_interval always gives null.
#include "common/calendar_interval.h"
#include "common/error.h"
#include "common/interval.h"
#include "functions/builtin_functions.h"
#include "functions/executor.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

// The interval of the fields, or nullopt with `long_overflow` telling which field kind overflowed.
std::optional<CalendarInterval> MakeInterval(const int32_t f[6], int64_t second_micros, bool* long_overflow) {
  CalendarInterval r;
  int32_t year_months, week_days;
  *long_overflow = false;
  if (__builtin_mul_overflow(f[0], 12, &year_months) || __builtin_add_overflow(f[1], year_months, &r.months) ||
      __builtin_mul_overflow(f[2], 7, &week_days) || __builtin_add_overflow(f[3], week_days, &r.days))
    return std::nullopt;
  *long_overflow = true;
  int64_t hours, minutes;
  if (__builtin_mul_overflow(static_cast<int64_t>(f[4]), kMicrosPerHour, &hours) ||
      __builtin_add_overflow(second_micros, hours, &r.micros) ||
      __builtin_mul_overflow(static_cast<int64_t>(f[5]), kMicrosPerMinute, &minutes) ||
      __builtin_add_overflow(r.micros, minutes, &r.micros))
    return std::nullopt;
  return r;
}

BoundScalar BindMakeCalendarInterval(const std::string& name, bool try_mode, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 0, 7);
  std::vector<TypePtr> types(std::min<size_t>(args.size(), 6), IntType());
  if (args.size() == 7) types.push_back(DecimalType(18, 6));
  BoundScalar bound = FixedBinding(types, CalendarIntervalType(), nullptr);
  bound.kernel = [try_mode](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    CalendarIntervalWriter out(rows);
    PropagateNulls(out.vector(), args);
    for (int64_t i = 0; i < rows; ++i) {
      if (!out.vector().IsValid(i)) continue;
      int32_t fields[6] = {0, 0, 0, 0, 0, 0};
      for (size_t k = 0; k < args.size() && k < 6; ++k) fields[k] = args[k]->Data<int32_t>()[i];
      int64_t second_micros = args.size() == 7 ? args[6]->Data<int64_t>()[i] : 0;
      bool long_overflow;
      std::optional<CalendarInterval> interval = MakeInterval(fields, second_micros, &long_overflow);
      if (interval) {
        out.Set(i, *interval);
      } else if (ctx.ansi && !try_mode) {
        throw SparkError("ARITHMETIC_OVERFLOW", {{"message", long_overflow ? "long overflow" : "integer overflow"},
                                                 {"alternative", ""},
                                                 {"config", kAnsiConfigQuoted}});
      } else {
        out.vector().SetNull(i);
      }
    }
    return out.Finish();
  };
  return bound;
}

}  // namespace

void RegisterMakeIntervalFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("make_interval",
                          "make_interval([years[, months[, weeks[, days[, hours[, mins[, secs]]]]]]]): a calendar interval of "
                          "those fields; overflow raises under ANSI and gives null otherwise.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindMakeCalendarInterval("make_interval", false, a); },
                          {{"make_interval(1, 14, 2, 3, 25, 61, 1.5)", "2 years 2 months 17 days 26 hours 1 minutes 1.5 seconds"},
                           {"make_interval(0, 0, 0, 0, 0, 0, -0.000001)", "-0.000001 seconds"},
                           {"make_interval()", "0 seconds"}}));
  registry.Add(MakeScalar("try_make_interval",
                          "try_make_interval([years[, months[, weeks[, days[, hours[, mins[, secs]]]]]]]): make_interval, or null "
                          "when a field overflows.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindMakeCalendarInterval("try_make_interval", true, a); },
                          {{"try_make_interval(178956971)", "NULL"}, {"try_make_interval(0, -3)", "-3 months"}}));
}

}  // namespace ember

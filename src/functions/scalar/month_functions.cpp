// Month arithmetic on dates: add_months and months_between (Spark's AddMonths and
// MonthsBetween). Year-month interval arithmetic shares AddMonthsToDate with add_months.
#include <cmath>

#include "functions/builtin_functions.h"
#include "functions/datetime/datetime_util.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

BoundScalar BindAddMonths(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("add_months", args, 2, 2);
  const DataType& n = *args[1].type;
  if (!n.IsIntegral() && n.id != TypeId::kNull && n.id != TypeId::kString)
    ThrowUnexpectedType("add_months", 1, "\"INT\"", n);
  BoundScalar bound;
  bound.result_type = DateType();
  bound.arg_types = {DateType(), IntType()};
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(DateType(), rows);
    const int32_t* days = a[0]->Data<int32_t>();
    const int32_t* months = a[1]->Data<int32_t>();
    int32_t* o = out->Data<int32_t>();
    PropagateNulls(*out, a);
    for (int64_t i = 0; i < rows; ++i) {
      o[i] = out->IsValid(i) ? static_cast<int32_t>(AddMonthsToDate(days[i], months[i])) : 0;
    }
    return out;
  };
  return bound;
}

struct DayInMonth {
  int64_t month_index;  // year * 12 + month
  int day;
  bool last_day;
  int64_t seconds_in_day;
};

DayInMonth SplitTimestamp(int64_t micros, ZoneCache& zone) {
  LocalTime t = ToLocalTime(micros, zone);
  int64_t midnight = DateToTimestamp(static_cast<int32_t>(t.days), zone);
  return {t.year * 12 + t.month, t.day, t.day == DaysInMonth(t.year, t.month),
          FloorDiv(micros - midnight, kMicrosPerSecond)};
}

// Whole months when both days of the month match or both are month ends; otherwise the
// difference in seconds counts in months of 31 days. Rounded to 8 digits unless roundOff=false.
double MonthsBetween(int64_t end, int64_t start, bool round_off, ZoneCache& zone) {
  DayInMonth x = SplitTimestamp(end, zone), y = SplitTimestamp(start, zone);
  double months = static_cast<double>(x.month_index - y.month_index);
  if (x.day == y.day || (x.last_day && y.last_day)) return months;
  int64_t seconds = (x.day - y.day) * 86400 + x.seconds_in_day - y.seconds_in_day;
  double diff = months + static_cast<double>(seconds) / (31.0 * 86400);
  return round_off ? std::floor(diff * 1e8 + 0.5) / 1e8 : diff;
}

BoundScalar BindMonthsBetween(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("months_between", args, 2, 3);
  BoundScalar bound;
  bound.result_type = DoubleType();
  bound.arg_types = {TimestampType(), TimestampType()};
  if (args.size() == 3) bound.arg_types.push_back(BooleanType());
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    VectorPtr out = Vector::Make(DoubleType(), rows);
    const int64_t* end = a[0]->Data<int64_t>();
    const int64_t* start = a[1]->Data<int64_t>();
    const uint8_t* round_off = a.size() == 3 ? a[2]->Data<uint8_t>() : nullptr;
    double* o = out->Data<double>();
    PropagateNulls(*out, a);
    ZoneCache& zone = ZoneCacheFor(ctx.time_zone);
    for (int64_t i = 0; i < rows; ++i) {
      o[i] = out->IsValid(i) ? MonthsBetween(end[i], start[i], !round_off || round_off[i], zone) : 0;
    }
    return out;
  };
  return bound;
}

}  // namespace

void RegisterMonthFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("add_months",
                          "add_months(d, n): the date n months after d, clamped to the month's end. "
                          "add_months('2024-01-31', 1) = 2024-02-29",
                          BindAddMonths));
  registry.Add(MakeScalar("months_between",
                          "months_between(end, start[, roundOff]): months from start to end as a double. "
                          "months_between('2024-03-31', '2024-02-29') = 1.0",
                          BindMonthsBetween));
}

}  // namespace ember

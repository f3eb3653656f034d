// Timestamp variants: to_timestamp_ltz / make_timestamp_ltz (the session-zone timestamps),
// to_timestamp_ntz, make_timestamp_ntz, localtimestamp and convert_timezone (wall-clock
// TIMESTAMP_NTZ values), try_to_date, make_ym_interval, make_dt_interval.
#include <optional>

#include "common/interval.h"
#include "functions/datetime/datetime_util.h"
#include "functions/executor.h"

namespace ember {
namespace {

using SV = std::string_view;

// `name` bound as the registered function `target`, with the result re-typed to `result` (same
// physical values) and evaluated in `zone_utc` (wall clock read as UTC) when asked.
ScalarFunction Delegate(const std::string& name, const std::string& target, TypePtr result, bool wall_clock, bool lenient,
                        std::string doc, std::vector<FunctionExample> examples) {
  return MakeScalar(
      name, std::move(doc),
      [target, result, wall_clock, lenient](const std::vector<BindArg>& args, const EvalContext& ctx) {
        EvalContext bind_ctx = ctx;
        if (lenient) bind_ctx.ansi = false;
        BoundScalar bound = FunctionRegistry::Instance().FindScalar(target)->bind(args, bind_ctx);
        ScalarKernel kernel = bound.kernel;
        TypePtr type = result ? result : bound.result_type;
        bound.result_type = type;
        bound.kernel = [kernel, type, wall_clock, lenient](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
          EvalContext local = ctx;
          if (lenient) local.ansi = false;
          if (wall_clock) {
            local.time_zone = absl::UTCTimeZone();
            local.time_zone_name = "UTC";
          }
          VectorPtr out = kernel(a, rows, local);
          if (out->type()->id == type->id) return out;
          VectorPtr retyped = Vector::Make(type, rows);
          retyped->values() = out->values();
          if (out->MayHaveNulls()) std::copy_n(out->ValidityWords(), ValidityWordCount(rows), retyped->MutableValidityWords());
          return retyped;
        };
        return bound;
      },
      std::move(examples));
}

// The wall clock of `micros` in `tz` as TIMESTAMP_NTZ microseconds.
int64_t WallClock(int64_t micros, ZoneCache& zone) {
  LocalTime t = ToLocalTime(micros, zone);
  return (t.days * 86400 + t.hour * 3600 + t.minute * 60 + t.second) * kMicrosPerSecond + t.micros;
}

// convert_timezone([source_tz, ]target_tz, ts): the wall clock of ts (read in source_tz, default
// the session zone) in target_tz.
BoundScalar BindConvertTimezone(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("convert_timezone", args, 2, 3);
  std::vector<TypePtr> types(args.size(), StringType());
  types.back() = TimestampNtzType();
  BoundScalar bound = FixedBinding(types, TimestampNtzType(), nullptr);
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    std::vector<VectorPtr> all = a;
    if (all.size() == 2) all.insert(all.begin(), MakeConstantVector(Value::String(ctx.time_zone_name), rows));
    return ExecuteRows<int64_t(SV, SV, int64_t)>(TimestampNtzType(), all, rows, [](SV source, SV target, int64_t wall) -> std::optional<int64_t> {
      absl::TimeZone from, to;
      if (!ParseZone(source, &from) || !ParseZone(target, &to)) return std::nullopt;
      int64_t seconds = FloorDiv(wall, kMicrosPerSecond);
      int64_t instant = LocalSecondsToUtc(seconds, from) * kMicrosPerSecond + FloorMod(wall, kMicrosPerSecond);
      return WallClock(instant, ZoneCacheFor(to));
    });
  };
  return bound;
}

// make_ym_interval([years[, months]]), make_dt_interval([days[, hours[, mins[, secs]]]]).
BoundScalar BindMakeInterval(bool year_month, const std::vector<BindArg>& args) {
  std::string name = year_month ? "make_ym_interval" : "make_dt_interval";
  CheckArgCount(name, args, 0, year_month ? 2 : 4);
  std::vector<TypePtr> all = year_month ? std::vector<TypePtr>{IntType(), IntType()}
                                        : std::vector<TypePtr>{IntType(), IntType(), IntType(), DecimalType(18, 6)};
  std::vector<TypePtr> types(all.begin(), all.begin() + args.size());
  TypePtr result = year_month ? YearMonthIntervalType() : DayTimeIntervalType();
  BoundScalar bound = FixedBinding(types, result, nullptr);
  bound.kernel = [year_month, result, all](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    std::vector<VectorPtr> full = a;
    while (full.size() < all.size()) full.push_back(MakeConstantVector(all[full.size()]->id == TypeId::kDecimal ? Value::Decimal(0, 18, 6) : Value::Int(0), rows));
    auto overflow = [] {
      throw SparkError("ARITHMETIC_OVERFLOW", {{"message", "integer overflow"}, {"alternative", ""}, {"config", kAnsiConfigQuoted}});
    };
    if (year_month) {
      return ExecuteRows<int32_t(int32_t, int32_t)>(result, full, rows, [overflow](int32_t years, int32_t months) {
        int64_t total = static_cast<int64_t>(years) * 12 + months;
        if (total > INT32_MAX || total < INT32_MIN) overflow();
        return static_cast<int32_t>(total);
      });
    }
    return ExecuteRows<int64_t(int32_t, int32_t, int32_t, int64_t)>(result, full, rows, [overflow](int32_t d, int32_t h, int32_t m, int64_t s) {
      int64_t total = 0;
      if (__builtin_mul_overflow(static_cast<int64_t>(d), kMicrosPerDay, &total) ||
          __builtin_add_overflow(total, static_cast<int64_t>(h) * kMicrosPerHour + static_cast<int64_t>(m) * kMicrosPerMinute, &total) ||
          __builtin_add_overflow(total, s, &total)) {
        overflow();
      }
      return total;
    });
  };
  return bound;
}

}  // namespace

void RegisterTimestampNtzFunctions(FunctionRegistry& registry) {
  registry.Add(Delegate("to_timestamp_ltz", "to_timestamp", nullptr, false, false, "to_timestamp_ltz(str[, fmt]): same as to_timestamp.",
                        {{"to_timestamp_ltz('2024-01-05 10:00:00')", "2024-01-05 10:00:00"}}));
  registry.Add(Delegate("to_timestamp_ntz", "to_timestamp", TimestampNtzType(), true, false,
                        "to_timestamp_ntz(str[, fmt]): the wall-clock time str gives, as TIMESTAMP_NTZ.",
                        {{"to_timestamp_ntz('05.01.2024 10:00', 'dd.MM.yyyy HH:mm')", "2024-01-05 10:00:00"}}));
  registry.Add(Delegate("make_timestamp_ltz", "make_timestamp", nullptr, false, false,
                        "make_timestamp_ltz(year, month, day, hour, min, sec[, tz]): same as make_timestamp.",
                        {{"make_timestamp_ltz(2024, 1, 5, 10, 0, 0)", "2024-01-05 10:00:00"}}));
  registry.Add(Delegate("try_make_timestamp_ltz", "try_make_timestamp", nullptr, false, false,
                        "try_make_timestamp_ltz(year, month, day, hour, min, sec[, tz]): same as try_make_timestamp.",
                        {{"try_make_timestamp_ltz(2024, 1, 32, 10, 0, 0)", "NULL"}}));
  registry.Add(Delegate("make_timestamp_ntz", "make_timestamp", TimestampNtzType(), true, false,
                        "make_timestamp_ntz(year, month, day, hour, min, sec): the TIMESTAMP_NTZ of those fields.",
                        {{"make_timestamp_ntz(2024, 1, 5, 10, 0, 0)", "2024-01-05 10:00:00"}}));
  registry.Add(Delegate("try_make_timestamp_ntz", "try_make_timestamp", TimestampNtzType(), true, false,
                        "try_make_timestamp_ntz(year, month, day, hour, min, sec): make_timestamp_ntz, or null for invalid fields.",
                        {{"try_make_timestamp_ntz(2024, 2, 30, 0, 0, 0)", "NULL"}}));
  registry.Add(Delegate("try_to_date", "to_date", nullptr, false, true, "try_to_date(str[, fmt]): to_date, or null when str does not parse.",
                        {{"try_to_date('2024-02-30')", "NULL"}, {"try_to_date('05/01/2024', 'dd/MM/yyyy')", "2024-01-05"}}));
  ScalarFunction local = FixedScalar("localtimestamp", "localtimestamp(): the query's start time on the session zone's wall clock, as TIMESTAMP_NTZ.",
                                     {}, {}, TimestampNtzType(), [](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
                                       VectorPtr out = Vector::Make(TimestampNtzType(), rows);
                                       std::fill_n(out->Data<int64_t>(), rows, WallClock(ctx.query_start_micros, ZoneCacheFor(ctx.time_zone)));
                                       return out;
                                     });
  registry.Add(std::move(local));
  registry.Add(MakeScalar("convert_timezone", "convert_timezone([source_tz, ]target_tz, ts): the wall-clock time ts (in source_tz) shows in target_tz.",
                          BindConvertTimezone,
                          {{"convert_timezone('Europe/Brussels', 'America/Los_Angeles', TIMESTAMP_NTZ'2024-01-05 12:00:00')", "2024-01-05 03:00:00"}}));
  registry.Add(MakeScalar("make_ym_interval", "make_ym_interval([years[, months]]): a year-month interval.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindMakeInterval(true, a); },
                          {{"make_ym_interval(1, 14)", "INTERVAL '2-2' YEAR TO MONTH"}}));
  registry.Add(MakeScalar("make_dt_interval", "make_dt_interval([days[, hours[, mins[, secs]]]]): a day-time interval.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindMakeInterval(false, a); },
                          {{"make_dt_interval(1, 2, 3, 4.5)", "INTERVAL '1 02:03:04.5' DAY TO SECOND"}}));
}

}  // namespace ember

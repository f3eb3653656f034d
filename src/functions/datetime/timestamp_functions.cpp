// Timestamp functions: timestamp_seconds/millis/micros, unix_seconds/millis/micros,
// from_utc_timestamp, to_utc_timestamp, make_timestamp, try_make_timestamp, try_to_timestamp.
#include <cmath>
#include <optional>

#include "functions/datetime/datetime_util.h"
#include "functions/decimal_util.h"
#include "functions/executor.h"

namespace ember {
namespace {

using SV = std::string_view;

[[noreturn]] void ThrowTimestampOverflow() {
  throw SparkError("ARITHMETIC_OVERFLOW", {{"message", "long overflow"}, {"alternative", ""}, {"config", kAnsiConfigQuoted}});
}

int64_t Scale(int64_t v, int64_t factor) {
  int64_t out;
  if (__builtin_mul_overflow(v, factor, &out)) ThrowTimestampOverflow();
  return out;
}

// timestamp_seconds(x): x may be integral, decimal or floating (fractions kept to microseconds).
BoundScalar BindTimestampSeconds(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("timestamp_seconds", args, 1, 1);
  const DataType& t = *args[0].type;
  if (t.IsIntegral() || t.id == TypeId::kNull) {
    return FixedBinding({LongType()}, TimestampType(),
                        RowKernel<int64_t(int64_t)>(TimestampType(), [](int64_t s) { return Scale(s, kMicrosPerSecond); }));
  }
  if (!t.IsNumeric()) ThrowUnexpectedType("timestamp_seconds", 0, "\"NUMERIC\"", t);
  return FixedBinding({DoubleType()}, TimestampType(), RowKernel<int64_t(double)>(TimestampType(), [](double s) -> std::optional<int64_t> {
                        if (std::isnan(s) || std::isinf(s)) return std::nullopt;
                        double micros = s * 1e6;
                        if (micros >= 9.2233720368547758e18 || micros < -9.2233720368547758e18) ThrowTimestampOverflow();
                        return static_cast<int64_t>(micros);
                      }));
}

// The wall clock of `micros` in `from` read in `to` (Spark's convertTz).
int64_t ConvertZone(int64_t micros, const absl::TimeZone& from, const absl::TimeZone& to) {
  LocalTime local = ToLocalTime(micros, from);
  int64_t local_seconds = local.days * 86400 + local.hour * 3600 + local.minute * 60 + local.second;
  return LocalSecondsToUtc(local_seconds, to) * kMicrosPerSecond + local.micros;
}

// from_utc_timestamp(ts, tz) reads ts's UTC wall clock and gives that time in tz; to_utc_timestamp
// the reverse. A zone that does not parse gives null.
ScalarFunction UtcShift(const std::string& name, bool from_utc, std::string doc, FunctionExample example) {
  return FixedScalar(name, std::move(doc), {std::move(example)}, {TimestampType(), StringType()}, TimestampType(),
                     RowKernel<int64_t(int64_t, SV)>(TimestampType(), [from_utc](int64_t micros, SV zone) -> std::optional<int64_t> {
                       absl::TimeZone tz;
                       if (!ParseZone(zone, &tz)) return std::nullopt;
                       return from_utc ? ConvertZone(micros, tz, absl::UTCTimeZone()) : ConvertZone(micros, absl::UTCTimeZone(), tz);
                     }));
}

// make_timestamp(year, month, day, hour, min, sec[, tz]): sec is decimal(16,6); 60 seconds with no
// fraction is the next minute. Invalid fields raise under ANSI (unless `try_`), else give null.
struct MakeTimestamp {
  bool fail;
  const absl::TimeZone* session;
  std::optional<int64_t> operator()(int32_t year, int32_t month, int32_t day, int32_t hour, int32_t minute, int64_t sec_micros,
                                    SV zone) const {
    std::string problem;
    if (month < 1 || month > 12) problem = "Invalid value for MonthOfYear (valid values 1 - 12): " + std::to_string(month);
    else if (day < 1 || day > DaysInMonth(year, month)) problem = "Invalid date: day " + std::to_string(day) + " of month " + std::to_string(month);
    else if (hour < 0 || hour > 23) problem = "Invalid value for HourOfDay (valid values 0 - 23): " + std::to_string(hour);
    else if (minute < 0 || minute > 59) problem = "Invalid value for MinuteOfHour (valid values 0 - 59): " + std::to_string(minute);
    else if (sec_micros < 0 || sec_micros > 60 * kMicrosPerSecond) problem = "The fraction of sec must be zero. Valid range is [0, 60]";
    absl::TimeZone tz = *session;
    if (problem.empty() && !zone.empty() && !ParseZone(zone, &tz)) problem = "Invalid time zone: " + std::string(zone);
    if (!problem.empty()) {
      if (fail) {
        throw SparkError("DATETIME_FIELD_OUT_OF_BOUNDS", "22023",
                         problem + ". If necessary set " + kAnsiConfigQuoted + " to \"false\" to bypass this error.",
                         {{"rangeMessage", problem}, {"ansiConfig", kAnsiConfigQuoted}});
      }
      return std::nullopt;
    }
    int64_t local_seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60;
    return LocalSecondsToUtc(local_seconds, tz) * kMicrosPerSecond + sec_micros;
  }
};

BoundScalar BindMakeTimestamp(const std::string& name, bool try_mode, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 6, 7);
  RejectNestedArgs(name, args, "\"INT\"");
  std::vector<TypePtr> types = {IntType(), IntType(), IntType(), IntType(), IntType(), DecimalType(16, 6)};
  if (args.size() == 7) types.push_back(StringType());
  BoundScalar bound = FixedBinding(types, TimestampType(), nullptr);
  bound.kernel = [try_mode](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    std::vector<VectorPtr> all = a;
    if (all.size() == 6) all.push_back(MakeConstantVector(Value::String(""), rows));
    MakeTimestamp make{!try_mode && ctx.ansi, &ctx.time_zone};
    return ExecuteRows<int64_t(int32_t, int32_t, int32_t, int32_t, int32_t, int64_t, SV)>(TimestampType(), all, rows, make);
  };
  return bound;
}

}  // namespace

void RegisterTimestampFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("timestamp_seconds", "timestamp_seconds(x): the timestamp x seconds after 1970-01-01 00:00:00 UTC.", BindTimestampSeconds,
                          {{"timestamp_seconds(0)", "1970-01-01 00:00:00"}, {"timestamp_seconds(1.5D)", "1970-01-01 00:00:01.5"}}));
  registry.Add(FixedScalar("timestamp_millis", "timestamp_millis(x): the timestamp x milliseconds after the epoch.",
                           {{"timestamp_millis(1500)", "1970-01-01 00:00:01.5"}}, {LongType()}, TimestampType(),
                           RowKernel<int64_t(int64_t)>(TimestampType(), [](int64_t v) { return Scale(v, 1000); })));
  registry.Add(FixedScalar("timestamp_micros", "timestamp_micros(x): the timestamp x microseconds after the epoch.",
                           {{"timestamp_micros(1)", "1970-01-01 00:00:00.000001"}}, {LongType()}, TimestampType(),
                           RowKernel<int64_t(int64_t)>(TimestampType(), [](int64_t v) { return v; })));
  registry.Add(FixedScalar("unix_seconds", "unix_seconds(ts): whole seconds since the epoch (rounded down).",
                           {{"unix_seconds(TIMESTAMP'1970-01-01 00:00:01.9')", "1"}}, {TimestampType()}, LongType(),
                           RowKernel<int64_t(int64_t)>([](int64_t m) { return FloorDiv(m, kMicrosPerSecond); })));
  registry.Add(FixedScalar("unix_millis", "unix_millis(ts): whole milliseconds since the epoch (rounded down).",
                           {{"unix_millis(TIMESTAMP'1970-01-01 00:00:01.5')", "1500"}}, {TimestampType()}, LongType(),
                           RowKernel<int64_t(int64_t)>([](int64_t m) { return FloorDiv(m, 1000); })));
  registry.Add(FixedScalar("unix_micros", "unix_micros(ts): microseconds since the epoch.",
                           {{"unix_micros(TIMESTAMP'1970-01-01 00:00:01')", "1000000"}}, {TimestampType()}, LongType(),
                           RowKernel<int64_t(int64_t)>([](int64_t m) { return m; })));
  registry.Add(UtcShift("from_utc_timestamp", true, "from_utc_timestamp(ts, tz): ts's UTC wall-clock time shown in zone tz.",
                        {"from_utc_timestamp(TIMESTAMP'2024-01-05 10:00:00', 'Asia/Tokyo')", "2024-01-05 19:00:00"}));
  registry.Add(UtcShift("to_utc_timestamp", false, "to_utc_timestamp(ts, tz): ts's wall-clock time in zone tz, shown in UTC.",
                        {"to_utc_timestamp(TIMESTAMP'2024-01-05 19:00:00', 'Asia/Tokyo')", "2024-01-05 10:00:00"}));
  registry.Add(MakeScalar("make_timestamp", "make_timestamp(year, month, day, hour, min, sec[, tz]): the timestamp of those fields in tz (default: the session zone).",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindMakeTimestamp("make_timestamp", false, a); },
                          {{"make_timestamp(2024, 1, 5, 10, 30, 45.5)", "2024-01-05 10:30:45.5"}, {"make_timestamp(2024, 1, 5, 10, 59, 60)", "2024-01-05 11:00:00"}}));
  registry.Add(MakeScalar("try_make_timestamp", "try_make_timestamp(year, month, day, hour, min, sec[, tz]): make_timestamp, or null for invalid fields.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindMakeTimestamp("try_make_timestamp", true, a); },
                          {{"try_make_timestamp(2024, 13, 1, 0, 0, 0)", "NULL"}}));
  registry.Add(MakeScalar("try_to_timestamp", "try_to_timestamp(str[, fmt]): to_timestamp, or null when str does not parse.",
                          [](const std::vector<BindArg>& a, const EvalContext& ctx) {
                            EvalContext lenient = ctx;
                            lenient.ansi = false;
                            BoundScalar bound = FunctionRegistry::Instance().FindScalar("to_timestamp")->bind(a, lenient);
                            ScalarKernel kernel = bound.kernel;
                            bound.kernel = [kernel](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
                              EvalContext lenient = ctx;
                              lenient.ansi = false;
                              return kernel(args, rows, lenient);
                            };
                            return bound;
                          },
                          {{"try_to_timestamp('2024-01-05', 'yyyy-MM-dd')", "2024-01-05 00:00:00"}, {"try_to_timestamp('nope')", "NULL"}}));
}

}  // namespace ember

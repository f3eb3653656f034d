// date_trunc(unit, ts) and trunc(date, unit): the start of the year, quarter, month, week
// (Monday), day, hour, minute, second or millisecond holding the value; an unknown unit gives null.
#include <algorithm>
#include <cctype>
#include <optional>

#include "functions/datetime/datetime_util.h"
#include "functions/executor.h"

namespace ember {
namespace {

using SV = std::string_view;

enum class Unit { kYear, kQuarter, kMonth, kWeek, kDay, kHour, kMinute, kSecond, kMillisecond, kMicrosecond };

std::optional<Unit> ParseUnit(SV text) {
  std::string u(text);
  for (auto& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (u == "YEAR" || u == "YYYY" || u == "YY") return Unit::kYear;
  if (u == "QUARTER") return Unit::kQuarter;
  if (u == "MONTH" || u == "MM" || u == "MON") return Unit::kMonth;
  if (u == "WEEK") return Unit::kWeek;
  if (u == "DAY" || u == "DD") return Unit::kDay;
  if (u == "HOUR") return Unit::kHour;
  if (u == "MINUTE") return Unit::kMinute;
  if (u == "SECOND") return Unit::kSecond;
  if (u == "MILLISECOND") return Unit::kMillisecond;
  if (u == "MICROSECOND") return Unit::kMicrosecond;
  return std::nullopt;
}

// The first day of the year/quarter/month/week holding `days`.
int32_t TruncDate(int32_t days, Unit unit) {
  int64_t year;
  int month, day;
  CivilFromDays(days, &year, &month, &day);
  switch (unit) {
    case Unit::kYear: return static_cast<int32_t>(DaysFromCivil(year, 1, 1));
    case Unit::kQuarter: return static_cast<int32_t>(DaysFromCivil(year, (month - 1) / 3 * 3 + 1, 1));
    case Unit::kMonth: return static_cast<int32_t>(DaysFromCivil(year, month, 1));
    case Unit::kWeek: return static_cast<int32_t>(days - FloorMod(days + 3, 7));
    default: return days;
  }
}

struct DateTrunc {
  ZoneCache* zone;
  std::optional<int64_t> operator()(SV unit_text, int64_t micros) const {
    std::optional<Unit> unit = ParseUnit(unit_text);
    if (!unit) return std::nullopt;
    switch (*unit) {
      case Unit::kMicrosecond: return micros;
      case Unit::kMillisecond: return FloorDiv(micros, 1000) * 1000;
      case Unit::kSecond: return FloorDiv(micros, kMicrosPerSecond) * kMicrosPerSecond;
      default: break;
    }
    LocalTime t = ToLocalTime(micros, *zone);
    int64_t local_seconds;
    if (*unit == Unit::kMinute) local_seconds = t.days * 86400 + t.hour * 3600 + t.minute * 60;
    else if (*unit == Unit::kHour) local_seconds = t.days * 86400 + t.hour * 3600;
    else local_seconds = static_cast<int64_t>(TruncDate(static_cast<int32_t>(t.days), *unit)) * 86400;
    return zone->LocalToUtc(local_seconds) * kMicrosPerSecond;
  }
};

}  // namespace

void RegisterTruncFunctions(FunctionRegistry& registry) {
  registry.Add(FixedScalar("date_trunc", "date_trunc(unit, ts): ts truncated to the unit (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND...).",
                           {{"date_trunc('MM', TIMESTAMP'2024-05-17 10:30:00')", "2024-05-01 00:00:00"}, {"date_trunc('bogus', TIMESTAMP'2024-05-17 10:30:00')", "NULL"}},
                           {StringType(), TimestampType()}, TimestampType(),
                           [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
                             return ExecuteRows<int64_t(SV, int64_t)>(TimestampType(), a, rows, DateTrunc{&ZoneCacheFor(ctx.time_zone)});
                           }));
  registry.Add(FixedScalar("trunc", "trunc(date, unit): date truncated to the YEAR, QUARTER, MONTH or WEEK (other units give null).",
                           {{"trunc(DATE'2024-05-17', 'quarter')", "2024-04-01"}, {"trunc(DATE'2024-05-17', 'DAY')", "NULL"}},
                           {DateType(), StringType()}, DateType(),
                           RowKernel<int32_t(int32_t, SV)>(DateType(), [](int32_t days, SV unit_text) -> std::optional<int32_t> {
                             std::optional<Unit> unit = ParseUnit(unit_text);
                             if (!unit || (*unit != Unit::kYear && *unit != Unit::kQuarter && *unit != Unit::kMonth && *unit != Unit::kWeek))
                               return std::nullopt;
                             return TruncDate(days, *unit);
                           })));
}

void RegisterDateFunctions(FunctionRegistry& registry);
void RegisterDatePartFunctions(FunctionRegistry& registry);
void RegisterTimestampFunctions(FunctionRegistry& registry);
void RegisterTimestampNtzFunctions(FunctionRegistry& registry);
void RegisterTimeWindowFunctions(FunctionRegistry& registry);
void RegisterMakeIntervalFunctions(FunctionRegistry& registry);

void RegisterMoreDatetimeFunctions(FunctionRegistry& registry) {
  RegisterDateFunctions(registry);
  RegisterDatePartFunctions(registry);
  RegisterTimestampFunctions(registry);
  RegisterTruncFunctions(registry);
  RegisterTimestampNtzFunctions(registry);
  RegisterTimeWindowFunctions(registry);
  RegisterMakeIntervalFunctions(registry);
  registry.AddAlias("date_diff", "datediff");
  registry.AddAlias("dateadd", "date_add");
  registry.AddAlias("curdate", "current_date");
  registry.AddAlias("to_unix_timestamp", "unix_timestamp");
}

}  // namespace ember

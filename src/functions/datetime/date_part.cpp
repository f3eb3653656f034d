// date_part / datepart / extract(field, source) and timestamp_add / timestampadd,
// timestamp_diff / timestampdiff with a unit name.
#include <algorithm>
#include <cctype>
#include <optional>

#include "functions/datetime/datetime_util.h"
#include "functions/executor.h"
#include "functions/registry.h"

namespace ember {
namespace {

using SV = std::string_view;

std::string Upper(SV text) {
  std::string u(text);
  for (auto& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

enum class Field { kYear, kQuarter, kMonth, kWeek, kDay, kDayOfWeek, kDayOfWeekIso, kDayOfYear, kHour, kMinute, kSecond };

std::optional<Field> ParseField(SV text) {
  static const std::pair<const char*, Field> kNames[] = {
      {"YEAR", Field::kYear}, {"Y", Field::kYear}, {"YEARS", Field::kYear}, {"YR", Field::kYear}, {"YRS", Field::kYear},
      {"QUARTER", Field::kQuarter}, {"QTR", Field::kQuarter},
      {"MONTH", Field::kMonth}, {"MON", Field::kMonth}, {"MONS", Field::kMonth}, {"MONTHS", Field::kMonth},
      {"WEEK", Field::kWeek}, {"W", Field::kWeek}, {"WEEKS", Field::kWeek},
      {"DAY", Field::kDay}, {"D", Field::kDay}, {"DAYS", Field::kDay},
      {"DAYOFWEEK", Field::kDayOfWeek}, {"DOW", Field::kDayOfWeek},
      {"DAYOFWEEK_ISO", Field::kDayOfWeekIso}, {"DOW_ISO", Field::kDayOfWeekIso},
      {"DOY", Field::kDayOfYear},
      {"HOUR", Field::kHour}, {"H", Field::kHour}, {"HOURS", Field::kHour}, {"HR", Field::kHour}, {"HRS", Field::kHour},
      {"MINUTE", Field::kMinute}, {"M", Field::kMinute}, {"MIN", Field::kMinute}, {"MINS", Field::kMinute}, {"MINUTES", Field::kMinute},
      {"SECOND", Field::kSecond}, {"S", Field::kSecond}, {"SEC", Field::kSecond}, {"SECONDS", Field::kSecond}, {"SECS", Field::kSecond}};
  std::string u = Upper(text);
  for (const auto& [name, field] : kNames) {
    if (u == name) return field;
  }
  return std::nullopt;
}

int32_t DateField(Field field, int64_t days) {
  int64_t year;
  int month, day;
  CivilFromDays(days, &year, &month, &day);
  switch (field) {
    case Field::kYear: return static_cast<int32_t>(year);
    case Field::kQuarter: return (month - 1) / 3 + 1;
    case Field::kMonth: return month;
    case Field::kDay: return day;
    case Field::kDayOfWeek: return static_cast<int32_t>(FloorMod(days + 4, 7) + 1);
    case Field::kDayOfWeekIso: return static_cast<int32_t>(FloorMod(days + 3, 7) + 1);
    case Field::kDayOfYear: return static_cast<int32_t>(days - DaysFromCivil(year, 1, 1) + 1);
    case Field::kWeek: {
      int64_t thursday = days - FloorMod(days + 3, 7) + 3;
      int64_t y;
      int m, d;
      CivilFromDays(thursday, &y, &m, &d);
      return static_cast<int32_t>((thursday - DaysFromCivil(y, 1, 1)) / 7 + 1);
    }
    default: return 0;
  }
}

BoundScalar BindDatePart(const std::string& name, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 2, 2);
  if (args[0].literal == nullptr || args[0].literal->is_null || args[0].type->id != TypeId::kString)
    ThrowUnexpectedType(name, 0, "a constant \"STRING\"", *args[0].type);
  std::optional<Field> field = ParseField(args[0].literal->str);
  if (!field) {
    throw SparkError("INVALID_EXTRACT_FIELD", "42601",
                     "Cannot extract " + args[0].literal->str + " from " + args[1].type->ToString() + ".",
                     {{"field", args[0].literal->str}, {"expr", args[1].type->ToString()}});
  }
  bool time_field = *field == Field::kHour || *field == Field::kMinute || *field == Field::kSecond;
  bool from_date = args[1].type->id == TypeId::kDate && !time_field;
  TypePtr source = from_date ? DateType() : TimestampType();
  TypePtr result = *field == Field::kSecond ? DecimalType(8, 6) : IntType();
  BoundScalar bound = FixedBinding({StringType(), source}, result, nullptr);
  Field f = *field;
  bound.kernel = [f, from_date, result](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    std::vector<VectorPtr> source = {a[1]};
    if (from_date) return ExecuteRows<int32_t(int32_t)>(result, source, rows, [f](int32_t d) { return DateField(f, d); });
    ZoneCache& zone = ZoneCacheFor(ctx.time_zone);
    if (f == Field::kSecond) {
      return ExecuteRows<int64_t(int64_t)>(result, source, rows, [&zone](int64_t micros) {
        LocalTime t = ToLocalTime(micros, zone);
        return static_cast<int64_t>(t.second) * kMicrosPerSecond + t.micros;
      });
    }
    return ExecuteRows<int32_t(int64_t)>(result, source, rows, [f, &zone](int64_t micros) {
      LocalTime t = ToLocalTime(micros, zone);
      if (f == Field::kHour) return t.hour;
      if (f == Field::kMinute) return t.minute;
      return DateField(f, t.days);
    });
  };
  return bound;
}

[[noreturn]] void ThrowUnit(const std::string& function, SV unit) {
  throw SparkError("INVALID_PARAMETER_VALUE.DATETIME_UNIT", "22023",
                   "The value of parameter(s) `unit` in `" + function + "` is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal '" +
                       std::string(unit) + "'.",
                   {{"parameter", "`unit`"}, {"functionName", "`" + function + "`"}});
}

int64_t LocalMicros(const LocalTime& t) {
  return (t.days * 86400 + t.hour * 3600 + t.minute * 60 + t.second) * kMicrosPerSecond + t.micros;
}

// timestampadd(unit, quantity, ts): months and days move the wall clock, smaller units the instant.
struct TimestampAdd {
  ZoneCache* zone;
  int64_t operator()(SV unit_text, int64_t quantity, int64_t micros) const {
    std::string unit = Upper(unit_text);
    int64_t per = 0;
    if (unit == "MICROSECOND") per = 1;
    else if (unit == "MILLISECOND") per = 1000;
    else if (unit == "SECOND") per = kMicrosPerSecond;
    else if (unit == "MINUTE") per = kMicrosPerMinute;
    else if (unit == "HOUR") per = kMicrosPerHour;
    if (per > 0) return micros + quantity * per;
    if (unit == "MONTH" || unit == "QUARTER" || unit == "YEAR") {
      int64_t months = quantity * (unit == "MONTH" ? 1 : unit == "QUARTER" ? 3 : 12);
      return AddMonthsToTimestamp(micros, months, *zone);
    }
    if (unit == "DAY" || unit == "DAYOFYEAR" || unit == "WEEK") {
      int64_t days = quantity * (unit == "WEEK" ? 7 : 1);
      LocalTime t = ToLocalTime(micros, *zone);
      int64_t local = (t.days + days) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
      return zone->LocalToUtc(local) * kMicrosPerSecond + t.micros;
    }
    ThrowUnit("timestampadd", unit_text);
  }
};

// timestampdiff(unit, start, end): whole units between the wall-clock times (ChronoUnit.between).
struct TimestampDiff {
  ZoneCache* zone;
  int64_t operator()(SV unit_text, int64_t start, int64_t end) const {
    std::string unit = Upper(unit_text);
    LocalTime a = ToLocalTime(start, *zone), b = ToLocalTime(end, *zone);
    int64_t delta = LocalMicros(b) - LocalMicros(a);
    if (unit == "MICROSECOND") return delta;
    if (unit == "MILLISECOND") return delta / 1000;
    if (unit == "SECOND") return delta / kMicrosPerSecond;
    if (unit == "MINUTE") return delta / kMicrosPerMinute;
    if (unit == "HOUR") return delta / kMicrosPerHour;
    if (unit == "DAY" || unit == "DAYOFYEAR") return delta / kMicrosPerDay;
    if (unit == "WEEK") return delta / (7 * kMicrosPerDay);
    if (unit == "MONTH" || unit == "QUARTER" || unit == "YEAR") {
      int64_t months = (b.year * 12 + b.month) - (a.year * 12 + a.month);
      int64_t rest_a = LocalMicros(a) - DaysFromCivil(a.year, a.month, 1) * kMicrosPerDay;
      int64_t rest_b = LocalMicros(b) - DaysFromCivil(b.year, b.month, 1) * kMicrosPerDay;
      if (months > 0 && rest_b < rest_a) --months;
      if (months < 0 && rest_b > rest_a) ++months;
      return months / (unit == "MONTH" ? 1 : unit == "QUARTER" ? 3 : 12);
    }
    ThrowUnit("timestampdiff", unit_text);
  }
};

}  // namespace

void RegisterDatePartFunctions(FunctionRegistry& registry) {
  // SQL's EXTRACT(field FROM source) is parsed into the field's own function; `extract` as a call
  // comes from PySpark's F.extract.
  for (const char* name : {"date_part", "datepart", "extract"}) {
    std::string n = name;
    std::vector<FunctionExample> examples = {{n + "('YEAR', DATE'2024-05-17')", "2024"},
                                             {n + "('SECOND', TIMESTAMP'2024-05-17 10:30:05.25')", "5.250000"}};
    if (n == "extract") examples = {{"EXTRACT(YEAR FROM DATE'2024-05-17')", "2024"}};
    registry.Add(MakeScalar(n, n + "(field, source): a field (YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFWEEK, DOY, HOUR, MINUTE, SECOND...) of a date or timestamp.",
                            [n](const std::vector<BindArg>& a, const EvalContext&) { return BindDatePart(n, a); }, examples));
  }
  for (const char* name : {"timestampadd", "timestamp_add"}) {
    registry.Add(FixedScalar(name, std::string(name) + "(unit, quantity, ts): ts plus quantity units (YEAR ... MICROSECOND).",
                             {{std::string(name) + "('MONTH', 1, TIMESTAMP'2024-01-31 10:00:00')", "2024-02-29 10:00:00"}},
                             {StringType(), LongType(), TimestampType()}, TimestampType(),
                             [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
                               return ExecuteRows<int64_t(SV, int64_t, int64_t)>(TimestampType(), a, rows, TimestampAdd{&ZoneCacheFor(ctx.time_zone)});
                             }));
  }
  for (const char* name : {"timestampdiff", "timestamp_diff"}) {
    registry.Add(FixedScalar(name, std::string(name) + "(unit, start, end): whole units (YEAR ... MICROSECOND) from start to end.",
                             {{std::string(name) + "('MONTH', TIMESTAMP'2024-01-31 00:00:00', TIMESTAMP'2024-02-29 00:00:00')", "0"}},
                             {StringType(), TimestampType(), TimestampType()}, LongType(),
                             [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
                               return ExecuteRows<int64_t(SV, int64_t, int64_t)>(LongType(), a, rows, TimestampDiff{&ZoneCacheFor(ctx.time_zone)});
                             }));
  }
}

}  // namespace ember

// Date functions: weekofyear, weekday, last_day, next_day, make_date, unix_date,
// date_from_unix_date, dayname, monthname.
#include <algorithm>
#include <cctype>
#include <optional>

#include "functions/datetime/datetime_util.h"
#include "functions/executor.h"

namespace ember {
namespace {

using SV = std::string_view;

// Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday).
int Weekday(int64_t days) { return static_cast<int>(FloorMod(days + 3, 7)); }

int32_t IsoWeek(int32_t days) {
  int64_t thursday = days - Weekday(days) + 3;
  int64_t year;
  int month, day;
  CivilFromDays(thursday, &year, &month, &day);
  return static_cast<int32_t>((thursday - DaysFromCivil(year, 1, 1)) / 7 + 1);
}

int32_t LastDay(int32_t days) {
  int64_t year;
  int month, day;
  CivilFromDays(days, &year, &month, &day);
  return static_cast<int32_t>(DaysFromCivil(year, month, DaysInMonth(year, month)));
}

// Monday = 0 ... for "MO", "MON", "MONDAY" in any case; nullopt otherwise.
std::optional<int> ParseDayOfWeek(SV text) {
  static const char* kNames[] = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};
  std::string upper(text);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (int k = 0; k < 7; ++k) {
    std::string name = kNames[k];
    if (upper == name || upper == name.substr(0, 3) || upper == name.substr(0, 2)) return k;
  }
  return std::nullopt;
}

struct NextDay {
  bool ansi;
  std::optional<int32_t> operator()(int32_t days, SV day_of_week) const {
    std::optional<int> target = ParseDayOfWeek(day_of_week);
    if (!target) {
      if (ansi) {
        throw SparkError("ILLEGAL_DAY_OF_WEEK", "22009", "Illegal input for day of week: " + std::string(day_of_week) + ".",
                         {{"string", std::string(day_of_week)}});
      }
      return std::nullopt;
    }
    int delta = FloorMod(*target - Weekday(days) + 7, 7);
    return days + (delta == 0 ? 7 : delta);
  }
};

[[noreturn]] void ThrowFieldOutOfBounds(const std::string& message) {
  throw SparkError("DATETIME_FIELD_OUT_OF_BOUNDS", "22023",
                   message + ". If necessary set " + kAnsiConfigQuoted + " to \"false\" to bypass this error.",
                   {{"rangeMessage", message}, {"ansiConfig", kAnsiConfigQuoted}});
}

struct MakeDate {
  bool ansi;
  std::optional<int32_t> operator()(int32_t year, int32_t month, int32_t day) const {
    std::string problem;
    if (month < 1 || month > 12) problem = "Invalid value for MonthOfYear (valid values 1 - 12): " + std::to_string(month);
    else if (day < 1 || day > DaysInMonth(year, month)) problem = "Invalid date: day " + std::to_string(day) + " of month " + std::to_string(month);
    else if (year < -290000 || year > 294000) problem = "Invalid value for Year: " + std::to_string(year);
    if (problem.empty()) return static_cast<int32_t>(DaysFromCivil(year, month, day));
    if (ansi) ThrowFieldOutOfBounds(problem);
    return std::nullopt;
  }
};

}  // namespace

void RegisterDateFunctions(FunctionRegistry& registry) {
  registry.Add(FixedScalar("weekofyear", "weekofyear(date): the ISO-8601 week of the year (weeks start on Monday; week 1 has 4 or more days).",
                           {{"weekofyear(DATE'2024-12-30')", "1"}, {"weekofyear(DATE'2021-01-03')", "53"}}, {DateType()}, IntType(),
                           RowKernel<int32_t(int32_t)>(IsoWeek)));
  registry.Add(FixedScalar("weekday", "weekday(date): 0 = Monday ... 6 = Sunday.", {{"weekday(DATE'2024-01-07')", "6"}},
                           {DateType()}, IntType(), RowKernel<int32_t(int32_t)>([](int32_t d) { return Weekday(d); })));
  registry.Add(FixedScalar("last_day", "last_day(date): the last day of date's month.", {{"last_day(DATE'2024-02-10')", "2024-02-29"}},
                           {DateType()}, DateType(), RowKernel<int32_t(int32_t)>(DateType(), LastDay)));
  registry.Add(FixedScalar("next_day", "next_day(date, dayOfWeek): the first date after date on that day ('Mon', 'MO', 'monday'...).",
                           {{"next_day(DATE'2024-01-05', 'Fri')", "2024-01-12"}, {"next_day(DATE'2024-01-05', 'mo')", "2024-01-08"}},
                           {DateType(), StringType()}, DateType(),
                           ContextRowKernel<int32_t(int32_t, SV)>(DateType(), [](EvalContext& ctx) { return NextDay{ctx.ansi}; })));
  registry.Add(FixedScalar("make_date", "make_date(year, month, day): the date; invalid fields raise under ANSI, else give null.",
                           {{"make_date(2024, 2, 29)", "2024-02-29"}}, {IntType(), IntType(), IntType()}, DateType(),
                           ContextRowKernel<int32_t(int32_t, int32_t, int32_t)>(DateType(), [](EvalContext& ctx) { return MakeDate{ctx.ansi}; })));
  registry.Add(FixedScalar("unix_date", "unix_date(date): days since 1970-01-01.", {{"unix_date(DATE'1970-01-02')", "1"}},
                           {DateType()}, IntType(), RowKernel<int32_t(int32_t)>([](int32_t d) { return d; })));
  registry.Add(FixedScalar("date_from_unix_date", "date_from_unix_date(days): the date days after 1970-01-01.",
                           {{"date_from_unix_date(1)", "1970-01-02"}}, {IntType()}, DateType(),
                           RowKernel<int32_t(int32_t)>(DateType(), [](int32_t d) { return d; })));
  registry.Add(FixedScalar("dayname", "dayname(date): the three-letter English name of date's weekday.", {{"dayname(DATE'2024-01-05')", "Fri"}},
                           {DateType()}, StringType(), RowKernel<StringResult(int32_t)>([](std::string& out, int32_t d) {
                             static const char* kNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
                             out = kNames[Weekday(d)];
                           })));
  registry.Add(FixedScalar("monthname", "monthname(date): the three-letter English name of date's month.", {{"monthname(DATE'2024-01-05')", "Jan"}},
                           {DateType()}, StringType(), RowKernel<StringResult(int32_t)>([](std::string& out, int32_t d) {
                             static const char* kNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
                             int64_t year;
                             int month, day;
                             CivilFromDays(d, &year, &month, &day);
                             out = kNames[month - 1];
                           })));
}

}  // namespace ember

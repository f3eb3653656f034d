// Date and timestamp conversions shared by casts and datetime functions: days and microseconds
// to civil fields in a time zone and back, Spark's accepted date/timestamp strings (as CAST
// parses them), and the default text forms ("2024-01-05", "2024-01-05 10:00:00.123").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace ember {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

inline int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
inline int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// Proleptic Gregorian calendar arithmetic (days since 1970-01-01), without time zones.
int64_t DaysFromCivil(int64_t year, int month, int day);
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day);
inline int DaysInMonth(int64_t year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Wall-clock fields of a timestamp in a zone.
struct LocalTime {
  int64_t days = 0;  // local date as days since 1970-01-01
  int64_t year = 1970;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int32_t micros = 0;
  int32_t offset = 0;  // seconds east of UTC
};
// Fast conversions through a per-thread cache of each day's UTC offset; days with a transition
// fall back to the zone database.
LocalTime ToLocalTime(int64_t micros, const absl::TimeZone& tz);
// The instant of local wall-clock seconds (seconds since 1970-01-01T00:00 on the wall clock):
// times in a gap move forward by the gap's length and ambiguous times take the earlier offset,
// as java.time does.
int64_t LocalSecondsToUtc(int64_t local_seconds, const absl::TimeZone& tz);

inline int32_t CivilDayToDays(const absl::CivilDay& day) {
  return static_cast<int32_t>(day - absl::CivilDay(1970, 1, 1));
}
inline absl::CivilDay DaysToCivilDay(int32_t days) { return absl::CivilDay(1970, 1, 1) + days; }

// Civil second and sub-second microseconds of a timestamp in `tz`.
struct CivilMicros {
  absl::CivilSecond second;
  int32_t micros = 0;  // 0..999999
};
CivilMicros ToCivil(int64_t micros, const absl::TimeZone& tz);
// The instant of a civil time in `tz` (for gaps and overlaps: the earlier offset, as Java does).
int64_t FromCivil(const absl::CivilSecond& second, int32_t micros, const absl::TimeZone& tz);

// The date of a timestamp in `tz`.
int32_t TimestampToDate(int64_t micros, const absl::TimeZone& tz);
// Midnight of a date in `tz`.
int64_t DateToTimestamp(int32_t days, const absl::TimeZone& tz);

// CAST(string AS DATE): trimmed "[+-]yyyy[-[m]m[-[d]d]]" optionally followed by ' ' or 'T' and
// anything. Returns false on malformed input.
bool ParseDate(std::string_view text, int32_t* days);
// CAST(string AS TIMESTAMP): a date as above, then optional "[h]h:[m]m[:[s]s[.fraction]]" after
// ' ' or 'T', then an optional zone (Z, +hh[:mm], UTC, GMT+hh:mm, region id). Without a zone
// the time is read in `tz`. `ntz` ignores zones (TIMESTAMP_NTZ).
bool ParseTimestamp(std::string_view text, const absl::TimeZone& tz, int64_t* micros, bool ntz = false);

// "yyyy-MM-dd".
void AppendDate(int32_t days, std::string* out);
// "yyyy-MM-dd HH:mm:ss" plus ".ffffff" without trailing zeros when the fraction is not zero.
void AppendTimestamp(int64_t micros, const absl::TimeZone& tz, std::string* out);

// Parses a zone as Spark accepts it in strings and settings; false when unknown.
bool ParseZone(std::string_view text, absl::TimeZone* tz);

}  // namespace ember

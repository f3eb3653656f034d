// Date and timestamp conversions shared by casts and datetime functions: days and microseconds
// to civil fields in a time zone and back, Spark's accepted date/timestamp strings (as CAST
// parses them), and the default text forms ("2024-01-05", "2024-01-05 10:00:00.123").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/interval.h"
#include "functions/datetime/zone_cache.h"

namespace ember {


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
// Wall-clock fields of a timestamp.
LocalTime ToLocalTime(int64_t micros, ZoneCache& zone);
inline LocalTime ToLocalTime(int64_t micros, const absl::TimeZone& tz) {
  return ToLocalTime(micros, ZoneCacheFor(tz));
}
// The instant of local wall-clock seconds (seconds since 1970-01-01T00:00 on the wall clock):
// times in a gap move forward by the gap's length and ambiguous times take the earlier offset,
// as java.time does.
inline int64_t LocalSecondsToUtc(int64_t local_seconds, const absl::TimeZone& tz) {
  return ZoneCacheFor(tz).LocalToUtc(local_seconds);
}

// The date of a timestamp in a zone.
inline int32_t TimestampToDate(int64_t micros, ZoneCache& zone) {
  int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  return static_cast<int32_t>(FloorDiv(seconds + zone.OffsetAtUtc(seconds), 86400));
}
inline int32_t TimestampToDate(int64_t micros, const absl::TimeZone& tz) {
  return TimestampToDate(micros, ZoneCacheFor(tz));
}
// The start of a date in a zone (midnight, or the end of a gap holding it), as Spark's daysToMicros.
inline int64_t DateToTimestamp(int32_t days, ZoneCache& zone) {
  return zone.StartOfDay(days) * kMicrosPerSecond;
}
inline int64_t DateToTimestamp(int32_t days, const absl::TimeZone& tz) {
  return DateToTimestamp(days, ZoneCacheFor(tz));
}

// Spark's add_months: the same day of the month `months` later, moved back to the last day of a
// shorter month (2024-01-31 + 1 month = 2024-02-29).
int64_t AddMonthsToDate(int64_t days, int64_t months);
// The instant `months` later on the wall clock of `zone`, keeping the time of day.
int64_t AddMonthsToTimestamp(int64_t micros, int64_t months, ZoneCache& zone);

// CAST(string AS DATE): trimmed "[+-]yyyy[-[m]m[-[d]d]]" optionally followed by ' ' or 'T' and
// anything. Returns false on malformed input.
bool ParseDate(std::string_view text, int32_t* days);
// ParseDate's common case, "yyyy-MM-dd" exactly; false for every other text.
bool ParseIsoDate(std::string_view text, int32_t* days);
// CAST(string AS TIMESTAMP): a date as above, then optional "[h]h:[m]m[:[s]s[.fraction]]" after
// ' ' or 'T', then an optional zone (Z, +hh[:mm], UTC, GMT+hh:mm, region id). Without a zone
// the time is read in `tz`. `ntz` ignores zones (TIMESTAMP_NTZ).
bool ParseTimestamp(std::string_view text, ZoneCache& zone, int64_t* micros, bool ntz = false);
inline bool ParseTimestamp(std::string_view text, const absl::TimeZone& tz, int64_t* micros, bool ntz = false) {
  return ParseTimestamp(text, ZoneCacheFor(tz), micros, ntz);
}

// "yyyy-MM-dd".
void AppendDate(int32_t days, std::string* out);
// "yyyy-MM-dd HH:mm:ss" plus ".ffffff" without trailing zeros when the fraction is not zero.
void AppendTimestamp(int64_t micros, ZoneCache& zone, std::string* out);
inline void AppendTimestamp(int64_t micros, const absl::TimeZone& tz, std::string* out) {
  AppendTimestamp(micros, ZoneCacheFor(tz), out);
}

// Parses a zone as Spark accepts it in strings and settings; false when unknown.
bool ParseZone(std::string_view text, absl::TimeZone* tz);

}  // namespace ember

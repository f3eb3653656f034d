#include "io/json/json_datetime.h"

#include <cctype>
#include <cstdio>

#include "absl/time/civil_time.h"

namespace ember {
namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kSecondsPerDay = 86400;

bool IsLeapYear(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

int32_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<int32_t>(era * 146097 + day_of_era - 719468);
}

// Inverse of DaysFromCivil.
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t day_of_era = days - era * 146097;
  int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t shifted_month = (5 * day_of_year + 2) / 153;
  *day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  *month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  *year = year_of_era + era * 400 + (*month <= 2 ? 1 : 0);
}

std::string_view Trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && static_cast<unsigned char>(text[begin]) <= ' ') ++begin;
  while (end > begin && static_cast<unsigned char>(text[end - 1]) <= ' ') --end;
  return text.substr(begin, end - begin);
}

// A cursor over the text with small digit readers.
struct Scanner {
  std::string_view text;
  size_t pos = 0;

  bool AtEnd() const { return pos >= text.size(); }
  char Peek() const { return AtEnd() ? '\0' : text[pos]; }
  // Reads between min_digits and max_digits digits.
  bool Digits(int min_digits, int max_digits, int64_t* value) {
    int count = 0;
    int64_t result = 0;
    while (!AtEnd() && std::isdigit(static_cast<unsigned char>(text[pos])) && count < max_digits) {
      result = result * 10 + (text[pos] - '0');
      ++pos;
      ++count;
    }
    if (count < min_digits) return false;
    if (!AtEnd() && std::isdigit(static_cast<unsigned char>(text[pos]))) return false;
    *value = result;
    return true;
  }
};

struct DateParts {
  int64_t year = 0;
  int month = 1;
  int day = 1;
};

// [+-]yyyy[-[m]m[-[d]d]]; `max_year_digits` differs between dates and timestamps in Spark.
bool ScanDate(Scanner& scanner, int max_year_digits, DateParts* date) {
  bool negative = false;
  if (scanner.Peek() == '-' || scanner.Peek() == '+') {
    negative = scanner.Peek() == '-';
    ++scanner.pos;
  }
  if (!scanner.Digits(4, max_year_digits, &date->year)) return false;
  if (negative) date->year = -date->year;
  int64_t value = 0;
  if (scanner.Peek() == '-') {
    ++scanner.pos;
    if (!scanner.Digits(1, 2, &value)) return false;
    date->month = static_cast<int>(value);
    if (scanner.Peek() == '-') {
      ++scanner.pos;
      if (!scanner.Digits(1, 2, &value)) return false;
      date->day = static_cast<int>(value);
    }
  }
  return date->month >= 1 && date->month <= 12 && date->day >= 1 &&
         date->day <= DaysInMonth(date->year, date->month);
}

struct TimeParts {
  int hour = 0, minute = 0, second = 0;
  int64_t micros = 0;
};

// h[h]:m[m][:s[s][.fraction]]; fraction digits past microseconds are dropped.
bool ScanTime(Scanner& scanner, TimeParts* time) {
  int64_t value = 0;
  if (!scanner.Digits(1, 2, &value)) return false;
  time->hour = static_cast<int>(value);
  if (scanner.Peek() != ':') return false;
  ++scanner.pos;
  if (!scanner.Digits(1, 2, &value)) return false;
  time->minute = static_cast<int>(value);
  if (scanner.Peek() == ':') {
    ++scanner.pos;
    if (!scanner.Digits(1, 2, &value)) return false;
    time->second = static_cast<int>(value);
    if (scanner.Peek() == '.') {
      ++scanner.pos;
      int digits = 0;
      while (std::isdigit(static_cast<unsigned char>(scanner.Peek()))) {
        if (digits < 6) time->micros = time->micros * 10 + (scanner.Peek() - '0');
        ++digits;
        ++scanner.pos;
      }
      if (digits == 0) return false;
      for (; digits < 6; ++digits) time->micros *= 10;
    }
  }
  return time->hour < 24 && time->minute < 60 && time->second < 60;
}

// "+h", "+hh", "+hh:mm", "+hhmm", "+hh:mm:ss" -> seconds east of UTC.
bool ParseOffset(std::string_view text, int64_t* seconds) {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return false;
  int sign = text[0] == '-' ? -1 : 1;
  Scanner scanner{text.substr(1)};
  int64_t hours = 0, minutes = 0, secs = 0;
  if (!scanner.Digits(1, 2, &hours)) {
    // "+hhmm" reads as four digits.
    scanner.pos = 0;
    int64_t packed = 0;
    if (!scanner.Digits(4, 4, &packed)) return false;
    hours = packed / 100;
    minutes = packed % 100;
  } else if (scanner.Peek() == ':') {
    ++scanner.pos;
    if (!scanner.Digits(2, 2, &minutes)) return false;
    if (scanner.Peek() == ':') {
      ++scanner.pos;
      if (!scanner.Digits(2, 2, &secs)) return false;
    }
  }
  if (!scanner.AtEnd() || hours > 18 || minutes > 59 || secs > 59) return false;
  *seconds = sign * (hours * 3600 + minutes * 60 + secs);
  return true;
}

// A zone suffix: "Z", an offset, "UTC"/"GMT"/"UT" with an optional offset, or a region id.
bool ResolveZone(std::string_view text, absl::TimeZone* zone) {
  if (text == "Z" || text == "z") {
    *zone = absl::UTCTimeZone();
    return true;
  }
  int64_t offset = 0;
  for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
    if (text.substr(0, prefix.size()) == prefix) {
      std::string_view rest = text.substr(prefix.size());
      if (rest.empty()) {
        *zone = absl::UTCTimeZone();
        return true;
      }
      if (!ParseOffset(rest, &offset)) return false;
      *zone = absl::FixedTimeZone(static_cast<int>(offset));
      return true;
    }
  }
  if (ParseOffset(text, &offset)) {
    *zone = absl::FixedTimeZone(static_cast<int>(offset));
    return true;
  }
  return absl::LoadTimeZone(std::string(text), zone);
}

struct TimestampParts {
  DateParts date;
  TimeParts time;
  std::string_view zone;  // empty when the text names none
};

bool ScanTimestamp(std::string_view text, TimestampParts* parts) {
  Scanner scanner{Trim(text)};
  if (!ScanDate(scanner, 6, &parts->date)) return false;
  if (scanner.AtEnd()) return true;
  char separator = scanner.Peek();
  if (separator != ' ' && separator != 'T') return false;
  ++scanner.pos;
  if (scanner.AtEnd()) return true;
  if (!ScanTime(scanner, &parts->time)) return false;
  while (scanner.Peek() == ' ') ++scanner.pos;
  parts->zone = scanner.text.substr(scanner.pos);
  return true;
}

}  // namespace


bool ParseJsonDate(std::string_view text, int32_t* days) {
  Scanner scanner{Trim(text)};
  DateParts date;
  if (!ScanDate(scanner, 7, &date)) return false;
  // Anything after a ' ' or 'T' following the day is ignored, as Spark's stringToDate does.
  if (!scanner.AtEnd() && scanner.Peek() != ' ' && scanner.Peek() != 'T') return false;
  *days = DaysFromCivil(date.year, date.month, date.day);
  return true;
}

bool ParseJsonTimestamp(std::string_view text, const absl::TimeZone& zone, int64_t* micros) {
  TimestampParts parts;
  if (!ScanTimestamp(text, &parts)) return false;
  absl::TimeZone effective = zone;
  if (!parts.zone.empty() && !ResolveZone(parts.zone, &effective)) return false;
  absl::CivilSecond civil(parts.date.year, parts.date.month, parts.date.day, parts.time.hour,
                          parts.time.minute, parts.time.second);
  // As java.time does, a wall time in a gap moves forward by the gap and one in an overlap takes
  // the earlier offset: both are the instant under the offset in force before the transition.
  absl::Time instant = effective.At(civil).pre;
  *micros = absl::ToUnixSeconds(instant) * kMicrosPerSecond + parts.time.micros;
  return true;
}

bool ParseJsonTimestampNtz(std::string_view text, int64_t* micros) {
  TimestampParts parts;
  if (!ScanTimestamp(text, &parts) || !parts.zone.empty()) return false;
  int64_t days = DaysFromCivil(parts.date.year, parts.date.month, parts.date.day);
  int64_t seconds = days * kSecondsPerDay + parts.time.hour * 3600 + parts.time.minute * 60 +
                    parts.time.second;
  *micros = seconds * kMicrosPerSecond + parts.time.micros;
  return true;
}

void AppendJsonDate(int32_t days, std::string* out) {
  int64_t year = 0;
  int month = 0, day = 0;
  CivilFromDays(days, &year, &month, &day);
  char buffer[32];
  int length = std::snprintf(buffer, sizeof(buffer), year < 0 ? "-%04lld-%02d-%02d" : "%04lld-%02d-%02d",
                             static_cast<long long>(year < 0 ? -year : year), month, day);
  out->append(buffer, length);
}

namespace {

void AppendWallClock(int64_t year, int month, int day, int hour, int minute, int second,
                     int millis, std::string* out) {
  char buffer[48];
  int length = std::snprintf(buffer, sizeof(buffer),
                             year < 0 ? "-%04lld-%02d-%02dT%02d:%02d:%02d.%03d"
                                      : "%04lld-%02d-%02dT%02d:%02d:%02d.%03d",
                             static_cast<long long>(year < 0 ? -year : year), month, day, hour,
                             minute, second, millis);
  out->append(buffer, length);
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

void AppendJsonTimestamp(int64_t micros, const absl::TimeZone& zone, std::string* out) {
  int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  int millis = static_cast<int>((micros - seconds * kMicrosPerSecond) / 1000);
  absl::TimeZone::CivilInfo info = zone.At(absl::FromUnixSeconds(seconds));
  AppendWallClock(info.cs.year(), info.cs.month(), info.cs.day(), info.cs.hour(), info.cs.minute(),
                  info.cs.second(), millis, out);
  int offset = info.offset;
  if (offset == 0) {
    out->push_back('Z');
    return;
  }
  char buffer[16];
  int magnitude = offset < 0 ? -offset : offset;
  int length = magnitude % 60 != 0
                   ? std::snprintf(buffer, sizeof(buffer), "%c%02d:%02d:%02d", offset < 0 ? '-' : '+',
                                   magnitude / 3600, magnitude / 60 % 60, magnitude % 60)
                   : std::snprintf(buffer, sizeof(buffer), "%c%02d:%02d", offset < 0 ? '-' : '+',
                                   magnitude / 3600, magnitude / 60 % 60);
  out->append(buffer, length);
}

void AppendJsonTimestampNtz(int64_t micros, std::string* out) {
  int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  int millis = static_cast<int>((micros - seconds * kMicrosPerSecond) / 1000);
  int64_t days = FloorDiv(seconds, kSecondsPerDay);
  int64_t second_of_day = seconds - days * kSecondsPerDay;
  int64_t year = 0;
  int month = 0, day = 0;
  CivilFromDays(days, &year, &month, &day);
  AppendWallClock(year, month, day, static_cast<int>(second_of_day / 3600),
                  static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60),
                  millis, out);
}

}  // namespace ember

#include "functions/datetime/datetime_util.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace ember {

int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void CivilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t day_of_era = days - era * 146097;
  int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t mp = (5 * day_of_year + 2) / 153;
  *day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = year_of_era + era * 400 + (*month <= 2);
}

int64_t AddMonthsToDate(int64_t days, int64_t months) {
  int64_t year;
  int month, day;
  CivilFromDays(days, &year, &month, &day);
  int64_t month_index = year * 12 + (month - 1) + months;
  int64_t new_year = FloorDiv(month_index, 12);
  int new_month = static_cast<int>(FloorMod(month_index, 12)) + 1;
  return DaysFromCivil(new_year, new_month, std::min(day, DaysInMonth(new_year, new_month)));
}

int64_t AddMonthsToTimestamp(int64_t micros, int64_t months, ZoneCache& zone) {
  LocalTime local = ToLocalTime(micros, zone);
  int64_t time_of_day = local.hour * 3600 + local.minute * 60 + local.second;
  int64_t seconds = zone.LocalToUtc(AddMonthsToDate(local.days, months) * 86400 + time_of_day);
  return seconds * kMicrosPerSecond + local.micros;
}

LocalTime ToLocalTime(int64_t micros, ZoneCache& zone) {
  LocalTime t;
  int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  t.micros = static_cast<int32_t>(micros - seconds * kMicrosPerSecond);
  t.offset = zone.OffsetAtUtc(seconds);
  int64_t local = seconds + t.offset;
  t.days = FloorDiv(local, 86400);
  int64_t second_of_day = local - t.days * 86400;
  t.hour = static_cast<int>(second_of_day / 3600);
  t.minute = static_cast<int>(second_of_day / 60 % 60);
  t.second = static_cast<int>(second_of_day % 60);
  CivilFromDays(t.days, &t.year, &t.month, &t.day);
  return t;
}

namespace {

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return s.substr(b, e - b);
}

// Reads 1..max_digits digits at *pos.
bool ReadInt(std::string_view s, size_t* pos, int min_digits, int max_digits, int64_t* value) {
  size_t start = *pos;
  int64_t v = 0;
  while (*pos < s.size() && std::isdigit(static_cast<unsigned char>(s[*pos])) &&
         static_cast<int>(*pos - start) < max_digits) {
    v = v * 10 + (s[*pos] - '0');
    ++*pos;
  }
  int n = static_cast<int>(*pos - start);
  if (n < min_digits) return false;
  *value = v;
  return true;
}

// Date part: "[+-]yyyy[-[m]m[-[d]d]]" as days since the epoch; stops after the date.
bool ReadDatePart(std::string_view s, size_t* pos, int64_t* days) {
  int sign = 1;
  if (*pos < s.size() && (s[*pos] == '+' || s[*pos] == '-')) {
    sign = s[*pos] == '-' ? -1 : 1;
    ++*pos;
  }
  int64_t year = 0, month = 1, dom = 1;
  if (!ReadInt(s, pos, 4, 7, &year)) return false;
  if (*pos < s.size() && s[*pos] == '-') {
    ++*pos;
    if (!ReadInt(s, pos, 1, 2, &month)) return false;
    if (*pos < s.size() && s[*pos] == '-') {
      ++*pos;
      if (!ReadInt(s, pos, 1, 2, &dom)) return false;
    }
  }
  if (month < 1 || month > 12 || dom < 1 || dom > DaysInMonth(sign * year, static_cast<int>(month))) return false;
  *days = DaysFromCivil(sign * year, static_cast<int>(month), static_cast<int>(dom));
  return true;
}

}  // namespace

bool ParseZone(std::string_view text, absl::TimeZone* tz) {
  std::string z(Trim(text));
  if (z.empty()) return false;
  std::string upper = z;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "Z" || upper == "UTC" || upper == "GMT" || upper == "UT") {
    *tz = absl::UTCTimeZone();
    return true;
  }
  std::string_view offset = z;
  for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
    if (upper.rfind(prefix, 0) == 0 && upper.size() > prefix.size() &&
        (upper[prefix.size()] == '+' || upper[prefix.size()] == '-')) {
      offset = std::string_view(z).substr(prefix.size());
      break;
    }
  }
  if (offset[0] == '+' || offset[0] == '-') {
    int sign = offset[0] == '-' ? -1 : 1;
    size_t pos = 1;
    int64_t hours = 0, minutes = 0, seconds = 0;
    if (!ReadInt(offset, &pos, 1, 2, &hours)) return false;
    if (pos < offset.size() && offset[pos] == ':') ++pos;
    if (pos < offset.size() && !ReadInt(offset, &pos, 2, 2, &minutes)) return false;
    if (pos < offset.size() && offset[pos] == ':') ++pos;
    if (pos < offset.size() && !ReadInt(offset, &pos, 2, 2, &seconds)) return false;
    if (pos != offset.size() || hours > 18 || minutes > 59 || seconds > 59) return false;
    *tz = absl::FixedTimeZone(static_cast<int>(sign * (hours * 3600 + minutes * 60 + seconds)));
    return true;
  }
  // Java's ZoneId.SHORT_IDS, which Spark's zone ids accept (case as written).
  static const std::map<std::string, std::string> kShortIds = {
      {"ACT", "Australia/Darwin"}, {"AET", "Australia/Sydney"}, {"AGT", "America/Argentina/Buenos_Aires"},
      {"ART", "Africa/Cairo"}, {"AST", "America/Anchorage"}, {"BET", "America/Sao_Paulo"},
      {"BST", "Asia/Dhaka"}, {"CAT", "Africa/Harare"}, {"CNT", "America/St_Johns"},
      {"CST", "America/Chicago"}, {"CTT", "Asia/Shanghai"}, {"EAT", "Africa/Addis_Ababa"},
      {"ECT", "Europe/Paris"}, {"IET", "America/Indiana/Indianapolis"}, {"IST", "Asia/Kolkata"},
      {"JST", "Asia/Tokyo"}, {"MIT", "Pacific/Apia"}, {"NET", "Asia/Yerevan"}, {"NST", "Pacific/Auckland"},
      {"PLT", "Asia/Karachi"}, {"PNT", "America/Phoenix"}, {"PRT", "America/Puerto_Rico"},
      {"PST", "America/Los_Angeles"}, {"SST", "Pacific/Guadalcanal"}, {"VST", "Asia/Ho_Chi_Minh"}};
  static const std::map<std::string, int> kShortOffsets = {{"EST", -5 * 3600}, {"MST", -7 * 3600}, {"HST", -10 * 3600}};
  if (auto fixed = kShortOffsets.find(z); fixed != kShortOffsets.end()) {
    *tz = absl::FixedTimeZone(fixed->second);
    return true;
  }
  if (auto named = kShortIds.find(z); named != kShortIds.end()) return absl::LoadTimeZone(named->second, tz);
  return absl::LoadTimeZone(z, tz);
}

bool ParseIsoDate(std::string_view s, int32_t* days) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int d[8];
  static constexpr int kDigits[] = {0, 1, 2, 3, 5, 6, 8, 9};
  for (int k = 0; k < 8; ++k) {
    d[k] = static_cast<unsigned char>(s[kDigits[k]] - '0');
    if (d[k] > 9) return false;
  }
  int64_t year = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3];
  int month = d[4] * 10 + d[5], day = d[6] * 10 + d[7];
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return false;
  *days = static_cast<int32_t>(DaysFromCivil(year, month, day));
  return true;
}

bool ParseDate(std::string_view text, int32_t* days) {
  if (ParseIsoDate(text, days)) return true;
  std::string_view s = Trim(text);
  size_t pos = 0;
  int64_t day = 0;
  if (!ReadDatePart(s, &pos, &day)) return false;
  if (pos < s.size() && s[pos] != ' ' && s[pos] != 'T') return false;
  *days = static_cast<int32_t>(day);
  return true;
}

namespace {
inline int Digit(char c) { return static_cast<unsigned char>(c - '0') < 10 ? c - '0' : -1; }

// "yyyy-MM-dd HH:mm:ss" exactly (the common case): local seconds, or false for other shapes.
bool ParsePlainTimestamp(std::string_view s, int64_t* local) {
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' ||
      s[16] != ':')
    return false;
  static constexpr int kDigits[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
  int d[14];
  for (int k = 0; k < 14; ++k) {
    d[k] = Digit(s[kDigits[k]]);
    if (d[k] < 0) return false;
  }
  int64_t year = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3];
  int month = d[4] * 10 + d[5], day = d[6] * 10 + d[7];
  int hour = d[8] * 10 + d[9], minute = d[10] * 10 + d[11], second = d[12] * 10 + d[13];
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 ||
      second > 59)
    return false;
  *local = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return true;
}
// seconds * 1e6 + fraction; false when that is beyond a timestamp's range (a year in the millions).
bool SecondsToMicros(int64_t seconds, int64_t fraction, int64_t* micros) {
  return !__builtin_mul_overflow(seconds, kMicrosPerSecond, micros) &&
         !__builtin_add_overflow(*micros, fraction, micros);
}
}  // namespace

bool ParseTimestamp(std::string_view text, ZoneCache& zone_cache, int64_t* micros, bool ntz) {
  std::string_view s = Trim(text);
  int64_t plain = 0;
  if (ParsePlainTimestamp(s, &plain)) {
    *micros = (ntz ? plain : zone_cache.LocalToUtc(plain)) * kMicrosPerSecond;
    return true;
  }
  size_t pos = 0;
  int64_t day = 0;
  if (!ReadDatePart(s, &pos, &day)) return false;
  int64_t hour = 0, minute = 0, second = 0, fraction = 0;
  if (pos < s.size()) {
    if (s[pos] != ' ' && s[pos] != 'T') return false;
    ++pos;
    if (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      if (!ReadInt(s, &pos, 1, 2, &hour)) return false;
      if (pos >= s.size() || s[pos] != ':') return false;
      ++pos;
      if (!ReadInt(s, &pos, 1, 2, &minute)) return false;
      if (pos < s.size() && s[pos] == ':') {
        ++pos;
        if (!ReadInt(s, &pos, 1, 2, &second)) return false;
        if (pos < s.size() && s[pos] == '.') {
          ++pos;
          size_t start = pos;
          while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
            if (pos - start < 6) fraction = fraction * 10 + (s[pos] - '0');
            ++pos;
          }
          for (size_t n = std::min<size_t>(pos - start, 6); n < 6; ++n) fraction *= 10;
        }
      }
      if (hour > 23 || minute > 59 || second > 59) return false;
    }
  }
  int64_t local = day * 86400 + hour * 3600 + minute * 60 + second;
  if (pos == s.size()) {
    return SecondsToMicros(ntz ? local : zone_cache.LocalToUtc(local), fraction, micros);
  }
  std::string_view rest = s.substr(pos);
  if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  absl::TimeZone zone;
  if (!ParseZone(rest, &zone)) return false;
  return SecondsToMicros(ntz ? local : ZoneCacheFor(zone).LocalToUtc(local), fraction, micros);
}

namespace {
void AppendPadded(int64_t v, int width, std::string* out) {
  char buf[24];
  int n = 0;
  bool negative = v < 0;
  uint64_t u = negative ? -static_cast<uint64_t>(v) : v;
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  while (n < width) buf[n++] = '0';
  if (negative) out->push_back('-');
  while (n) out->push_back(buf[--n]);
}

void AppendCivilDay(int64_t year, int month, int day, std::string* out) {
  AppendPadded(year, 4, out);
  out->push_back('-');
  AppendPadded(month, 2, out);
  out->push_back('-');
  AppendPadded(day, 2, out);
}
}  // namespace

void AppendDate(int32_t days, std::string* out) {
  int64_t year;
  int month, day;
  CivilFromDays(days, &year, &month, &day);
  AppendCivilDay(year, month, day, out);
}

void AppendTimestamp(int64_t micros, ZoneCache& zone, std::string* out) {
  LocalTime t = ToLocalTime(micros, zone);
  AppendCivilDay(t.year, t.month, t.day, out);
  out->push_back(' ');
  AppendPadded(t.hour, 2, out);
  out->push_back(':');
  AppendPadded(t.minute, 2, out);
  out->push_back(':');
  AppendPadded(t.second, 2, out);
  if (t.micros != 0) {
    int32_t f = t.micros;
    int digits = 6;
    while (f % 10 == 0) {
      f /= 10;
      --digits;
    }
    out->push_back('.');
    AppendPadded(f, digits, out);
  }
}

}  // namespace ember

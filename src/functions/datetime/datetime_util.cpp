#include "functions/datetime/datetime_util.h"

#include <cctype>

namespace ember {

CivilMicros ToCivil(int64_t micros, const absl::TimeZone& tz) {
  int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  CivilMicros out;
  out.micros = static_cast<int32_t>(micros - seconds * kMicrosPerSecond);
  out.second = tz.At(absl::FromUnixSeconds(seconds)).cs;
  return out;
}

int64_t FromCivil(const absl::CivilSecond& second, int32_t micros, const absl::TimeZone& tz) {
  // A time in a gap moves forward by the gap's length and an ambiguous time takes the earlier
  // offset, as java.time does; absl's `pre` instant is exactly that in both cases.
  absl::Time t = tz.At(second).pre;
  return absl::ToUnixSeconds(t) * kMicrosPerSecond + micros;
}

int32_t TimestampToDate(int64_t micros, const absl::TimeZone& tz) {
  return CivilDayToDays(absl::CivilDay(ToCivil(micros, tz).second));
}

int64_t DateToTimestamp(int32_t days, const absl::TimeZone& tz) {
  return FromCivil(absl::CivilSecond(DaysToCivilDay(days)), 0, tz);
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

// Date part: "[+-]yyyy[-[m]m[-[d]d]]"; stops after the date.
bool ReadDatePart(std::string_view s, size_t* pos, absl::CivilDay* day) {
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
  if (month < 1 || month > 12 || dom < 1 || dom > 31) return false;
  absl::CivilDay d(sign * year, month, dom);
  if (d.month() != month || d.day() != dom) return false;  // e.g. Feb 30
  *day = d;
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
  return absl::LoadTimeZone(z, tz);
}

bool ParseDate(std::string_view text, int32_t* days) {
  std::string_view s = Trim(text);
  size_t pos = 0;
  absl::CivilDay day;
  if (!ReadDatePart(s, &pos, &day)) return false;
  if (pos < s.size() && s[pos] != ' ' && s[pos] != 'T') return false;
  *days = CivilDayToDays(day);
  return true;
}

bool ParseTimestamp(std::string_view text, const absl::TimeZone& tz, int64_t* micros, bool ntz) {
  std::string_view s = Trim(text);
  size_t pos = 0;
  absl::CivilDay day;
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
  absl::TimeZone zone = tz;
  if (pos < s.size()) {
    std::string_view rest = s.substr(pos);
    if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
    if (!ParseZone(rest, &zone)) return false;
  }
  absl::CivilSecond cs(day.year(), day.month(), day.day(), hour, minute, second);
  if (ntz) zone = absl::UTCTimeZone();
  *micros = FromCivil(cs, static_cast<int32_t>(fraction), zone);
  return true;
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
  absl::CivilDay d = DaysToCivilDay(days);
  AppendCivilDay(d.year(), d.month(), d.day(), out);
}

void AppendTimestamp(int64_t micros, const absl::TimeZone& tz, std::string* out) {
  CivilMicros c = ToCivil(micros, tz);
  AppendCivilDay(c.second.year(), c.second.month(), c.second.day(), out);
  out->push_back(' ');
  AppendPadded(c.second.hour(), 2, out);
  out->push_back(':');
  AppendPadded(c.second.minute(), 2, out);
  out->push_back(':');
  AppendPadded(c.second.second(), 2, out);
  if (c.micros != 0) {
    int32_t f = c.micros;
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

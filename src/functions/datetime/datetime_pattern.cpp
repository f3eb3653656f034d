#include "functions/datetime/datetime_pattern.h"

#include <cctype>
#include <algorithm>
#include <cstring>

#include "absl/time/civil_time.h"
#include "common/error.h"
#include "functions/datetime/datetime_util.h"

namespace ember {
namespace {

const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};
const char* kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char* kSupported = "GyuMLdDEaHhKkmsSQqzVXxZ";

// Writes v with at least `width` digits at p and advances p.
void WriteNumber(char*& p, int64_t v, int width) {
  if (v >= 0 && v < 100 && width <= 2) {
    if (v >= 10 || width == 2) *p++ = static_cast<char>('0' + v / 10);
    *p++ = static_cast<char>('0' + v % 10);
    return;
  }
  if (v >= 1000 && v < 10000 && width <= 4) {
    p[0] = static_cast<char>('0' + v / 1000);
    p[1] = static_cast<char>('0' + v / 100 % 10);
    p[2] = static_cast<char>('0' + v / 10 % 10);
    p[3] = static_cast<char>('0' + v % 10);
    p += 4;
    return;
  }
  char buf[24];
  int n = 0;
  bool negative = v < 0;
  uint64_t u = negative ? -static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  while (n < width) buf[n++] = '0';
  if (negative) *p++ = '-';
  while (n) *p++ = buf[--n];
}

void WriteText(char*& p, std::string_view text, size_t max = 64) {
  size_t n = std::min(text.size(), max);
  std::memcpy(p, text.data(), n);
  p += n;
}

// "+HH", "+HHMM", "+HH:MM" forms of an offset in seconds; `z_for_zero` prints "Z" for 0.
void WriteOffset(char*& p, int offset_seconds, int count, bool z_for_zero) {
  if (offset_seconds == 0 && z_for_zero) {
    *p++ = 'Z';
    return;
  }
  *p++ = offset_seconds < 0 ? '-' : '+';
  int abs = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  int hours = abs / 3600, minutes = abs / 60 % 60;
  WriteNumber(p, hours, 2);
  if (count == 1) {
    if (minutes) WriteNumber(p, minutes, 2);
    return;
  }
  if (count == 3 || count == 5) *p++ = ':';
  WriteNumber(p, minutes, 2);
}

bool StartsWithIgnoreCase(std::string_view text, size_t pos, std::string_view word) {
  if (text.size() - pos < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[pos + i])) !=
        std::tolower(static_cast<unsigned char>(word[i])))
      return false;
  }
  return true;
}

// Matches one of `names` (full or 3-letter short form per `count`) at *pos; returns its index.
int MatchName(std::string_view text, size_t* pos, const char* const* names, int n, int count) {
  for (int i = 0; i < n; ++i) {
    std::string_view name = names[i];
    if (count < 4) name = name.substr(0, 3);
    if (StartsWithIgnoreCase(text, *pos, name)) {
      *pos += name.size();
      return i;
    }
  }
  return -1;
}

bool ReadDigits(std::string_view text, size_t* pos, int min, int max, int64_t* value) {
  size_t start = *pos;
  int64_t v = 0;
  while (*pos < text.size() && static_cast<int>(*pos - start) < max &&
         std::isdigit(static_cast<unsigned char>(text[*pos]))) {
    v = v * 10 + (text[(*pos)++] - '0');
  }
  if (static_cast<int>(*pos - start) < min) {
    *pos = start;
    return false;
  }
  *value = v;
  return true;
}

bool IsNumericLetter(char c) { return c != 0 && std::strchr("yuMLdDHhKkmsSQq", c) != nullptr; }

}  // namespace

DateTimePattern::DateTimePattern(std::string_view pattern) : pattern_(pattern) {
  size_t i = 0;
  auto fail = [&](const std::string& why) {
    throw SparkError("INVALID_PARAMETER_VALUE",
                     {{"parameter", "`format`"}, {"functionName", "`datetime`"},
                      {"message", "invalid datetime pattern '" + pattern_ + "': " + why}});
  };
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c == '\'') {
      size_t end = i + 1;
      std::string literal;
      while (true) {
        if (end >= pattern.size()) fail("unterminated quote");
        if (pattern[end] == '\'') {
          if (end + 1 < pattern.size() && pattern[end + 1] == '\'') {
            literal.push_back('\'');
            end += 2;
            continue;
          }
          break;
        }
        literal.push_back(pattern[end++]);
      }
      if (end == i + 1) literal = "'";
      tokens_.push_back({0, 0, literal});
      i = end + 1;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      if (std::strchr(kSupported, c) == nullptr) fail(std::string("unsupported letter ") + c);
      size_t end = i;
      while (end < pattern.size() && pattern[end] == c) ++end;
      int count = static_cast<int>(end - i);
      if ((c == 'M' || c == 'L' || c == 'E') && count > 5) fail("too many pattern letters");
      if (c != 'S' && c != 'y' && c != 'u' && count > 5) fail("too many pattern letters");
      if (c == 'a' && count > 1) fail("too many pattern letters");
      tokens_.push_back({c, count, ""});
      i = end;
      continue;
    }
    if (!tokens_.empty() && tokens_.back().letter == 0) {
      tokens_.back().literal.push_back(c);
    } else {
      tokens_.push_back({0, 0, std::string(1, c)});
    }
    ++i;
  }
  // An upper bound of the formatted length: numbers take at most 20 characters plus padding,
  // names and zones at most 64.
  for (const Token& t : tokens_) {
    bool text = std::strchr("GMLEQqzVZ", t.letter) != nullptr;
    max_length_ += t.letter == 0 ? t.literal.size() : static_cast<size_t>(t.count) + (text ? 64 : 20);
  }
}

void DateTimePattern::Format(int64_t micros, const absl::TimeZone& tz, std::string* out) const {
  Format(micros, ZoneCacheFor(tz), out);
}

void DateTimePattern::Format(int64_t micros, ZoneCache& zone, std::string* out) const {
  LocalTime t = ToLocalTime(micros, zone);
  // Written into a stack buffer when the pattern's bound fits, which it nearly always does.
  char stack[512];
  std::string heap;
  if (max_length_ > sizeof(stack)) heap.resize(max_length_);
  char* begin = max_length_ > sizeof(stack) ? heap.data() : stack;
  char* p = begin;
  for (const Token& token : tokens_) {
    int count = token.count;
    switch (token.letter) {
      case 0:
        if (token.literal.size() == 1) {
          *p++ = token.literal[0];
        } else {
          WriteText(p, token.literal, token.literal.size());
        }
        break;
      case 'G': WriteText(p, t.year > 0 ? (count == 4 ? "Anno Domini" : "AD") : (count == 4 ? "Before Christ" : "BC")); break;
      case 'y':
      case 'u': {
        int64_t year = token.letter == 'y' && t.year <= 0 ? 1 - t.year : t.year;
        if (count == 2) {
          WriteNumber(p, ((year % 100) + 100) % 100, 2);
        } else {
          WriteNumber(p, year, count);
        }
        break;
      }
      case 'M':
      case 'L':
        if (count <= 2) WriteNumber(p, t.month, count);
        else if (count == 3) WriteText(p, std::string_view(kMonths[t.month - 1], 3));
        else if (count == 4) WriteText(p, kMonths[t.month - 1]);
        else *p++ = kMonths[t.month - 1][0];
        break;
      case 'd': WriteNumber(p, t.day, count); break;
      case 'D': WriteNumber(p, t.days - DaysFromCivil(t.year, 1, 1) + 1, count); break;
      case 'E': {
        // 1970-01-01 was a Thursday (index 3 counting from Monday).
        const char* name = kWeekdays[FloorMod(t.days + 3, 7)];
        if (count <= 3) WriteText(p, std::string_view(name, 3));
        else if (count == 4) WriteText(p, name);
        else *p++ = name[0];
        break;
      }
      case 'a': WriteText(p, t.hour < 12 ? "AM" : "PM"); break;
      case 'H': WriteNumber(p, t.hour, count); break;
      case 'h': WriteNumber(p, t.hour % 12 == 0 ? 12 : t.hour % 12, count); break;
      case 'K': WriteNumber(p, t.hour % 12, count); break;
      case 'k': WriteNumber(p, t.hour == 0 ? 24 : t.hour, count); break;
      case 'm': WriteNumber(p, t.minute, count); break;
      case 's': WriteNumber(p, t.second, count); break;
      case 'S': {
        char nanos[9];
        int64_t v = static_cast<int64_t>(t.micros) * 1000;
        for (int k = 8; k >= 0; --k, v /= 10) nanos[k] = static_cast<char>('0' + v % 10);
        for (int k = 0; k < count; ++k) *p++ = k < 9 ? nanos[k] : '0';
        break;
      }
      case 'Q':
      case 'q': {
        int q = (t.month - 1) / 3 + 1;
        if (count <= 2) {
          WriteNumber(p, q, count);
        } else if (count == 3) {
          *p++ = 'Q';
          WriteNumber(p, q, 1);
        } else {
          WriteNumber(p, q, 1);
          WriteText(p, q == 1 ? "st quarter" : q == 2 ? "nd quarter" : q == 3 ? "rd quarter" : "th quarter");
        }
        break;
      }
      case 'z': WriteText(p, zone.zone().At(absl::FromUnixMicros(micros)).zone_abbr); break;
      case 'V': WriteText(p, zone.zone().name()); break;
      case 'X':
      case 'x':
      case 'Z':
        if (token.letter == 'Z') {
          if (count == 4) {
            WriteText(p, "GMT");
            if (t.offset != 0) WriteOffset(p, t.offset, 3, false);
          } else {
            WriteOffset(p, t.offset, count == 5 ? 5 : 2, count == 5);
          }
        } else {
          WriteOffset(p, t.offset, count, token.letter == 'X');
        }
        break;
    }
  }
  out->append(begin, p - begin);
}

bool DateTimePattern::Parse(std::string_view text, const absl::TimeZone& tz, int64_t* micros,
                            size_t* error_index) const {
  size_t pos = 0;
  int64_t year = 1970, month = 1, day = 1, day_of_year = -1, hour = 0, minute = 0, second = 0, fraction = 0;
  int hour12 = -1, ampm = -1;
  bool bc = false;
  bool zone_parsed = false;
  absl::TimeZone zone = tz;
  auto fail = [&]() {
    *error_index = pos;
    return false;
  };
  for (size_t k = 0; k < tokens_.size(); ++k) {
    const Token& t = tokens_[k];
    bool next_numeric = k + 1 < tokens_.size() && IsNumericLetter(tokens_[k + 1].letter);
    int64_t v = 0;
    switch (t.letter) {
      case 0:
        if (!StartsWithIgnoreCase(text, pos, t.literal)) return fail();
        pos += t.literal.size();
        break;
      case 'G':
        if (StartsWithIgnoreCase(text, pos, "AD")) {
          pos += 2;
        } else if (StartsWithIgnoreCase(text, pos, "BC")) {
          pos += 2;
          bc = true;
        } else {
          return fail();
        }
        break;
      case 'y':
      case 'u':
        if (t.count == 2) {
          if (!ReadDigits(text, &pos, 2, 2, &v)) return fail();
          year = 2000 + v;
        } else {
          bool negative = t.letter == 'u' && pos < text.size() && text[pos] == '-';
          if (negative || (pos < text.size() && text[pos] == '+')) ++pos;
          if (!ReadDigits(text, &pos, t.count, next_numeric ? t.count : 9, &v)) return fail();
          year = negative ? -v : v;
        }
        break;
      case 'M':
      case 'L':
        if (t.count >= 3) {
          int m = MatchName(text, &pos, kMonths, 12, t.count);
          if (m < 0) return fail();
          month = m + 1;
        } else if (!ReadDigits(text, &pos, t.count, next_numeric ? t.count : 2, &month)) {
          return fail();
        }
        break;
      case 'E':
        if (MatchName(text, &pos, kWeekdays, 7, t.count) < 0) return fail();
        break;
      case 'a':
        if (StartsWithIgnoreCase(text, pos, "AM")) ampm = 0;
        else if (StartsWithIgnoreCase(text, pos, "PM")) ampm = 1;
        else return fail();
        pos += 2;
        break;
      case 'S': {
        size_t start = pos;
        if (!ReadDigits(text, &pos, 1, t.count, &v)) return fail();
        int digits = static_cast<int>(pos - start);
        // Keep microseconds: scale to 6 digits.
        for (int d = digits; d < 6; ++d) v *= 10;
        for (int d = 6; d < digits; ++d) v /= 10;
        fraction = v;
        break;
      }
      case 'X':
      case 'x':
      case 'Z':
      case 'z':
      case 'V': {
        size_t start = pos;
        if (t.letter == 'X' || t.letter == 'x' || t.letter == 'Z') {
          if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
            ++pos;
          } else {
            if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return fail();
            ++pos;
            while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == ':')) ++pos;
          }
        } else {
          while (pos < text.size() && (std::isalnum(static_cast<unsigned char>(text[pos])) ||
                                       std::strchr("/_+-:", text[pos]) != nullptr))
            ++pos;
        }
        if (!ParseZone(text.substr(start, pos - start), &zone)) {
          pos = start;
          return fail();
        }
        zone_parsed = true;
        break;
      }
      default: {
        int max = t.count == 1 ? (next_numeric ? 1 : 2) : t.count;
        if (t.letter == 'D') max = t.count == 1 ? 3 : std::max(t.count, 3);
        if (!ReadDigits(text, &pos, t.count, max, &v)) return fail();
        switch (t.letter) {
          case 'd': day = v; break;
          case 'D': day_of_year = v; break;
          case 'H': hour = v; break;
          case 'k': hour = v == 24 ? 0 : v; break;
          case 'h': hour12 = static_cast<int>(v); break;
          case 'K': hour12 = static_cast<int>(v); break;
          case 'm': minute = v; break;
          case 's': second = v; break;
          case 'Q':
          case 'q': break;
        }
      }
    }
  }
  if (pos != text.size()) return fail();
  if (hour12 >= 0) {
    if (hour12 > 12) return fail();
    hour = hour12 % 12 + (ampm == 1 ? 12 : 0);
  } else if (ampm == 1 && hour < 12) {
    hour += 12;
  }
  if (bc) year = 1 - year;
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, static_cast<int>(month)) || hour > 23 ||
      minute > 59 || second > 59) {
    *error_index = std::string_view::npos;
    return false;
  }
  int64_t days = day_of_year > 0 ? DaysFromCivil(year, 1, 1) + day_of_year - 1
                                 : DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
  int64_t local = days * 86400 + hour * 3600 + minute * 60 + second;
  // A zone in the text is rare: the zone database answers it directly, without the cache.
  int64_t utc = zone_parsed ? absl::ToUnixSeconds(zone.At(absl::CivilSecond(1970, 1, 1, 0, 0, 0) + local).pre)
                            : LocalSecondsToUtc(local, tz);
  *micros = utc * kMicrosPerSecond + fraction;
  return true;
}

}  // namespace ember

#include "common/calendar_interval.h"

#include <cctype>
#include <cstring>

#include "common/interval.h"

namespace ember {

TypePtr CalendarIntervalType() {
  static const TypePtr type = [] {
    auto type = std::make_shared<DataType>();
    type->id = TypeId::kStruct;
    type->fields = {{"months", IntType(), false}, {"days", IntType(), false}, {"microseconds", LongType(), false}};
    type->udt = kCalendarIntervalClass;
    return type;
  }();
  return type;
}

CalendarInterval ReadCalendarInterval(const Vector& vector, int64_t row) {
  return CalendarInterval{vector.child(0)->Data<int32_t>()[row], vector.child(1)->Data<int32_t>()[row],
                          vector.child(2)->Data<int64_t>()[row]};
}

CalendarIntervalWriter::CalendarIntervalWriter(int64_t rows) : out_(Vector::Make(CalendarIntervalType(), rows)) {
  months_ = out_->child(0)->Data<int32_t>();
  days_ = out_->child(1)->Data<int32_t>();
  micros_ = out_->child(2)->Data<int64_t>();
  for (int64_t i = 0; i < rows; ++i) Set(i, CalendarInterval{});
}

namespace {

void AppendUnit(std::string& out, int64_t value, const char* unit) {
  if (value == 0) return;
  out += std::to_string(value);
  out += ' ';
  out += unit;
  out += ' ';
}

}  // namespace

std::string CalendarIntervalToString(const CalendarInterval& interval) {
  if (interval.months == 0 && interval.days == 0 && interval.micros == 0) return "0 seconds";
  std::string out;
  AppendUnit(out, interval.months / 12, "years");
  AppendUnit(out, interval.months % 12, "months");
  AppendUnit(out, interval.days, "days");
  int64_t rest = interval.micros;
  AppendUnit(out, rest / kMicrosPerHour, "hours");
  rest %= kMicrosPerHour;
  AppendUnit(out, rest / kMicrosPerMinute, "minutes");
  rest %= kMicrosPerMinute;
  if (rest != 0) {
    // Seconds as a plain decimal without trailing zeros: -1.5, 0.000001.
    uint64_t magnitude = rest < 0 ? 0 - static_cast<uint64_t>(rest) : static_cast<uint64_t>(rest);
    std::string text = std::to_string(magnitude / kMicrosPerSecond);
    std::string fraction = std::to_string(magnitude % kMicrosPerSecond);
    fraction.insert(0, 6 - fraction.size(), '0');
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (!fraction.empty()) text += "." + fraction;
    out += (rest < 0 ? "-" : "") + text + " seconds ";
  }
  out.pop_back();
  return out;
}

namespace {

struct Unit {
  const char* name;
  int64_t months, days, micros;  // what one of the unit adds to each field
};

constexpr Unit kUnits[] = {
    {"year", 12, 0, 0},
    {"month", 1, 0, 0},
    {"week", 0, 7, 0},
    {"day", 0, 1, 0},
    {"hour", 0, 0, kMicrosPerHour},
    {"minute", 0, 0, kMicrosPerMinute},
    {"second", 0, 0, kMicrosPerSecond},
    {"millisecond", 0, 0, 1000},
    {"microsecond", 0, 0, 1},
};

bool AddScaled(int64_t& field, int64_t value, int64_t scale) {
  int64_t product;
  return !__builtin_mul_overflow(value, scale, &product) && !__builtin_add_overflow(field, product, &field);
}

}  // namespace

std::optional<CalendarInterval> ParseCalendarInterval(std::string_view text) {
  std::string s;
  for (char c : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t i = 0;
  auto skip_space = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  auto at_word_end = [&](size_t k) { return k == s.size() || std::isspace(static_cast<unsigned char>(s[k])); };
  skip_space();
  if (s.compare(i, 8, "interval") == 0 && at_word_end(i + 8)) i += 8;
  skip_space();
  if (i == s.size()) return std::nullopt;
  int64_t months = 0, days = 0, micros = 0;
  while (i < s.size()) {
    bool negative = false;
    if (s[i] == '+' || s[i] == '-') negative = s[i++] == '-';
    skip_space();
    int64_t whole = 0;
    size_t digits = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i, ++digits) {
      if (__builtin_mul_overflow(whole, 10, &whole) || __builtin_add_overflow(whole, s[i] - '0', &whole)) return std::nullopt;
    }
    int64_t fraction_micros = 0;
    bool has_fraction = false;
    if (i < s.size() && s[i] == '.') {
      has_fraction = true;
      ++i;
      size_t fraction_digits = 0;
      int64_t scale = 100000;
      for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i, ++fraction_digits) {
        if (fraction_digits >= 9) return std::nullopt;  // nanosecond precision at most
        fraction_micros += (s[i] - '0') * scale;
        scale /= 10;
      }
      if (digits + fraction_digits == 0) return std::nullopt;
    } else if (digits == 0) {
      return std::nullopt;
    }
    if (i == s.size() || !std::isspace(static_cast<unsigned char>(s[i]))) return std::nullopt;
    skip_space();
    const Unit* unit = nullptr;
    for (const Unit& u : kUnits) {
      size_t n = std::strlen(u.name);
      if (s.compare(i, n, u.name) != 0) continue;
      size_t end = i + n;
      if (end < s.size() && s[end] == 's') ++end;
      if (!at_word_end(end)) continue;
      unit = &u;
      i = end;
      break;
    }
    if (!unit || (has_fraction && unit->micros != kMicrosPerSecond)) return std::nullopt;
    int64_t value = negative ? -whole : whole;
    if (!AddScaled(months, value, unit->months) || !AddScaled(days, value, unit->days) ||
        !AddScaled(micros, value, unit->micros) || !AddScaled(micros, negative ? -fraction_micros : fraction_micros, 1))
      return std::nullopt;
    skip_space();
  }
  if (months > INT32_MAX || months < INT32_MIN || days > INT32_MAX || days < INT32_MIN) return std::nullopt;
  return CalendarInterval{static_cast<int32_t>(months), static_cast<int32_t>(days), micros};
}

}  // namespace ember

#include "common/interval.h"

#include <cctype>
#include <limits>
#include <vector>

namespace ember {
namespace {

TypePtr IntervalType(TypeId kind, uint8_t start, uint8_t end) {
  return std::make_shared<DataType>(DataType{.id = kind, .start_field = start, .end_field = end});
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// "YEAR TO MONTH" or "DAY": the fields as the text form names them.
std::string FieldsText(const DataType& type) {
  std::string start = Upper(IntervalFieldName(type.id, type.start_field));
  if (type.start_field == type.end_field) return start;
  return start + " TO " + Upper(IntervalFieldName(type.id, type.end_field));
}

// Two digits, zero padded.
std::string TwoDigits(int64_t value) { return (value < 10 ? "0" : "") + std::to_string(value); }

// Seconds with up to six fraction digits, trailing zeros dropped, at least two integer digits.
std::string SecondsText(int64_t micros) {
  std::string text = TwoDigits(micros / 1'000'000);
  int64_t fraction = micros % 1'000'000;
  if (fraction == 0) return text;
  std::string digits = std::to_string(fraction);
  digits.insert(0, 6 - digits.size(), '0');
  while (digits.back() == '0') digits.pop_back();
  return text + "." + digits;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

// The quoted body of "INTERVAL '<body>' <fields>" when the fields match `type`; `text` itself
// when it does not start with INTERVAL; nullopt for the wrapped form with other fields.
std::optional<std::string_view> UnwrapIntervalText(std::string_view text, const DataType& type) {
  if (text.size() < 9 || !EqualsIgnoreCase(text.substr(0, 8), "interval") ||
      !std::isspace(static_cast<unsigned char>(text[8]))) {
    return text;
  }
  std::string_view rest = Trim(text.substr(9));
  if (rest.empty() || rest.front() != '\'') return std::nullopt;
  size_t close = rest.find('\'', 1);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view body = rest.substr(1, close - 1);
  std::string_view fields = Trim(rest.substr(close + 1));
  // Words separated by single or repeated spaces compare to the canonical field text.
  std::string normalized;
  for (char c : fields) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!normalized.empty() && normalized.back() != ' ') normalized += ' ';
    } else {
      normalized += c;
    }
  }
  if (!EqualsIgnoreCase(normalized, FieldsText(type))) return std::nullopt;
  return body;
}

// Splits "[+|-]a<sep>b<sep>c" into its sign and unsigned numbers; `separators` lists the
// separator expected before each number after the first. The last number may have a fraction
// of up to six digits when `fraction_last` (returned as microseconds in `fraction`).
bool SplitNumbers(std::string_view text, const std::vector<char>& separators, bool fraction_last,
                  bool* negative, std::vector<int64_t>* numbers, int64_t* fraction) {
  text = Trim(text);
  *negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    *negative = text.front() == '-';
    text.remove_prefix(1);
  }
  *fraction = 0;
  size_t pos = 0;
  for (size_t n = 0; n <= separators.size(); ++n) {
    if (n > 0) {
      if (pos >= text.size() || text[pos] != separators[n - 1]) return false;
      ++pos;
    }
    size_t start = pos;
    int64_t value = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      if (value > (std::numeric_limits<int64_t>::max() - 9) / 10) return false;
      value = value * 10 + (text[pos++] - '0');
    }
    if (pos == start) return false;
    numbers->push_back(value);
  }
  if (fraction_last && pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      if (++digits > 6) return false;
      *fraction = *fraction * 10 + (text[pos++] - '0');
    }
    for (int d = digits; d < 6; ++d) *fraction *= 10;
  }
  return pos == text.size();
}

constexpr int64_t kFieldMicros[] = {kMicrosPerDay, kMicrosPerHour, kMicrosPerMinute, kMicrosPerSecond};
// Largest value of a day-time field when it is not the leading one.
constexpr int64_t kFieldLimit[] = {0, 23, 59, 59};

}  // namespace

TypePtr YearMonthIntervalType(uint8_t start, uint8_t end) {
  return IntervalType(TypeId::kYearMonthInterval, start, end);
}

TypePtr DayTimeIntervalType(uint8_t start, uint8_t end) {
  return IntervalType(TypeId::kDayTimeInterval, start, end);
}

const char* IntervalFieldName(TypeId kind, uint8_t field) {
  static const char* kYearMonth[] = {"year", "month"};
  static const char* kDayTime[] = {"day", "hour", "minute", "second"};
  return kind == TypeId::kYearMonthInterval ? kYearMonth[field] : kDayTime[field];
}

std::optional<uint8_t> IntervalFieldOf(TypeId kind, std::string_view name) {
  int count = kind == TypeId::kYearMonthInterval ? 2 : 4;
  for (int field = 0; field < count; ++field) {
    std::string_view canonical = IntervalFieldName(kind, static_cast<uint8_t>(field));
    if (EqualsIgnoreCase(name, canonical) ||
        (name.size() == canonical.size() + 1 && EqualsIgnoreCase(name.substr(0, canonical.size()), canonical) &&
         (name.back() == 's' || name.back() == 'S'))) {
      return static_cast<uint8_t>(field);
    }
  }
  return std::nullopt;
}

std::string IntervalTypeString(const DataType& type) {
  std::string text = "interval " + std::string(IntervalFieldName(type.id, type.start_field));
  if (type.start_field != type.end_field) text += " to " + std::string(IntervalFieldName(type.id, type.end_field));
  return text;
}

namespace {

std::string YearMonthIntervalToString(int32_t months, const DataType& type) {
  std::string sign = months < 0 ? "-" : "";
  int64_t magnitude = months < 0 ? -static_cast<int64_t>(months) : months;
  std::string body;
  if (type.start_field != type.end_field) {
    body = sign + std::to_string(magnitude / 12) + "-" + std::to_string(magnitude % 12);
  } else if (type.start_field == kYearField) {
    body = sign + std::to_string(magnitude / 12);
  } else {
    body = std::to_string(months);
  }
  return "INTERVAL '" + body + "' " + FieldsText(type);
}

std::string DayTimeIntervalToString(int64_t micros, const DataType& type) {
  std::string sign = micros < 0 ? "-" : "";
  // The magnitude of INT64_MIN does not fit int64; it does fit uint64.
  uint64_t rest = micros < 0 ? 0 - static_cast<uint64_t>(micros) : static_cast<uint64_t>(micros);
  std::string body = sign;
  for (uint8_t field = type.start_field; field <= type.end_field; ++field) {
    uint64_t unit = static_cast<uint64_t>(kFieldMicros[field]);
    if (field == kSecondField) {
      body += (field == type.start_field ? "" : ":") + SecondsText(static_cast<int64_t>(rest));
      break;
    }
    uint64_t value = rest / unit;
    rest %= unit;
    if (field == type.start_field) {
      body += field == kDayField ? std::to_string(value) : TwoDigits(static_cast<int64_t>(value));
    } else {
      body += (field == kHourField ? " " : ":") + TwoDigits(static_cast<int64_t>(value));
    }
  }
  return "INTERVAL '" + body + "' " + FieldsText(type);
}

std::optional<int32_t> ParseYearMonthInterval(std::string_view text, const DataType& type) {
  std::optional<std::string_view> body = UnwrapIntervalText(Trim(text), type);
  if (!body) return std::nullopt;
  bool both = type.start_field != type.end_field;
  bool negative;
  std::vector<int64_t> numbers;
  int64_t fraction;
  if (!SplitNumbers(*body, both ? std::vector<char>{'-'} : std::vector<char>{}, false, &negative, &numbers, &fraction))
    return std::nullopt;
  int64_t months;
  if (both) {
    if (numbers[1] > 11 || numbers[0] > std::numeric_limits<int32_t>::max() / 12) return std::nullopt;
    months = numbers[0] * 12 + numbers[1];
  } else if (type.start_field == kYearField) {
    if (numbers[0] > std::numeric_limits<int32_t>::max() / 12) return std::nullopt;
    months = numbers[0] * 12;
  } else {
    months = numbers[0];
  }
  if (negative) months = -months;
  if (months > std::numeric_limits<int32_t>::max() || months < std::numeric_limits<int32_t>::min())
    return std::nullopt;
  return static_cast<int32_t>(months);
}

std::optional<int64_t> ParseDayTimeInterval(std::string_view text, const DataType& type) {
  std::optional<std::string_view> body = UnwrapIntervalText(Trim(text), type);
  if (!body) return std::nullopt;
  std::vector<char> separators;
  for (uint8_t field = type.start_field + 1; field <= type.end_field; ++field) {
    separators.push_back(field == kHourField ? ' ' : ':');
  }
  bool negative;
  std::vector<int64_t> numbers;
  int64_t fraction;
  if (!SplitNumbers(*body, separators, type.end_field == kSecondField, &negative, &numbers, &fraction))
    return std::nullopt;
  __int128 micros = fraction;
  for (size_t i = 0; i < numbers.size(); ++i) {
    uint8_t field = static_cast<uint8_t>(type.start_field + i);
    if (i > 0 && numbers[i] > kFieldLimit[field]) return std::nullopt;
    micros += static_cast<__int128>(numbers[i]) * kFieldMicros[field];
  }
  if (negative) micros = -micros;
  if (micros > std::numeric_limits<int64_t>::max() || micros < std::numeric_limits<int64_t>::min())
    return std::nullopt;
  return static_cast<int64_t>(micros);
}

}  // namespace

std::string IntervalToString(int64_t value, const DataType& type) {
  return type.id == TypeId::kYearMonthInterval ? YearMonthIntervalToString(static_cast<int32_t>(value), type)
                                                : DayTimeIntervalToString(value, type);
}

std::optional<int64_t> ParseInterval(std::string_view text, const DataType& type) {
  if (type.id == TypeId::kDayTimeInterval) return ParseDayTimeInterval(text, type);
  std::optional<int32_t> months = ParseYearMonthInterval(text, type);
  if (!months) return std::nullopt;
  return *months;
}

int64_t TruncateInterval(int64_t value, const DataType& type) {
  if (type.id == TypeId::kYearMonthInterval) return type.end_field == kYearField ? value / 12 * 12 : value;
  if (type.end_field == kSecondField) return value;
  int64_t unit = kFieldMicros[type.end_field];
  return value / unit * unit;
}

}  // namespace ember

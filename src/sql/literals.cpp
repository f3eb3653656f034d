#include "sql/literals.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "common/error.h"
#include "common/interval.h"

namespace ember::sql {
namespace {

struct DecimalText {
  int128_t unscaled = 0;
  int digits = 0;  // significant digits, leading zeros dropped
  int scale = 0;
  bool ok = true;
};

// "12.50" -> unscaled 1250, scale 2; digits counts without leading zeros (at least the scale).
DecimalText ReadDecimal(const std::string& body) {
  DecimalText out;
  bool in_fraction = false;
  bool leading = true;
  for (char c : body) {
    if (c == '.') {
      in_fraction = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      out.ok = false;
      return out;
    }
    if (in_fraction) ++out.scale;
    if (leading && c == '0' && !in_fraction) continue;
    leading = false;
    if (c != '0' || out.digits > 0 || in_fraction) ++out.digits;
    if (out.digits > 38) {
      out.ok = false;
      return out;
    }
    out.unscaled = out.unscaled * 10 + (c - '0');
  }
  // Spark's precision of a BigDecimal: digits of the unscaled value, never below the scale, and 1 for 0.
  int unscaled_digits = 0;
  for (int128_t v = out.unscaled; v > 0; v /= 10) ++unscaled_digits;
  out.digits = std::max({unscaled_digits, out.scale, 1});
  return out;
}

std::string LowerSingular(std::string word) {
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (word.size() > 1 && word.back() == 's') word.pop_back();
  return word;
}

// A multi-unit literal's unit: its interval kind, its type field and its size in that kind's
// storage unit (months or microseconds).
struct UnitInfo {
  TypeId kind;
  uint8_t field;
  int64_t size;
};

std::optional<UnitInfo> UnitOf(const std::string& word) {
  static const std::pair<const char*, UnitInfo> kUnits[] = {
      {"year", {TypeId::kYearMonthInterval, kYearField, 12}},
      {"month", {TypeId::kYearMonthInterval, kMonthField, 1}},
      {"week", {TypeId::kDayTimeInterval, kDayField, 7 * kMicrosPerDay}},
      {"day", {TypeId::kDayTimeInterval, kDayField, kMicrosPerDay}},
      {"hour", {TypeId::kDayTimeInterval, kHourField, kMicrosPerHour}},
      {"minute", {TypeId::kDayTimeInterval, kMinuteField, kMicrosPerMinute}},
      {"second", {TypeId::kDayTimeInterval, kSecondField, kMicrosPerSecond}},
      {"millisecond", {TypeId::kDayTimeInterval, kSecondField, 1000}},
      {"microsecond", {TypeId::kDayTimeInterval, kSecondField, 1}},
  };
  std::string singular = LowerSingular(word);
  for (const auto& [name, info] : kUnits) {
    if (singular == name) return info;
  }
  return std::nullopt;
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// The format of interval text for `type`'s fields, as Spark's message names it: `[+|-]d h:m:s.n`.
std::string FormatOf(const DataType& type) {
  if (type.id == TypeId::kYearMonthInterval) {
    if (type.start_field != type.end_field) return "`[+|-]y-m`";
    return type.start_field == kYearField ? "`[+|-]y`" : "`[+|-]m`";
  }
  static const char* kParts[] = {"d", " h", ":m", ":s.n"};
  std::string format = "`[+|-]";
  for (uint8_t field = type.start_field; field <= type.end_field; ++field) {
    std::string part = kParts[field];
    format += field == type.start_field && part[0] != 'd' ? part.substr(1) : part;
  }
  return format + "`";
}

[[noreturn]] void ThrowInvalidInterval(const std::string& text, const DataType& type) {
  std::string kind = type.id == TypeId::kYearMonthInterval ? "year-month" : "day-time";
  std::string target = Upper(IntervalTypeString(type));
  throw SparkError("INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING", "22006",
                   "Error parsing '" + text + "' to interval. Interval string does not match " + kind +
                       " format of " + FormatOf(type) + " when cast to " + target + ": " + text + ".",
                   {{"input", text}, {"intervalStr", kind}, {"supportedFormat", FormatOf(type)},
                    {"typeName", target}});
}

// "12", "-3", "1.5" (fraction only when `fraction`) scaled by `size`; nullopt when malformed.
std::optional<int128_t> ScaledValue(std::string text, int64_t size, bool fraction) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  bool negative = false;
  // A minus before a quoted value and one inside it cancel out.
  while (start < text.size() && (text[start] == '-' || text[start] == '+')) negative ^= text[start++] == '-';
  int128_t whole = 0, fraction_value = 0, fraction_scale = 1;
  bool point = false, digits = false;
  for (size_t i = start; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' && fraction && !point) {
      point = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    digits = true;
    if (point) {
      if (fraction_scale >= 1'000'000'000) return std::nullopt;
      fraction_value = fraction_value * 10 + (c - '0');
      fraction_scale *= 10;
    } else {
      whole = whole * 10 + (c - '0');
      if (whole > std::numeric_limits<int64_t>::max()) return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  int128_t value = whole * size + fraction_value * size / fraction_scale;
  return negative ? -value : value;
}

Value IntervalValue(const TypePtr& type, int128_t value, const std::string& text) {
  int128_t low = type->id == TypeId::kYearMonthInterval ? std::numeric_limits<int32_t>::min()
                                                         : std::numeric_limits<int64_t>::min();
  int128_t high = type->id == TypeId::kYearMonthInterval ? std::numeric_limits<int32_t>::max()
                                                          : std::numeric_limits<int64_t>::max();
  if (value < low || value > high) ThrowInvalidInterval(text, *type);
  Value v = Value::Long(static_cast<int64_t>(value));
  v.type = type;
  return v;
}

}  // namespace

bool IsIntervalUnit(const std::string& word) { return UnitOf(word).has_value(); }

Value MultiUnitIntervalLiteral(const std::vector<IntervalPart>& parts) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : " ") + part.value + " " + part.unit;
  std::optional<UnitInfo> first = UnitOf(parts.at(0).unit);
  if (!first) throw InternalError("not an interval unit: " + parts[0].unit);
  uint8_t start = first->field, end = first->field;
  int128_t total = 0;
  for (const auto& part : parts) {
    std::optional<UnitInfo> unit = UnitOf(part.unit);
    if (!unit) throw InternalError("not an interval unit: " + part.unit);
    if (unit->kind != first->kind) {
      throw SparkError("MIXED_INTERVAL_UNITS", "22006",
                       "Cannot mix year-month and day-time fields: INTERVAL " + text + ".",
                       {{"literal", "INTERVAL " + text}});
    }
    start = std::min(start, unit->field);
    end = std::max(end, unit->field);
    std::optional<int128_t> value = ScaledValue(part.value, unit->size, unit->field == kSecondField);
    TypePtr single = unit->kind == TypeId::kYearMonthInterval ? YearMonthIntervalType(unit->field, unit->field)
                                                               : DayTimeIntervalType(unit->field, unit->field);
    if (!value) ThrowInvalidInterval(part.value, *single);
    total += *value;
  }
  TypePtr type = first->kind == TypeId::kYearMonthInterval ? YearMonthIntervalType(start, end)
                                                            : DayTimeIntervalType(start, end);
  return IntervalValue(type, total, text);
}

Value UnitToUnitIntervalLiteral(const IntervalPart& part, const std::string& end_unit) {
  std::optional<uint8_t> ym_start = IntervalFieldOf(TypeId::kYearMonthInterval, part.unit);
  std::optional<uint8_t> ym_end = IntervalFieldOf(TypeId::kYearMonthInterval, end_unit);
  std::optional<uint8_t> dt_start = IntervalFieldOf(TypeId::kDayTimeInterval, part.unit);
  std::optional<uint8_t> dt_end = IntervalFieldOf(TypeId::kDayTimeInterval, end_unit);
  TypePtr type;
  if (ym_start && ym_end && *ym_start < *ym_end) {
    type = YearMonthIntervalType(*ym_start, *ym_end);
  } else if (dt_start && dt_end && *dt_start < *dt_end) {
    type = DayTimeIntervalType(*dt_start, *dt_end);
  } else {
    std::string from = Upper(part.unit), to = Upper(end_unit);
    throw SparkError("INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION", "22006",
                     "Error parsing '" + part.value + "' to interval. Cannot support (interval '" + part.value +
                         "' " + from + " to " + to + ") expression.",
                     {{"input", part.value}, {"from", from}, {"to", to}});
  }
  // A minus before the quoted text negates it.
  bool negated = !part.value.empty() && part.value[0] == '-';
  std::string body = negated ? part.value.substr(1) : part.value;
  std::optional<int64_t> value = ParseInterval(body, *type);
  if (!value) ThrowInvalidInterval(body, *type);
  return IntervalValue(type, negated ? -static_cast<int128_t>(*value) : *value, body);
}

std::optional<Value> ParseNumberLiteral(const std::string& text) {
  bool negative = !text.empty() && text[0] == '-';
  std::string body = negative ? text.substr(1) : text;
  if (body.empty()) return std::nullopt;
  std::string suffix;
  auto upper = [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); };
  if (body.size() > 2 && upper(body[body.size() - 2]) == 'B' && upper(body.back()) == 'D') {
    suffix = "BD";
    body.resize(body.size() - 2);
  } else if (std::isalpha(static_cast<unsigned char>(body.back())) && upper(body.back()) != 'E') {
    suffix = std::string(1, upper(body.back()));
    body.pop_back();
  }
  bool has_exponent = body.find_first_of("eE") != std::string::npos;
  bool has_point = body.find('.') != std::string::npos;
  std::string signed_body = (negative ? "-" : "") + body;

  if (suffix == "D" || suffix == "F" || (has_exponent && suffix.empty())) {
    double value = std::strtod(signed_body.c_str(), nullptr);
    if (std::isinf(value)) return std::nullopt;
    if (suffix == "F") {
      Value v = Value::Double(static_cast<float>(value));
      v.type = FloatType();
      return v;
    }
    return Value::Double(value);
  }
  if (has_exponent) return std::nullopt;
  DecimalText decimal = ReadDecimal(body);
  if (!decimal.ok) return std::nullopt;
  int128_t signed_unscaled = negative ? -decimal.unscaled : decimal.unscaled;
  if (has_point || suffix == "BD") {
    return Value::Decimal(signed_unscaled, decimal.digits, decimal.scale);
  }
  auto in_range = [&](int64_t low, int64_t high) { return signed_unscaled >= low && signed_unscaled <= high; };
  if (suffix == "L") {
    if (!in_range(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max())) return std::nullopt;
    return Value::Long(static_cast<int64_t>(signed_unscaled));
  }
  if (suffix == "S" || suffix == "Y") {
    int64_t limit = suffix == "S" ? 32767 : 127;
    if (!in_range(-limit - 1, limit)) return std::nullopt;
    Value v = Value::Long(static_cast<int64_t>(signed_unscaled));
    v.type = suffix == "S" ? ShortType() : ByteType();
    return v;
  }
  if (!suffix.empty()) return std::nullopt;
  if (in_range(std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max())) {
    return Value::Int(static_cast<int32_t>(signed_unscaled));
  }
  if (in_range(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max())) {
    return Value::Long(static_cast<int64_t>(signed_unscaled));
  }
  return Value::Decimal(signed_unscaled, decimal.digits, 0);
}

std::optional<Value> ParseHexLiteral(const std::string& digits) {
  if (digits.size() % 2 != 0) return std::nullopt;
  std::string bytes;
  for (size_t i = 0; i < digits.size(); i += 2) {
    int value = 0;
    for (size_t j = i; j < i + 2; ++j) {
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(digits[j])));
      if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
      value = value * 16 + (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'a' + 10);
    }
    bytes.push_back(static_cast<char>(value));
  }
  Value v = Value::String(std::move(bytes));
  v.type = BinaryType();
  return v;
}

}  // namespace ember::sql

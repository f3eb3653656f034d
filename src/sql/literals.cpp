#include "sql/literals.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

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

}  // namespace

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

#include "functions/csv/csv_type_inference.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"

namespace ember {
namespace {

using Kind = CsvTypeInference::Kind;

bool IsDigits(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsDouble(std::string_view text, const CsvOptions& options) {
  if (text == options.nan_value || text == options.positive_inf || text == options.negative_inf) return true;
  if (text.empty()) return false;
  if (text.find_first_of("xXnNiI") != std::string_view::npos) return false;
  if (!absl::ascii_isspace(static_cast<unsigned char>(text[0]))) {
    // strtod's grammar without its copy: one sign, then what from_chars accepts, to the end.
    std::string_view body = text;
    if (body[0] == '+' || body[0] == '-') body.remove_prefix(1);
    if (body.empty() || body[0] == '+' || body[0] == '-') return false;
    double value = 0;
    auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
    return end == body.data() + body.size() && (ec == std::errc() || ec == std::errc::result_out_of_range);
  }
  std::string copy(text);
  char* end = nullptr;
  std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size();
}

bool IsIsoDate(std::string_view text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' && IsDigits(text.substr(0, 4)) &&
         IsDigits(text.substr(5, 2)) && IsDigits(text.substr(8, 2));
}

// Spark's compatible type of two inferred kinds.
Kind MergeKinds(Kind a, Kind b) {
  if (a == b || b == Kind::kNull) return a;
  if (a == Kind::kNull) return b;
  auto numeric = [](Kind k) { return k == Kind::kInt || k == Kind::kLong || k == Kind::kDecimal || k == Kind::kDouble; };
  if (numeric(a) && numeric(b)) {
    if (a == Kind::kDouble || b == Kind::kDouble) return Kind::kDouble;
    return a > b ? a : b;
  }
  if ((a == Kind::kDate && b == Kind::kTimestamp) || (a == Kind::kTimestamp && b == Kind::kDate)) return Kind::kTimestamp;
  return Kind::kString;
}

TypePtr TypeOf(Kind kind, int decimal_digits) {
  switch (kind) {
    case Kind::kInt: return IntType();
    case Kind::kLong: return LongType();
    case Kind::kDecimal: return DecimalType(decimal_digits, 0);
    case Kind::kDouble: return DoubleType();
    case Kind::kDate: return DateType();
    case Kind::kTimestamp: return TimestampType();
    case Kind::kBoolean: return BooleanType();
    default: return StringType();
  }
}

}  // namespace

CsvTypeInference::CsvTypeInference(const CsvOptions& options, const absl::TimeZone& zone, size_t columns)
    : options_(options),
      datetimes_(options.date_format, options.timestamp_format, options.timestamp_ntz_format, zone),
      kinds_(columns, Kind::kNull),
      digits_(columns, 0) {}

void CsvTypeInference::Add(size_t column, std::string_view value) {
  if (kinds_[column] == Kind::kString || Keeps(kinds_[column], value)) return;
  int digits = 0;
  kinds_[column] = MergeKinds(kinds_[column], KindOf(value, &digits));
  digits_[column] = std::max(digits_[column], digits);
}

void CsvTypeInference::Merge(const CsvTypeInference& other) {
  for (size_t c = 0; c < kinds_.size() && c < other.kinds_.size(); ++c) {
    kinds_[c] = MergeKinds(kinds_[c], other.kinds_[c]);
    digits_[c] = std::max(digits_[c], other.digits_[c]);
  }
}

std::vector<TypePtr> CsvTypeInference::Types() const {
  std::vector<TypePtr> types;
  for (size_t c = 0; c < kinds_.size(); ++c) {
    int precision = std::max(digits_[c], kinds_[c] == Kind::kDecimal ? 20 : 0);
    types.push_back(TypeOf(kinds_[c], std::min(precision, 38)));
  }
  return types;
}

bool CsvTypeInference::Keeps(Kind current, std::string_view text) const {
  switch (current) {
    case Kind::kDouble: return IsDouble(text, options_);
    case Kind::kDate: {
      int32_t days = 0;
      return options_.date_format.empty() && IsIsoDate(text) && datetimes_.ParseDate(text, &days);
    }
    default: return false;
  }
}

Kind CsvTypeInference::KindOf(std::string_view text, int* digits) const {
  if (IsDigits(text)) {
    int64_t value = 0;
    const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
    auto result = std::from_chars(begin, text.data() + text.size(), value);
    if (result.ec == std::errc()) return value >= INT32_MIN && value <= INT32_MAX ? Kind::kInt : Kind::kLong;
    *digits = static_cast<int>(text.size()) - (text[0] == '-' || text[0] == '+' ? 1 : 0);
    return *digits <= 38 ? Kind::kDecimal : Kind::kDouble;
  }
  if (IsDouble(text, options_)) return Kind::kDouble;
  int32_t days = 0;
  bool date_shape = options_.date_format.empty() ? IsIsoDate(text) : true;
  if (date_shape && datetimes_.ParseDate(text, &days)) return Kind::kDate;
  int64_t micros = 0;
  if (datetimes_.ParseTimestamp(text, &micros)) return Kind::kTimestamp;
  std::string lower = absl::AsciiStrToLower(std::string(text));
  if (lower == "true" || lower == "false") return Kind::kBoolean;
  return Kind::kString;
}

}  // namespace ember

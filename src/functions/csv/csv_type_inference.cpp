#include "functions/csv/csv_type_inference.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "functions/datetime/datetime_util.h"

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

// `text` equal to the lower-case `word` ignoring case.
bool IsWordIgnoringCase(std::string_view text, std::string_view word) {
  if (text.size() != word.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (absl::ascii_tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
  }
  return true;
}

// An integer of at most `max_digits` digits with an optional sign: one that surely fits the type
// of that many digits (9: int, 18: bigint).
inline bool IsShortInteger(std::string_view text, size_t max_digits) {
  size_t i = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (i == text.size() || text.size() - i > max_digits) return false;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

// A double in its common spelling, [sign] digits [. digits] [e [sign] digits] with a digit in the
// mantissa: a quick yes for IsDouble.
inline bool IsPlainDouble(std::string_view text) {
  size_t i = 0, n = text.size();
  if (i < n && (text[i] == '-' || text[i] == '+')) ++i;
  size_t digits = 0;
  for (; i < n && text[i] >= '0' && text[i] <= '9'; ++i) ++digits;
  if (i < n && text[i] == '.') {
    for (++i; i < n && text[i] >= '0' && text[i] <= '9'; ++i) ++digits;
  }
  if (digits == 0) return false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '-' || text[i] == '+')) ++i;
    size_t exponent = 0;
    for (; i < n && text[i] >= '0' && text[i] <= '9'; ++i) ++exponent;
    if (exponent == 0) return false;
  }
  return i == n;
}

bool IsIsoDate(std::string_view text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' && IsDigits(text.substr(0, 4)) &&
         IsDigits(text.substr(5, 2)) && IsDigits(text.substr(8, 2));
}

// A quick yes for a value that leaves a column of kind `kind` as it is, for the usual spellings of
// its values (`iso_dates`: dates are read without a dateFormat).
inline bool KeepsQuickly(Kind kind, std::string_view text, bool iso_dates) {
  switch (kind) {
    case Kind::kInt: return IsShortInteger(text, 9);
    case Kind::kLong: return IsShortInteger(text, 18);
    case Kind::kDouble: return IsPlainDouble(text);
    case Kind::kDate: {
      int32_t days = 0;
      return iso_dates && ParseIsoDate(text, &days);
    }
    default: return false;
  }
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
      digits_(columns, 0),
      open_columns_(columns),
      iso_dates_(options.date_format.empty()) {}

void CsvTypeInference::Add(size_t column, std::string_view value) {
  Kind kind = kinds_[column];
  if (kind == Kind::kString || KeepsQuickly(kind, value, iso_dates_) || Keeps(kind, value)) return;
  int digits = 0;
  Widen(column, MergeKinds(kinds_[column], KindOf(value, &digits)));
  digits_[column] = std::max(digits_[column], digits);
}

void CsvTypeInference::Widen(size_t column, Kind kind) {
  kinds_[column] = kind;
  while (open_columns_ > 0 && kinds_[open_columns_ - 1] == Kind::kString) --open_columns_;
}

bool CsvTypeInference::AddPlainLine(const CsvTokenizer& tokenizer, std::string_view line) {
  return tokenizer.ForEachPlainField(line, open_columns_, [this](size_t column, std::string_view value) {
    if (column >= kinds_.size() || kinds_[column] == Kind::kString || value.empty() || value == options_.null_value) return;
    Add(column, value);
  });
}

void CsvTypeInference::Merge(const CsvTypeInference& other) {
  for (size_t c = 0; c < kinds_.size() && c < other.kinds_.size(); ++c) {
    Widen(c, MergeKinds(kinds_[c], other.kinds_[c]));
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
      return iso_dates_ && IsIsoDate(text) && datetimes_.ParseDate(text, &days);
    }
    case Kind::kBoolean:
      return (IsWordIgnoringCase(text, "true") || IsWordIgnoringCase(text, "false")) && !IsDouble(text, options_);
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
  if (IsWordIgnoringCase(text, "true") || IsWordIgnoringCase(text, "false")) return Kind::kBoolean;
  return Kind::kString;
}

}  // namespace ember

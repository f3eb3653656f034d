// Casting strings to other types as Spark's Cast reads them: numbers trimmed, with an optional
// sign and (for integral targets) a fractional part that is dropped; booleans from
// t/true/y/yes/1 and f/false/n/no/0; dates and timestamps in Spark's accepted forms.
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "common/error.h"
#include "common/interval.h"
#include "functions/cast/cast_internal.h"
#include "functions/datetime/datetime_util.h"
#include "functions/decimal_util.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

enum class ParseStatus { kOk, kInvalid, kOverflow };

std::string_view TrimText(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return s.substr(b, e - b);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

// `allow_fraction`: "1.9" reads as 1 (legacy); otherwise it is malformed (ANSI, try_cast).
template <typename T>
ParseStatus ParseIntegral(std::string_view text, T* out, bool allow_fraction) {
  std::string_view s = TrimText(text);
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  size_t digits_start = i;
  // Accumulate negatively so that the minimum value parses.
  int64_t v = 0;
  bool overflow = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    int d = s[i++] - '0';
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_sub_overflow(v, d, &v)) overflow = true;
  }
  if (i == digits_start) return ParseStatus::kInvalid;
  if (allow_fraction && i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  if (i != s.size()) return ParseStatus::kInvalid;
  if (!negative) {
    if (v == std::numeric_limits<int64_t>::min()) overflow = true;
    v = -v;
  }
  if (overflow || v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max())
    return ParseStatus::kOverflow;
  *out = static_cast<T>(v);
  return ParseStatus::kOk;
}

template <typename T>
ParseStatus ParseFloating(std::string_view text, T* out) {
  std::string_view s = TrimText(text);
  if (s.empty()) return ParseStatus::kInvalid;
  bool negative = false;
  std::string_view body = s;
  if (body[0] == '+' || body[0] == '-') {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (EqualsIgnoreCase(body, "inf") || EqualsIgnoreCase(body, "infinity")) {
    *out = negative ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
    return ParseStatus::kOk;
  }
  if (EqualsIgnoreCase(body, "nan")) {
    *out = std::numeric_limits<T>::quiet_NaN();
    return ParseStatus::kOk;
  }
  // Java accepts a type suffix: 1.5d, 2f.
  if (!body.empty() && std::string_view("dDfF").find(body.back()) != std::string_view::npos)
    body.remove_suffix(1);
  if (body.empty() || body[0] == '+' || body[0] == '-') return ParseStatus::kInvalid;
  double value = 0;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (end != body.data() + body.size() || (ec != std::errc() && ec != std::errc::result_out_of_range))
    return ParseStatus::kInvalid;
  if (ec == std::errc::result_out_of_range) {
    // Overflow to infinity or underflow to zero, as Java does.
    value = std::fabs(value) > 1 ? std::numeric_limits<double>::infinity() : 0.0;
  }
  *out = static_cast<T>(negative ? -value : value);
  return ParseStatus::kOk;
}

ParseStatus ParseBoolean(std::string_view text, uint8_t* out) {
  std::string_view s = TrimText(text);
  for (const char* t : {"t", "true", "y", "yes", "1"}) {
    if (EqualsIgnoreCase(s, t)) {
      *out = 1;
      return ParseStatus::kOk;
    }
  }
  for (const char* f : {"f", "false", "n", "no", "0"}) {
    if (EqualsIgnoreCase(s, f)) {
      *out = 0;
      return ParseStatus::kOk;
    }
  }
  return ParseStatus::kInvalid;
}

// ParseDecimalText's common case read straight into the unscaled value: [sign] at most 18 digits
// with at most `scale` of them after a point; false for other texts.
bool ParsePlainDecimal(std::string_view s, int scale, int128_t* out) {
  size_t i = 0, n = s.size();
  bool negative = i < n && s[i] == '-';
  if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
  int64_t v = 0;
  int digits = 0, fraction = -1;
  for (; i < n; ++i) {
    unsigned d = static_cast<unsigned char>(s[i] - '0');
    if (d <= 9) {
      if (digits == 18) return false;
      v = v * 10 + d;
      ++digits;
      if (fraction >= 0) ++fraction;
    } else if (s[i] == '.' && fraction < 0) {
      fraction = 0;
    } else {
      return false;
    }
  }
  int shift = scale - std::max(fraction, 0);
  if (digits == 0 || shift < 0 || digits + shift > 38) return false;
  int128_t unscaled = static_cast<int128_t>(v) * Pow10(shift);
  *out = negative ? -unscaled : unscaled;
  return true;
}

// Parses decimal text into an unscaled value at `scale`, rounding HALF_UP.
ParseStatus ParseDecimalText(std::string_view text, int precision, int scale, int128_t* out) {
  if (ParsePlainDecimal(text, scale, out)) {
    return FitsPrecision(*out, precision) ? ParseStatus::kOk : ParseStatus::kOverflow;
  }
  std::string_view s = TrimText(text);
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::string digits;
  int frac_digits = 0;
  bool seen_point = false, any_digit = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (!(digits.empty() && c == '0')) digits.push_back(c);
      if (seen_point) ++frac_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return ParseStatus::kInvalid;
  int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 9) exponent = exponent * 10 + (s[i++] - '0');
    if (i == start) return ParseStatus::kInvalid;
    if (exp_negative) exponent = -exponent;
  }
  if (i != s.size()) return ParseStatus::kInvalid;
  // value = digits * 10^(exponent - frac_digits); unscaled = digits * 10^shift.
  int64_t shift = exponent - frac_digits + scale;
  int128_t v = 0;
  int64_t n = static_cast<int64_t>(digits.size());
  if (shift >= 0) {
    if (n + shift > 38) {
      if (n == 0) {
        *out = 0;
        return ParseStatus::kOk;
      }
      return ParseStatus::kOverflow;
    }
    for (char c : digits) v = v * 10 + (c - '0');
    v *= Pow10(static_cast<int>(shift));
  } else {
    int64_t keep = n + shift;
    if (keep > 38) return ParseStatus::kOverflow;
    for (int64_t k = 0; k < keep; ++k) v = v * 10 + (digits[k] - '0');
    if (keep >= 0 && keep < n && digits[keep] >= '5') v += 1;
  }
  if (!FitsPrecision(v, precision)) return ParseStatus::kOverflow;
  *out = negative ? -v : v;
  return ParseStatus::kOk;
}

// Runs `parse(text, T*)` over every valid row.
template <typename T, typename Parse>
VectorPtr ParseLoop(const Vector& in, const TypePtr& target, EvalContext& ctx, bool errors, Parse parse) {
  int64_t rows = in.length();
  VectorPtr out = Vector::Make(target, rows);
  T* o = out->Data<T>();
  AndValidity(*out, in);
  for (int64_t i = 0; i < rows; ++i) {
    if (!out->IsValid(i)) {
      o[i] = T{};
      continue;
    }
    std::string_view text = in.GetString(i);
    ParseStatus status = parse(text, &o[i]);
    if (status == ParseStatus::kOk) continue;
    if (errors) {
      if (status == ParseStatus::kOverflow && target->id == TypeId::kDecimal)
        ThrowDecimalOutOfRange(std::string(TrimText(text)), target->precision, target->scale);
      ThrowCastInvalidInput(text, *in.type(), *target);
    }
    o[i] = T{};
    out->SetNull(i);
  }
  return out;
}

template <typename T>
auto IntegralParser(bool strict) {
  return [strict](std::string_view s, T* out) { return ParseIntegral<T>(s, out, !strict); };
}

}  // namespace

VectorPtr CastFromString(const VectorPtr& input, const TypePtr& target, EvalContext& ctx, bool errors,
                         bool strict) {
  const Vector& in = *input;
  switch (target->id) {
    case TypeId::kBoolean: return ParseLoop<uint8_t>(in, target, ctx, errors, ParseBoolean);
    case TypeId::kByte: return ParseLoop<int8_t>(in, target, ctx, errors, IntegralParser<int8_t>(strict));
    case TypeId::kShort: return ParseLoop<int16_t>(in, target, ctx, errors, IntegralParser<int16_t>(strict));
    case TypeId::kInt: return ParseLoop<int32_t>(in, target, ctx, errors, IntegralParser<int32_t>(strict));
    case TypeId::kLong: return ParseLoop<int64_t>(in, target, ctx, errors, IntegralParser<int64_t>(strict));
    case TypeId::kFloat: return ParseLoop<float>(in, target, ctx, errors, ParseFloating<float>);
    case TypeId::kDouble: return ParseLoop<double>(in, target, ctx, errors, ParseFloating<double>);
    case TypeId::kDate:
      return ParseLoop<int32_t>(in, target, ctx, errors, [](std::string_view s, int32_t* out) {
        return ParseDate(s, out) ? ParseStatus::kOk : ParseStatus::kInvalid;
      });
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz: {
      bool ntz = target->id == TypeId::kTimestampNtz;
      ZoneCache& zone = ZoneCacheFor(ctx.time_zone);
      return ParseLoop<int64_t>(in, target, ctx, errors, [&zone, ntz](std::string_view s, int64_t* out) {
        return ParseTimestamp(s, zone, out, ntz) ? ParseStatus::kOk : ParseStatus::kInvalid;
      });
    }
    case TypeId::kDecimal: {
      int p = target->precision, sc = target->scale;
      if (target->IsWideDecimal()) {
        return ParseLoop<int128_t>(in, target, ctx, errors, [p, sc](std::string_view s, int128_t* out) {
          return ParseDecimalText(s, p, sc, out);
        });
      }
      return ParseLoop<int64_t>(in, target, ctx, errors, [p, sc](std::string_view s, int64_t* out) {
        int128_t v = 0;
        ParseStatus st = ParseDecimalText(s, p, sc, &v);
        *out = static_cast<int64_t>(v);
        return st;
      });
    }
    case TypeId::kYearMonthInterval:
      return ParseLoop<int32_t>(in, target, ctx, errors, [&target](std::string_view s, int32_t* out) {
        std::optional<int64_t> months = ParseInterval(s, *target);
        *out = static_cast<int32_t>(months.value_or(0));
        return months ? ParseStatus::kOk : ParseStatus::kInvalid;
      });
    case TypeId::kDayTimeInterval:
      return ParseLoop<int64_t>(in, target, ctx, errors, [&target](std::string_view s, int64_t* out) {
        std::optional<int64_t> micros = ParseInterval(s, *target);
        *out = micros.value_or(0);
        return micros ? ParseStatus::kOk : ParseStatus::kInvalid;
      });
    case TypeId::kBinary: {
      VectorBuilder b(BinaryType(), in.length());
      for (int64_t i = 0; i < in.length(); ++i) {
        if (in.IsNull(i)) {
          b.AppendNull();
        } else {
          b.AppendString(in.GetString(i));
        }
      }
      return b.Finish();
    }
    default:
      throw InternalError("cast from string to " + target->ToString() + " is not supported");
  }
}

}  // namespace ember

// Decimal helpers: powers of ten, HALF_UP rescaling and precision checks on unscaled int128
// values, and reading/writing a decimal vector whatever its storage width (int64 up to precision
// 18, int128 above).
#pragma once

#include <array>
#include <string>

#include "common/error.h"
#include "common/vector.h"

namespace ember {

inline constexpr std::array<int128_t, 39> kPowersOfTen = [] {
  std::array<int128_t, 39> t{};
  t[0] = 1;
  for (int i = 1; i < 39; ++i) t[i] = t[i - 1] * 10;
  return t;
}();

// 10^n for 0 <= n <= 38.
inline int128_t Pow10(int n) {
  EMBER_CHECK(n >= 0 && n <= 38, "decimal power of ten out of range");
  return kPowersOfTen[n];
}
// |v| < 10^precision.
inline bool FitsPrecision(int128_t v, int precision) {
  int128_t limit = Pow10(precision);
  return v < limit && v > -limit;
}
// Changes the scale of an unscaled value, rounding HALF_UP when digits are dropped. Sets
// *overflow (and returns 0) when the result does not fit in int128.
int128_t RescaleHalfUp(int128_t v, int from_scale, int to_scale, bool* overflow);
// n / d rounded HALF_UP (d != 0).
int128_t DivideHalfUp(int128_t n, int128_t d);

inline int128_t ReadDecimal(const Vector& v, int64_t i) {
  return v.type()->IsWideDecimal() ? v.Data<int128_t>()[i] : v.Data<int64_t>()[i];
}
inline void WriteDecimal(Vector& v, int64_t i, int128_t value) {
  if (v.type()->IsWideDecimal()) {
    v.Data<int128_t>()[i] = value;
  } else {
    v.Data<int64_t>()[i] = static_cast<int64_t>(value);
  }
}

// Throws NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION for a value (given as text) that does not
// fit decimal(precision, scale).
[[noreturn]] void ThrowDecimalOutOfRange(const std::string& value_text, int precision, int scale);

}  // namespace ember

// Decimal helpers: powers of ten, HALF_UP rescaling and precision checks on unscaled int128
// values, and reading/writing a decimal vector whatever its storage width (int64 up to precision
// 18, int128 above).
#pragma once

#include <string>

#include "common/vector.h"

namespace ember {

// 10^n for 0 <= n <= 38.
int128_t Pow10(int n);
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

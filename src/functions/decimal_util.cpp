#include "functions/decimal_util.h"

#include "common/error.h"
#include "functions/kernel_util.h"

namespace ember {

int128_t DivideHalfUp(int128_t n, int128_t d) {
  int128_t q = n / d;
  int128_t r = n % d;
  if (r < 0) r = -r;
  int128_t ad = d < 0 ? -d : d;
  if (r >= ad - r) q += ((n < 0) != (d < 0)) ? -1 : 1;
  return q;
}

int128_t RescaleHalfUp(int128_t v, int from_scale, int to_scale, bool* overflow) {
  if (to_scale == from_scale) return v;
  if (to_scale > from_scale) {
    int diff = to_scale - from_scale;
    if (diff > 38) {
      if (v != 0) *overflow = true;
      return 0;
    }
    int128_t out;
    if (__builtin_mul_overflow(v, Pow10(diff), &out)) {
      *overflow = true;
      return 0;
    }
    return out;
  }
  int diff = from_scale - to_scale;
  if (diff > 38) return 0;
  return DivideHalfUp(v, Pow10(diff));
}

void ThrowDecimalOutOfRange(const std::string& value_text, int precision, int scale) {
  throw SparkError("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
                   {{"value", value_text},
                    {"precision", std::to_string(precision)},
                    {"scale", std::to_string(scale)},
                    {"config", kAnsiConfigQuoted}});
}

}  // namespace ember

#include "functions/math/rounding.h"

#include <charconv>
#include <cmath>
#include <string>

#include "double-conversion/double-to-string.h"

namespace ember {
namespace {

// Rounds the shortest decimal text of x at `scale` places: on the first dropped digit, with ties
// going up (HALF_UP) or to the even kept digit (HALF_EVEN).
double RoundDecimalText(double x, int scale, bool half_even) {
  if (std::isnan(x) || std::isinf(x) || x == 0) return x;
  using double_conversion::DoubleToStringConverter;
  char digits[32];
  bool sign = false;
  int length = 0, point = 0;
  DoubleToStringConverter::DoubleToAscii(x, DoubleToStringConverter::SHORTEST, 0, digits, sizeof(digits), &sign,
                                         &length, &point);
  int keep = point + scale;  // digits kept
  if (keep >= length) return x;
  // BigDecimal has no negative zero: rounding to zero gives 0.0.
  if (keep < 0) return 0.0;
  // Kept digits as an integer, rounded on the first dropped digit, then scaled back.
  std::string text(digits, keep);
  bool up = digits[keep] > '5' || (digits[keep] == '5' && (!half_even || keep + 1 < length ||
                                                         (keep > 0 && (digits[keep - 1] - '0') % 2 == 1)));
  if (text.empty()) text = "0";
  if (up) {
    int k = static_cast<int>(text.size()) - 1;
    while (k >= 0 && text[k] == '9') text[k--] = '0';
    if (k < 0) text.insert(text.begin(), '1');
    else ++text[k];
  }
  text += "e" + std::to_string(-scale);
  double r = 0;
  std::from_chars(text.data(), text.data() + text.size(), r);
  return sign && r != 0 ? -r : r;
}

}  // namespace

double RoundHalfUp(double x, int scale) { return RoundDecimalText(x, scale, false); }
double RoundHalfEven(double x, int scale) { return RoundDecimalText(x, scale, true); }

}  // namespace ember

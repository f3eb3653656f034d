// Rounding of doubles as Spark does it: on the shortest decimal text of the value (what Java's
// BigDecimal.valueOf sees), so round(2.675, 2) is 2.68.
#pragma once

namespace ember {

// x rounded at `scale` decimal places (negative: left of the point), HALF_UP or HALF_EVEN.
double RoundHalfUp(double x, int scale);
double RoundHalfEven(double x, int scale);

}  // namespace ember

// Spark's order of sort key values: nulls first or last as each key says (independent of the
// direction), NaN above every other floating-point value and equal to itself, -0.0 equal to 0.0,
// strings and binaries by unsigned bytes.
#pragma once

#include <cmath>
#include <cstdint>

#include <vector>

#include "common/vector.h"
#include "expr/expr.h"

namespace ember {

template <typename T>
int CompareValues(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

template <typename T>
int CompareFloating(T a, T b) {
  bool a_nan = std::isnan(a), b_nan = std::isnan(b);
  if (a_nan || b_nan) return a_nan == b_nan ? 0 : (a_nan ? 1 : -1);
  return CompareValues(a, b);
}

// Value i of `a` against value j of `b` (one type, neither null): -1, 0 or 1.
int CompareKeyValues(const Vector& a, int64_t i, const Vector& b, int64_t j);

// Row i of the evaluated keys `a` against row j of `b` under `orders` (their kSortOrder
// expressions: direction and null placement): -1, 0 or 1.
int CompareSortKeys(const std::vector<VectorPtr>& a, int64_t i, const std::vector<VectorPtr>& b, int64_t j,
                    const std::vector<ExprPtr>& orders);

}  // namespace ember

// Sorting rows by fixed-width keys through normalized keys: each row's keys are encoded into a few
// unsigned 64-bit words (each key in the bytes its values' range needs) whose lexicographic order
// is Spark's order of the keys (sort_keys.h: nulls
// first or last per key, independent of the direction; NaN above every number; -0.0 equal to 0.0),
// so rows sort by integers (a radix sort over the bytes that differ) instead of calling a
// comparator per key.
#pragma once

#include <cstdint>
#include <vector>

#include "common/vector.h"
#include "expr/expr.h"

namespace ember {

// The most bytes of row memory the encoding takes while sorting (key words and row number, twice
// for the radix sort's passes, and the resulting order).
constexpr int64_t kNormalizedSortRowBytes = 84;

// The stable order of rows 0..rows-1 by `keys` (evaluated sort keys) under `orders` (their
// kSortOrder expressions), or an empty vector when the keys are not all fixed-width or their
// encoding takes more than 32 bytes.
std::vector<int32_t> NormalizedSortOrder(const std::vector<VectorPtr>& keys, const std::vector<ExprPtr>& orders,
                                         int64_t rows);

}  // namespace ember

// Sort keys of strings with few distinct values, replaced by each value's rank among them: the
// normalized-key sort then orders the rows by fixed-width integers instead of comparing strings
// row against row (a write partitioned by a string column sorts millions of rows by a few dozen
// values).
#pragma once

#include <cstdint>

#include "common/vector.h"

namespace ember {

// An int vector of the rank of each row's string (binary order of the bytes, as strings compare)
// among the distinct values of `strings`' first `rows` rows, nulls kept; nullptr when the values
// are too many distinct ones for the ranks to pay.
VectorPtr StringKeyRanks(const Vector& strings, int64_t rows);

}  // namespace ember

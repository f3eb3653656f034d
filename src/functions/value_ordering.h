// Spark's ordering and equality of values, for every orderable type including arrays and structs
// (element by element, then by length; field by field). Floating point values order as Spark
// orders them: -0.0 equals 0.0 and NaN equals NaN and is above every other value. A null is below
// every value and equal to another null (callers place top-level nulls themselves).
//
// A comparator is built once per pair of vectors (the type dispatch happens then, not per value);
// the two vectors have the same type. Maps compare only for equality (Spark does not order them):
// entry by entry, in order. Strings of a collation other than UTF8_BINARY compare and hash by
// their collation keys (functions/string/collation_key.h).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "common/vector.h"

namespace ember {

class ValueComparator {
 public:
  ValueComparator(const Vector& left, const Vector& right);

  // <0, 0 or >0 as left[i] orders before, with or after right[j].
  int Compare(int64_t i, int64_t j) const { return compare_(*this, i, j); }
  bool Equal(int64_t i, int64_t j) const { return Compare(i, j) == 0; }

 private:
  using CompareFn = int (*)(const ValueComparator&, int64_t, int64_t);
  template <typename T>
  static int CompareFixed(const ValueComparator& c, int64_t i, int64_t j);
  template <typename T>
  static int CompareFloating(const ValueComparator& c, int64_t i, int64_t j);
  static int CompareBytes(const ValueComparator& c, int64_t i, int64_t j);
  static int CompareCollated(const ValueComparator& c, int64_t i, int64_t j);
  static int CompareList(const ValueComparator& c, int64_t i, int64_t j);
  static int CompareStruct(const ValueComparator& c, int64_t i, int64_t j);
  static int CompareNulls(const ValueComparator& c, int64_t i, int64_t j);

  const Vector* left_;
  const Vector* right_;
  CompareFn compare_;
  std::vector<std::unique_ptr<ValueComparator>> children_;
};

// Whether Spark can order values of `type` (sort, min/max, comparisons): no maps anywhere inside.
bool IsOrderable(const DataType& type);

// Spark's hash-equal normalization of a value for grouping: a hash of the value at `row` that is
// equal for values ValueComparator finds equal (floating point -0.0/0.0 and NaNs alike).
uint64_t HashValue(const Vector& vector, int64_t row, uint64_t seed = 0);

}  // namespace ember

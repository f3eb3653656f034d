// Building blocks for array and map kernels. They work on the offsets and child vectors: a kernel
// decides, per row, which child elements make up its result (a list of element indices), and one
// gather builds the result's child vector. Used by functions/collection and the Generate operator.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "functions/kernel_util.h"
#include "functions/value_ordering.h"

namespace ember {

// The rows of `source` at `indices`, where a negative index gives a null.
VectorPtr GatherOrNull(const Vector& source, const std::vector<int32_t>& indices);

// An array or map vector of `type` from its parts: offsets (rows + 1 of them), children, and the
// rows that are null (`null_rows[i]` nonzero; empty when none is).
VectorPtr MakeListVector(const TypePtr& type, std::vector<int32_t> offsets, std::vector<VectorPtr> children,
                         const std::vector<uint8_t>& null_rows = {});

// The offsets of an array or map vector, and its null rows (for MakeListVector): for results that
// keep the input's rows and only change the children.
std::vector<int32_t> OffsetsOf(const Vector& list);
std::vector<uint8_t> NullsOf(const Vector& v);

// Collects a list result row by row as element indices into `elements`, then gathers them once.
class ListResultBuilder {
 public:
  explicit ListResultBuilder(int64_t rows) { offsets_.reserve(rows + 1); offsets_.push_back(0); nulls_.reserve(rows); }
  void Add(int32_t element) { indices_.push_back(element); }
  void AddNullElement() { indices_.push_back(-1); }
  void EndRow() { offsets_.push_back(static_cast<int32_t>(indices_.size())); nulls_.push_back(0); }
  void NullRow() { offsets_.push_back(static_cast<int32_t>(indices_.size())); nulls_.push_back(1); has_nulls_ = true; }
  const std::vector<int32_t>& indices() const { return indices_; }
  // The array vector of `type` whose elements are gathered from `elements`.
  VectorPtr Finish(const TypePtr& type, const Vector& elements);
  // The map vector of `type` whose keys and values are gathered from `keys` and `values`.
  VectorPtr FinishMap(const TypePtr& type, const Vector& keys, const Vector& values);

 private:
  std::vector<int32_t> offsets_;
  std::vector<int32_t> indices_;
  std::vector<uint8_t> nulls_;
  bool has_nulls_ = false;
};

// The element type of an array argument, or throws DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE.
const TypePtr& RequireArray(const std::string& name, const std::vector<BindArg>& args, size_t index);
const DataType& RequireMap(const std::string& name, const std::vector<BindArg>& args, size_t index);

// The common type of an array argument's elements and a value argument (Spark's tightest common
// type), or DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES.
TypePtr ElementValueType(const std::string& name, const std::vector<BindArg>& args, size_t array, size_t value);
// The common type of two array arguments' elements, or DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES.
TypePtr CommonElementType(const std::string& name, const std::vector<BindArg>& args);

// `array` (an array type) with elements of `element`: itself when they already are.
TypePtr WithElement(const TypePtr& array, const TypePtr& element);

// A set of element positions of one vector, by Spark's equality (nulls equal each other): for the
// distinct elements of one row at a time.
class ElementSet {
 public:
  explicit ElementSet(const Vector& elements) : elements_(elements), equal_(elements, elements) {}
  void Clear() {
    items_.clear();
    hashed_.clear();
  }
  bool Contains(int32_t k) const { return Find(k) >= 0; }
  // The position of the element equal to k that the set holds, or -1.
  int32_t Find(int32_t k) const;
  // Adds k unless an equal element is there; returns whether it was added.
  bool Insert(int32_t k) {
    if (Contains(k)) return false;
    Add(k);
    return true;
  }
  // Adds k, which no element of the set equals (Find gave -1).
  void Add(int32_t k);

 private:
  const Vector& elements_;
  ValueComparator equal_;
  std::vector<int32_t> items_;
  std::unordered_multimap<uint64_t, int32_t> hashed_;  // used past kLinear items
  static constexpr size_t kLinear = 16;
};

// "ARRAY<INT>"-style quoted type text of Spark's messages.
std::string QuotedUpperType(const DataType& type);

}  // namespace ember

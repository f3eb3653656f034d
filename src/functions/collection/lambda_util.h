// Building blocks of the higher-order functions (transform, filter, aggregate, map_filter...): the
// lambda arity check, the flattened view of a batch's arrays or maps that a lambda runs over in one
// vectorized call, and assembling array and map results from flat children.
#pragma once

#include <string>
#include <vector>

#include "functions/executor.h"

namespace ember {

// Throws INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH unless min <= count <= max.
void CheckLambdaArity(size_t count, size_t min, size_t max);
// Throws DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE unless argument `index` is an array (or NULL).
void RequireArrayArg(const std::string& name, const std::vector<BindArg>& args, size_t index);
// Throws DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE unless argument `index` is a map (or NULL).
void RequireMapArg(const std::string& name, const std::vector<BindArg>& args, size_t index);
// Throws DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE unless the lambda at `index` returns `type`.
void RequireLambdaType(const std::string& name, const std::vector<BindArg>& args, size_t index,
                       const TypePtr& type);
// The element type of an array argument (NULL: null).
TypePtr ElementTypeOf(const BindArg& arg);

// The arrays or maps of a batch, flattened: element j (of the elements, or of the map keys and
// values) belongs to row rows[j]; row i's elements are [offsets[i], offsets[i + 1]).
struct Flattened {
  std::vector<int32_t> rows;
  std::vector<int32_t> offsets;
  std::vector<VectorPtr> children;  // arrays: {elements}; maps: {keys, values}
  int32_t size() const { return static_cast<int32_t>(rows.size()); }
};
Flattened Flatten(const Vector& collection, int64_t rows);
// The position of each element within its array (a lambda's index parameter).
VectorPtr ElementPositions(const Flattened& flat);

// An array or map vector with `offsets` (rows + 1, from 0) over `children`, null where `nulls_of`
// is null.
VectorPtr MakeCollection(const TypePtr& type, const Vector& nulls_of, const std::vector<int32_t>& offsets,
                         std::vector<VectorPtr> children);
// Keeps, per row, the elements where `keep` (boolean, one per element) is true.
VectorPtr FilterCollection(const TypePtr& type, const Vector& input, const Flattened& flat, const Vector& keep);

}  // namespace ember

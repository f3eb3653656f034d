// Reading parts of nested values: struct fields (`s.a` in a column name, Column.getField), array
// elements and map values (`a[0]`, `m['k']`, Column.getItem). They resolve to calls of the
// internal functions get_struct_field (args: the struct, an int literal field ordinal),
// get_array_item and get_map_value (functions/collection/element_at.cpp).
#pragma once

#include <string>

#include "expr/expr.h"
#include "functions/eval_context.h"
#include "plan/expr_text.h"

namespace ember {

// Resolved access to field `field` of the resolved struct expression `input`. Throws
// FIELD_NOT_FOUND (and for non-struct input, INVALID_EXTRACT_BASE_FIELD_TYPE).
ExprPtr GetStructField(const ExprPtr& input, const std::string& field, bool case_sensitive);

// Resolved `base[key]` of resolved expressions: a struct's field named by a string literal, an
// array's element at a 0-based index, a map's value. Throws INVALID_EXTRACT_BASE_FIELD_TYPE for
// other bases and INVALID_EXTRACT_FIELD_TYPE for a struct with a key that is not a string literal.
ExprPtr ExtractValue(const ExprPtr& base, const ExprPtr& key, const EvalContext& ctx, bool case_sensitive);

}  // namespace ember

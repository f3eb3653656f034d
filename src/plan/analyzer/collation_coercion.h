// Spark 4.0's collation rules for a function call's string arguments. Before binding, the string
// arguments take one collation by precedence: an explicit one (COLLATE, collate(), a cast to a
// collated type) over the implicit one of columns over the default of literals; two different
// explicit collations are COLLATION_MISMATCH.EXPLICIT, two different implicit ones (without an
// explicit one) COLLATION_MISMATCH.IMPLICIT. After binding, under a collation other than
// UTF8_BINARY, comparisons run on the arguments' collation keys (functions/string/collation_key.h),
// the matching string functions take their collation-aware kernels
// (functions/string/collated_functions.h), functions whose result is their input string keep its
// collation, and the others raise UNSUPPORTED_FEATURE. UTF8_BINARY calls are left as they were.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "expr/expr.h"

namespace ember {

// Casts the string arguments of `function` to their common collation and returns it.
uint16_t CoerceCollations(const std::string& function, std::vector<ExprPtr>& args);

// The call of `function` bound as `bound` over the non-binary `collation`: `uncast` are the
// arguments before the binding's casts, `args` after them.
ExprPtr CollatedCall(const std::string& function, std::vector<ExprPtr> uncast, std::vector<ExprPtr> args, BoundScalar bound,
                     uint16_t collation, const EvalContext& eval);

// Aggregates that do not compare values (count, first, last, any_value, collect_list), min_by /
// max_by (which min and max of collated strings become, over the keys), collect_set and mode
// (which compare by functions/value_ordering.h, under the collation) and count(DISTINCT) and
// approx_count_distinct, which the analyzer gives the keys, take collated strings; the others raise UNSUPPORTED_FEATURE on a collation other than
// UTF8_BINARY.
void CheckCollatedAggregate(const std::string& function, const std::vector<ExprPtr>& args, bool distinct);

// Comparisons of arrays, maps or structs holding collated strings compare their keys (so that a
// join on them hashes what it compares).
void CompareNestedByKeys(const std::string& function, std::vector<ExprPtr>& args, const EvalContext& eval);

// `expr` (a collated string, or a value holding some) as its collation key, or `expr` itself when
// it holds no collated string.
ExprPtr CollationKeyOf(const ExprPtr& expr, const EvalContext& eval);

}  // namespace ember

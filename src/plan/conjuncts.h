// Splitting boolean conditions into their AND (or OR) operands and combining operands again.
#pragma once

#include <vector>

#include "expr/expr.h"

namespace ember {

// `a AND b AND c` -> {a, b, c}.
std::vector<ExprPtr> SplitConjuncts(const ExprPtr& condition);
// {a, b, c} -> `(a AND b) AND c` (resolved).
ExprPtr CombineConjuncts(const std::vector<ExprPtr>& conjuncts);
// `a OR b OR c` -> {a, b, c}.
std::vector<ExprPtr> SplitDisjuncts(const ExprPtr& condition);
// {a, b, c} -> `(a OR b) OR c` (resolved).
ExprPtr CombineDisjuncts(const std::vector<ExprPtr>& disjuncts);

}  // namespace ember

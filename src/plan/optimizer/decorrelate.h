// Decorrelation of a subquery plan: the conjuncts that read the enclosing query (kOuterRef) are
// pulled out of the subquery, so that the subquery can run once as the right side of a join
// whose condition they become.
#pragma once

#include <vector>

#include "plan/logical_plan.h"

namespace ember {

struct Decorrelated {
  // The subquery without its correlated conjuncts. Its output starts with the original output
  // columns; columns the predicates read follow them.
  PlanPtr plan;
  // Over kOuterRef (the enclosing node's input) and kBoundRef (the output of `plan`).
  std::vector<ExprPtr> predicates;
};

// Pulls correlated conjuncts up through filters, projects, inner joins, sorts and aggregates
// (where a correlated equality `outer = inner` adds `inner` to the grouping). Other correlated
// shapes raise UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.
Decorrelated Decorrelate(const PlanPtr& plan);

// Whether the tree reads a column of the enclosing query.
bool ContainsOuterReference(const Expr& expr);

}  // namespace ember

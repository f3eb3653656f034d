// Decorrelation of a subquery plan: the conjuncts that read the enclosing query (kOuterRef) are
// pulled out of the subquery, so that the subquery can run once as the right side of a join
// whose condition they become.
#pragma once

#include <vector>

#include "functions/eval_context.h"
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
// Whether any expression of the plan tree (subquery plans aside) reads a column of the enclosing query.
bool PlanReadsOuter(const LogicalPlan& plan);

// A predicate of the decorrelated subquery as part of a join condition over the enclosing input
// (the join's left side, `left_width` columns) and the subquery's output (its right side).
ExprPtr IntoJoinCondition(const ExprPtr& predicate, int left_width);
std::vector<ExprPtr> IntoJoinConditions(const std::vector<ExprPtr>& predicates, int left_width);
// The plan's first `width` columns.
PlanPtr KeepColumns(const PlanPtr& plan, size_t width);
// What a resolved aggregate call returns over no rows (count: 0, sum: null).
Value ValueOverNoRows(const Expr& call, EvalContext& eval);

}  // namespace ember

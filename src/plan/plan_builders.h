// Builders for resolved plan nodes that compute the node's output from its expressions, and for the
// resolved expressions that the analyzer and the optimizer rules build.
#pragma once

#include <string>
#include <vector>

#include "plan/logical_plan.h"

namespace ember {

// A resolved kProject over `child`: output[i] is named by exprs[i]->OutputName(); a bare column
// reference keeps its input attribute's qualifier.
PlanPtr MakeProjectNode(const PlanPtr& child, std::vector<ExprPtr> exprs);
// A resolved kJoin: output is the left then the right output (left only for semi and anti joins),
// a side made nullable where the join type pads it with nulls; `condition` may be null.
PlanPtr MakeJoinNode(const PlanPtr& left, const PlanPtr& right, JoinType type, const ExprPtr& condition);
// A resolved kFilter over `child`.
PlanPtr MakeFilterNode(const PlanPtr& child, const ExprPtr& condition);
// A resolved reference to input column `index`.
ExprPtr BoundAttribute(int index, const Attribute& attribute);
// A correlated reference: column `index` of the enclosing query's input.
ExprPtr OuterAttribute(int index, const Attribute& attribute);
// `expr` cast to `type` (implicitly); `expr` itself when it already has that type.
ExprPtr CastTo(const ExprPtr& expr, const TypePtr& type);
ExprPtr AliasAs(const ExprPtr& expr, const std::string& name);
// The resolved call of a scalar function named `name` on resolved `args`, as `bound` typed it.
ExprPtr BoundFunctionCall(std::string name, std::vector<ExprPtr> args, BoundScalar bound);
// A resolved ORDER BY item: `key` itself when it is a kSortOrder, else `key` ASC NULLS FIRST.
ExprPtr AsSortOrder(const ExprPtr& key);

// Whether projecting `exprs` over `input` changes nothing (same columns, order and names).
bool IsIdentityProjection(const std::vector<ExprPtr>& exprs, const std::vector<Attribute>& input);

}  // namespace ember

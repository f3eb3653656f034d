// Tree-rewriting helpers the analyzer, the optimizer rules and the physical planner share:
// rebuilding nodes with new children, walking expressions, column-reference bookkeeping (which
// input ordinals an expression reads, renumbering them). Conjunct splitting is in plan/conjuncts.h.
#pragma once

#include <functional>
#include <vector>

#include "plan/logical_plan.h"

namespace ember {

// A copy of `plan` with other children (output and expressions unchanged).
PlanPtr WithChildren(const PlanPtr& plan, std::vector<PlanPtr> children);
// A copy of `plan` whose children are `fn` of its children; `plan` itself when none changed.
PlanPtr MapChildren(const PlanPtr& plan, const std::function<PlanPtr(const PlanPtr&)>& fn);
// Applies `fn` to every node, children first.
PlanPtr TransformPlanUp(const PlanPtr& plan, const std::function<PlanPtr(const PlanPtr&)>& fn);
// A copy of `plan` with `fn` applied to each of its own expressions (LogicalPlan::ForEachExpr);
// `plan` itself when nothing changed.
PlanPtr MapPlanExprs(const PlanPtr& plan, const std::function<ExprPtr(const ExprPtr&)>& fn);
// Applies `fn` to every expression node, arguments first.
ExprPtr TransformExprUp(const ExprPtr& expr, const std::function<ExprPtr(const ExprPtr&)>& fn);

// Marks in `used` (sized to the input width) every input ordinal `expr` reads.
void CollectReferences(const Expr& expr, std::vector<bool>& used);
// Renumbers input ordinals: `mapping[old]` is the new ordinal (must be >= 0 for every reference).
ExprPtr RemapReferences(const ExprPtr& expr, const std::vector<int>& mapping);
// Replaces each input reference i with `replacements[i]` (aliases stripped).
ExprPtr SubstituteReferences(const ExprPtr& expr, const std::vector<ExprPtr>& replacements);

// Which sides of a join's input (left: ordinals below `left_width`, right: the rest up to `width`)
// an expression reads.
enum JoinSides { kNoSide = 0, kLeftSide = 1, kRightSide = 2, kBothSides = 3 };
int SidesRead(const Expr& expr, size_t left_width, size_t width);
// An inner or cross join: it neither pads nor drops rows of a side beyond what its condition does.
bool IsInnerJoin(const LogicalPlan& plan);
// A left semi or anti join with a condition.
bool IsSemiOrAntiJoinWithCondition(const LogicalPlan& plan);

// False when the tree calls a non-deterministic function.
bool IsDeterministic(const Expr& expr);
// Deterministic and reading no column, aggregate, window or subquery: a constant the analyzer may
// evaluate (a function's constant argument, a table-valued function's arguments).
bool IsFoldable(const Expr& expr);
// Deterministic and free of subqueries and outer references: the expression may be moved to any
// place that has its input columns, and two such trees with equal ExprKeys are the same test
// (keys do not cover a subquery's plan).
bool IsPlainDeterministic(const Expr& expr);

}  // namespace ember

// Window expressions (`f(...) OVER (PARTITION BY ... ORDER BY ... frame)`). ExprResolver resolves
// one (ResolveWindow, in window_resolution.cpp): the function (an aggregate, or a ranking or offset
// function), its partition and order expressions, and its frame, with Spark's default frames and
// frame checks. PlanWindows takes the resolved window expressions out of a select list into Window
// nodes, one per distinct partitioning and ordering, under a project that reads their columns.
#pragma once

#include <string>
#include <vector>

#include "plan/logical_plan.h"
#include "plan/window_functions.h"

namespace ember {

bool ContainsWindow(const Expr& expr);
// child -> Window nodes -> Project(exprs with each window expression replaced by its column).
// `exprs` are resolved over `child`.
PlanPtr PlanWindows(const PlanPtr& child, const std::vector<ExprPtr>& exprs);

}  // namespace ember

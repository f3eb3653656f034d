// Resolution of union / unionByName: children are matched by position (or by name, optionally
// filling missing columns with NULLs), column types widened to a common type, and each child that
// needs it gets a kProject with the casts or the reordering.
#pragma once

#include <vector>

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

// `node` is the unresolved kUnion; `children` its resolved children.
PlanPtr ResolveUnion(const LogicalPlan& node, std::vector<PlanPtr> children, const AnalyzerContext& ctx);

}  // namespace ember

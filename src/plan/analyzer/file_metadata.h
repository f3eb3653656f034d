// Spark's hidden `_metadata` column of file sources. A read's output does not show it (so `*`
// leaves it out), but a node whose expressions name `_metadata`, when no column of its input has
// that name, gets it added to the file read below, through the nodes that keep their input's
// columns (projects, filters, sorts, limits, repartitions, subquery aliases) and through joins,
// where each side with a file read gives its own.
#pragma once

#include <vector>

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

// `child` with a `_metadata` column appended to its output when `exprs` name it and a file read
// below can give it; `child` itself otherwise.
PlanPtr WithFileMetadataIfNamed(const std::vector<ExprPtr>& exprs, const PlanPtr& child, const AnalyzerContext& ctx);

// Resolves a select list over `input`, which is `child` or `child` with `_metadata` appended:
// `*` expands to `child`'s columns alone.
std::vector<ExprPtr> ResolveSelectList(const std::vector<ExprPtr>& items, const PlanPtr& child, const PlanPtr& input,
                                       const AnalyzerContext& ctx);

}  // namespace ember

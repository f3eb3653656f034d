// A file read: lists its paths (pathGlobFilter, modifiedBefore/After, recursiveFileLookup),
// discovers `k=v` partition directories below the paths or `basePath`, and builds the schema as
// Spark does: the files' columns (inferred or the user's, without the partition columns), then
// the partition columns.
#pragma once

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

PlanPtr ResolveRead(const LogicalPlan& plan, const AnalyzerContext& ctx);

}  // namespace ember

// The range table-valued function: a RangeNode from SQL (`FROM range(...)`) has its 1 to 4
// arguments resolved and evaluated as Spark's range(end), range(start, end), range(start, end,
// step) and range(start, end, step, numSlices) do; a RangeNode from the DataFrame API is checked.
#pragma once

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

PlanPtr ResolveRange(const LogicalPlan& plan, const AnalyzerContext& ctx);

}  // namespace ember

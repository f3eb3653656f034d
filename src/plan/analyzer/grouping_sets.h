// GROUPING SETS, ROLLUP and CUBE as Spark plans them: a kExpand emits each input row once per
// grouping set (the child's columns, then every grouping column, NULL where the set leaves it out,
// then the set's grouping id, and the set's position when sets repeat), and a kAggregate groups
// that by the grouping columns and the id. Aggregate arguments read the child's own columns, so a
// rolled-up row aggregates the original values. The id has one bit per grouping column, the first
// column's bit highest, set where the column is not in the set (bigint, as Spark 4 types it).
#pragma once

#include <vector>

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

// `groups` and `outputs` are resolved over child->output; `sets` index `groups` (which may repeat
// an expression). Raises GROUPING_SIZE_LIMIT_EXCEEDED beyond 64 grouping columns.
PlanPtr BuildGroupingSetsAggregate(const PlanPtr& child, const std::vector<ExprPtr>& groups,
                                   const std::vector<std::vector<int>>& sets, const std::vector<ExprPtr>& outputs,
                                   const AnalyzerContext& ctx);

}  // namespace ember

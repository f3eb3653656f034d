// Builds the normalized resolved aggregate (see logical_plan.h): grouping expressions without
// aliases, one aggregate call per accumulator (equal calls share one), and a kProject on top for
// whatever is computed from them, omitted when it would change nothing. Column references outside
// aggregate calls must match a grouping expression, else MISSING_AGGREGATION.
#pragma once

#include <vector>

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

// The grouping columns of a grouping-sets aggregate (over a kExpand): groups[i] for i <
// named.size() stands for named[i] (the grouping expression over the Expand's child, as the
// outputs name it), groups[grouping_id] is the grouping id that grouping() and grouping_id() read.
struct GroupingIdColumns {
  std::vector<ExprPtr> named;
  int grouping_id = 0;
  const AnalyzerContext* ctx = nullptr;
};

// `groups` and `outputs` are resolved over child->output; `outputs` is the full output list
// (groupBy(...).agg(...) passes the grouping expressions followed by the aggregates). Without
// `grouping`, grouping() and grouping_id() raise UNSUPPORTED_GROUPING_EXPRESSION.
PlanPtr BuildAggregate(const PlanPtr& child, const std::vector<ExprPtr>& groups,
                       const std::vector<ExprPtr>& outputs, const GroupingIdColumns* grouping = nullptr);

}  // namespace ember

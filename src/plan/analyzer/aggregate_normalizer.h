// Builds the normalized resolved aggregate (see logical_plan.h): grouping expressions without
// aliases, one aggregate call per accumulator (equal calls share one), and a kProject on top for
// whatever is computed from them, omitted when it would change nothing. Column references outside
// aggregate calls must match a grouping expression, else MISSING_AGGREGATION.
#pragma once

#include <vector>

#include "plan/logical_plan.h"

namespace ember {

// `groups` and `outputs` are resolved over child->output; `outputs` is the full output list
// (groupBy(...).agg(...) passes the grouping expressions followed by the aggregates).
PlanPtr BuildAggregate(const PlanPtr& child, const std::vector<ExprPtr>& groups,
                       const std::vector<ExprPtr>& outputs);

}  // namespace ember

// LATERAL joins become plain joins before the other rules run. The right side R of a lateral join
// reads the left side L's columns (kOuterRef); it becomes, by the first shape that fits:
//  - R built over no table (projects, filters and generators over one row): the same nodes
//    evaluated over L itself;
//  - R correlated only by filter conjuncts that decorrelate.h pulls up: a join of L with R on them;
//  - otherwise R over the domain D (the distinct values of the L columns R reads): R evaluated once
//    for every row of D, its outer references reading D's columns (aggregates group by them too, a
//    LIMIT keeps its rows per D row), joined with L on L's columns <=> D's.
#pragma once

#include "common/config.h"
#include "functions/eval_context.h"
#include "plan/logical_plan.h"

namespace ember {

PlanPtr RewriteLateralJoins(const PlanPtr& plan, const Config& config, EvalContext& eval);

}  // namespace ember

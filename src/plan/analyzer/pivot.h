// PIVOT and UNPIVOT, resolved into plain nodes as Spark resolves them.
//
// Pivot: an aggregate by the groups and the pivot column computes every aggregate once per pivot
// value present; a second aggregate by the groups picks, per pivot value and aggregate, the one
// row of that value (first(CASE WHEN pivot <=> value THEN result END, true)), so a value a group
// lacks gives NULL. Columns are named by the value (an alias, else its text), followed by
// "_" and the aggregate's name when there are several aggregates.
//
// Unpivot: a kExpand with one projection per unpivoted entry (the ids, the entry's name, its values
// cast to their common type), under a filter dropping all-NULL values when nulls are excluded.
#pragma once

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

PlanPtr ResolvePivot(const LogicalPlan& plan, const PlanPtr& child, const AnalyzerContext& ctx);
PlanPtr ResolveUnpivot(const LogicalPlan& plan, const PlanPtr& child, const AnalyzerContext& ctx);

}  // namespace ember

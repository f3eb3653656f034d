// Resolving joins. A resolved kJoin has children {left, right}; exprs[0], when present, is a
// boolean condition over the concatenated left and right outputs; names is empty; output is the
// left output then the right output, each side made nullable when the join type may pad it with
// nulls (left semi/anti: the left output only). USING columns (`df.join(other, "k")`) become
// equality conditions and a kProject on top that puts one column per key first, as Spark does:
// the left key for inner/left/semi/anti joins, the right key for right joins, and
// coalesce(left, right) for full outer joins.
#pragma once

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

PlanPtr ResolveJoin(const LogicalPlan& plan, const PlanPtr& left, const PlanPtr& right,
                    const AnalyzerContext& ctx);

}  // namespace ember

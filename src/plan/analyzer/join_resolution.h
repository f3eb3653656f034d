// Resolving joins. A resolved kJoin has children {left, right}; exprs[0], when present, is a
// boolean condition over the concatenated left and right outputs; names is empty; output is the
// left output then the right output, each side made nullable when the join type may pad it with
// nulls (left semi/anti: the left output only). USING columns (`df.join(other, "k")`) become
// equality conditions and a kProject on top that puts one column per key first, as Spark does:
// the left key for inner/left/semi/anti joins, the right key for right joins, and
// coalesce(left, right) for full outer joins.
#pragma once

#include <string>

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

// Spark's `how` strings (case-insensitive, underscores ignored); throws UNSUPPORTED_JOIN_TYPE.
JoinType ParseJoinType(const std::string& how);
// The join type as Spark prints it in plans: Inner, LeftOuter, FullOuter, LeftSemi, Cross...
std::string JoinTypeName(JoinType type);

PlanPtr ResolveJoin(const LogicalPlan& plan, const PlanPtr& left, const PlanPtr& right,
                    const AnalyzerContext& ctx);

}  // namespace ember

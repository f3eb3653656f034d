// Hints. A partitioning hint (REPARTITION, COALESCE, REBALANCE) becomes a kRepartition over its
// child; REPARTITION_BY_RANGE deals each row to the partition of its rank's range (equal keys in one
// partition, the ranges in the columns' ascending order). A join strategy hint with parameters marks each relation it names with a hint of its own
// and no parameters; a hint without parameters stays in the unresolved plan, where ResolveJoin
// reads it from the sides of a join (SideJoinHint), and resolves as its child. Other hints are
// ignored, as Spark ignores them.
#pragma once

#include "plan/logical_plan.h"

namespace ember {

// The plan to resolve in place of the kHint `hint` (`default_partitions`: spark.sql.shuffle.partitions).
PlanPtr RewriteHint(const LogicalPlan& hint, int default_partitions);
// The strategy hint on an unresolved join side: a kHint without parameters at its top, under any
// aliases, projections and filters.
JoinHint SideJoinHint(const PlanPtr& side);

}  // namespace ember

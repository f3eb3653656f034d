// Sorts, groupings and partitionings of collated strings (also inside arrays, maps and structs) go
// by the strings' collation keys (functions/string/collation_key.h), so the operators compare,
// hash and order bytes as they do for UTF8_BINARY: a Sort orders by the keys, a Repartition hashes or ranges them, and an Aggregate
// groups by them and outputs, for each such group column, one of the group's original values
// (first()), restored to the column's place by a Project on top; a Window partitions and orders by
// them. Plans without collated strings are returned as they are; applying it twice changes nothing.
#pragma once

#include "functions/eval_context.h"
#include "plan/logical_plan.h"

namespace ember {

PlanPtr UseCollationKeys(const PlanPtr& plan, const EvalContext& eval);

}  // namespace ember

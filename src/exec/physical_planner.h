// The physical planner: turns an optimized, resolved logical plan (the normalized form documented
// in plan/logical_plan.h) into a physical plan with exchanges where a distribution is needed.
//  - Aggregates run as partial aggregate -> hash exchange on the group keys -> final aggregate
//    (a single-partition exchange without keys). When every DISTINCT aggregate has the same
//    arguments, Spark's rewrite is used: partial aggregate grouped by keys + distinct arguments ->
//    exchange on the keys -> partial-merge grouped by keys + distinct arguments -> final aggregate
//    in which the distinct aggregates see each distinct value once. Other DISTINCT mixes exchange
//    the raw rows on the keys and aggregate in complete mode with distinct accumulators.
//  - A global sort gathers its input into one partition first (written large scans: SortByRanges); a limit over several partitions is
//    a local limit, a single-partition exchange and a global limit; a union concatenates the
//    partitions of its children.
//  - Joins: see Planner::PlanJoin (broadcast hash, shuffled hash or broadcast nested-loop join).
// Exchanges get spark.sql.shuffle.partitions partitions; the job coalesces them at run time.
#pragma once

#include "common/config.h"
#include "exec/physical_plan.h"
#include "functions/eval_context.h"
#include "plan/logical_plan.h"

namespace ember {

struct PhysicalPlannerContext {
  const Config& config;
  const EvalContext& eval;
  int parallelism = 1;  // default parallelism, used to size file splits as Spark does
};

PhysicalPtr PlanPhysical(const PlanPtr& plan, const PhysicalPlannerContext& ctx);

// A global sort of a large file scan (at least spark.sql.adaptive.advisoryPartitionSizeInBytes)
// whose rows are written: its single-partition exchange becomes a range exchange
// (exec/range_bounds.h), so that each task sorts and writes one range of keys, the part files in
// the sort's order, as Spark's. Other plans are returned as they are.
PhysicalPtr SortByRanges(const PhysicalPtr& plan, const Config& config);

// Wraps a physical plan so that each of its partitions is written as a part file.
PhysicalPtr PlanFileWrite(const PhysicalPtr& input, WriteSpec spec);

// The partitions of a leaf without its own number (SQL's range()): spark.sql.leafNodeDefaultParallelism
// when set, else spark.default.parallelism, else the runtime's `parallelism` (its cores).
int LeafNodeParallelism(const Config& config, int parallelism);

// Spark's split size: min(maxPartitionBytes, max(openCostInBytes, (bytes + files * openCost) /
// parallelism)).
int64_t MaxSplitBytes(const std::vector<std::string>& files, const Config& config, int parallelism);

}  // namespace ember

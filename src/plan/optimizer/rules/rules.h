// The optimizer rules, one per file in this folder. Each takes a resolved plan and returns an
// equivalent one (the same rows and output columns); Optimize (optimizer.cpp) runs them in order,
// each switchable with spark.ember.optimizer.<name>.enabled.
#pragma once

#include "functions/eval_context.h"
#include "plan/logical_plan.h"

namespace ember {

// fold_constants: evaluates deterministic subtrees without column references or aggregates into
// literals. A subtree whose evaluation raises an error is left for run time (it may never run).
PlanPtr FoldConstants(const PlanPtr& plan, EvalContext& eval);
// factor_or_conditions: pulls the conjuncts every branch of an OR shares out of it in filter and
// join conditions, `(a AND b) OR (a AND c)` -> `a AND (b OR c)`, so they can become join keys or
// be pushed down.
PlanPtr FactorOrConditions(const PlanPtr& plan, EvalContext& eval);
// combine_filters: Filter(Filter(x, a), b) -> Filter(x, a AND b).
PlanPtr CombineFilters(const PlanPtr& plan, EvalContext& eval);
// push_or_predicates_into_join_sides: an OR in an inner join's condition whose every branch tests
// one side's columns (Q19: `(p_brand = 'Brand#12' AND l_quantity <= 11 ...) OR (...)`) implies the
// OR of those tests on that side alone; that is added as a filter below the join (the OR stays in
// the condition), so the side is filtered before the join. Only tests that cannot fail are used.
PlanPtr PushOrPredicatesIntoJoinSides(const PlanPtr& plan, EvalContext& eval);
// push_down_filters: moves filter conjuncts below projects (when they only read columns the
// project passes through unchanged, so nothing is computed twice), sorts, unions (into every
// child) and aggregates (conjuncts on grouping columns only), and copies the conjuncts that reach
// a file source into its pushed_filters (the filter stays).
PlanPtr PushDownFilters(const PlanPtr& plan, EvalContext& eval);
// push_filters_into_joins: moves filter conjuncts that read one side of a join below it (when the
// join does not pad that side with nulls), conjuncts over both sides of an inner join into its
// condition, and one-sided condition conjuncts below the join where that keeps its result.
PlanPtr PushFiltersIntoJoins(const PlanPtr& plan, EvalContext& eval);
// push_semi_joins_down: moves left semi and anti joins (IN and EXISTS subqueries) below the left
// side's projects, below its aggregate when they test grouping columns only, and into the side of
// an inner join whose columns their condition reads when that side is estimated no larger than the
// join, so they filter it before the inner join or the aggregate.
PlanPtr PushSemiJoinsDown(const PlanPtr& plan, EvalContext& eval);
// reduce_semi_join_right_sides: a semi or anti join whose right side is estimated several times
// larger than its left, and whose left side is a scan under plain comparisons, first semi-joins the right side with
// the left on the same condition (Q4: lineitem rows of the quarter's orders), since only right rows
// with a partner decide the result; the large side then streams past a small hash table instead
// of being shuffled and built into one.
PlanPtr ReduceSemiJoinRightSides(const PlanPtr& plan, EvalContext& eval);
// reorder_joins: orders the relations under each tree of inner joins by estimated size (greedily
// joining the pair with the smallest estimated result, connected pairs before cross products),
// with a project on top that keeps the output columns as they were.
PlanPtr ReorderJoins(const PlanPtr& plan, EvalContext& eval);
// prune_partitions: drops the files of a partitioned read whose directory values fail a pushed
// filter that reads partition columns only.
PlanPtr PrunePartitions(const PlanPtr& plan, EvalContext& eval);
// prune_columns: drops columns no ancestor reads: unused project expressions, and file-source
// columns (kRead.projection), so that only needed columns are read.
PlanPtr PruneColumns(const PlanPtr& plan, EvalContext& eval);
// collapse_projects: merges a project into the project below it when that computes nothing twice
// (each computed column below is read at most once above).
PlanPtr CollapseProjects(const PlanPtr& plan, EvalContext& eval);
// reuse_common_subexpressions: a computation that an aggregate or a project evaluates more than
// once for every row (Q1's l_extendedprice * (1 - l_discount)) moves into a project below it and
// is read from there; computations in lazily evaluated branches stay where they are.
PlanPtr ReuseCommonSubexpressions(const PlanPtr& plan, EvalContext& eval);
// order_filter_conjuncts: sorts a filter's conjuncts cheapest first (comparisons of numbers and
// dates with literals, then between columns, then of strings, then pattern matches), so that the
// cheap ones narrow the rows the costly ones see. Only runs of conjuncts that cannot fail move, so
// a conjunct that may raise an error sees the same rows as before.
PlanPtr OrderFilterConjuncts(const PlanPtr& plan, EvalContext& eval);
// infer_window_group_limit: a filter that keeps rows whose row_number, rank or dense_rank is at
// most k (`r <= k`, `r < k`, `r = k`, either side) over a window whose expressions only read the
// rows up to the current one gets a window group limit below the window (plan/logical_plan.h
// WindowGroupLimitNode): each window partition is cut to its top k rows before the window runs.
// A limit below 1 leaves no rows; limits from 1000 (Spark's threshold) on are left to the filter.
PlanPtr InferWindowGroupLimit(const PlanPtr& plan, EvalContext& eval);
// remove_noop_projects: removes projects that return their input unchanged.
PlanPtr RemoveNoopProjects(const PlanPtr& plan, EvalContext& eval);

}  // namespace ember

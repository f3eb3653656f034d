// Semi-join reduction of a decorrelated scalar subquery. A subquery joined to the enclosing query
// on `outer = inner` equalities (TPC-H Q17: `l_partkey = p_partkey`) computes a group for every
// key, although only the keys some outer row holds are ever looked up. When a cheap superset of
// those keys is at hand, the subquery is semi-joined with it; push_semi_joins_down then moves that
// semi join below the subquery's aggregate, so that only the rows of wanted groups are aggregated.
#pragma once

#include <vector>

#include "plan/logical_plan.h"
#include "plan/statistics.h"

namespace ember {

// `subquery` (the decorrelated plan) semi-joined with the rows of a relation that holds every
// outer key: the subtree of `outer` under its inner joins that produces all outer columns of the
// equalities among `predicates` (over kOuterRef into outer's output and kBoundRef into subquery's),
// filtered by the `outer_filters` conjuncts (over outer's output) that read only that subtree and
// cannot fail.
// `subquery` itself when no predicate is such an equality, or when that relation is not estimated
// to have fewer rows than the subquery.
PlanPtr FilterByOuterKeys(const PlanPtr& subquery, const std::vector<ExprPtr>& predicates, const PlanPtr& outer,
                          const std::vector<ExprPtr>& outer_filters, StatisticsEstimator& estimator);

}  // namespace ember

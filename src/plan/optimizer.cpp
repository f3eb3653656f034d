#include "plan/optimizer.h"

#include "plan/optimizer/rewrite_lateral_joins.h"
#include "plan/optimizer/rewrite_subqueries.h"
#include "plan/optimizer/rules/rules.h"

namespace ember {
namespace {

struct Rule {
  const char* name;
  PlanPtr (*apply)(const PlanPtr&, EvalContext&);
};

// Filters are combined before and after pushdown so that stacked filters travel as one and the
// pieces pushed below projects merge again; filters implied by ORs in join conditions are pushed
// through the joins below them once more.
constexpr Rule kRules[] = {
    {"fold_constants", FoldConstants},
    {"factor_or_conditions", FactorOrConditions},
    {"combine_filters", CombineFilters},
    {"push_filters_into_joins", PushFiltersIntoJoins},
    {"push_or_predicates_into_join_sides", PushOrPredicatesIntoJoinSides},
    {"push_filters_into_joins", PushFiltersIntoJoins},
    {"push_down_filters", PushDownFilters},
    {"prune_partitions", PrunePartitions},
    {"combine_filters", CombineFilters},
    {"infer_window_group_limit", InferWindowGroupLimit},
    {"push_semi_joins_down", PushSemiJoinsDown},
    {"reduce_semi_join_right_sides", ReduceSemiJoinRightSides},
    {"reorder_joins", ReorderJoins},
    {"prune_columns", PruneColumns},
    {"collapse_projects", CollapseProjects},
    {"reuse_common_subexpressions", ReuseCommonSubexpressions},
    {"remove_noop_projects", RemoveNoopProjects},
    {"order_filter_conjuncts", OrderFilterConjuncts},
};

}  // namespace

bool OptimizerRuleEnabled(const Config& config, const char* name) {
  std::string key = std::string("spark.ember.optimizer.") + name + ".enabled";
  auto value = config.Get(key);
  return !value || ParseConfigBool(key, *value);
}

PlanPtr Optimize(const PlanPtr& plan, const Config& config, EvalContext& eval) {
  // Not switchable rules: execution needs lateral joins and subquery expressions turned into joins.
  PlanPtr result = RewriteSubqueries(RewriteLateralJoins(plan, config, eval), config, eval);
  for (const Rule& rule : kRules) {
    if (OptimizerRuleEnabled(config, rule.name)) result = rule.apply(result, eval);
  }
  return result;
}

}  // namespace ember

#include "plan/optimizer/rules/rules.h"
#include "plan/plan_rewrite.h"
#include "plan/statistics.h"

namespace ember {
namespace {

// The semi/anti join `semi` over a new left child `left`, its condition renumbered: left column i
// becomes `left_mapping[i]`, right column k becomes left's width + k.
PlanPtr SemiOver(const PlanPtr& semi, const PlanPtr& left, const std::vector<int>& left_mapping) {
  size_t old_left = semi->children[0]->output.size(), right = semi->children[1]->output.size();
  std::vector<int> mapping(left_mapping);
  mapping.resize(old_left + right, -1);
  for (size_t k = 0; k < right; ++k) mapping[old_left + k] = static_cast<int>(left->output.size() + k);
  LogicalPlan node = *semi;
  node.children = {left, semi->children[1]};
  node.As<JoinNode>().condition = RemapReferences(semi->As<JoinNode>().condition, mapping);
  node.output = left->output;
  return MakePlan(std::move(node));
}

// Semi(Project(x), r) -> Project(Semi(x, r)) when the columns the condition reads are plain
// columns of x.
PlanPtr BelowProject(const PlanPtr& semi, const std::vector<bool>& left_read) {
  const PlanPtr& project = semi->children[0];
  const auto& exprs = project->As<ProjectNode>().exprs;
  std::vector<int> mapping(exprs.size(), -1);
  for (size_t i = 0; i < exprs.size(); ++i) {
    const Expr* expr = exprs[i].get();
    while (expr->kind == ExprKind::kAlias) expr = expr->args[0].get();
    if (expr->kind == ExprKind::kBoundRef) mapping[i] = expr->index;
    if (left_read[i] && mapping[i] < 0) return nullptr;
  }
  return WithChildren(project, {SemiOver(semi, project->children[0], mapping)});
}

// Semi(Join(a, b), r) -> Join(Semi(a, r), b) (or into b) for an inner join, when the condition
// reads columns of that side only (the inner join neither adds nor drops rows of a side by what
// the semi join tests), and that side is estimated to have no more rows than the join: below a
// join that filters the side, the semi join would test more rows, not fewer.
PlanPtr BelowInnerJoin(const PlanPtr& semi, const std::vector<bool>& left_read, StatisticsEstimator& estimator) {
  const PlanPtr& join = semi->children[0];
  size_t a_width = join->children[0]->output.size(), width = join->output.size();
  bool reads_a = false, reads_b = false;
  for (size_t i = 0; i < width; ++i) {
    if (left_read[i]) (i < a_width ? reads_a : reads_b) = true;
  }
  if (reads_a == reads_b) return nullptr;
  std::vector<int> mapping(width, -1);
  for (size_t i = 0; i < width; ++i) {
    if ((i < a_width) == reads_a) mapping[i] = static_cast<int>(reads_a ? i : i - a_width);
  }
  std::vector<PlanPtr> children = join->children;
  PlanPtr& side = children[reads_a ? 0 : 1];
  if (estimator.Estimate(side).rows > estimator.Estimate(join).rows) return nullptr;
  side = SemiOver(semi, side, mapping);
  return WithChildren(join, std::move(children));
}

// Semi(Aggregate(x), r) -> Aggregate(Semi(x, r)) when the condition reads grouping columns that
// are plain columns of x: all rows of a group share those values, so the semi join keeps or drops
// whole groups, and only the rows of kept groups are aggregated.
PlanPtr BelowAggregate(const PlanPtr& semi, const std::vector<bool>& left_read) {
  const PlanPtr& aggregate = semi->children[0];
  const auto& groups = aggregate->As<AggregateNode>().groups;
  std::vector<int> mapping(aggregate->output.size(), -1);
  for (size_t i = 0; i < aggregate->output.size(); ++i) {
    if (!left_read[i]) continue;
    if (i >= groups.size() || groups[i]->kind != ExprKind::kBoundRef) return nullptr;
    mapping[i] = groups[i]->index;
  }
  return WithChildren(aggregate, {SemiOver(semi, aggregate->children[0], mapping)});
}

PlanPtr Push(const PlanPtr& plan, StatisticsEstimator& estimator) {
  auto push = [&](const PlanPtr& node) { return Push(node, estimator); };
  if (IsSemiOrAntiJoinWithCondition(*plan) && IsPlainDeterministic(*plan->As<JoinNode>().condition)) {
    const LogicalPlan& left = *plan->children[0];
    std::vector<bool> used(left.output.size() + plan->children[1]->output.size(), false);
    CollectReferences(*plan->As<JoinNode>().condition, used);
    used.resize(left.output.size());
    PlanPtr pushed;
    if (left.Is<ProjectNode>()) {
      pushed = BelowProject(plan, used);
    } else if (IsInnerJoin(left)) {
      pushed = BelowInnerJoin(plan, used, estimator);
    } else if (left.Is<AggregateNode>() && !left.As<AggregateNode>().groups.empty()) {
      pushed = BelowAggregate(plan, used);
    }
    if (pushed) return push(pushed);
  }
  return MapChildren(plan, push);
}

}  // namespace

PlanPtr PushSemiJoinsDown(const PlanPtr& plan, EvalContext& eval) {
  StatisticsEstimator estimator;
  return Push(plan, estimator);
}

}  // namespace ember

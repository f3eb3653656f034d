#include "plan/conjuncts.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

ExprPtr ShiftLeft(const ExprPtr& expr, size_t left_width, size_t width) {
  std::vector<int> mapping(width, -1);
  for (size_t i = left_width; i < width; ++i) mapping[i] = static_cast<int>(i - left_width);
  return RemapReferences(expr, mapping);
}

PlanPtr FilterOver(const PlanPtr& child, const std::vector<ExprPtr>& conjuncts) {
  return conjuncts.empty() ? child : MakeFilterNode(child, CombineConjuncts(conjuncts));
}

struct Pushed {
  std::vector<ExprPtr> left, right, join, kept;
};

// Rebuilds the join with the pushed conjuncts under its children and in its condition.
PlanPtr Rebuild(const PlanPtr& join, const Pushed& pushed) {
  LogicalPlan node = *join;
  node.children = {FilterOver(join->children[0], pushed.left), FilterOver(join->children[1], pushed.right)};
  node.As<JoinNode>().condition = pushed.join.empty() ? nullptr : CombineConjuncts(pushed.join);
  return MakePlan(std::move(node));
}

// A filter above a join: conjuncts on one side go below the join when that side's rows are not
// padded with nulls by the join; conjuncts on both sides join an inner join's condition.
PlanPtr PushFilter(const PlanPtr& filter) {
  const PlanPtr& join = filter->children[0];
  JoinType type = join->As<JoinNode>().type;
  size_t nl = join->children[0]->output.size(), width = nl + join->children[1]->output.size();
  bool inner = IsInnerJoin(*join);
  bool left_ok = inner || type == JoinType::kLeftOuter || type == JoinType::kLeftSemi || type == JoinType::kLeftAnti;
  bool right_ok = inner || type == JoinType::kRightOuter;
  Pushed pushed;
  if (join->As<JoinNode>().condition) pushed.join = SplitConjuncts(join->As<JoinNode>().condition);
  bool changed = false;
  for (const auto& conjunct : SplitConjuncts(filter->As<FilterNode>().condition)) {
    int sides = IsDeterministic(*conjunct) ? SidesRead(*conjunct, nl, width) : -1;
    if (sides == kLeftSide && left_ok) {
      pushed.left.push_back(conjunct);
    } else if (sides == kRightSide && right_ok) {
      pushed.right.push_back(ShiftLeft(conjunct, nl, width));
    } else if (sides == kBothSides && inner) {
      pushed.join.push_back(conjunct);
    } else {
      pushed.kept.push_back(conjunct);
      continue;
    }
    changed = true;
  }
  if (!changed) return filter;
  return FilterOver(Rebuild(join, pushed), pushed.kept);
}

// Join-condition conjuncts that read one side only filter that side first when the join does not
// preserve its unmatched rows.
PlanPtr PushCondition(const PlanPtr& join) {
  const ExprPtr& condition = join->As<JoinNode>().condition;
  if (!condition) return join;
  JoinType type = join->As<JoinNode>().type;
  size_t nl = join->children[0]->output.size(), width = nl + join->children[1]->output.size();
  bool inner = IsInnerJoin(*join);
  bool left_ok = inner || type == JoinType::kRightOuter || type == JoinType::kLeftSemi;
  bool right_ok = inner || type == JoinType::kLeftOuter || type == JoinType::kLeftSemi || type == JoinType::kLeftAnti;
  Pushed pushed;
  bool changed = false;
  for (const auto& conjunct : SplitConjuncts(condition)) {
    int sides = IsDeterministic(*conjunct) ? SidesRead(*conjunct, nl, width) : -1;
    if (sides == kLeftSide && left_ok) {
      pushed.left.push_back(conjunct);
      changed = true;
    } else if (sides == kRightSide && right_ok) {
      pushed.right.push_back(ShiftLeft(conjunct, nl, width));
      changed = true;
    } else {
      pushed.join.push_back(conjunct);
    }
  }
  return changed ? Rebuild(join, pushed) : join;
}

PlanPtr Push(const PlanPtr& plan) {
  PlanPtr node = plan;
  if (node->Is<FilterNode>() && node->children[0]->Is<JoinNode>()) node = PushFilter(node);
  if (node->Is<JoinNode>()) node = PushCondition(node);
  return MapChildren(node, Push);
}

}  // namespace

PlanPtr PushFiltersIntoJoins(const PlanPtr& plan, EvalContext& eval) { return Push(plan); }

}  // namespace ember

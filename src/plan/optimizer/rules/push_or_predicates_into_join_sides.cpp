#include "expr/evaluator.h"
#include "plan/conjuncts.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

// What `disjunction` implies about one side of the join alone (`side`: kLeftSide or kRightSide of
// an input `left_width` + right wide): the OR over its branches of each branch's conjuncts on that
// side; null when some branch has none.
ExprPtr ImpliedOnSide(const ExprPtr& disjunction, int side, size_t left_width, size_t width) {
  std::vector<ExprPtr> branches;
  for (const auto& disjunct : SplitDisjuncts(disjunction)) {
    std::vector<ExprPtr> on_side;
    for (const auto& conjunct : SplitConjuncts(disjunct)) {
      // Only conjuncts that cannot fail: they now also run on rows that find no partner.
      if (IsPlainDeterministic(*conjunct) && NeverFails(*conjunct) &&
          SidesRead(*conjunct, left_width, width) == side) {
        on_side.push_back(conjunct);
      }
    }
    if (on_side.empty()) return nullptr;
    branches.push_back(CombineConjuncts(on_side));
  }
  return CombineDisjuncts(branches);
}

// The join's `side` child filtered by what the condition's ORs over both sides imply about it;
// the child itself when they imply nothing.
PlanPtr FilterSide(const PlanPtr& join, const std::vector<ExprPtr>& conjuncts, int side) {
  const PlanPtr& child = join->children[side == kLeftSide ? 0 : 1];
  const size_t left_width = join->children[0]->output.size();
  const size_t width = left_width + join->children[1]->output.size();
  std::vector<ExprPtr> implied;
  for (const auto& conjunct : conjuncts) {
    if (conjunct->kind != ExprKind::kOr || SidesRead(*conjunct, left_width, width) != kBothSides) continue;
    if (ExprPtr on_side = ImpliedOnSide(conjunct, side, left_width, width)) implied.push_back(on_side);
  }
  if (implied.empty()) return child;
  const size_t begin = side == kLeftSide ? 0 : left_width;
  std::vector<int> mapping(width, -1);
  for (size_t i = 0; i < child->output.size(); ++i) mapping[begin + i] = static_cast<int>(i);
  return MakeFilterNode(child, RemapReferences(CombineConjuncts(implied), mapping));
}

}  // namespace

PlanPtr PushOrPredicatesIntoJoinSides(const PlanPtr& plan, EvalContext& eval) {
  return TransformPlanUp(plan, [](const PlanPtr& node) -> PlanPtr {
    if (!IsInnerJoin(*node) || !node->As<JoinNode>().condition) return node;
    std::vector<ExprPtr> conjuncts = SplitConjuncts(node->As<JoinNode>().condition);
    PlanPtr left = FilterSide(node, conjuncts, kLeftSide);
    PlanPtr right = FilterSide(node, conjuncts, kRightSide);
    if (left == node->children[0] && right == node->children[1]) return node;
    return WithChildren(node, {left, right});
  });
}

}  // namespace ember

#include "expr/evaluator.h"
#include "plan/analyzer/plan_builders.h"
#include "plan/optimizer/plan_rewrite.h"
#include "plan/optimizer/rules/rules.h"

namespace ember {
namespace {

// Whether `expr` reads some input column and only columns in [begin, end).
bool ReadsOnly(const Expr& expr, size_t width, size_t begin, size_t end) {
  std::vector<bool> used(width, false);
  CollectReferences(expr, used);
  bool any = false;
  for (size_t i = 0; i < width; ++i) {
    if (!used[i]) continue;
    if (i < begin || i >= end) return false;
    any = true;
  }
  return any;
}

// What `disjunction` implies about columns [begin, end) alone: the OR over its branches of each
// branch's conjuncts on those columns; null when some branch has none.
ExprPtr ImpliedOnSide(const ExprPtr& disjunction, size_t width, size_t begin, size_t end) {
  std::vector<ExprPtr> branches;
  for (const auto& disjunct : SplitDisjuncts(disjunction)) {
    std::vector<ExprPtr> on_side;
    for (const auto& conjunct : SplitConjuncts(disjunct)) {
      // Only conjuncts that cannot fail: they now also run on rows that find no partner.
      if (IsPlainDeterministic(*conjunct) && NeverFails(*conjunct) && ReadsOnly(*conjunct, width, begin, end)) {
        on_side.push_back(conjunct);
      }
    }
    if (on_side.empty()) return nullptr;
    branches.push_back(CombineConjuncts(on_side));
  }
  return CombineDisjuncts(branches);
}

// `child` filtered by what the condition's ORs imply about its columns, which sit at [begin, end)
// of the join's input; `child` itself when they imply nothing.
PlanPtr FilterSide(const PlanPtr& child, const std::vector<ExprPtr>& conjuncts, size_t width, size_t begin) {
  const size_t end = begin + child->output.size();
  std::vector<ExprPtr> implied;
  for (const auto& conjunct : conjuncts) {
    if (conjunct->kind != ExprKind::kOr || ReadsOnly(*conjunct, width, begin, end)) continue;
    if (ExprPtr on_side = ImpliedOnSide(conjunct, width, begin, end)) implied.push_back(on_side);
  }
  if (implied.empty()) return child;
  std::vector<int> mapping(width, -1);
  for (size_t i = begin; i < end; ++i) mapping[i] = static_cast<int>(i - begin);
  return MakeFilterNode(child, RemapReferences(CombineConjuncts(implied), mapping));
}

}  // namespace

PlanPtr PushOrPredicatesIntoJoinSides(const PlanPtr& plan, EvalContext& eval) {
  return TransformPlanUp(plan, [](const PlanPtr& node) -> PlanPtr {
    if (node->kind != PlanKind::kJoin || node->exprs.empty() ||
        (node->join_type != JoinType::kInner && node->join_type != JoinType::kCross)) {
      return node;
    }
    std::vector<ExprPtr> conjuncts = SplitConjuncts(node->exprs[0]);
    const PlanPtr& left = node->children[0];
    const PlanPtr& right = node->children[1];
    const size_t width = left->output.size() + right->output.size();
    PlanPtr new_left = FilterSide(left, conjuncts, width, 0);
    PlanPtr new_right = FilterSide(right, conjuncts, width, left->output.size());
    if (new_left == left && new_right == right) return node;
    return WithChildren(node, {new_left, new_right});
  });
}

}  // namespace ember

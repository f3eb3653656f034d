#include <algorithm>

#include "expr/evaluator.h"
#include "plan/conjuncts.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"
#include "plan/statistics.h"

namespace ember {
namespace {

// Only right rows that have a partner in the left side can decide a semi or anti join's result.
constexpr double kMinReduction = 4;

// A scan under plain comparisons and column selections: cheap to read a second time.
bool IsSimpleScan(const LogicalPlan& plan) {
  switch (plan.kind()) {
    case PlanKind::kRead:
    case PlanKind::kLocalRelation:
    case PlanKind::kRange: return true;
    case PlanKind::kFilter:
      if (!NeverFails(*plan.As<FilterNode>().condition)) return false;
      break;
    case PlanKind::kProject:
      for (const auto& expr : plan.As<ProjectNode>().exprs) {
        const Expr* column = expr->kind == ExprKind::kAlias ? expr->args[0].get() : expr.get();
        if (column->kind != ExprKind::kBoundRef) return false;
      }
      break;
    default: return false;
  }
  return IsSimpleScan(*plan.children[0]);
}

// Whether some conjunct of `condition` is an equality between a left-only and a right-only
// expression (so the joins can hash on it).
bool HasEquiKey(const ExprPtr& condition, size_t left_width, size_t width) {
  for (const auto& conjunct : SplitConjuncts(condition)) {
    if (conjunct->kind != ExprKind::kFunction || conjunct->name != "=") continue;
    int a = SidesRead(*conjunct->args[0], left_width, width), b = SidesRead(*conjunct->args[1], left_width, width);
    if ((a == kLeftSide && b == kRightSide) || (a == kRightSide && b == kLeftSide)) return true;
  }
  return false;
}

}  // namespace

PlanPtr ReduceSemiJoinRightSides(const PlanPtr& plan, EvalContext& eval) {
  StatisticsEstimator estimator;
  return TransformPlanUp(plan, [&](const PlanPtr& node) -> PlanPtr {
    if (!IsSemiOrAntiJoinWithCondition(*node)) return node;
    const ExprPtr& condition = node->As<JoinNode>().condition;
    const PlanPtr& left = node->children[0];
    const PlanPtr& right = node->children[1];
    const size_t left_width = left->output.size(), right_width = right->output.size();
    if (!IsSimpleScan(*left) || !IsPlainDeterministic(*condition) ||
        !HasEquiKey(condition, left_width, left_width + right_width) ||
        estimator.Estimate(right).rows < kMinReduction * estimator.Estimate(left).rows) {
      return node;
    }
    // The same condition over right ++ left keeps the right rows some left row pairs with.
    std::vector<int> mapping(left_width + right_width);
    for (size_t i = 0; i < left_width; ++i) mapping[i] = static_cast<int>(right_width + i);
    for (size_t i = 0; i < right_width; ++i) mapping[left_width + i] = static_cast<int>(i);
    PlanPtr reduced = MakeJoinNode(right, left, JoinType::kLeftSemi, RemapReferences(condition, mapping));
    return WithChildren(node, {left, reduced});
  });
}

}  // namespace ember

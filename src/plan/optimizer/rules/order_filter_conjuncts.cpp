#include <algorithm>

#include "expr/evaluator.h"
#include "plan/conjuncts.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

// A rough cost per row of evaluating `expr`: comparisons of fixed-width values are cheapest,
// string comparisons cost more, pattern matches and other functions more still.
int EvaluationCost(const Expr& expr) {
  int cost = 0;
  for (const auto& arg : expr.args) cost += EvaluationCost(*arg);
  switch (expr.kind) {
    case ExprKind::kBoundRef:
    case ExprKind::kLiteral: return 0;
    case ExprKind::kAnd:
    case ExprKind::kOr: return cost + 1;
    case ExprKind::kCast: return cost + 4;
    case ExprKind::kFunction: {
      bool strings = std::any_of(expr.args.begin(), expr.args.end(),
                                 [](const ExprPtr& arg) { return arg->type && arg->type->IsVariableWidth(); });
      if (expr.name == "like" || expr.name == "rlike") return cost + 20;
      // Against a literal (often a range bound, which tends to be selective) before two columns.
      bool literal = std::any_of(expr.args.begin(), expr.args.end(),
                                 [](const ExprPtr& arg) { return arg->kind == ExprKind::kLiteral; });
      return cost + (strings ? 4 : 1) + (literal ? 0 : 1);
    }
    default: return cost + 10;
  }
}

}  // namespace

PlanPtr OrderFilterConjuncts(const PlanPtr& plan, EvalContext& eval) {
  return TransformPlanUp(plan, [](const PlanPtr& node) -> PlanPtr {
    if (!node->Is<FilterNode>()) return node;
    std::vector<ExprPtr> conjuncts = SplitConjuncts(node->As<FilterNode>().condition);
    if (conjuncts.size() < 2) return node;
    // Only runs of conjuncts that cannot fail are sorted: a conjunct that may raise an error still
    // sees exactly the rows it saw before, as in Spark.
    for (auto run = conjuncts.begin(); run != conjuncts.end();) {
      auto run_end = std::find_if(run, conjuncts.end(), [](const ExprPtr& c) { return !NeverFails(*c); });
      std::stable_sort(run, run_end, [](const ExprPtr& a, const ExprPtr& b) {
        return EvaluationCost(*a) < EvaluationCost(*b);
      });
      run = run_end == conjuncts.end() ? run_end : run_end + 1;
    }
    LogicalPlan ordered = *node;
    ordered.As<FilterNode>().condition = CombineConjuncts(conjuncts);
    return MakePlan(std::move(ordered));
  });
}

}  // namespace ember

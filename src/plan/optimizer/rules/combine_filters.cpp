#include "plan/conjuncts.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_rewrite.h"

namespace ember {

PlanPtr CombineFilters(const PlanPtr& plan, EvalContext& eval) {
  return TransformPlanUp(plan, [](const PlanPtr& node) -> PlanPtr {
    if (node->kind != PlanKind::kFilter || node->children[0]->kind != PlanKind::kFilter) return node;
    const PlanPtr& inner = node->children[0];
    LogicalPlan combined = *inner;
    // The inner condition comes first: it was applied first, and AND evaluates left to right.
    std::vector<ExprPtr> conjuncts = SplitConjuncts(inner->exprs[0]);
    for (auto& part : SplitConjuncts(node->exprs[0])) conjuncts.push_back(std::move(part));
    combined.exprs = {CombineConjuncts(conjuncts)};
    return MakePlan(std::move(combined));
  });
}

}  // namespace ember

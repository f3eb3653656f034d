#include "plan/conjuncts.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_rewrite.h"

namespace ember {

PlanPtr CombineFilters(const PlanPtr& plan, EvalContext& eval) {
  return TransformPlanUp(plan, [](const PlanPtr& node) -> PlanPtr {
    if (!node->Is<FilterNode>() || !node->children[0]->Is<FilterNode>()) return node;
    const PlanPtr& inner = node->children[0];
    LogicalPlan combined = *inner;
    // The inner condition comes first: it was applied first, and AND evaluates left to right.
    std::vector<ExprPtr> conjuncts = SplitConjuncts(inner->As<FilterNode>().condition);
    for (auto& part : SplitConjuncts(node->As<FilterNode>().condition)) conjuncts.push_back(std::move(part));
    combined.As<FilterNode>().condition = CombineConjuncts(conjuncts);
    return MakePlan(std::move(combined));
  });
}

}  // namespace ember

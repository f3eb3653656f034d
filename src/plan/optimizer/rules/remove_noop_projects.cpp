#include "plan/optimizer/rules/rules.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {

PlanPtr RemoveNoopProjects(const PlanPtr& plan, EvalContext& eval) {
  return TransformPlanUp(plan, [](const PlanPtr& node) -> PlanPtr {
    if (!node->Is<ProjectNode>()) return node;
    const PlanPtr& child = node->children[0];
    return IsIdentityProjection(node->As<ProjectNode>().exprs, child->output) ? child : node;
  });
}

}  // namespace ember

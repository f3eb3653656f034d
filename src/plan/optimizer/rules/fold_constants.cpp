#include "plan/fold_constants.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_rewrite.h"

namespace ember {

PlanPtr FoldConstants(const PlanPtr& plan, EvalContext& eval) {
  return TransformPlanUp(plan, [&](const PlanPtr& node) {
    return MapPlanExprs(node, [&](const ExprPtr& expr) { return FoldConstantExpr(expr, eval); });
  });
}

}  // namespace ember

#include "plan/optimizer/rules/rules.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

const Expr& Unaliased(const ExprPtr& expr) {
  const Expr* node = expr.get();
  while (node->kind == ExprKind::kAlias) node = node->args[0].get();
  return *node;
}

bool Cheap(const Expr& expr) { return expr.kind == ExprKind::kBoundRef || expr.kind == ExprKind::kLiteral; }

void CountReferences(const Expr& expr, std::vector<int>& counts) {
  if (expr.kind == ExprKind::kBoundRef) ++counts[expr.index];
  for (const auto& arg : expr.args) CountReferences(*arg, counts);
}

// Whether merging `upper` into `lower` computes nothing twice: every computed lower column is
// read at most once, and nothing non-deterministic is copied.
bool CanCollapse(const ProjectNode& upper, const ProjectNode& lower) {
  std::vector<int> counts(lower.exprs.size(), 0);
  for (const auto& expr : upper.exprs) CountReferences(*expr, counts);
  for (size_t i = 0; i < lower.exprs.size(); ++i) {
    const Expr& computed = Unaliased(lower.exprs[i]);
    if (counts[i] == 0 || Cheap(computed)) continue;
    if (counts[i] > 1 || !IsDeterministic(computed)) return false;
  }
  return true;
}

}  // namespace

PlanPtr CollapseProjects(const PlanPtr& plan, EvalContext& eval) {
  return TransformPlanUp(plan, [](const PlanPtr& node) -> PlanPtr {
    if (!node->Is<ProjectNode>() || !node->children[0]->Is<ProjectNode>()) return node;
    const ProjectNode& upper = node->As<ProjectNode>();
    const ProjectNode& lower = node->children[0]->As<ProjectNode>();
    if (!CanCollapse(upper, lower)) return node;
    std::vector<ExprPtr> exprs;
    for (size_t i = 0; i < upper.exprs.size(); ++i) {
      const ExprPtr& expr = upper.exprs[i];
      bool aliased = expr->kind == ExprKind::kAlias;
      ExprPtr merged = SubstituteReferences(aliased ? expr->args[0] : expr, lower.exprs);
      // Keep the column's name: a reference to an aliased lower column takes its alias.
      const std::string& name = node->output[i].name;
      if (merged->kind != ExprKind::kBoundRef || merged->name != name) merged = AliasAs(merged, name);
      exprs.push_back(std::move(merged));
    }
    return MakeProjectNode(node->children[0]->children[0], std::move(exprs));
  });
}

}  // namespace ember

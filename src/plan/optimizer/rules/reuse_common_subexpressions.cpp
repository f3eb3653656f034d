#include <map>

#include "plan/expr_key.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

// Worth computing once: a deterministic computation (not a column, literal or alias).
bool Computed(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kFunction:
    case ExprKind::kCast:
    case ExprKind::kCaseWhen:
    case ExprKind::kCoalesce:
      return IsDeterministic(expr);
    default:
      return false;
  }
}

// How many arguments run for every row: CASE, COALESCE, AND and OR evaluate the later ones only
// where needed, and computing those for every row could raise errors the query never meets.
size_t EagerArgs(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kCaseWhen:
    case ExprKind::kCoalesce:
    case ExprKind::kAnd:
    case ExprKind::kOr:
      return 1;
    case ExprKind::kLambda:
      return 0;  // its body reads lambda variables, which exist only inside the call
    default:
      return expr.args.size();
  }
}

std::string CommonName(size_t index) { return "_common" + std::to_string(index); }

void CountSubexpressions(const Expr& expr, std::map<std::string, int>& counts) {
  if (Computed(expr)) ++counts[ExprKey(expr)];
  for (size_t i = 0; i < EagerArgs(expr); ++i) CountSubexpressions(*expr.args[i], counts);
}

// Replaces the outermost repeated computations of `expr` with references to new input columns
// (`width` onwards), adding each one once to `common`.
ExprPtr Extract(const ExprPtr& expr, const std::map<std::string, int>& counts, int width,
                std::vector<ExprPtr>& common, std::map<std::string, int>& positions) {
  if (Computed(*expr)) {
    std::string key = ExprKey(*expr);
    if (counts.at(key) > 1) {
      auto [it, added] = positions.emplace(key, width + static_cast<int>(common.size()));
      if (added) common.push_back(expr);
      return BoundRef(it->second, expr->type, expr->nullable, CommonName(it->second - width));
    }
  }
  if (expr->args.empty()) return expr;
  Expr copy = *expr;
  for (size_t i = 0; i < EagerArgs(*expr); ++i) copy.args[i] = Extract(copy.args[i], counts, width, common, positions);
  return MakeExpr(std::move(copy));
}

// The node's expressions (an aggregate's groups and calls, a project's outputs) computed over a
// project below that evaluates each repeated computation once.
PlanPtr ReuseIn(const PlanPtr& node) {
  std::map<std::string, int> counts;
  for (const auto& expr : node->Exprs()) CountSubexpressions(*expr, counts);
  bool repeated = false;
  for (const auto& [key, count] : counts) repeated = repeated || count > 1;
  if (!repeated) return node;

  const PlanPtr& child = node->children[0];
  const int width = static_cast<int>(child->output.size());
  std::vector<ExprPtr> common;
  std::map<std::string, int> positions;
  LogicalPlan rewritten = *node;
  rewritten.ForEachExpr([&](ExprPtr& expr) { expr = Extract(expr, counts, width, common, positions); });
  std::vector<ExprPtr> below;
  for (int i = 0; i < width; ++i) below.push_back(BoundAttribute(i, child->output[i]));
  for (size_t i = 0; i < common.size(); ++i) below.push_back(AliasAs(common[i], CommonName(i)));
  rewritten.children = {MakeProjectNode(child, std::move(below))};
  return MakePlan(std::move(rewritten));
}

}  // namespace

PlanPtr ReuseCommonSubexpressions(const PlanPtr& plan, EvalContext&) {
  return TransformPlanUp(plan, [](const PlanPtr& node) -> PlanPtr {
    if (!node->Is<AggregateNode>() && !node->Is<ProjectNode>()) return node;
    return ReuseIn(node);
  });
}

}  // namespace ember

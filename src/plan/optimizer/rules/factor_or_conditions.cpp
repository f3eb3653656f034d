#include <set>
#include <string>

#include "plan/conjuncts.h"
#include "plan/expr_key.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

ExprPtr Factor(const ExprPtr& expr);

ExprPtr FactorArgs(const ExprPtr& expr) {
  std::vector<ExprPtr> args;
  bool changed = false;
  for (const auto& arg : expr->args) {
    args.push_back(Factor(arg));
    changed = changed || args.back() != arg;
  }
  if (!changed) return expr;
  Expr copy = *expr;
  copy.args = std::move(args);
  return MakeExpr(std::move(copy));
}

// `(a AND b) OR (a AND c)` -> `a AND (b OR c)`. Kleene logic is distributive, so this holds with
// NULLs too; when a branch is nothing but common conjuncts, the OR is absorbed: `a OR (a AND b)` = a.
ExprPtr FactorOr(const ExprPtr& expr) {
  std::vector<std::vector<ExprPtr>> branches;
  for (const auto& disjunct : SplitDisjuncts(expr)) branches.push_back(SplitConjuncts(disjunct));

  std::vector<ExprPtr> common;
  std::set<std::string> common_keys;
  for (const auto& candidate : branches[0]) {
    std::string key = ExprKey(*candidate);
    if (!IsPlainDeterministic(*candidate) || common_keys.count(key)) continue;
    bool in_every_branch = true;
    for (size_t b = 1; b < branches.size() && in_every_branch; ++b) {
      bool found = false;
      for (const auto& conjunct : branches[b]) found = found || ExprKey(*conjunct) == key;
      in_every_branch = found;
    }
    if (!in_every_branch) continue;
    common.push_back(candidate);
    common_keys.insert(key);
  }
  if (common.empty()) return FactorArgs(expr);

  std::vector<ExprPtr> remainders;
  bool absorbed = false;
  for (const auto& branch : branches) {
    std::vector<ExprPtr> rest;
    for (const auto& conjunct : branch) {
      if (!common_keys.count(ExprKey(*conjunct))) rest.push_back(conjunct);
    }
    if (rest.empty()) absorbed = true;
    if (!absorbed) remainders.push_back(CombineConjuncts(rest));
  }
  if (!absorbed) common.push_back(Factor(CombineDisjuncts(remainders)));
  return CombineConjuncts(common);
}

ExprPtr Factor(const ExprPtr& expr) {
  return expr->kind == ExprKind::kOr ? FactorOr(expr) : FactorArgs(expr);
}

}  // namespace

PlanPtr FactorOrConditions(const PlanPtr& plan, EvalContext& eval) {
  return TransformPlanUp(plan, [](const PlanPtr& node) -> PlanPtr {
    if (!node->Is<FilterNode>() && !node->Is<JoinNode>()) return node;
    return MapPlanExprs(node, Factor);
  });
}

}  // namespace ember

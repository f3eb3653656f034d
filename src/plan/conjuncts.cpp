#include "plan/conjuncts.h"

#include "common/error.h"

namespace ember {
namespace {

std::vector<ExprPtr> SplitBoolean(ExprKind kind, const ExprPtr& expr) {
  if (expr->kind != kind) return {expr};
  std::vector<ExprPtr> parts = SplitBoolean(kind, expr->args[0]);
  for (auto& part : SplitBoolean(kind, expr->args[1])) parts.push_back(std::move(part));
  return parts;
}

ExprPtr CombineBoolean(ExprKind kind, const std::vector<ExprPtr>& parts) {
  EMBER_CHECK(!parts.empty(), "no boolean operands to combine");
  ExprPtr result = parts[0];
  for (size_t i = 1; i < parts.size(); ++i) {
    Expr node;
    node.kind = kind;
    node.args = {result, parts[i]};
    node.type = BooleanType();
    node.nullable = result->nullable || parts[i]->nullable;
    result = std::make_shared<const Expr>(std::move(node));
  }
  return result;
}

}  // namespace

std::vector<ExprPtr> SplitConjuncts(const ExprPtr& condition) { return SplitBoolean(ExprKind::kAnd, condition); }

ExprPtr CombineConjuncts(const std::vector<ExprPtr>& conjuncts) { return CombineBoolean(ExprKind::kAnd, conjuncts); }

std::vector<ExprPtr> SplitDisjuncts(const ExprPtr& condition) { return SplitBoolean(ExprKind::kOr, condition); }

ExprPtr CombineDisjuncts(const std::vector<ExprPtr>& disjuncts) { return CombineBoolean(ExprKind::kOr, disjuncts); }

}  // namespace ember

#include "plan/fold_constants.h"

#include "common/error.h"
#include "expr/evaluator.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

bool Foldable(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kFunction:
      return expr.scalar && expr.scalar->deterministic && expr.scalar->foldable;
    case ExprKind::kCast:
    case ExprKind::kCaseWhen:
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kCoalesce:
      return true;
    default:
      return false;  // literals already are; aliases and sort orders keep their shape
  }
}

}  // namespace

ExprPtr FoldConstantExpr(const ExprPtr& expr, EvalContext& eval) {
  return TransformExprUp(expr, [&](const ExprPtr& node) -> ExprPtr {
    if (!Foldable(*node)) return node;
    for (const auto& arg : node->args) {
      if (arg->kind != ExprKind::kLiteral) return node;
    }
    Value value;
    try {
      value = EvaluateConstant(*node, eval);
    } catch (const SparkError&) {
      return node;
    }
    value.type = node->type;
    Expr literal;
    literal.kind = ExprKind::kLiteral;
    literal.type = node->type;
    literal.nullable = value.is_null;
    literal.literal = std::move(value);
    return std::make_shared<const Expr>(std::move(literal));
  });
}

}  // namespace ember

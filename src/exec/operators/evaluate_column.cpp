#include "common/value.h"
#include "exec/operators/operator.h"
#include "expr/evaluator.h"

namespace ember {

VectorPtr EvaluateColumn(const Expr& expr, const Batch& batch, EvalContext& ctx) {
  if (expr.kind == ExprKind::kBoundRef) return batch.columns[expr.index];
  if (expr.kind == ExprKind::kLiteral) return MakeConstantVector(expr.literal, batch.num_rows);
  return Evaluate(expr, batch, ctx);
}

}  // namespace ember

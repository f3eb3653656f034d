// Constant folding of resolved expressions: deterministic subtrees without column references or
// aggregates become literals. A subtree whose evaluation raises an error is left for run time (it
// may never run). The optimizer's fold_constants rule folds whole plans with it; the analyzer
// uses it to hand binders the values of constant arguments (from_json's schema_of_json(...)
// schema, a map(...) of options).
#pragma once

#include "expr/expr.h"
#include "functions/eval_context.h"

namespace ember {

ExprPtr FoldConstantExpr(const ExprPtr& expr, EvalContext& eval);

}  // namespace ember

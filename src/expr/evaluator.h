// Evaluates resolved expressions over a batch, one vector per node. Special forms (CASE WHEN,
// AND, OR, COALESCE) evaluate their lazy arguments only on the rows that need them, so that ANSI
// errors are raised exactly where Spark raises them.
#pragma once

#include "common/vector.h"
#include "expr/expr.h"
#include "functions/eval_context.h"

namespace ember {

// Returns a vector of batch.num_rows values. `expr` must be resolved.
VectorPtr Evaluate(const Expr& expr, const Batch& batch, EvalContext& ctx);

// Whether evaluating `expr` can never raise an error, whatever the row: column references,
// literals, comparisons, null tests, LIKE with a literal pattern and AND / OR / NOT over such. Such an expression may be
// evaluated on rows that AND / OR would skip, or before other conjuncts of a filter.
bool NeverFails(const Expr& expr);

// Evaluates a constant expression (no column references) to a single value.
Value EvaluateConstant(const Expr& expr, EvalContext& ctx);

}  // namespace ember

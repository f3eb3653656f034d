// nvl, ifnull and nullif as Spark's RuntimeReplaceable expressions have them: evaluated as a
// coalesce and a CASE WHEN, named by their own call (`nvl(a, b)`, `nullif(a, b)`), which the
// node keeps in its `name` for Expr::ToSql.
#pragma once

#include "expr/expr.h"

namespace ember {

// The unresolved coalesce / CASE WHEN that a 2-argument nvl, ifnull or nullif call stands for;
// nullptr for any other call.
ExprPtr LowerNullFunction(const Expr& call);

}  // namespace ember

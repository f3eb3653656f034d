// Expression text as Spark's plan trees print it (Expression.toString): `(a + 1)`, `count(1)`,
// `cast(t as date)`, `x AS y`, `a ASC NULLS FIRST`. Unresolved names and calls are marked with a
// leading `'`, as Spark marks them in parsed plans. This is the explain() form; the SQL form that
// names columns is Expr::ToSql.
#pragma once

#include <string>
#include <vector>

#include "expr/expr.h"

namespace ember {

std::string ExprText(const Expr& expr);
// Texts joined with ", ".
std::string ExprListText(const std::vector<ExprPtr>& exprs);
// A kWindow's partitioning and ordering as plan nodes print them: "[k], [v ASC NULLS FIRST]".
std::string WindowKeysText(const Expr& window);
// A window group limit's line after its name: "[k], [v ASC NULLS FIRST], rank(), 3".
std::string WindowGroupLimitText(const Expr& window, int64_t limit);

}  // namespace ember

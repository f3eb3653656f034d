// The SQL front end: parses Spark SQL text into unresolved logical plans and expressions (the same
// trees the DataFrame API builds), leaving name resolution to the analyzer. Aggregate and scalar
// calls are told apart by the function registry. Syntax errors raise PARSE_SYNTAX_ERROR.
//
// Query shape produced for SELECT: FROM relations (kUnresolvedRelation, kSubqueryAlias, kJoin) ->
// kFilter (WHERE) -> kProject, or kAggregate with `select_list` set when the query groups or calls
// aggregates -> kFilter (HAVING, over the aggregate) -> kDistinct -> kSort -> kOffset -> kLimit.
// GROUP BY / ORDER BY ordinals and HAVING references to select aliases are replaced here; WITH
// names are substituted as aliased subqueries; VALUES rows become a union of one-row projections.
#pragma once

#include <string>

#include "plan/logical_plan.h"
#include "plan/sql_text.h"

namespace ember::sql {

// `parameters` bind the query's :name and ? markers (UNBOUND_SQL_PARAMETER for a marker without
// an argument).
PlanPtr ParseQuery(const std::string& text, const SqlParameters* parameters = nullptr);
ExprPtr ParseExpression(const std::string& text);

class TokenCursor;
// The query, or the data type, at the cursor; the cursor moves past it.
PlanPtr ParseQueryAt(TokenCursor& cursor);
TypePtr ParseTypeAt(TokenCursor& cursor);

// Installs the parser as plan_json's handler of `sql` plans and expressions.
void RegisterSqlParser();

}  // namespace ember::sql

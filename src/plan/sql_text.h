// The SQL parser lives in the sql layer, above plan; plan_json reaches it through these hooks to
// parse `{"op":"sql"}` plans and `{"e":"sql"}` expressions. The sql layer installs them
// (RegisterSqlParser) before any plan is parsed; using them uninstalled is an internal error.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "plan/logical_plan.h"

namespace ember {

// The arguments of a parameterized query (spark.sql(text, args)): `named` binds :name markers,
// `positional` binds ? markers in order.
struct SqlParameters {
  std::map<std::string, ExprPtr> named;
  std::vector<ExprPtr> positional;
};

struct SqlParsers {
  PlanPtr (*query)(const std::string& text, const SqlParameters* parameters) = nullptr;
  ExprPtr (*expression)(const std::string& text) = nullptr;
};

void SetSqlParsers(SqlParsers parsers);
PlanPtr ParseSqlQueryText(const std::string& text, const SqlParameters* parameters = nullptr);
ExprPtr ParseSqlExpressionText(const std::string& text);

}  // namespace ember

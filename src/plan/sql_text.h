// The SQL parser lives in the sql layer, above plan; plan_json reaches it through these hooks to
// parse `{"op":"sql"}` plans and `{"e":"sql"}` expressions. The sql layer installs them
// (RegisterSqlParser) before any plan is parsed; using them uninstalled is an internal error.
#pragma once

#include <string>

#include "plan/logical_plan.h"

namespace ember {

struct SqlParsers {
  PlanPtr (*query)(const std::string& text) = nullptr;
  ExprPtr (*expression)(const std::string& text) = nullptr;
};

void SetSqlParsers(SqlParsers parsers);
PlanPtr ParseSqlQueryText(const std::string& text);
ExprPtr ParseSqlExpressionText(const std::string& text);

}  // namespace ember

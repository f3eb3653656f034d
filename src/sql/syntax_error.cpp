#include "sql/syntax_error.h"

#include "common/error.h"

namespace ember::sql {

void ThrowSyntaxError(const std::string& sql, int line, int column, const std::string& near) {
  // SparkError composes "[CLASS] text SQLSTATE: x"; Spark's "(line L, pos P)" and "== SQL ==" block
  // follow the SQLSTATE, so they are not part of the message yet.
  (void)sql;
  (void)line;
  (void)column;
  throw SparkError("PARSE_SYNTAX_ERROR", "42601", "Syntax error at or near " + near + ".",
                   {{"error", near}, {"hint", ""}});
}

}  // namespace ember::sql

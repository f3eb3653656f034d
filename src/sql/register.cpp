#include "plan/sql_text.h"
#include "sql/parser.h"

namespace ember::sql {

void RegisterSqlParser() { SetSqlParsers({&ParseQuery, &ParseExpression}); }

}  // namespace ember::sql

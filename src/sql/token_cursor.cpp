#include "sql/token_cursor.h"

#include "sql/syntax_error.h"

namespace ember::sql {

void TokenCursor::Fail() const {
  const Token& token = Peek();
  std::string near;
  if (token.kind == TokenKind::kEnd) {
    near = "end of input";
  } else if (token.kind == TokenKind::kString) {
    near = "''" + token.text + "''";
  } else if (token.kind == TokenKind::kQuotedName) {
    near = "'`" + token.text + "`'";
  } else {
    near = "'" + token.text + "'";
  }
  ThrowSyntaxError(text_, token.line, token.column, near);
}

}  // namespace ember::sql

// PARSE_SYNTAX_ERROR as Spark 4 reports it: "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x'.
// SQLSTATE: 42601 (line L, pos P)" followed by the "== SQL ==" block with the statement and a
// "----^^^" marker under the offending token (what() holds all of it).
#pragma once

#include <string>

namespace ember::sql {

// `near` is "'token'" or "end of input"; `column` is 0-based within `line` (1-based).
[[noreturn]] void ThrowSyntaxError(const std::string& sql, int line, int column, const std::string& near);

}  // namespace ember::sql

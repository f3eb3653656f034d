// PARSE_SYNTAX_ERROR as Spark 4 reports it: "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x'.
// SQLSTATE: 42601". Spark then adds "(line L, pos P)" and an "== SQL ==" block with a marker; the
// position is taken here so that text can follow once SparkError can carry a suffix.
#pragma once

#include <string>

namespace ember::sql {

// `near` is "'token'" or "end of input"; `column` is 0-based within `line` (1-based).
[[noreturn]] void ThrowSyntaxError(const std::string& sql, int line, int column, const std::string& near);

}  // namespace ember::sql

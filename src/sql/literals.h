// Typed values of SQL literal text, with Spark's typing: an integer is INT when it fits, else
// BIGINT, else DECIMAL(p,0); `10L`/`10S`/`10Y` are BIGINT/SMALLINT/TINYINT; a number with a point
// is an exact DECIMAL(p,s) (`1.5` is decimal(2,1)); an exponent makes a DOUBLE; `D`/`F`/`BD`
// suffixes force DOUBLE/FLOAT/DECIMAL.
#pragma once

#include <optional>
#include <string>

#include "common/value.h"

namespace ember::sql {

// `text` is a number token, optionally with a leading '-'. nullopt when the value does not fit its
// type (the caller reports the syntax error).
std::optional<Value> ParseNumberLiteral(const std::string& text);
// X'...' hex digits to a BINARY value; nullopt for an odd count or a non-hex digit.
std::optional<Value> ParseHexLiteral(const std::string& digits);

}  // namespace ember::sql

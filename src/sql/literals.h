// Typed values of SQL literal text, with Spark's typing: an integer is INT when it fits, else
// BIGINT, else DECIMAL(p,0); `10L`/`10S`/`10Y` are BIGINT/SMALLINT/TINYINT; a number with a point
// is an exact DECIMAL(p,s) (`1.5` is decimal(2,1)); an exponent makes a DOUBLE; `D`/`F`/`BD`
// suffixes force DOUBLE/FLOAT/DECIMAL. Interval literals are ANSI intervals: the fields named in
// the literal decide between YEAR-MONTH and DAY-TIME and the type's start and end fields.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/value.h"

namespace ember::sql {

// `text` is a number token, optionally with a leading '-'. nullopt when the value does not fit its
// type (the caller reports the syntax error).
std::optional<Value> ParseNumberLiteral(const std::string& text);
// X'...' hex digits to a BINARY value; nullopt for an odd count or a non-hex digit.
std::optional<Value> ParseHexLiteral(const std::string& digits);

// Whether `word` names an interval unit of a multi-unit literal (year(s) ... microsecond(s), week(s)).
bool IsIntervalUnit(const std::string& word);

// One `value unit` of an interval literal: the value as written (digits or a quoted string's
// text, with a leading '-' when negated) and the unit word.
struct IntervalPart {
  std::string value;
  std::string unit;
};
// INTERVAL 1 DAY 2 HOURS, INTERVAL '3' MONTH: units of one kind only (MIXED_INTERVAL_UNITS
// otherwise); the type spans the units named (week counts as day, milli- and microseconds as
// second). Invalid values raise INVALID_INTERVAL_FORMAT.
Value MultiUnitIntervalLiteral(const std::vector<IntervalPart>& parts);
// INTERVAL '1-2' YEAR TO MONTH, INTERVAL '1 02:03:04' DAY TO SECOND: `part.unit` is the start
// field. Raises INVALID_INTERVAL_FORMAT for text that does not fit the fields.
Value UnitToUnitIntervalLiteral(const IntervalPart& part, const std::string& end_unit);

}  // namespace ember::sql

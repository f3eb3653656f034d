// Pieces of the cast implementation shared between its files (internal to functions/cast).
#pragma once

#include <string>

#include "common/vector.h"
#include "functions/eval_context.h"

namespace ember {

// How nested values and nulls are rendered as text.
enum class TextStyle {
  kCast,    // CAST(x AS STRING): nested nulls "null", binary as its bytes
  kPretty,  // show(): nulls "NULL" at every level, binary "[0A 1B]"
};

// Appends row `row` of `v` (which must be valid) as text.
void AppendValueText(const Vector& v, int64_t row, TextStyle style, const EvalContext& ctx,
                     std::string* out);
VectorPtr CastToString(const VectorPtr& input, TextStyle style, EvalContext& ctx);
// From a string vector; failures raise CAST_INVALID_INPUT when `errors` (ANSI, not try_cast) or
// give null. `strict` (ANSI or try_cast) rejects a fractional part for integral targets, which
// legacy mode truncates.
VectorPtr CastFromString(const VectorPtr& input, const TypePtr& target, EvalContext& ctx, bool errors,
                         bool strict);

// SQL type name as cast errors print it: "\"INT\"", "\"DECIMAL(10,2)\"".
std::string QuotedSqlType(const DataType& type);
[[noreturn]] void ThrowCastInvalidInput(std::string_view text, const DataType& from, const DataType& to);
[[noreturn]] void ThrowCastOverflow(const std::string& value_sql, const DataType& from, const DataType& to);

}  // namespace ember

// JSON text to a variant, as Spark's parse_json reads it with Jackson: integers in the narrowest
// integer type (or a decimal when beyond bigint), numbers with a fraction and no exponent as exact
// decimals up to 38 digits, the rest as doubles; object keys kept in the dictionary in the order
// first seen; a repeated key in one object makes the text malformed, unless the writer allows
// duplicate keys (spark.sql.variant.allowDuplicateKeys: the last value wins).
#pragma once

#include <string>
#include <string_view>

#include "common/vector.h"
#include "functions/function.h"
#include "functions/variant/variant_codec.h"

namespace ember {

// Parses `text` into `value` and `metadata`; false when it is not one JSON value (blank included)
// or repeats a key the writer does not allow.
bool ParseJsonVariant(std::string_view text, VariantWriter& writer, std::string* value, std::string* metadata);

// parse_json over a string vector: a variant vector, null for null text; malformed text (as above)
// is MALFORMED_RECORD_IN_PARSING, or null when `try_mode`.
VectorPtr ParseJsonVector(const Vector& text, int64_t rows, VariantWriter& writer, bool try_mode);

// The kernel of parse_json, try_parse_json and from_json(text, 'variant') over one string argument,
// with a writer per task.
ScalarKernel ParseJsonKernel(bool try_mode, bool allow_duplicate_keys);

}  // namespace ember

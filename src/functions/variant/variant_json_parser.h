// JSON text to a variant, as Spark's parse_json reads it with Jackson: integers in the narrowest
// integer type (or a decimal when beyond bigint), numbers with a fraction and no exponent as exact
// decimals up to 38 digits, the rest as doubles; object keys kept in the dictionary in the order
// first seen; a repeated key in one object is VARIANT_DUPLICATE_KEY.
#pragma once

#include <string>
#include <string_view>

#include "common/vector.h"
#include "functions/variant/variant_codec.h"

namespace ember {

// Parses `text` into `value` and `metadata`; false when it is not one JSON value (blank included).
bool ParseJsonVariant(std::string_view text, VariantWriter& writer, std::string* value, std::string* metadata);

// parse_json over a string vector: a variant vector, null for null text; text that is not one JSON
// value is MALFORMED_RECORD_IN_PARSING, or null when `try_mode`.
VectorPtr ParseJsonVector(const Vector& text, int64_t rows, VariantWriter& writer, bool try_mode);

}  // namespace ember

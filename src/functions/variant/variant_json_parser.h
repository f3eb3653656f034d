// JSON text to a variant, as Spark's parse_json reads it with Jackson: integers in the narrowest
// integer type (or a decimal when beyond bigint), numbers with a fraction and no exponent as exact
// decimals up to 38 digits, the rest as doubles; object keys kept in the dictionary in the order
// first seen; a repeated key in one object is VARIANT_DUPLICATE_KEY.
#pragma once

#include <string>
#include <string_view>

#include "functions/variant/variant_codec.h"

namespace ember {

// Parses `text` into `value` and `metadata`; false when it is not one JSON value (blank included).
bool ParseJsonVariant(std::string_view text, VariantWriter& writer, std::string* value, std::string* metadata);

}  // namespace ember

// SQL values to variants (to_variant_object and CAST(x AS VARIANT)): integers in the narrowest
// integer encoding, decimals with their own digits, strings, binaries, dates and timestamps as
// themselves; arrays as arrays, structs and string-keyed maps as objects; a null inside becomes a
// variant null.
#pragma once

#include "common/vector.h"
#include "functions/eval_context.h"

namespace ember {

// Whether values of `type` convert (`structs_and_maps`: to_variant_object; CAST takes neither).
bool CanConvertToVariant(const DataType& type, bool structs_and_maps);
// The rows of `input` as variants (SQL NULL rows stay NULL).
VectorPtr ToVariantVector(const Vector& input);

}  // namespace ember

// Spark's JSON type inference for one value (JsonInferSchema): integers are bigint (decimal(digits,0)
// past the long range), fractions double, strings string (an empty string counts as null until
// merged), booleans boolean, objects structs with fields sorted by name, arrays arrays of their
// merged element type. Shared by the JSON source's schema inference and schema_of_json.
#pragma once

#include <cstdint>
#include <optional>

#include "common/types.h"
#include "simdjson.h"

namespace ember {

TypePtr InferJsonType(simdjson::dom::element value);

// The common type two inferred JSON types widen to (Spark's JsonInferSchema.compatibleType):
// bigint with double gives double, numbers with decimals a wider decimal, structs merge by
// field, anything else mixed gives string.
TypePtr CompatibleJsonType(const TypePtr& a, const TypePtr& b);

// The inferred type as Spark reports it: null types become string, structs lose empty-named
// fields; nullopt for a struct left without fields.
std::optional<TypePtr> CanonicalizeJsonType(const TypePtr& type);

// Decimal digits of an integer past the long range (Jackson's big integers).
int JsonIntegerDigits(uint64_t value);

}  // namespace ember

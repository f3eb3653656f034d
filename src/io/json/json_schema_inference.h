// Spark's JSON schema inference over every line of the given files (samplingRatio 1.0): integers
// become bigint (decimal past the long range), fractions double, strings string, booleans boolean,
// objects structs with fields sorted by name, arrays arrays of their merged element type.
// Conflicting types widen (bigint with double gives double, anything else mixed gives string);
// fields seen only as null or "" become string; empty structs are dropped. Malformed lines add a
// string column named by columnNameOfCorruptRecord under PERMISSIVE, are ignored under
// DROPMALFORMED and fail under FAILFAST.
#pragma once

#include <string>
#include <vector>

#include "common/types.h"
#include "io/json/json_options.h"

namespace ember {

Schema InferJsonSchema(const std::vector<std::string>& files, const JsonOptions& options);

// The common type two inferred JSON types widen to (Spark's JsonInferSchema.compatibleType).
TypePtr CompatibleJsonType(const TypePtr& a, const TypePtr& b);

}  // namespace ember

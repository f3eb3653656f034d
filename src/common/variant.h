// Spark's VariantType: semi-structured values (parse_json, variant_get) in Spark's binary Variant
// encoding. A variant is two binaries, the encoded value and the metadata (its dictionary of object
// keys); it is stored as struct<value: binary, metadata: binary> marked by its `udt`
// (kVariantClass), the layout Spark writes to Parquet, and named "variant" wherever types print.
#pragma once

#include "common/types.h"

namespace ember {

// The `udt` marker of the variant type (the class of Spark's values of it).
inline constexpr const char* kVariantClass = "org.apache.spark.unsafe.types.VariantVal";

TypePtr VariantType();
inline bool IsVariant(const DataType& type) { return type.udt == kVariantClass; }
// Whether `type` is or holds a variant (arrays, maps and structs of it).
bool ContainsVariant(const DataType& type);

}  // namespace ember

// Spark's JSON schema inference over every line of the given files (samplingRatio 1.0), each value
// typed and merged by functions/json/json_type_inference.h; fields seen only as null or "" become
// string; empty structs are dropped. Malformed lines add a string column named by
// columnNameOfCorruptRecord under PERMISSIVE, are ignored under DROPMALFORMED and fail under
// FAILFAST. With singleVariantColumn the schema is that one variant column, files unread.
#pragma once

#include <string>
#include <vector>

#include "common/types.h"
#include "functions/json/json_options.h"

namespace ember {

Schema InferJsonSchema(const std::vector<std::string>& files, const JsonOptions& options);

}  // namespace ember

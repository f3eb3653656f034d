// The arguments the JSON functions share: a schema given as a DDL string literal, and options as a
// map<string,string> (SQL's map('mode', 'FAILFAST'); a dict from Python).
#pragma once

#include <string>
#include <vector>

#include "common/options.h"
#include "functions/function.h"

namespace ember {

// Spark's DataType.fromDDL of a string literal: a table schema ("a INT, b STRING") as a struct, else
// one type ("array<int>"). Throws INVALID_SCHEMA.NON_STRING_LITERAL for anything but a non-null
// string literal, PARSE_SYNTAX_ERROR for bad DDL.
TypePtr JsonSchemaArg(const BindArg& arg);

// The options at `index` (none when there is no such argument), keys lower-cased. Throws
// INVALID_OPTIONS.NON_MAP_FUNCTION / NON_STRING_TYPE when it is not a constant map of strings.
Options JsonOptionsArg(const std::vector<BindArg>& args, size_t index);

// A copy of `type` whose every field, element and value may be null (from_json's result).
TypePtr AsNullable(const TypePtr& type);

// Whether a map inside `type` has keys other than strings (JSON object keys are strings).
bool HasNonStringMapKey(const DataType& type);

}  // namespace ember

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

// The text of the constant string argument at `index` (`input` in messages, `null_name` when it
// is null). Throws DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for another type, NON_FOLDABLE_INPUT
// for a non-constant and UNEXPECTED_NULL for null (schema_of_json's json, reflect's class...).
std::string ConstantStringArg(const std::string& function, const std::vector<BindArg>& args, size_t index,
                              const std::string& input, const std::string& null_name);

// A copy of `type` whose every field, element and value may be null (from_json's result).
TypePtr AsNullable(const TypePtr& type);

// Whether a map inside `type` has keys other than strings (JSON object keys are strings).
bool HasNonStringMapKey(const DataType& type);

}  // namespace ember

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
// string literal, PARSE_SYNTAX_ERROR for bad DDL, and what RefuseCharVarchar throws.
TypePtr JsonSchemaArg(const BindArg& arg, const EvalContext& ctx);

// Spark's check of a function's type or schema text: UNSUPPORTED_CHAR_OR_VARCHAR_AS_STRING when it
// names CHAR(n) or VARCHAR(n), unless spark.sql.legacy.charVarcharAsString (they are then STRING).
void RefuseCharVarchar(const std::string& ddl, const EvalContext& ctx);

// The options at `index` (none when there is no such argument), keys lower-cased. Throws
// INVALID_OPTIONS.NON_MAP_FUNCTION / NON_STRING_TYPE when it is not a constant map of strings.
Options JsonOptionsArg(const std::vector<BindArg>& args, size_t index);

// The text of the constant string argument at `index` (`input` in messages, `null_name` when it
// is null). Throws DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for another type, NON_FOLDABLE_INPUT
// for a non-constant and UNEXPECTED_NULL for null (schema_of_json's json, reflect's class...).
std::string ConstantStringArg(const std::string& function, const std::vector<BindArg>& args, size_t index,
                              const std::string& input, const std::string& null_name);

// The schema argument of from_csv / from_xml: JsonSchemaArg, which must be a struct
// (INVALID_SCHEMA.NON_STRUCT_TYPE otherwise).
TypePtr StructSchemaArg(const BindArg& arg, const EvalContext& ctx);

// The index of the field named `column` (columnNameOfCorruptRecord) in `schema`, or -1; throws
// INVALID_CORRUPT_RECORD_TYPE when that field is not a string.
int CorruptRecordField(const DataType& schema, const std::string& column);

// FAILFAST: throws MALFORMED_RECORD_IN_PARSING for the first malformed row's text.
void ThrowFirstMalformed(const Vector& input, const std::vector<bool>& malformed);
// The corrupt record column: a malformed row's text, null elsewhere.
VectorPtr CorruptRecordColumn(const Vector& input, const std::vector<bool>& malformed);

// A binding of the schema_of_* functions: the same constant `text` for every row.
BoundScalar ConstantTextBinding(const std::vector<BindArg>& args, const std::string& text);

// A copy of `type` whose every field, element and value may be null (from_json's result); user
// types such as variant are kept as they are.
TypePtr AsNullable(const TypePtr& type);

// Whether a map inside `type` has keys other than strings (JSON object keys are strings).
bool HasNonStringMapKey(const DataType& type);

}  // namespace ember

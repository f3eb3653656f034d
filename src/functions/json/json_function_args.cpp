#include "functions/json/json_function_args.h"

#include <algorithm>

#include "common/ddl_char_varchar.h"
#include "common/error.h"
#include "functions/kernel_util.h"

namespace ember {

TypePtr JsonSchemaArg(const BindArg& arg, const EvalContext& ctx) {
  if (arg.literal == nullptr || arg.literal->is_null || arg.type->id != TypeId::kString) {
    std::string shown = arg.literal && !arg.literal->is_null ? arg.literal->str : "NULL";
    throw SparkError("INVALID_SCHEMA.NON_STRING_LITERAL", {{"inputSchema", "\"" + shown + "\""}});
  }
  const std::string& text = arg.literal->str;
  TypePtr type;
  try {
    type = StructType(ParseSchemaDdl(text));
  } catch (const SparkError&) {
    type = ParseDataType(text);
  }
  RefuseCharVarchar(text, ctx);
  return type;
}

void RefuseCharVarchar(const std::string& ddl, const EvalContext& ctx) {
  if (!ctx.char_varchar_as_string && DdlNamesCharVarchar(ddl)) throw SparkError("UNSUPPORTED_CHAR_OR_VARCHAR_AS_STRING", {});
}

Options JsonOptionsArg(const std::vector<BindArg>& args, size_t index) {
  Options options;
  if (index >= args.size()) return options;
  const BindArg& arg = args[index];
  if (arg.type->id != TypeId::kMap || arg.literal == nullptr) {
    throw SparkError("INVALID_OPTIONS.NON_MAP_FUNCTION", {});
  }
  if (arg.type->element->id != TypeId::kString || arg.type->value->id != TypeId::kString) {
    throw SparkError("INVALID_OPTIONS.NON_STRING_TYPE", {{"mapType", "\"" + arg.type->Sql() + "\""}});
  }
  const Value& map = *arg.literal;
  if (map.is_null) return options;
  size_t entries = map.children.size() / 2;
  for (size_t i = 0; i < entries; ++i) {
    std::string key = map.children[i].str;
    std::transform(key.begin(), key.end(), key.begin(), ::tolower);
    const Value& value = map.children[entries + i];
    options[key] = value.is_null ? "" : value.str;
  }
  return options;
}

std::string ConstantStringArg(const std::string& function, const std::vector<BindArg>& args, size_t index,
                              const std::string& input, const std::string& null_name) {
  const BindArg& arg = args[index];
  if (arg.type->id != TypeId::kString && arg.type->id != TypeId::kNull) ThrowUnexpectedType(function, index, "\"STRING\"", *arg.type);
  if (arg.literal == nullptr) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", {{"sqlExpr", "\"" + function + "\""},
                                                              {"inputName", "`" + input + "`"},
                                                              {"inputType", "\"STRING\""},
                                                              {"inputExpr", "argument " + std::to_string(index + 1)}});
  }
  if (arg.literal->is_null) {
    throw SparkError("DATATYPE_MISMATCH.UNEXPECTED_NULL", {{"sqlExpr", "\"" + function + "\""}, {"exprName", null_name}});
  }
  return arg.literal->str;
}

TypePtr StructSchemaArg(const BindArg& arg, const EvalContext& ctx) {
  TypePtr schema = JsonSchemaArg(arg, ctx);
  if (schema->id != TypeId::kStruct) {
    throw SparkError("INVALID_SCHEMA.NON_STRUCT_TYPE",
                     {{"inputSchema", "\"" + arg.literal->str + "\""}, {"dataType", "\"" + schema->Sql() + "\""}});
  }
  return schema;
}

int CorruptRecordField(const DataType& schema, const std::string& column) {
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    const StructField& field = schema.fields[i];
    if (field.name != column) continue;
    if (field.type->id != TypeId::kString) {
      throw SparkError("INVALID_CORRUPT_RECORD_TYPE", {{"columnName", QuoteIdentifier(field.name)},
                                                       {"actualType", "\"" + field.type->Sql() + "\""}});
    }
    return static_cast<int>(i);
  }
  return -1;
}

void ThrowFirstMalformed(const Vector& input, const std::vector<bool>& malformed) {
  for (size_t row = 0; row < malformed.size(); ++row) {
    if (malformed[row]) {
      throw SparkError("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
                       {{"badRecord", std::string(input.GetString(static_cast<int64_t>(row)))}, {"failFastMode", "FAILFAST"}});
    }
  }
}

VectorPtr CorruptRecordColumn(const Vector& input, const std::vector<bool>& malformed) {
  VectorBuilder corrupt(StringType(), static_cast<int64_t>(malformed.size()));
  for (size_t row = 0; row < malformed.size(); ++row) {
    malformed[row] ? corrupt.AppendString(input.GetString(static_cast<int64_t>(row))) : corrupt.AppendNull();
  }
  return corrupt.Finish();
}

BoundScalar ConstantTextBinding(const std::vector<BindArg>& args, const std::string& text) {
  Value value = Value::String(text);
  BoundScalar bound;
  for (const auto& arg : args) bound.arg_types.push_back(arg.type);
  bound.result_type = StringType();
  bound.kernel = [value](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) { return MakeConstantVector(value, rows); };
  bound.result_nullable = false;
  return bound;
}

TypePtr AsNullable(const TypePtr& type) {
  if (!type->udt.empty()) return type;  // a variant stays one
  switch (type->id) {
    case TypeId::kArray: return ArrayType(AsNullable(type->element), true);
    case TypeId::kMap: return MapType(AsNullable(type->element), AsNullable(type->value), true);
    case TypeId::kStruct: {
      std::vector<StructField> fields;
      for (const auto& field : type->fields) fields.push_back({field.name, AsNullable(field.type), true});
      return StructType(std::move(fields));
    }
    default: return type;
  }
}

bool HasNonStringMapKey(const DataType& type) {
  switch (type.id) {
    case TypeId::kArray: return HasNonStringMapKey(*type.element);
    case TypeId::kMap: return type.element->id != TypeId::kString || HasNonStringMapKey(*type.value);
    case TypeId::kStruct:
      for (const auto& field : type.fields) {
        if (HasNonStringMapKey(*field.type)) return true;
      }
      return false;
    default: return false;
  }
}

}  // namespace ember

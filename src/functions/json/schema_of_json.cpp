// schema_of_json(json[, options]): the DDL of the type Spark infers for a constant JSON text, as the
// JSON source infers it (json_type_inference.h): "STRUCT<a: BIGINT, b: ARRAY<STRING>>".
#include "common/error.h"
#include "functions/executor.h"
#include "functions/json/json_function_args.h"
#include "functions/json/json_options.h"
#include "functions/json/json_text.h"
#include "functions/json/json_type_inference.h"

namespace ember {
namespace {

std::string SchemaOfJson(std::string_view text, const JsonOptions& options) {
  simdjson::dom::element document;
  JsonDocumentParser parser(options.allow_unquoted_field_names);
  if (IsBlankJson(text)) return "STRING";
  if (!parser.Parse(text, &document)) {
    throw SparkError("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
                     {{"badRecord", std::string(text)}, {"failFastMode", "FAILFAST"}});
  }
  TypePtr type = InferJsonType(document);
  if (type->id == TypeId::kStruct) return CanonicalizeJsonType(type).value_or(StructType({}))->Sql();
  if (type->id == TypeId::kArray && type->element->id == TypeId::kStruct) {
    return ArrayType(CanonicalizeJsonType(type->element).value_or(StructType({})), type->contains_null)->Sql();
  }
  return CanonicalizeJsonType(type).value_or(StringType())->Sql();
}

BoundScalar BindSchemaOfJson(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("schema_of_json", args, 1, 2);
  std::string json = ConstantStringArg("schema_of_json", args, 0, "json", "`json`");
  // Of Spark's parsing options only allowUnquotedFieldNames is read; the inference ones are not supported.
  JsonOptions options = JsonOptions::Parse(JsonOptionsArg(args, 1));
  return ConstantTextBinding(args, SchemaOfJson(json, options));
}

}  // namespace

void RegisterSchemaOfJsonFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("schema_of_json",
                          "schema_of_json(json[, options]): the DDL of the schema inferred for a constant JSON text.",
                          BindSchemaOfJson,
                          {{"schema_of_json('{\"a\": 1, \"b\": [\"x\", null], \"c\": {\"d\": 0.5}}')",
                            "STRUCT<a: BIGINT, b: ARRAY<STRING>, c: STRUCT<d: DOUBLE>>"},
                           {"schema_of_json('[1, 2.5]')", "ARRAY<DOUBLE>"}}));
}

}  // namespace ember

// schema_of_csv(csv[, options]): the DDL of the struct Spark infers for a constant CSV record, as
// the CSV source infers column types (csv_type_inference.h): "STRUCT<_c0: INT, _c1: STRING>".
#include "common/error.h"
#include "functions/csv/csv_tokenizer.h"
#include "functions/csv/csv_type_inference.h"
#include "functions/executor.h"
#include "functions/json/json_function_args.h"

namespace ember {
namespace {

std::string SchemaOfCsv(std::string_view text, const CsvOptions& options) {
  CsvTokenizer tokenizer(options);
  std::vector<CsvField> fields;
  tokenizer.Split(text, &fields);
  CsvTypeInference inference(options, absl::UTCTimeZone(), fields.size());
  for (size_t c = 0; c < fields.size(); ++c) {
    if (const std::string* value = tokenizer.ValueOf(fields[c])) inference.Add(c, *value);
  }
  std::vector<TypePtr> types = inference.Types();
  std::vector<StructField> struct_fields;
  for (size_t c = 0; c < types.size(); ++c) struct_fields.push_back({"_c" + std::to_string(c), types[c], true});
  return StructType(std::move(struct_fields))->Sql();
}

BoundScalar BindSchemaOfCsv(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("schema_of_csv", args, 1, 2);
  std::string csv = ConstantStringArg("schema_of_csv", args, 0, "csv", "csv");
  return ConstantTextBinding(args, SchemaOfCsv(csv, CsvOptions::Parse(JsonOptionsArg(args, 1))));
}

}  // namespace

void RegisterSchemaOfCsvFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("schema_of_csv", "schema_of_csv(csv[, options]): the DDL of the struct inferred for a constant CSV record.",
                          BindSchemaOfCsv,
                          {{"schema_of_csv('1,abc,2.5')", "STRUCT<_c0: INT, _c1: STRING, _c2: DOUBLE>"}}));
}

}  // namespace ember

// to_csv(struct[, options]): a struct's fields as one CSV record, written as the CSV writer
// writes a row (csv_field_formatter.h): null fields as nullValue (empty), nested values as a cast
// to string prints them. A null struct gives null.
#include "common/error.h"
#include "functions/csv/csv_field_formatter.h"
#include "functions/executor.h"
#include "functions/json/json_function_args.h"

namespace ember {
namespace {

BoundScalar BindToCsv(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("to_csv", args, 1, 2);
  const TypePtr& type = args[0].type;
  if (type->id != TypeId::kStruct) {
    throw SparkError("DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE",
                     {{"sqlExpr", "\"to_csv\""}, {"functionName", "`to_csv`"}, {"dataType", "\"" + type->Sql() + "\""}});
  }
  auto options = std::make_shared<const CsvOptions>(CsvOptions::Parse(JsonOptionsArg(args, 1), true));
  std::vector<TypePtr> arg_types;
  for (const auto& arg : args) arg_types.push_back(arg.type);
  return FixedBinding(arg_types, StringType(), [options, type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    CsvFieldFormatter& formatter =
        TaskState<CsvFieldFormatter>(ctx, options.get(), [&] { return CsvFieldFormatter(*options, ctx); });
    const Vector& input = *a[0];
    std::vector<VectorPtr> texts;
    for (size_t f = 0; f < type->fields.size(); ++f) texts.push_back(formatter.AsText(input.child(f), *type->fields[f].type));
    VectorBuilder builder(StringType(), rows);
    std::string record;
    for (int64_t row = 0; row < rows; ++row) {
      if (input.IsNull(row)) {
        builder.AppendNull();
        continue;
      }
      record.clear();
      for (size_t f = 0; f < texts.size(); ++f) {
        if (f) record.push_back(options->separator);
        if (texts[f]->IsNull(row)) {
          record.append(options->null_value);
        } else {
          formatter.AppendField(texts[f]->GetString(row), &record);
        }
      }
      builder.AppendString(record);
    }
    return builder.Finish();
  });
}

}  // namespace

void RegisterToCsvFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("to_csv", "to_csv(expr[, options]): a struct as one CSV record (options as the CSV writer's).",
                          BindToCsv,
                          {{"to_csv(named_struct('a', 1, 'b', 'x,y'))", "1,\"x,y\""},
                           {"to_csv(named_struct('a', NULL, 'b', 2), map('sep', '|'))", "|2"}}));
}

}  // namespace ember

// to_json(expr[, options]): a struct, array or map as JSON text, written as the JSON source writes
// rows (json_value_writer.h); options: dateFormat, timestampFormat, timestampNTZFormat,
// ignoreNullFields (default true: null struct fields are left out).
#include "common/error.h"
#include "functions/executor.h"
#include "functions/json/json_function_args.h"
#include "functions/json/json_value_writer.h"

namespace ember {
namespace {

BoundScalar BindToJson(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("to_json", args, 1, 2);
  const DataType& type = *args[0].type;
  if (type.id != TypeId::kStruct && type.id != TypeId::kArray && type.id != TypeId::kMap) {
    throw SparkError("DATATYPE_MISMATCH.INVALID_JSON_SCHEMA", {{"sqlExpr", "\"to_json\""}, {"schema", "\"" + type.Sql() + "\""}});
  }
  auto options = std::make_shared<const JsonOptions>(JsonOptions::Parse(JsonOptionsArg(args, 1)));
  std::vector<TypePtr> arg_types;
  for (const auto& arg : args) arg_types.push_back(arg.type);
  return FixedBinding(arg_types, StringType(), [options](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    const JsonValueWriter& writer =
        TaskState<JsonValueWriter>(ctx, options.get(), [&] { return JsonValueWriter(*options, ctx.time_zone); });
    const Vector& input = *a[0];
    VectorBuilder builder(StringType(), rows);
    std::string text;
    for (int64_t i = 0; i < rows; ++i) {
      if (input.IsNull(i)) {
        builder.AppendNull();
        continue;
      }
      text.clear();
      writer.Write(input, i, &text);
      builder.AppendString(text);
    }
    return builder.Finish();
  });
}

}  // namespace

void RegisterToJsonFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("to_json",
                          "to_json(expr[, options]): a struct, array or map as JSON text (null struct fields left "
                          "out unless ignoreNullFields is false).",
                          BindToJson,
                          {{"to_json(from_json('{\"a\":1,\"b\":null}', 'a INT, b STRING'))", "{\"a\":1}"},
                           {"to_json(split('x,y', ','))", "[\"x\",\"y\"]"}}));
}

}  // namespace ember

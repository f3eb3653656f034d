// from_csv(csv, schema[, options]): one CSV record into a struct of the DDL schema, fields split
// and converted as the CSV source does (csv_tokenizer.h, csv_text_converter.h). A record is
// malformed when a value does not convert, a quote is not closed or its field count differs from
// the schema's; PERMISSIVE (the default) keeps the fields that convert and puts the text in a
// string field named by columnNameOfCorruptRecord (default _corrupt_record), FAILFAST raises
// MALFORMED_RECORD_IN_PARSING. Null text gives null.
#include "common/error.h"
#include "functions/csv/csv_text_converter.h"
#include "functions/csv/csv_tokenizer.h"
#include "functions/executor.h"
#include "functions/json/json_function_args.h"

namespace ember {
namespace {

struct FromCsvPlan {
  TypePtr result;                // the schema, every part nullable
  std::vector<size_t> parsed;    // the result fields that take a token, in order
  int corrupt_field = -1;
  CsvOptions options;
};

FromCsvPlan MakePlan(const std::vector<BindArg>& args, const EvalContext& ctx) {
  FromCsvPlan plan;
  TypePtr schema = StructSchemaArg(args[1], ctx);
  plan.options = CsvOptions::Parse(JsonOptionsArg(args, 2));
  if (plan.options.mode == CsvParseMode::kDropMalformed) {
    throw SparkError("PARSE_MODE_UNSUPPORTED", {{"funcName", "`from_csv`"}, {"mode", "DROPMALFORMED"}});
  }
  plan.result = AsNullable(schema);
  plan.corrupt_field = CorruptRecordField(*schema, plan.options.corrupt_column);
  for (size_t i = 0; i < schema->fields.size(); ++i) {
    if (static_cast<int>(i) != plan.corrupt_field) plan.parsed.push_back(i);
  }
  return plan;
}

VectorPtr FromCsv(const FromCsvPlan& plan, const Vector& input, int64_t rows, EvalContext& ctx) {
  CsvTextConverter& converter = TaskState<CsvTextConverter>(ctx, &plan, [&] { return CsvTextConverter(plan.options, ctx); });
  CsvTokenizer tokenizer(plan.options);
  std::vector<std::unique_ptr<VectorBuilder>> texts;
  for (size_t i = 0; i < plan.parsed.size(); ++i) texts.push_back(std::make_unique<VectorBuilder>(StringType(), rows));
  std::vector<bool> malformed(rows, false);
  std::vector<CsvField> fields;
  for (int64_t row = 0; row < rows; ++row) {
    bool closed = input.IsValid(row) && tokenizer.Split(input.GetString(row), &fields);
    // An empty text is no record at all; a record of another field count is malformed too.
    bool whole = closed && !input.GetString(row).empty() && fields.size() == plan.parsed.size();
    malformed[row] = input.IsValid(row) && !whole;
    for (size_t t = 0; t < plan.parsed.size(); ++t) {
      const std::string* value = input.IsValid(row) && t < fields.size() && !input.GetString(row).empty()
                                     ? tokenizer.ValueOf(fields[t])
                                     : nullptr;
      value ? texts[t]->AppendString(*value) : texts[t]->AppendNull();
    }
  }
  std::vector<VectorPtr> children(plan.result->fields.size());
  for (size_t t = 0; t < plan.parsed.size(); ++t) {
    size_t field = plan.parsed[t];
    children[field] = converter.Convert(texts[t]->Finish(), plan.result->fields[field].type, &malformed);
  }
  if (plan.options.mode == CsvParseMode::kFailFast) ThrowFirstMalformed(input, malformed);
  if (plan.corrupt_field >= 0) children[plan.corrupt_field] = CorruptRecordColumn(input, malformed);
  VectorPtr out = Vector::Make(plan.result, rows);
  out->children() = std::move(children);
  if (const uint64_t* words = input.ValidityWords()) {
    std::copy(words, words + ValidityWordCount(rows), out->MutableValidityWords());
  }
  return out;
}

BoundScalar BindFromCsv(const std::vector<BindArg>& args, const EvalContext& ctx) {
  CheckArgCount("from_csv", args, 2, 3);
  TypeId input = args[0].type->id;
  if (input != TypeId::kString && input != TypeId::kNull) ThrowUnexpectedType("from_csv", 0, "\"STRING\"", *args[0].type);
  auto plan = std::make_shared<const FromCsvPlan>(MakePlan(args, ctx));
  std::vector<TypePtr> arg_types = {StringType(), args[1].type};
  if (args.size() == 3) arg_types.push_back(args[2].type);
  return FixedBinding(arg_types, plan->result, [plan](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    return FromCsv(*plan, *a[0], rows, ctx);
  });
}

}  // namespace

void RegisterFromCsvFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("from_csv",
                          "from_csv(csv, schema[, options]): parses one CSV record into a struct of the DDL schema; "
                          "options as the CSV source's (sep, nullValue, dateFormat, timestampFormat, mode...).",
                          BindFromCsv,
                          {{"from_csv('7;x', 'a INT, b STRING', map('sep', ';'))", "{7, x}"},
                           {"from_csv('1,two', 'a INT, b INT')", "{1, NULL}"}}));
}

}  // namespace ember

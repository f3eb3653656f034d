// json_tuple(json, name1, ..., namek): a generator (functions/generators.h) giving one row of k
// string columns c0..c(k-1) per input row: the values of the top-level fields of that name (the
// last one when a name repeats), strings unquoted and other values as compact JSON. A null,
// invalid or non-object input, a missing field, a JSON null or a null name give nulls; the row is
// always there.
#include "functions/collection/nested_util.h"
#include "functions/executor.h"
#include "functions/json/json_text.h"

namespace ember {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

BoundScalar BindJsonTuple(const std::vector<BindArg>& args, const EvalContext&) {
  if (args.size() < 2) {
    throw SparkError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                     {{"functionName", "`json_tuple`"}, {"expectedNum", "> 1"}, {"actualNum", std::to_string(args.size())},
                      {"docroot", "https://spark.apache.org/docs/latest"}});
  }
  for (const auto& arg : args) {
    if (arg.type->id != TypeId::kString && arg.type->id != TypeId::kNull) {
      throw SparkError("DATATYPE_MISMATCH.NON_STRING_TYPE", {{"sqlExpr", "\"json_tuple(" + args[0].name + ", ...)\""},
                                                            {"funcName", "`json_tuple`"}});
    }
  }
  size_t width = args.size() - 1;
  std::vector<StructField> fields;
  for (size_t f = 0; f < width; ++f) fields.push_back({"c" + std::to_string(f), StringType(), true});
  TypePtr type = ArrayType(StructType(std::move(fields)), false);
  auto key = std::make_shared<int>(0);
  return FixedBinding(std::vector<TypePtr>(args.size(), StringType()), type,
                      [type, width, key](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    JsonDocumentParser& parser = TaskState<JsonDocumentParser>(ctx, key.get(), [] { return JsonDocumentParser(); });
    std::vector<VectorBuilder> columns;
    for (size_t f = 0; f < width; ++f) columns.emplace_back(StringType(), rows);
    std::vector<std::optional<element>> found(width);
    std::string text;
    const Vector& json = *a[0];
    for (int64_t i = 0; i < rows; ++i) {
      std::fill(found.begin(), found.end(), std::nullopt);
      element document;
      if (json.IsValid(i) && parser.Parse(json.GetString(i), &document) && document.type() == element_type::OBJECT) {
        for (simdjson::dom::key_value_pair field : simdjson::dom::object(document.get_object().value_unsafe())) {
          for (size_t f = 0; f < width; ++f) {
            if (a[f + 1]->IsValid(i) && a[f + 1]->GetString(i) == field.key) found[f] = field.value;
          }
        }
      }
      for (size_t f = 0; f < width; ++f) {
        if (!found[f] || found[f]->type() == element_type::NULL_VALUE) {
          columns[f].AppendNull();
        } else if (found[f]->type() == element_type::STRING) {
          columns[f].AppendString(found[f]->get_string().value_unsafe());
        } else {
          text.clear();
          AppendJsonElement(*found[f], &text);
          columns[f].AppendString(text);
        }
      }
    }
    std::vector<VectorPtr> children;
    for (auto& column : columns) children.push_back(column.Finish());
    VectorPtr elements = Vector::Make(type->element, rows);
    elements->children() = std::move(children);
    std::vector<int32_t> offsets(rows + 1);
    for (int64_t i = 0; i <= rows; ++i) offsets[i] = static_cast<int32_t>(i);
    return MakeListVector(type, std::move(offsets), {elements});
  });
}

}  // namespace

void RegisterJsonTupleFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("json_tuple",
                          "json_tuple(json, name1, ..., namek): a generator of one row of string columns c0, c1, ...: "
                          "the top-level fields of those names (strings unquoted, other values as JSON).",
                          BindJsonTuple,
                          {{"json_tuple('{\"a\": 1, \"b\": \"x\"}', 'b')", "x"}}));
}

}  // namespace ember

// json_array_length(json): the number of elements of the outermost JSON array; json_object_keys(json):
// the keys of the outermost JSON object, in order. Null for null, invalid JSON, or another kind of
// value.
#include "functions/executor.h"
#include "functions/json/json_text.h"

namespace ember {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

void CheckStringArg(const std::string& name, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  if (args[0].type->id != TypeId::kString && args[0].type->id != TypeId::kNull) {
    ThrowUnexpectedType(name, 0, "\"STRING\"", *args[0].type);
  }
}

BoundScalar BindJsonArrayLength(const std::vector<BindArg>& args, const EvalContext&) {
  CheckStringArg("json_array_length", args);
  auto key = std::make_shared<int>(0);
  return FixedBinding({StringType()}, IntType(), [key](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    JsonDocumentParser& parser = TaskState<JsonDocumentParser>(ctx, key.get(), [] { return JsonDocumentParser(); });
    return ExecuteRows<int32_t(std::string_view)>(IntType(), a, rows, [&](std::string_view json) -> std::optional<int32_t> {
      element document;
      if (!parser.Parse(json, &document) || document.type() != element_type::ARRAY) return std::nullopt;
      return static_cast<int32_t>(simdjson::dom::array(document.get_array().value_unsafe()).size());
    });
  });
}

BoundScalar BindJsonObjectKeys(const std::vector<BindArg>& args, const EvalContext&) {
  CheckStringArg("json_object_keys", args);
  auto key = std::make_shared<int>(0);
  TypePtr result = ArrayType(StringType());
  return FixedBinding({StringType()}, result, [key, result](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    JsonDocumentParser& parser = TaskState<JsonDocumentParser>(ctx, key.get(), [] { return JsonDocumentParser(); });
    const Vector& input = *a[0];
    VectorBuilder builder(result, rows);
    for (int64_t i = 0; i < rows; ++i) {
      element document;
      if (input.IsNull(i) || !parser.Parse(input.GetString(i), &document) || document.type() != element_type::OBJECT) {
        builder.AppendNull();
        continue;
      }
      for (simdjson::dom::key_value_pair field : simdjson::dom::object(document.get_object().value_unsafe())) {
        builder.Child(0).AppendString(field.key);
      }
      builder.FinishNested();
    }
    return builder.Finish();
  });
}

}  // namespace

void RegisterJsonArrayLengthFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("json_array_length",
                          "json_array_length(json): the number of elements of the outermost JSON array; null when the "
                          "text is not one.",
                          BindJsonArrayLength,
                          {{"json_array_length('[1, [2, 3], {\"a\": 4}]')", "3"}, {"json_array_length('{}')", "NULL"}}));
  registry.Add(MakeScalar("json_object_keys",
                          "json_object_keys(json): the keys of the outermost JSON object as an array; null when the "
                          "text is not one.",
                          BindJsonObjectKeys,
                          {{"json_object_keys('{\"b\": 1, \"a\": {\"c\": 2}}')", "[b, a]"}, {"json_object_keys('[1]')", "NULL"}}));
}

}  // namespace ember

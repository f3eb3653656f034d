// parse_json(jsonStr): JSON text as a variant, MALFORMED_RECORD_IN_PARSING on text that is not one
// JSON value or repeats a key (unless spark.sql.variant.allowDuplicateKeys: the last value wins);
// try_parse_json: null there instead.
#include "common/variant.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"
#include "functions/variant/variant_json_parser.h"

namespace ember {
namespace {

using Binder = std::function<BoundScalar(const std::vector<BindArg>&, const EvalContext&)>;

Binder ParseJsonBinder(std::string name, bool try_mode) {
  return [name, try_mode](const std::vector<BindArg>& args, const EvalContext& ctx) {
    CheckArgCount(name, args, 1, 1);
    TypeId id = args[0].type->id;
    if (id != TypeId::kString && id != TypeId::kNull) ThrowUnexpectedType(name, 0, "\"STRING\"", *args[0].type);
    BoundScalar bound;
    bound.arg_types = {StringType()};
    bound.result_type = VariantType();
    bound.kernel = ParseJsonKernel(try_mode, ctx.variant_allow_duplicate_keys);
    return bound;
  };
}

}  // namespace

void RegisterParseJsonFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("parse_json",
                          "parse_json(jsonStr): the JSON text as a variant; fails on text that is not valid JSON.",
                          ParseJsonBinder("parse_json", false),
                          {{"parse_json('{\"b\": [1, 2.50], \"a\": null}')", "{\"a\":null,\"b\":[1,2.5]}"}}));
  registry.Add(MakeScalar("try_parse_json",
                          "try_parse_json(jsonStr): the JSON text as a variant, or null when it is not valid JSON.",
                          ParseJsonBinder("try_parse_json", true),
                          {{"try_parse_json('{\"a\": 1')", "NULL"}, {"try_parse_json('[true]')", "[true]"}}));
}

}  // namespace ember

// to_variant_object(expr): an array, map (string keys) or struct as a variant, structs and maps
// becoming variant objects (variant_from_sql.h).
#include "common/variant.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"
#include "functions/variant/variant_from_sql.h"

namespace ember {
namespace {

BoundScalar BindToVariantObject(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("to_variant_object", args, 1, 1);
  if (!CanConvertToVariant(*args[0].type, true)) {
    throw SparkError("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION", {{"sqlExpr", "\"to_variant_object\""},
                                                                   {"srcType", "\"" + args[0].type->Sql() + "\""},
                                                                   {"targetType", "\"VARIANT\""}});
  }
  BoundScalar bound;
  bound.arg_types = {args[0].type};
  bound.result_type = VariantType();
  bound.kernel = [](const std::vector<VectorPtr>& in, int64_t, EvalContext&) { return ToVariantVector(*in[0]); };
  return bound;
}

}  // namespace

void RegisterToVariantObjectFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("to_variant_object",
                          "to_variant_object(expr): an array, map or struct as a variant; structs and maps become "
                          "variant objects.",
                          BindToVariantObject,
                          {{"to_variant_object(named_struct('b', 1, 'a', array('x')))", "{\"a\":[\"x\"],\"b\":1}"}}));
}

}  // namespace ember

// exists(array, x -> cond) and forall(array, x -> cond) with three-valued logic: exists is true when
// cond is true for some element, else null when it is null for some, else false; forall is false
// when cond is false for some element, else null when it is null for some, else true.
#include "functions/collection/lambda_util.h"

namespace ember {
namespace {

std::vector<TypePtr> ElementOnly(const std::vector<BindArg>& args, size_t, size_t count) {
  CheckLambdaArity(count, 1, 1);
  return {ElementTypeOf(args[0])};
}

ScalarFunction Quantifier(const std::string& name, bool decisive, std::string doc, std::vector<FunctionExample> examples) {
  ScalarFunction function = MakeScalar(name, std::move(doc), [name, decisive](const std::vector<BindArg>& args, const EvalContext&) {
    CheckArgCount(name, args, 2, 2);
    RequireArrayArg(name, args, 0);
    RequireLambdaType(name, args, 1, BooleanType());
    BoundScalar bound = FixedBinding({args[0].type, BooleanType()}, BooleanType(), nullptr);
    bound.lambda_kernel = [decisive](const std::vector<VectorPtr>& a, const std::vector<LambdaFunction>& lambdas,
                                     int64_t rows, EvalContext&) {
      if (a[0]->type()->id == TypeId::kNull) return Vector::MakeNulls(BooleanType(), rows);
      const Vector& arrays = *a[0];
      Flattened flat = Flatten(arrays, rows);
      VectorPtr tests = lambdas[0]({flat.children[0]}, flat.rows);
      const uint8_t* t = tests->Data<uint8_t>();
      VectorPtr out = Vector::Make(BooleanType(), rows);
      uint8_t* o = out->Data<uint8_t>();
      for (int64_t i = 0; i < rows; ++i) {
        o[i] = !decisive;
        if (arrays.IsNull(i)) {
          out->SetNull(i);
          continue;
        }
        bool unknown = false;
        for (int32_t j = flat.offsets[i]; j < flat.offsets[i + 1]; ++j) {
          if (tests->IsNull(j)) {
            unknown = true;
          } else if ((t[j] != 0) == decisive) {
            o[i] = decisive;
            unknown = false;
            break;
          }
        }
        if (unknown) out->SetNull(i);
      }
      return out;
    };
    return bound;
  }, std::move(examples));
  function.lambda_parameters = ElementOnly;
  return function;
}

}  // namespace

void RegisterExistsForallFunctions(FunctionRegistry& registry) {
  registry.Add(Quantifier("exists", true, "exists(array, x -> cond): whether cond holds for some element (null when unknown).",
                          {{"exists(split('a bb', ' '), x -> length(x) = 2)", "true"},
                           {"exists(split('a', ' '), x -> CAST(NULL AS BOOLEAN))", "NULL"}}));
  registry.Add(Quantifier("forall", false, "forall(array, x -> cond): whether cond holds for every element (null when unknown).",
                          {{"forall(split('a bb', ' '), x -> length(x) = 2)", "false"},
                           {"forall(split('', ','), x -> false)", "false"}}));
}

}  // namespace ember

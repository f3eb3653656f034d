// transform(array, x -> f) and filter(array, x -> cond), also with the element's position as a
// second lambda parameter ((x, i) -> ...). The lambda runs once over every element of the batch.
#include "functions/collection/lambda_util.h"

namespace ember {
namespace {

std::vector<TypePtr> ElementAndIndex(const std::vector<BindArg>& args, size_t index, size_t count) {
  CheckLambdaArity(count, 1, 2);
  std::vector<TypePtr> params = {ElementTypeOf(args[0])};
  if (count == 2) params.push_back(IntType());
  return params;
}

// Runs the lambda over the elements (and positions, when it takes them) of the batch's arrays.
VectorPtr RunOverElements(const Flattened& flat, const LambdaFunction& lambda, bool with_index) {
  std::vector<VectorPtr> params = {flat.children[0]};
  if (with_index) params.push_back(ElementPositions(flat));
  return lambda(params, flat.rows);
}

BoundScalar BindTransform(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("transform", args, 2, 2);
  bool with_index = args[1].lambda_params == 2;
  RequireArrayArg("transform", args, 0);
  TypePtr result = ArrayType(args[1].type);
  BoundScalar bound = FixedBinding({args[0].type, args[1].type}, result, nullptr);
  bound.lambda_kernel = [result, with_index](const std::vector<VectorPtr>& a, const std::vector<LambdaFunction>& lambdas,
                                                int64_t rows, EvalContext&) {
    if (a[0]->type()->id == TypeId::kNull) return Vector::MakeNulls(result, rows);
    Flattened flat = Flatten(*a[0], rows);
    VectorPtr values = RunOverElements(flat, lambdas[0], with_index);
    return MakeCollection(result, *a[0], flat.offsets, {values});
  };
  return bound;
}

BoundScalar BindFilter(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("filter", args, 2, 2);
  bool with_index = args[1].lambda_params == 2;
  RequireArrayArg("filter", args, 0);
  RequireLambdaType("filter", args, 1, BooleanType());
  TypePtr result = args[0].type->id == TypeId::kArray ? args[0].type : ArrayType(NullType());
  BoundScalar bound = FixedBinding({args[0].type, BooleanType()}, result, nullptr);
  bound.lambda_kernel = [result, with_index](const std::vector<VectorPtr>& a, const std::vector<LambdaFunction>& lambdas,
                                                int64_t rows, EvalContext&) {
    if (a[0]->type()->id == TypeId::kNull) return Vector::MakeNulls(result, rows);
    Flattened flat = Flatten(*a[0], rows);
    VectorPtr keep = RunOverElements(flat, lambdas[0], with_index);
    return FilterCollection(result, *a[0], flat, *keep);
  };
  return bound;
}

}  // namespace

void RegisterTransformFilterFunctions(FunctionRegistry& registry) {
  ScalarFunction transform = MakeScalar(
      "transform", "transform(array, x -> f): f of every element (the lambda may take the position too: (x, i) -> f).",
      BindTransform, {{"transform(split('1 2 3', ' '), x -> CAST(x AS INT) * 10)", "[10, 20, 30]"},
                      {"transform(split('a b', ' '), (x, i) -> concat(x, i))", "[a0, b1]"}});
  transform.lambda_parameters = ElementAndIndex;
  registry.Add(std::move(transform));
  ScalarFunction filter = MakeScalar(
      "filter", "filter(array, x -> cond): the elements where cond is true (or (x, i) -> cond with the position).",
      BindFilter, {{"filter(split('1 22 3', ' '), x -> length(x) = 1)", "[1, 3]"},
                   {"filter(split('a b c', ' '), (x, i) -> i > 0)", "[b, c]"}});
  filter.lambda_parameters = ElementAndIndex;
  registry.Add(std::move(filter));
}

}  // namespace ember

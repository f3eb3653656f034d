// zip_with(left, right, (x, y) -> f): f of the elements at each position of two arrays, the shorter
// one padded with nulls; null when either array is null.
#include <algorithm>

#include "functions/collection/lambda_util.h"

namespace ember {
namespace {

std::vector<TypePtr> PairParameters(const std::vector<BindArg>& args, size_t, size_t count) {
  CheckLambdaArity(count, 2, 2);
  return {ElementTypeOf(args[0]), ElementTypeOf(args[1])};
}

// Appends elements [begin, begin + count) of `elements`, then nulls up to `length`.
void AppendPadded(const Vector& elements, int32_t begin, int32_t count, int32_t length, VectorBuilder& out) {
  for (int32_t j = 0; j < length; ++j) {
    if (j < count) {
      out.AppendFrom(elements, begin + j);
    } else {
      out.AppendNull();
    }
  }
}

BoundScalar BindZipWith(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("zip_with", args, 3, 3);
  RequireArrayArg("zip_with", args, 0);
  RequireArrayArg("zip_with", args, 1);
  TypePtr result = ArrayType(args[2].type);
  BoundScalar bound = FixedBinding({args[0].type, args[1].type, args[2].type}, result, nullptr);
  TypePtr left_type = ElementTypeOf(args[0]), right_type = ElementTypeOf(args[1]);
  bound.lambda_kernel = [result, left_type, right_type](const std::vector<VectorPtr>& a,
                                                        const std::vector<LambdaFunction>& lambdas, int64_t rows,
                                                        EvalContext&) {
    if (a[0]->type()->id == TypeId::kNull || a[1]->type()->id == TypeId::kNull) return Vector::MakeNulls(result, rows);
    const Vector& left = *a[0];
    const Vector& right = *a[1];
    Flattened l = Flatten(left, rows), r = Flatten(right, rows);
    VectorBuilder xs(left_type), ys(right_type);
    std::vector<int32_t> element_rows, offsets(rows + 1, 0);
    VectorPtr nulls = Vector::Make(BooleanType(), rows);
    for (int64_t i = 0; i < rows; ++i) {
      int32_t length = 0;
      if (left.IsValid(i) && right.IsValid(i)) {
        int32_t left_count = l.offsets[i + 1] - l.offsets[i], right_count = r.offsets[i + 1] - r.offsets[i];
        length = std::max(left_count, right_count);
        AppendPadded(*l.children[0], l.offsets[i], left_count, length, xs);
        AppendPadded(*r.children[0], r.offsets[i], right_count, length, ys);
        element_rows.insert(element_rows.end(), length, static_cast<int32_t>(i));
      } else {
        nulls->SetNull(i);
      }
      offsets[i + 1] = offsets[i] + length;
    }
    VectorPtr values = lambdas[0]({xs.Finish(), ys.Finish()}, element_rows);
    return MakeCollection(result, *nulls, offsets, {values});
  };
  return bound;
}

}  // namespace

void RegisterZipWithFunctions(FunctionRegistry& registry) {
  ScalarFunction function = MakeScalar(
      "zip_with", "zip_with(left, right, (x, y) -> f): f of the elements at each position, the shorter array padded with nulls.",
      BindZipWith,
      {{"zip_with(split('a b c', ' '), split('1 2', ' '), (x, y) -> concat(x, coalesce(y, '-')))", "[a1, b2, c-]"}});
  function.lambda_parameters = PairParameters;
  registry.Add(std::move(function));
}

}  // namespace ember

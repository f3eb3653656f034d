// aggregate(array, zero, (acc, x) -> merge[, acc -> finish]) and its alias reduce: folds each array
// from zero through merge, then applies finish. The fold advances one element position at a time
// over all the batch's arrays that are that long, so each merge step is one vectorized call.
#include <numeric>

#include "functions/collection/lambda_util.h"
#include "functions/type_coercion.h"

namespace ember {
namespace {

std::vector<TypePtr> FoldParameters(const std::vector<BindArg>& args, size_t index, size_t count) {
  if (index == 2) {
    CheckLambdaArity(count, 2, 2);
    return {args[1].type, ElementTypeOf(args[0])};
  }
  CheckLambdaArity(count, 1, 1);
  return {args[1].type};
}

// The accumulators after folding every element of the non-null arrays into `zero`.
VectorPtr Fold(const Vector& arrays, const VectorPtr& zero, const LambdaFunction& merge, int64_t rows) {
  Flattened flat = Flatten(arrays, rows);
  VectorPtr acc = zero;
  std::vector<int32_t> step_rows, elements, pick(rows);
  for (int32_t k = 0;; ++k) {
    step_rows.clear();
    elements.clear();
    for (int64_t i = 0; i < rows; ++i) {
      if (arrays.IsValid(i) && flat.offsets[i] + k < flat.offsets[i + 1]) {
        step_rows.push_back(static_cast<int32_t>(i));
        elements.push_back(flat.offsets[i] + k);
      }
    }
    if (step_rows.empty()) return acc;
    int64_t n = static_cast<int64_t>(step_rows.size());
    VectorPtr x = TakeRows(*flat.children[0], elements.data(), n);
    VectorPtr merged = merge({n == rows ? acc : TakeRows(*acc, step_rows.data(), n), x}, step_rows);
    if (n == rows) {
      acc = merged;
      continue;
    }
    // Rows still folding take the merged value, the others keep theirs.
    std::iota(pick.begin(), pick.end(), 0);
    for (int64_t p = 0; p < n; ++p) pick[step_rows[p]] = static_cast<int32_t>(rows + p);
    acc = TakeRows(*ConcatVectors({acc, merged}), pick.data(), rows);
  }
}

// Spark's DataType.equalsStructurally(a, b, ignoreNullability = true): the same shape and leaf
// types, whatever the field names and nullability.
bool SameStructure(const DataType& a, const DataType& b) {
  if (a.id != b.id) return false;
  switch (a.id) {
    case TypeId::kArray: return SameStructure(*a.element, *b.element);
    case TypeId::kMap: return SameStructure(*a.element, *b.element) && SameStructure(*a.value, *b.value);
    case TypeId::kStruct:
      if (a.fields.size() != b.fields.size()) return false;
      for (size_t i = 0; i < a.fields.size(); ++i) {
        if (!SameStructure(*a.fields[i].type, *b.fields[i].type)) return false;
      }
      return true;
    default: return a.Equals(b);
  }
}

BoundScalar BindAggregate(const std::string& name, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 3, 4);
  RequireArrayArg(name, args, 0);
  const TypePtr& zero = args[1].type;
  if (!SameStructure(*args[2].type, *zero)) ThrowUnexpectedType(name, 2, "\"" + zero->Sql() + "\"", *args[2].type);
  // The accumulator takes merge's values: nullable wherever merge's type is.
  TypePtr acc = args[2].type->Equals(*zero) ? zero : FindTightestCommonType(zero, args[2].type);
  if (!acc) acc = args[2].type;
  bool finish = args.size() == 4;
  TypePtr result = finish ? args[3].type : acc;
  std::vector<TypePtr> arg_types;
  for (const auto& arg : args) arg_types.push_back(arg.type);
  BoundScalar bound = FixedBinding(arg_types, result, nullptr);
  bound.lambda_kernel = [result, finish](const std::vector<VectorPtr>& a, const std::vector<LambdaFunction>& lambdas,
                                         int64_t rows, EvalContext&) {
    if (a[0]->type()->id == TypeId::kNull) return Vector::MakeNulls(result, rows);
    const Vector& arrays = *a[0];
    VectorPtr out = Fold(arrays, a[1], lambdas[0], rows);
    if (finish) {
      std::vector<int32_t> all(rows);
      std::iota(all.begin(), all.end(), 0);
      out = lambdas[1]({out}, all);
    }
    if (!arrays.MayHaveNulls()) return out;
    out = SliceRows(*out, 0, rows);
    for (int64_t i = 0; i < rows; ++i) {
      if (arrays.IsNull(i)) out->SetNull(i);
    }
    return out;
  };
  return bound;
}

}  // namespace

void RegisterAggregateReduceFunctions(FunctionRegistry& registry) {
  for (const char* name : {"aggregate", "reduce"}) {
    std::string n = name;
    ScalarFunction function = MakeScalar(
        n, n + "(array, zero, (acc, x) -> merge[, acc -> finish]): folds the elements into zero with merge, then applies finish.",
        [n](const std::vector<BindArg>& args, const EvalContext&) { return BindAggregate(n, args); },
        {{n + "(split('1 2 3', ' '), 0, (acc, x) -> acc + CAST(x AS INT))", "6"},
         {n + "(split('a b', ' '), '', (acc, x) -> concat(acc, x), acc -> upper(acc))", "AB"}});
    function.lambda_parameters = FoldParameters;
    registry.Add(std::move(function));
  }
}

}  // namespace ember

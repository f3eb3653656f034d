// try_add, try_subtract, try_multiply, try_divide, try_mod: the operators' results, with null
// where the ANSI operator would raise (overflow, division by zero). The batch runs the operator
// with ANSI checks on; only a batch that raises is redone row by row to find the failing rows.
#include "functions/executor.h"

namespace ember {
namespace {

ScalarKernel TryKernel(ScalarKernel kernel, TypePtr result_type) {
  return [kernel, result_type](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    EvalContext checked = ctx;
    checked.ansi = true;
    try {
      return kernel(args, rows, checked);
    } catch (const SparkError&) {
    }
    VectorBuilder builder(result_type, rows);
    std::vector<VectorPtr> row_args(args.size());
    for (int64_t i = 0; i < rows; ++i) {
      for (size_t k = 0; k < args.size(); ++k) row_args[k] = SliceRows(*args[k], i, 1);
      try {
        VectorPtr one = kernel(row_args, 1, checked);
        builder.AppendFrom(*one, 0);
      } catch (const SparkError&) {
        builder.AppendNull();
      }
    }
    return builder.Finish();
  };
}

ScalarFunction TryFunction(const std::string& name, const std::string& op, std::string doc, std::vector<FunctionExample> examples) {
  return MakeScalar(
      name, std::move(doc),
      [name, op](const std::vector<BindArg>& args, const EvalContext& ctx) {
        CheckArgCount(name, args, 2, 2);
        EvalContext checked = ctx;
        checked.ansi = true;
        BoundScalar bound = FunctionRegistry::Instance().FindScalar(op)->bind(args, checked);
        bound.kernel = TryKernel(bound.kernel, bound.result_type);
        return bound;
      },
      std::move(examples));
}

}  // namespace

void RegisterTryArithmeticFunctions(FunctionRegistry& registry) {
  registry.Add(TryFunction("try_add", "+", "try_add(a, b): a + b, or null on overflow.",
                           {{"try_add(2147483647, 1)", "NULL"}, {"try_add(1, 2)", "3"}}));
  registry.Add(TryFunction("try_subtract", "-", "try_subtract(a, b): a - b, or null on overflow.",
                           {{"try_subtract(-9223372036854775808L, 1)", "NULL"}}));
  registry.Add(TryFunction("try_multiply", "*", "try_multiply(a, b): a * b, or null on overflow.",
                           {{"try_multiply(3, 4)", "12"}, {"try_multiply(2147483647, 2)", "NULL"}}));
  registry.Add(TryFunction("try_divide", "/", "try_divide(a, b): a / b, or null when b is 0.",
                           {{"try_divide(3, 2)", "1.5"}, {"try_divide(1, 0)", "NULL"}}));
  registry.Add(TryFunction("try_mod", "%", "try_mod(a, b): a % b, or null when b is 0.", {{"try_mod(7, 0)", "NULL"}}));
}

}  // namespace ember

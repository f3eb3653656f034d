// factorial, pmod, width_bucket.
#include <cmath>
#include <optional>
#include <type_traits>

#include "functions/executor.h"
#include "functions/scalar/arithmetic.h"
#include "functions/type_coercion.h"

namespace ember {
namespace {

std::optional<int64_t> Factorial(int32_t n) {
  if (n < 0 || n > 20) return std::nullopt;
  int64_t f = 1;
  for (int32_t k = 2; k <= n; ++k) f *= k;
  return f;
}

// pmod(a, n): the remainder of a / n made non-negative (for positive n), in the operands' common
// type; a zero divisor raises DIVIDE_BY_ZERO under ANSI, else gives null.
BoundScalar BindPmod(const std::vector<BindArg>& args, const EvalContext& ctx) {
  CheckArgCount("pmod", args, 2, 2);
  TypePtr common = CommonTypeForArithmetic(args[0].type, args[1].type, ctx.ansi);
  if (!common) ThrowUnexpectedType("pmod", 1, "\"NUMERIC\"", *args[1].type);
  if (common->id == TypeId::kDecimal || common->id == TypeId::kNull) common = DoubleType();
  BoundScalar bound = FixedBinding({common, common}, common, nullptr);
  bound.kernel = [common](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    return DispatchFixedWidth(*common, [&](auto tag) -> VectorPtr {
      using T = decltype(tag);
      return ExecuteRows<T(T, T)>(common, a, rows, [&ctx](T x, T n) -> std::optional<T> {
        if constexpr (std::is_floating_point_v<T>) {
          if (n == 0) return std::nullopt;
          T r = std::fmod(x, n);
          return r < 0 ? std::fmod(r + n, n) : r;
        } else {
          if (n == 0) {
            if (ctx.ansi) ThrowDivideByZero();
            return std::nullopt;
          }
          if (n == -1) return T{0};
          T r = static_cast<T>(x % n);
          return r < 0 ? static_cast<T>((r + n) % n) : r;
        }
      });
    });
  };
  return bound;
}

std::optional<int64_t> WidthBucket(double value, double min, double max, int64_t buckets) {
  if (buckets <= 0 || buckets == INT64_MAX || std::isnan(value) || min == max || std::isnan(min) || std::isnan(max) ||
      std::isinf(min) || std::isinf(max)) {
    return std::nullopt;
  }
  double lower = std::min(min, max), upper = std::max(min, max);
  if (min < max) {
    if (value < lower) return 0;
    if (value >= upper) return buckets + 1;
    return static_cast<int64_t>(buckets * (value - lower) / (upper - lower)) + 1;
  }
  if (value > upper) return 0;
  if (value <= lower) return buckets + 1;
  return static_cast<int64_t>(buckets * (upper - value) / (upper - lower)) + 1;
}

}  // namespace

void RegisterIntegerFunctions(FunctionRegistry& registry) {
  registry.Add(FixedScalar("factorial", "factorial(n): n! for 0 <= n <= 20, else null.", {{"factorial(5)", "120"}, {"factorial(21)", "NULL"}},
                           {IntType()}, LongType(), RowKernel<int64_t(int32_t)>(Factorial)));
  registry.Add(MakeScalar("pmod", "pmod(a, n): the non-negative remainder of a divided by n.", BindPmod,
                          {{"pmod(-7, 3)", "2"}, {"pmod(7.5D, 2)", "1.5"}}));
  registry.Add(FixedScalar("width_bucket", "width_bucket(v, min, max, n): the bucket (1..n, 0 below, n + 1 above) of v in n equal-width buckets.",
                           {{"width_bucket(5.3, 0.2, 10.6, 5)", "3"}, {"width_bucket(-1, 0, 10, 5)", "0"}},
                           {DoubleType(), DoubleType(), DoubleType(), LongType()}, LongType(),
                           RowKernel<int64_t(double, double, double, int64_t)>(WidthBucket)));
}

}  // namespace ember

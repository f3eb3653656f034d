// ln, log (natural, or with a base), log10, log2, log1p: null where the logarithm is undefined
// (x <= 0; x <= -1 for log1p), as Spark.
#include <cmath>
#include <optional>

#include "functions/executor.h"

namespace ember {
namespace {

using Result = std::optional<double>;

template <typename Fn>
ScalarFunction Log(const std::string& name, std::string doc, FunctionExample example, double lowest_invalid, Fn fn) {
  return FixedScalar(name, std::move(doc), {std::move(example)}, {DoubleType()}, DoubleType(),
                     RowKernel<double(double)>([fn, lowest_invalid](double x) -> Result {
                       if (x <= lowest_invalid) return std::nullopt;
                       return fn(x);
                     }));
}

BoundScalar BindLog(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("log", args, 1, 2);
  RejectNestedArgs("log", args, "\"DOUBLE\"");
  if (args.size() == 1) {
    return FixedBinding({DoubleType()}, DoubleType(), RowKernel<double(double)>([](double x) -> Result {
                          if (x <= 0) return std::nullopt;
                          return std::log(x);
                        }));
  }
  return FixedBinding({DoubleType(), DoubleType()}, DoubleType(), RowKernel<double(double, double)>([](double base, double x) -> Result {
                        if (base <= 0 || x <= 0) return std::nullopt;
                        return std::log(x) / std::log(base);
                      }));
}

}  // namespace

void RegisterLogFunctions(FunctionRegistry& registry) {
  registry.Add(Log("ln", "ln(x): natural logarithm; null when x <= 0.", {"ln(1)", "0.0"}, 0, [](double x) { return std::log(x); }));
  registry.Add(Log("log10", "log10(x): base-10 logarithm; null when x <= 0.", {"log10(1000)", "3.0"}, 0, [](double x) { return std::log10(x); }));
  registry.Add(Log("log2", "log2(x): base-2 logarithm; null when x <= 0.", {"log2(8)", "3.0"}, 0, [](double x) { return std::log2(x); }));
  registry.Add(Log("log1p", "log1p(x): ln(1 + x); null when x <= -1.", {"log1p(0)", "0.0"}, -1, [](double x) { return std::log1p(x); }));
  registry.Add(MakeScalar("log", "log([base, ]x): logarithm of x (natural, or in base); null when either is <= 0.", BindLog,
                          {{"log(2, 8)", "3.0"}, {"log(0)", "NULL"}}));
}

}  // namespace ember

// Trigonometric and hyperbolic functions, exp and friends: double in, double out (NaN where the
// function is undefined, as Java's Math).
#include <cmath>

#include "functions/executor.h"

namespace ember {
namespace {

// A function of one double.
template <typename Fn>
ScalarFunction Unary(const std::string& name, std::string doc, FunctionExample example, Fn fn) {
  return FixedScalar(name, std::move(doc), {std::move(example)}, {DoubleType()}, DoubleType(),
                     RowKernel<double(double)>([fn](double x) { return fn(x); }));
}

}  // namespace

void RegisterTrigFunctions(FunctionRegistry& registry) {
  registry.Add(Unary("sin", "sin(x): sine of x radians.", {"sin(0)", "0.0"}, [](double x) { return std::sin(x); }));
  registry.Add(Unary("cos", "cos(x): cosine of x radians.", {"cos(0)", "1.0"}, [](double x) { return std::cos(x); }));
  registry.Add(Unary("tan", "tan(x): tangent of x radians.", {"tan(0)", "0.0"}, [](double x) { return std::tan(x); }));
  registry.Add(Unary("cot", "cot(x): cotangent of x radians.", {"cot(1) > 0.64", "true"}, [](double x) { return 1.0 / std::tan(x); }));
  registry.Add(Unary("sec", "sec(x): secant of x radians.", {"sec(0)", "1.0"}, [](double x) { return 1.0 / std::cos(x); }));
  registry.Add(Unary("csc", "csc(x): cosecant of x radians.", {"csc(pi() / 2)", "1.0"}, [](double x) { return 1.0 / std::sin(x); }));
  registry.Add(Unary("asin", "asin(x): arc sine in radians (NaN outside [-1, 1]).", {"asin(2)", "NaN"}, [](double x) { return std::asin(x); }));
  registry.Add(Unary("acos", "acos(x): arc cosine in radians (NaN outside [-1, 1]).", {"acos(1)", "0.0"}, [](double x) { return std::acos(x); }));
  registry.Add(Unary("atan", "atan(x): arc tangent in radians.", {"atan(0)", "0.0"}, [](double x) { return std::atan(x); }));
  registry.Add(Unary("sinh", "sinh(x): hyperbolic sine.", {"sinh(0)", "0.0"}, [](double x) { return std::sinh(x); }));
  registry.Add(Unary("cosh", "cosh(x): hyperbolic cosine.", {"cosh(0)", "1.0"}, [](double x) { return std::cosh(x); }));
  registry.Add(Unary("tanh", "tanh(x): hyperbolic tangent.", {"tanh(0)", "0.0"}, [](double x) { return std::tanh(x); }));
  registry.Add(Unary("asinh", "asinh(x): inverse hyperbolic sine.", {"asinh(0)", "0.0"}, [](double x) { return std::asinh(x); }));
  registry.Add(Unary("acosh", "acosh(x): inverse hyperbolic cosine.", {"acosh(1)", "0.0"}, [](double x) { return std::acosh(x); }));
  registry.Add(Unary("atanh", "atanh(x): inverse hyperbolic tangent.", {"atanh(0)", "0.0"}, [](double x) { return std::atanh(x); }));
  registry.Add(Unary("degrees", "degrees(x): x radians in degrees.", {"degrees(pi())", "180.0"}, [](double x) { return x * (180.0 / M_PI); }));
  registry.Add(Unary("radians", "radians(x): x degrees in radians.", {"radians(180) = pi()", "true"}, [](double x) { return x / 180.0 * M_PI; }));
  registry.Add(Unary("exp", "exp(x): e to the power x.", {"exp(0)", "1.0"}, [](double x) { return std::exp(x); }));
  registry.Add(Unary("expm1", "expm1(x): exp(x) - 1.", {"expm1(0)", "0.0"}, [](double x) { return std::expm1(x); }));
  registry.Add(Unary("cbrt", "cbrt(x): cube root.", {"cbrt(27)", "3.0"}, [](double x) {
                       // cbrtl rounds to the nearest double where glibc's cbrt may not (cbrt(27) = 3.0, as Java).
                       return static_cast<double>(cbrtl(x));
                     }));
  registry.Add(Unary("rint", "rint(x): the closest integer value, ties to even, as double.", {"rint(2.5)", "2.0"}, [](double x) { return std::nearbyint(x); }));
  registry.Add(Unary("signum", "signum(x): -1.0, 0.0 or 1.0 by the sign of x.", {"signum(-5)", "-1.0"},
                     [](double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : x; }));
  registry.AddAlias("sign", "signum");
  registry.Add(FixedScalar("atan2", "atan2(y, x): the angle of point (x, y) in radians.", {{"atan2(0, 1)", "0.0"}},
                           {DoubleType(), DoubleType()}, DoubleType(), RowKernel<double(double, double)>([](double y, double x) { return std::atan2(y, x); })));
  registry.Add(FixedScalar("hypot", "hypot(a, b): sqrt(a^2 + b^2) without overflow.", {{"hypot(3, 4)", "5.0"}},
                           {DoubleType(), DoubleType()}, DoubleType(), RowKernel<double(double, double)>([](double a, double b) { return std::hypot(a, b); })));
  registry.Add(FixedScalar("pi", "pi(): the constant pi.", {{"pi()", "3.141592653589793"}}, {}, DoubleType(),
                           [](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
                             return MakeConstantVector(Value::Double(M_PI), rows);
                           }));
  registry.Add(FixedScalar("e", "e(): Euler's number.", {{"e()", "2.718281828459045"}}, {}, DoubleType(),
                           [](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
                             return MakeConstantVector(Value::Double(M_E), rows);
                           }));
}

}  // namespace ember

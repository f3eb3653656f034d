// The math functions of this folder (older ones live in functions/scalar/math.cpp).
#include "functions/builtin_functions.h"

namespace ember {

void RegisterBitwiseFunctions(FunctionRegistry& registry);
void RegisterHexFunctions(FunctionRegistry& registry);
void RegisterIntegerFunctions(FunctionRegistry& registry);
void RegisterLogFunctions(FunctionRegistry& registry);
void RegisterTrigFunctions(FunctionRegistry& registry);
void RegisterTryArithmeticFunctions(FunctionRegistry& registry);

void RegisterMoreMathFunctions(FunctionRegistry& registry) {
  RegisterBitwiseFunctions(registry);
  RegisterHexFunctions(registry);
  RegisterIntegerFunctions(registry);
  RegisterLogFunctions(registry);
  RegisterTrigFunctions(registry);
  RegisterTryArithmeticFunctions(registry);
}

}  // namespace ember

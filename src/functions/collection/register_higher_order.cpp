// The higher-order functions (a lambda argument), one family per file in this folder.
#include "functions/builtin_functions.h"

namespace ember {

void RegisterAggregateReduceFunctions(FunctionRegistry& registry);
void RegisterExistsForallFunctions(FunctionRegistry& registry);
void RegisterMapHigherOrderFunctions(FunctionRegistry& registry);
void RegisterTransformFilterFunctions(FunctionRegistry& registry);
void RegisterZipWithFunctions(FunctionRegistry& registry);

void RegisterHigherOrderFunctions(FunctionRegistry& registry) {
  RegisterAggregateReduceFunctions(registry);
  RegisterExistsForallFunctions(registry);
  RegisterMapHigherOrderFunctions(registry);
  RegisterTransformFilterFunctions(registry);
  RegisterZipWithFunctions(registry);
}

}  // namespace ember

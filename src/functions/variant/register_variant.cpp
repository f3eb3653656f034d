// The variant functions, one family per file in this folder.
#include "functions/registry.h"

namespace ember {

void RegisterParseJsonFunctions(FunctionRegistry& registry);
void RegisterVariantGetFunctions(FunctionRegistry& registry);
void RegisterSchemaOfVariantFunctions(FunctionRegistry& registry);
void RegisterVariantPredicateFunctions(FunctionRegistry& registry);
void RegisterToVariantObjectFunctions(FunctionRegistry& registry);
void RegisterVariantExplodeFunctions(FunctionRegistry& registry);

void RegisterVariantFunctions(FunctionRegistry& registry) {
  RegisterParseJsonFunctions(registry);
  RegisterVariantGetFunctions(registry);
  RegisterSchemaOfVariantFunctions(registry);
  RegisterVariantPredicateFunctions(registry);
  RegisterToVariantObjectFunctions(registry);
  RegisterVariantExplodeFunctions(registry);
}

}  // namespace ember

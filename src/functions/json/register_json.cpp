// The JSON functions, one family per file in this folder.
#include "functions/builtin_functions.h"

namespace ember {

void RegisterFromJsonFunctions(FunctionRegistry& registry);
void RegisterGetJsonObjectFunctions(FunctionRegistry& registry);
void RegisterJsonArrayLengthFunctions(FunctionRegistry& registry);
void RegisterJsonTupleFunctions(FunctionRegistry& registry);
void RegisterSchemaOfJsonFunctions(FunctionRegistry& registry);
void RegisterToJsonFunctions(FunctionRegistry& registry);
void RegisterVariantFunctions(FunctionRegistry& registry);  // functions/variant

void RegisterJsonFunctions(FunctionRegistry& registry) {
  RegisterFromJsonFunctions(registry);
  RegisterGetJsonObjectFunctions(registry);
  RegisterJsonArrayLengthFunctions(registry);
  RegisterJsonTupleFunctions(registry);
  RegisterSchemaOfJsonFunctions(registry);
  RegisterToJsonFunctions(registry);
  RegisterVariantFunctions(registry);
}

}  // namespace ember

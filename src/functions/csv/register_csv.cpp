// The CSV functions, one per file in this folder.
#include "functions/builtin_functions.h"

namespace ember {

void RegisterFromCsvFunctions(FunctionRegistry& registry);
void RegisterSchemaOfCsvFunctions(FunctionRegistry& registry);
void RegisterToCsvFunctions(FunctionRegistry& registry);

void RegisterCsvFunctions(FunctionRegistry& registry) {
  RegisterFromCsvFunctions(registry);
  RegisterSchemaOfCsvFunctions(registry);
  RegisterToCsvFunctions(registry);
}

}  // namespace ember

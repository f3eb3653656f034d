// The array, map and struct functions of this folder (size lives with the misc functions).
#include "functions/builtin_functions.h"

namespace ember {

void RegisterConstructorFunctions(FunctionRegistry& registry);
void RegisterElementAtFunctions(FunctionRegistry& registry);
void RegisterUpdateFieldsFunctions(FunctionRegistry& registry);
void RegisterArraySearchFunctions(FunctionRegistry& registry);
void RegisterArraySetFunctions(FunctionRegistry& registry);
void RegisterArrayEditFunctions(FunctionRegistry& registry);
void RegisterArraySliceFunctions(FunctionRegistry& registry);
void RegisterArraySortFunctions(FunctionRegistry& registry);
void RegisterArrayJoinFunctions(FunctionRegistry& registry);
void RegisterArraysZipFunctions(FunctionRegistry& registry);
void RegisterSequenceFunctions(FunctionRegistry& registry);
void RegisterMapFunctions(FunctionRegistry& registry);
void RegisterGeneratorFunctions(FunctionRegistry& registry);

void RegisterNestedFunctions(FunctionRegistry& registry) {
  RegisterConstructorFunctions(registry);
  RegisterElementAtFunctions(registry);
  RegisterUpdateFieldsFunctions(registry);
  RegisterArraySearchFunctions(registry);
  RegisterArraySetFunctions(registry);
  RegisterArrayEditFunctions(registry);
  RegisterArraySliceFunctions(registry);
  RegisterArraySortFunctions(registry);
  RegisterArrayJoinFunctions(registry);
  RegisterArraysZipFunctions(registry);
  RegisterSequenceFunctions(registry);
  RegisterMapFunctions(registry);
  RegisterGeneratorFunctions(registry);
}

}  // namespace ember

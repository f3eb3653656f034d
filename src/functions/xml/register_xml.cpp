// from_xml, to_xml and schema_of_xml, one per file in this folder.
#include "functions/builtin_functions.h"

namespace ember {

void RegisterFromXmlFunctions(FunctionRegistry& registry);
void RegisterSchemaOfXmlFunctions(FunctionRegistry& registry);
void RegisterToXmlFunctions(FunctionRegistry& registry);

void RegisterXmlFunctions(FunctionRegistry& registry) {
  RegisterFromXmlFunctions(registry);
  RegisterSchemaOfXmlFunctions(registry);
  RegisterToXmlFunctions(registry);
}

}  // namespace ember

// reflect / java_method / try_reflect(class, method, arg...): Spark calls a static Java method by
// reflection. Ember has no JVM, so every class is one Spark cannot find: the call fails analysis
// with Spark's DATATYPE_MISMATCH.UNEXPECTED_CLASS_TYPE after Spark's other argument checks.
#include "functions/executor.h"
#include "functions/json/json_function_args.h"

namespace ember {
namespace {

BoundScalar BindReflect(const std::string& name, const std::vector<BindArg>& args) {
  if (args.size() < 2) {
    throw SparkError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", {{"functionName", "`" + name + "`"},
                                                           {"expectedNum", "> 1"},
                                                           {"actualNum", std::to_string(args.size())},
                                                           {"docroot", "https://spark.apache.org/docs/latest"}});
  }
  std::string class_name = ConstantStringArg(name, args, 0, "class", "`class`");
  ConstantStringArg(name, args, 1, "method", "`method`");
  throw SparkError("DATATYPE_MISMATCH.UNEXPECTED_CLASS_TYPE", {{"sqlExpr", "\"" + name + "\""}, {"className", class_name}});
}

}  // namespace

void RegisterReflectFunctions(FunctionRegistry& registry) {
  for (const char* name : {"reflect", "java_method", "try_reflect"}) {
    std::string n = name;
    registry.Add(MakeScalar(n, n + "(class, method[, arg...]): calls a static Java method; without a JVM no class is found.",
                            [n](const std::vector<BindArg>& a, const EvalContext&) { return BindReflect(n, a); }));
  }
}

}  // namespace ember

#include "functions/executor.h"

namespace ember {

void RejectNestedArgs(const std::string& name, const std::vector<BindArg>& args, const std::string& required) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].type->IsNested()) ThrowUnexpectedType(name, i, required, *args[i].type);
  }
}

BoundScalar FixedBinding(std::vector<TypePtr> arg_types, TypePtr result_type, ScalarKernel kernel) {
  BoundScalar bound;
  bound.arg_types = std::move(arg_types);
  bound.result_type = std::move(result_type);
  bound.kernel = std::move(kernel);
  return bound;
}

ScalarFunction FixedScalar(std::string name, std::string doc, std::vector<FunctionExample> examples,
                           std::vector<TypePtr> arg_types, TypePtr result_type, ScalarKernel kernel) {
  ScalarFunction f;
  f.name = name;
  f.doc = std::move(doc);
  f.examples = std::move(examples);
  f.bind = [name, arg_types, result_type, kernel](const std::vector<BindArg>& args, const EvalContext&) {
    CheckArgCount(name, args, arg_types.size(), arg_types.size());
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i].type->IsNested() && !arg_types[i]->IsNested()) {
        std::string required = arg_types[i]->ToString();
        for (auto& c : required) c = static_cast<char>(::toupper(static_cast<unsigned char>(c)));
        ThrowUnexpectedType(name, i, "\"" + required + "\"", *args[i].type);
      }
    }
    return FixedBinding(arg_types, result_type, kernel);
  };
  return f;
}

}  // namespace ember

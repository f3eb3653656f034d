// raise_error and assert_true: fail the query with USER_RAISED_EXCEPTION.
#include "functions/executor.h"

namespace ember {
namespace {

[[noreturn]] void Raise(const std::string& message) {
  throw SparkError("USER_RAISED_EXCEPTION", {{"errorMessage", message}});
}

BoundScalar BindRaiseError(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("raise_error", args, 1, 1);
  BoundScalar bound = FixedBinding({StringType()}, NullType(), nullptr);
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) -> VectorPtr {
    if (rows > 0) Raise(a[0]->IsNull(0) ? "null" : std::string(a[0]->GetString(0)));
    return Vector::MakeNulls(NullType(), 0);
  };
  return bound;
}

// assert_true(cond[, message]): null when cond is true, else raises message.
BoundScalar BindAssertTrue(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("assert_true", args, 1, 2);
  if (args[0].type->id != TypeId::kBoolean && args[0].type->id != TypeId::kNull)
    ThrowUnexpectedType("assert_true", 0, "\"BOOLEAN\"", *args[0].type);
  std::vector<TypePtr> types = {BooleanType()};
  if (args.size() == 2) types.push_back(StringType());
  BoundScalar bound = FixedBinding(types, NullType(), nullptr);
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    for (int64_t i = 0; i < rows; ++i) {
      if (a[0]->IsValid(i) && a[0]->Data<uint8_t>()[i]) continue;
      if (a.size() == 2) Raise(a[1]->IsNull(i) ? "null" : std::string(a[1]->GetString(i)));
      Raise("'" + std::string("assert_true condition") + "' is not true!");
    }
    return Vector::MakeNulls(NullType(), rows);
  };
  return bound;
}

}  // namespace

void RegisterRaiseErrorFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("raise_error", "raise_error(message): fails the query with USER_RAISED_EXCEPTION and message.", BindRaiseError));
  registry.Add(MakeScalar("assert_true", "assert_true(cond[, message]): null when cond is true, else fails with message.", BindAssertTrue,
                          {{"assert_true(1 < 2)", "NULL"}}));
}

void RegisterNullFunctions(FunctionRegistry& registry);

void RegisterConditionalFunctions(FunctionRegistry& registry) {
  RegisterNullFunctions(registry);
  RegisterRaiseErrorFunctions(registry);
}

}  // namespace ember

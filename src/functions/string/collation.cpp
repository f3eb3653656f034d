// collate(expr, collationName) and collation(expr): Spark 4.0's string collations. collate gives
// the string the collation's type (common/collation.h; the analyzer then compares, sorts, groups
// and joins it by its collation key), collation names a string's collation as Spark 4.0 does,
// qualified: SYSTEM.BUILTIN.UTF8_LCASE.
#include "common/collation.h"
#include "common/error.h"
#include "functions/executor.h"
#include "functions/string/collation_key.h"

namespace ember {
namespace {

void RequireString(const char* function, const BindArg& arg) {
  if (arg.type->id != TypeId::kString && arg.type->id != TypeId::kNull) ThrowUnexpectedType(function, 0, "\"STRING\"", *arg.type);
}

BoundScalar BindCollate(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("collate", args, 2, 2);
  RequireString("collate", args[0]);
  const BindArg& name = args[1];
  if (name.literal == nullptr || name.type->id != TypeId::kString || name.literal->is_null) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", {{"sqlExpr", "\"collate\""},
                                                              {"inputName", "`collationName`"},
                                                              {"inputType", "\"STRING\""},
                                                              {"inputExpr", "argument 2"}});
  }
  TypePtr type = CollatedStringType(CollationIdOf(name.literal->str));
  return FixedBinding({args[0].type->id == TypeId::kNull ? StringType() : args[0].type, name.type}, type,
                      [type](const std::vector<VectorPtr>& a, int64_t, EvalContext&) { return WithCollatedType(a[0], type); });
}

BoundScalar BindCollation(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("collation", args, 1, 1);
  RequireString("collation", args[0]);
  Value name = Value::String("SYSTEM.BUILTIN." + CollationName(args[0].type->collation));
  BoundScalar bound = FixedBinding({args[0].type}, StringType(), [name](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
    return MakeConstantVector(name, rows);
  });
  bound.result_nullable = false;
  return bound;
}

}  // namespace

void RegisterCollationFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("collate", "collate(expr, collationName): the string under a collation.", BindCollate,
                          {{"collate('Spark', 'utf8_binary')", "Spark"}}));
  registry.Add(MakeScalar("collation", "collation(expr): the qualified name of a string's collation.", BindCollation,
                          {{"collation('Spark')", "SYSTEM.BUILTIN.UTF8_BINARY"}, {"collation('Spark' COLLATE unicode_ci)", "SYSTEM.BUILTIN.UNICODE_CI"}}));
}

}  // namespace ember

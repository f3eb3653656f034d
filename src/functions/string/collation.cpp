// collate(expr, collationName) and collation(expr): Spark 4.0's string collations. Ember's strings
// are UTF8_BINARY (byte-wise, Spark's default): collate to UTF8_BINARY keeps the value, and
// collation() names it. Other valid names (UTF8_LCASE, UNICODE, UNICODE_CI, their accent and trim
// variants, ICU locale names such as de_CI_AI) are refused with UNSUPPORTED_FEATURE, since a string
// type carrying a collation is not there yet; anything else is COLLATION_INVALID_NAME with Spark's
// kind of suggestions.
#include "common/collation.h"
#include "common/error.h"
#include "functions/executor.h"

namespace ember {
namespace {

// Checks a collation name; only UTF8_BINARY is supported so far.
void RequireSupported(const std::string& name) {
  uint16_t id = CollationIdOf(name);
  if (id != kUtf8BinaryCollation) {
    throw SparkError("UNSUPPORTED_FEATURE", {{"feature", "the collation " + CollationName(id) + " (Ember's strings are UTF8_BINARY)"}});
  }
}

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
  RequireSupported(name.literal->str);
  return FixedBinding({StringType(), StringType()}, StringType(),
                      [](const std::vector<VectorPtr>& a, int64_t, EvalContext&) { return a[0]; });
}

BoundScalar BindCollation(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("collation", args, 1, 1);
  RequireString("collation", args[0]);
  BoundScalar bound = FixedBinding({StringType()}, StringType(), [](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
    return MakeConstantVector(Value::String("UTF8_BINARY"), rows);
  });
  bound.result_nullable = false;
  return bound;
}

}  // namespace

void RegisterCollationFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("collate", "collate(expr, collationName): the string under a collation (UTF8_BINARY).", BindCollate,
                          {{"collate('Spark', 'utf8_binary')", "Spark"}}));
  registry.Add(MakeScalar("collation", "collation(expr): the name of a string's collation.", BindCollation,
                          {{"collation('Spark')", "UTF8_BINARY"}}));
}

}  // namespace ember

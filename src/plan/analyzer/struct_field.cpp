#include "plan/analyzer/struct_field.h"

#include "common/variant.h"
#include "functions/registry.h"
#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/name_resolution.h"
#include "plan/plan_builders.h"

namespace ember {
namespace {

[[noreturn]] void ThrowNotExtractable(const Expr& base) {
  throw SparkError("INVALID_EXTRACT_BASE_FIELD_TYPE", "42000",
                   "Can't extract a value from " + SqlExpr(base) +
                       ". Need a complex type [STRUCT, ARRAY, MAP] but got " + SqlType(*base.type) + ".",
                   {{"base", SqlExpr(base)}, {"other", SqlType(*base.type)}});
}

// The resolved call of registered function `name` on resolved `args`, casting them as it binds.
ExprPtr BindCall(const char* name, std::vector<ExprPtr> args, const EvalContext& ctx) {
  const ScalarFunction* function = FunctionRegistry::Instance().FindScalar(name);
  EMBER_CHECK(function != nullptr, std::string("missing function ") + name);
  BoundScalar bound = function->bind(BindArgsOf(args), ctx);
  for (size_t i = 0; i < args.size(); ++i) args[i] = CastTo(args[i], bound.arg_types[i]);
  return BoundFunctionCall(name, std::move(args), std::move(bound));
}

}  // namespace

ExprPtr GetStructField(const ExprPtr& input, const std::string& field, bool case_sensitive) {
  const DataType& type = *input->type;
  if (type.id != TypeId::kStruct || IsVariant(type)) ThrowNotExtractable(*input);  // variant_get reads variants
  size_t ordinal = type.fields.size();
  for (size_t i = 0; i < type.fields.size(); ++i) {
    if (NamesEqual(type.fields[i].name, field, case_sensitive)) {
      ordinal = i;
      break;
    }
  }
  if (ordinal == type.fields.size()) ThrowFieldNotFound(field, type);
  Expr index;
  index.kind = ExprKind::kLiteral;
  index.literal = Value::Int(static_cast<int32_t>(ordinal));
  index.type = IntType();
  index.nullable = false;
  return BindCall(kGetStructField, {input, MakeExpr(std::move(index))}, EvalContext{});
}

ExprPtr ExtractValue(const ExprPtr& base, const ExprPtr& key, const EvalContext& ctx, bool case_sensitive) {
  switch (base->type->id) {
    case TypeId::kStruct:
      if (key->kind != ExprKind::kLiteral || key->literal.is_null || key->type->id != TypeId::kString) {
        throw SparkError("INVALID_EXTRACT_FIELD_TYPE", "42000",
                         "Field name should be a non-null string literal, but it's " + key->ToSql() + ".",
                         {{"extraction", key->ToSql()}});
      }
      return GetStructField(base, key->literal.str, case_sensitive);
    case TypeId::kArray: return BindCall(kGetArrayItem, {base, key}, ctx);
    case TypeId::kMap: return BindCall(kGetMapValue, {base, key}, ctx);
    default: ThrowNotExtractable(*base);
  }
}

}  // namespace ember

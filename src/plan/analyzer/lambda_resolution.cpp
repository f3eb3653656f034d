// Higher-order functions: their lambda arguments are resolved after the other arguments, with
// parameter types the function derives from those (an array's element type...). Inside a lambda
// body its parameters shadow columns of the same name; each becomes a kLambdaVar numbered by its
// slot in the scope of enclosing lambdas.
#include <algorithm>

#include "functions/registry.h"
#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/expr_resolver.h"
#include "plan/analyzer/name_resolution.h"
#include "plan/analyzer/struct_field.h"
#include "plan/plan_builders.h"

namespace ember {
namespace {

ExprPtr LambdaVariable(const std::string& name, int slot, const TypePtr& type) {
  Expr node;
  node.kind = ExprKind::kLambdaVar;
  node.name = name;
  node.index = slot;
  node.type = type;
  node.nullable = true;
  return MakeExpr(std::move(node));
}

// The lambda with its body cast to `type`.
ExprPtr WithBodyType(const ExprPtr& lambda, const TypePtr& type) {
  if (lambda->type->Equals(*type)) return lambda;
  Expr node = *lambda;
  node.args = {CastTo(lambda->args[0], type)};
  node.type = type;
  return MakeExpr(std::move(node));
}

}  // namespace

void ThrowLambdaOutsideHigherOrderFunction(const std::string& function) {
  throw SparkError("INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION", {{"class", function}});
}

std::optional<ExprPtr> ExprResolver::FindLambdaVariable(const std::vector<std::string>& parts) const {
  for (size_t k = lambda_scope_.size(); k-- > 0;) {
    if (!NamesEqual(lambda_scope_[k].name, parts[0], case_sensitive_)) continue;
    ExprPtr result = LambdaVariable(lambda_scope_[k].name, static_cast<int>(k), lambda_scope_[k].type);
    for (size_t p = 1; p < parts.size(); ++p) result = GetStructField(result, parts[p], case_sensitive_);
    return result;
  }
  return std::nullopt;
}

ExprPtr ExprResolver::ResolveLambda(const Expr& lambda, const std::vector<TypePtr>& types) {
  const std::vector<std::string>& names = lambda.name_parts;
  for (size_t i = 0; i < names.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (NamesEqual(names[i], names[j], case_sensitive_)) {
        std::string list;
        for (size_t k = 0; k < names.size(); ++k) list += (k ? ", " : "") + QuoteIdentifier(names[k]);
        throw SparkError("INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES",
                         {{"args", list}, {"caseSensitiveConfig", "\"spark.sql.caseSensitive\""}});
      }
    }
  }
  size_t base = lambda_scope_.size();
  for (size_t i = 0; i < names.size(); ++i) lambda_scope_.push_back({names[i], types[i]});
  ExprPtr body;
  try {
    body = Resolve(lambda.args[0]);
  } catch (...) {
    lambda_scope_.resize(base);
    throw;
  }
  lambda_scope_.resize(base);
  Expr node;
  node.kind = ExprKind::kLambda;
  node.name_parts = names;
  node.args = {body};
  node.index = static_cast<int>(base);
  node.type = body->type;
  node.nullable = body->nullable;
  return MakeExpr(std::move(node));
}

ExprPtr ExprResolver::ResolveHigherOrder(const Expr& expr, const ScalarFunction& function) {
  size_t count = expr.args.size();
  std::vector<ExprPtr> args(count);
  std::vector<BindArg> bind(count);
  for (size_t i = 0; i < count; ++i) {
    const ExprPtr& arg = expr.args[i];
    if (arg->kind == ExprKind::kLambda) {
      bind[i].type = NullType();
      bind[i].lambda_params = arg->name_parts.size();
      continue;
    }
    args[i] = Resolve(arg);
    bind[i] = BindArgsOf({args[i]})[0];
  }
  for (size_t i = 0; i < count; ++i) {
    if (expr.args[i]->kind != ExprKind::kLambda) continue;
    std::vector<TypePtr> params = function.lambda_parameters(bind, i, expr.args[i]->name_parts.size());
    args[i] = ResolveLambda(*expr.args[i], params);
    bind[i].type = args[i]->type;
  }
  BoundScalar bound = function.bind(bind, ctx_.eval);
  for (size_t i = 0; i < count; ++i) {
    args[i] = args[i]->kind == ExprKind::kLambda ? WithBodyType(args[i], bound.arg_types[i]) : CastTo(args[i], bound.arg_types[i]);
  }
  return BoundFunctionCall(expr.name, std::move(args), std::move(bound));
}

}  // namespace ember

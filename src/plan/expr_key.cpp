#include "plan/expr_key.h"

#include <cstdio>

namespace ember {
namespace {

std::string LiteralKey(const Value& value) {
  if (value.is_null) return "null";
  char exact_double[48];
  std::snprintf(exact_double, sizeof(exact_double), "%a", value.f64);
  std::string key = std::to_string(value.i64) + "/" + Int128ToString(value.i128) + "/" + exact_double + "/" +
                    value.str;
  for (const auto& child : value.children) key += "[" + LiteralKey(child) + "]";
  return key;
}

}  // namespace

std::string ExprKey(const Expr& expr) {
  std::string key = std::to_string(static_cast<int>(expr.kind)) + ":" + expr.name;
  if (expr.kind == ExprKind::kBoundRef || expr.kind == ExprKind::kLambdaVar) key += "#" + std::to_string(expr.index);
  if (expr.type) key += ":" + expr.type->ToString();
  if (expr.kind == ExprKind::kLiteral) key += "=" + LiteralKey(expr.literal);
  if (expr.distinct) key += ":distinct";
  if (expr.has_filter) key += ":filter";
  if (expr.try_cast) key += ":try";
  if (expr.has_else) key += ":else";
  if (expr.window) key += ":window" + std::to_string(expr.window->num_partition) + expr.window->Sql({}, {});
  if (expr.kind == ExprKind::kSortOrder) {
    key += expr.ascending ? ":asc" : ":desc";
    key += expr.nulls_first ? ":nulls_first" : ":nulls_last";
  }
  key += "(";
  for (const auto& arg : expr.args) key += ExprKey(*arg) + ",";
  return key + ")";
}

}  // namespace ember

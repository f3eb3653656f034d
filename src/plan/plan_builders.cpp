#include "plan/plan_builders.h"

namespace ember {
ExprPtr BoundAttribute(int index, const Attribute& attribute) {
  Expr node;
  node.kind = ExprKind::kBoundRef;
  node.index = index;
  node.type = attribute.type;
  node.nullable = attribute.nullable;
  node.name = attribute.name;
  return MakeExpr(std::move(node));
}

ExprPtr OuterAttribute(int index, const Attribute& attribute) {
  Expr node = *BoundAttribute(index, attribute);
  node.kind = ExprKind::kOuterRef;
  return MakeExpr(std::move(node));
}

ExprPtr CastTo(const ExprPtr& expr, const TypePtr& type) {
  if (TypesEqual(expr->type, type)) return expr;
  Expr node;
  node.kind = ExprKind::kCast;
  node.args = {expr};
  node.type = type;
  node.implicit_cast = true;
  node.nullable = expr->nullable || expr->type->id == TypeId::kString;
  return MakeExpr(std::move(node));
}

ExprPtr AliasAs(const ExprPtr& expr, const std::string& name) {
  Expr node;
  node.kind = ExprKind::kAlias;
  node.args = {expr};
  node.name = name;
  node.type = expr->type;
  node.nullable = expr->nullable;
  return MakeExpr(std::move(node));
}

ExprPtr BoundFunctionCall(std::string name, std::vector<ExprPtr> args, BoundScalar bound) {
  Expr node;
  node.kind = ExprKind::kFunction;
  node.name = std::move(name);
  node.args = std::move(args);
  node.type = bound.result_type;
  node.nullable = bound.result_nullable;
  node.scalar = std::make_shared<const BoundScalar>(std::move(bound));
  return MakeExpr(std::move(node));
}


ExprPtr AsSortOrder(const ExprPtr& key) {
  if (key->kind == ExprKind::kSortOrder) return key;
  Expr node;
  node.kind = ExprKind::kSortOrder;
  node.args = {key};
  node.type = key->type;
  node.nullable = key->nullable;
  return MakeExpr(std::move(node));
}

PlanPtr MakeProjectNode(const PlanPtr& child, std::vector<ExprPtr> exprs) {
  LogicalPlan node(ProjectNode{}, {child});
  for (const auto& expr : exprs) {
    Attribute attribute{expr->OutputName(), expr->type, expr->nullable, ""};
    if (expr->kind == ExprKind::kBoundRef) {
      attribute.qualifier = child->output[expr->index].qualifier;
      attribute.origins = child->output[expr->index].origins;
    }
    node.output.push_back(std::move(attribute));
  }
  node.As<ProjectNode>().exprs = std::move(exprs);
  return MakePlan(std::move(node));
}

PlanPtr MakeJoinNode(const PlanPtr& left, const PlanPtr& right, JoinType type, const ExprPtr& condition) {
  const bool pads_left = type == JoinType::kRightOuter || type == JoinType::kFullOuter;
  const bool pads_right = type == JoinType::kLeftOuter || type == JoinType::kFullOuter;
  const bool keeps_only_left = type == JoinType::kLeftSemi || type == JoinType::kLeftAnti;
  LogicalPlan node(JoinNode{type, condition, {}}, {left, right});
  for (Attribute attribute : left->output) {
    attribute.nullable = attribute.nullable || pads_left;
    node.output.push_back(std::move(attribute));
  }
  if (!keeps_only_left) {
    for (Attribute attribute : right->output) {
      attribute.nullable = attribute.nullable || pads_right;
      node.output.push_back(std::move(attribute));
    }
  }
  return MakePlan(std::move(node));
}

PlanPtr MakeFilterNode(const PlanPtr& child, const ExprPtr& condition) {
  LogicalPlan node(FilterNode{condition}, {child});
  node.output = child->output;
  return MakePlan(std::move(node));
}

bool IsIdentityProjection(const std::vector<ExprPtr>& exprs, const std::vector<Attribute>& input) {
  if (exprs.size() != input.size()) return false;
  for (size_t i = 0; i < exprs.size(); ++i) {
    const Expr* expr = exprs[i].get();
    std::string name = expr->name;  // the alias name, or the referenced column name
    if (expr->kind == ExprKind::kAlias) expr = expr->args[0].get();
    if (expr->kind != ExprKind::kBoundRef || expr->index != static_cast<int>(i)) return false;
    if (name != input[i].name) return false;
  }
  return true;
}

}  // namespace ember

#include "plan/plan_rewrite.h"

#include "common/error.h"

namespace ember {

PlanPtr WithChildren(const PlanPtr& plan, std::vector<PlanPtr> children) {
  LogicalPlan node = *plan;
  node.children = std::move(children);
  return MakePlan(std::move(node));
}

PlanPtr MapChildren(const PlanPtr& plan, const std::function<PlanPtr(const PlanPtr&)>& fn) {
  std::vector<PlanPtr> children;
  bool changed = false;
  for (const auto& child : plan->children) {
    children.push_back(fn(child));
    changed = changed || children.back() != child;
  }
  return changed ? WithChildren(plan, std::move(children)) : plan;
}

PlanPtr TransformPlanUp(const PlanPtr& plan, const std::function<PlanPtr(const PlanPtr&)>& fn) {
  return fn(MapChildren(plan, [&](const PlanPtr& child) { return TransformPlanUp(child, fn); }));
}

PlanPtr MapPlanExprs(const PlanPtr& plan, const std::function<ExprPtr(const ExprPtr&)>& fn) {
  bool changed = false;
  LogicalPlan node = *plan;
  node.ForEachExpr([&](ExprPtr& expr) {
    ExprPtr mapped = fn(expr);
    changed = changed || mapped != expr;
    expr = std::move(mapped);
  });
  return changed ? MakePlan(std::move(node)) : plan;
}

ExprPtr TransformExprUp(const ExprPtr& expr, const std::function<ExprPtr(const ExprPtr&)>& fn) {
  std::vector<ExprPtr> args;
  bool changed = false;
  for (const auto& arg : expr->args) {
    args.push_back(TransformExprUp(arg, fn));
    changed = changed || args.back() != arg;
  }
  if (!changed) return fn(expr);
  Expr copy = *expr;
  copy.args = std::move(args);
  return fn(std::make_shared<const Expr>(std::move(copy)));
}

void CollectReferences(const Expr& expr, std::vector<bool>& used) {
  if (expr.kind == ExprKind::kBoundRef) {
    EMBER_CHECK(expr.index >= 0 && static_cast<size_t>(expr.index) < used.size(), "reference out of range");
    used[expr.index] = true;
  }
  for (const auto& arg : expr.args) CollectReferences(*arg, used);
}

ExprPtr RemapReferences(const ExprPtr& expr, const std::vector<int>& mapping) {
  return TransformExprUp(expr, [&](const ExprPtr& node) -> ExprPtr {
    if (node->kind != ExprKind::kBoundRef) return node;
    int target = mapping[node->index];
    EMBER_CHECK(target >= 0, "reference to a pruned column");
    if (target == node->index) return node;
    Expr copy = *node;
    copy.index = target;
    return std::make_shared<const Expr>(std::move(copy));
  });
}

ExprPtr SubstituteReferences(const ExprPtr& expr, const std::vector<ExprPtr>& replacements) {
  return TransformExprUp(expr, [&](const ExprPtr& node) -> ExprPtr {
    if (node->kind != ExprKind::kBoundRef) return node;
    ExprPtr replacement = replacements[node->index];
    while (replacement->kind == ExprKind::kAlias) replacement = replacement->args[0];
    return replacement;
  });
}

int SidesRead(const Expr& expr, size_t left_width, size_t width) {
  std::vector<bool> used(width, false);
  CollectReferences(expr, used);
  int sides = kNoSide;
  for (size_t i = 0; i < width; ++i) {
    if (used[i]) sides |= i < left_width ? kLeftSide : kRightSide;
  }
  return sides;
}

bool IsSemiOrAntiJoinWithCondition(const LogicalPlan& plan) {
  if (!plan.Is<JoinNode>()) return false;
  const JoinNode& join = plan.As<JoinNode>();
  return (join.type == JoinType::kLeftSemi || join.type == JoinType::kLeftAnti) && join.condition;
}

bool IsInnerJoin(const LogicalPlan& plan) {
  if (!plan.Is<JoinNode>()) return false;
  JoinType type = plan.As<JoinNode>().type;
  return type == JoinType::kInner || type == JoinType::kCross;
}

bool IsDeterministic(const Expr& expr) {
  if (expr.kind == ExprKind::kFunction && expr.scalar && !expr.scalar->deterministic) return false;
  for (const auto& arg : expr.args) {
    if (!IsDeterministic(*arg)) return false;
  }
  return true;
}

bool IsFoldable(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kColumn:
    case ExprKind::kStar:
    case ExprKind::kBoundRef:
    case ExprKind::kOuterRef:
    case ExprKind::kAggregate:
    case ExprKind::kWindow:
    case ExprKind::kSubquery:
    case ExprKind::kLambdaVar:
      return false;
    default:
      break;
  }
  if (expr.kind == ExprKind::kFunction && expr.scalar && (!expr.scalar->deterministic || !expr.scalar->foldable)) {
    return false;
  }
  for (const auto& arg : expr.args) {
    if (!IsFoldable(*arg)) return false;
  }
  return true;
}

bool IsPlainDeterministic(const Expr& expr) {
  if (expr.kind == ExprKind::kSubquery || expr.kind == ExprKind::kOuterRef) return false;
  if (expr.kind == ExprKind::kFunction && expr.scalar && !expr.scalar->deterministic) return false;
  for (const auto& arg : expr.args) {
    if (!IsPlainDeterministic(*arg)) return false;
  }
  return true;
}

}  // namespace ember

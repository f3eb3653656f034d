#include "plan/analyzer/collation_keys.h"

#include <algorithm>

#include "common/collation.h"
#include "functions/registry.h"
#include "functions/string/collation_key.h"
#include "plan/analyzer/collation_coercion.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

bool Collated(const ExprPtr& expr) {
  const Expr& value = expr->kind == ExprKind::kSortOrder ? *expr->args[0] : *expr;
  return HasCollatedString(*value.type);
}

// A key or sort order over the collation key of its string.
ExprPtr OnKey(const ExprPtr& expr, const EvalContext& eval) {
  if (!Collated(expr)) return expr;
  if (expr->kind != ExprKind::kSortOrder) return CollationKeyOf(expr, eval);
  Expr order = *expr;
  order.args = {CollationKeyOf(expr->args[0], eval)};
  return MakeExpr(std::move(order));
}

ExprPtr FirstOf(const ExprPtr& value, const EvalContext& eval) {
  const AggregateFunction* first = FunctionRegistry::Instance().FindAggregate("first");
  BoundAggregate bound = first->bind(BindArgsOf({value}), false, eval);
  Expr node;
  node.kind = ExprKind::kAggregate;
  node.name = "first";
  node.args = {CastTo(value, bound.arg_types[0])};
  node.type = bound.result_type;
  node.nullable = bound.result_nullable;
  node.aggregate = std::make_shared<const BoundAggregate>(std::move(bound));
  return MakeExpr(std::move(node));
}

PlanPtr GroupByKeys(const PlanPtr& plan, const EvalContext& eval) {
  LogicalPlan node = *plan;
  auto& aggregate = node.As<AggregateNode>();
  std::vector<ExprPtr> restore;
  for (size_t i = 0; i < plan->output.size(); ++i) restore.push_back(BoundAttribute(static_cast<int>(i), plan->output[i]));
  for (size_t i = 0; i < aggregate.groups.size(); ++i) {
    if (!Collated(aggregate.groups[i])) continue;
    ExprPtr value = aggregate.groups[i];
    aggregate.groups[i] = CollationKeyOf(value, eval);
    node.output[i].type = aggregate.groups[i]->type;
    aggregate.exprs.push_back(FirstOf(value, eval));
    node.output.push_back(plan->output[i]);
    restore[i] = BoundAttribute(static_cast<int>(node.output.size() - 1), plan->output[i]);
  }
  LogicalPlan project = *MakeProjectNode(MakePlan(std::move(node)), std::move(restore));
  project.output = plan->output;
  return MakePlan(std::move(project));
}

template <typename Node, typename Exprs>
PlanPtr MapKeys(const PlanPtr& plan, Exprs Node::*list, const EvalContext& eval) {
  const auto& keys = plan->As<Node>().*list;
  if (std::none_of(keys.begin(), keys.end(), Collated)) return plan;
  LogicalPlan node = *plan;
  for (auto& key : node.As<Node>().*list) key = OnKey(key, eval);
  return MakePlan(std::move(node));
}

// A window expression partitioned or ordered by collated strings, over their keys.
ExprPtr WindowOnKeys(const ExprPtr& expr, const EvalContext& eval) {
  if (expr->kind != ExprKind::kWindow) return expr;
  if (std::none_of(expr->args.begin() + 1, expr->args.end(), Collated)) return expr;
  Expr window = *expr;
  for (size_t i = 1; i < window.args.size(); ++i) window.args[i] = OnKey(window.args[i], eval);
  return MakeExpr(std::move(window));
}

}  // namespace

PlanPtr UseCollationKeys(const PlanPtr& plan, const EvalContext& eval) {
  return TransformPlanUp(plan, [&](const PlanPtr& node) -> PlanPtr {
    switch (node->kind()) {
      case PlanKind::kSort: return MapKeys(node, &SortNode::orders, eval);
      case PlanKind::kRepartition: return MapKeys(node, &RepartitionNode::keys, eval);
      case PlanKind::kAggregate: {
        const auto& groups = node->As<AggregateNode>().groups;
        return std::any_of(groups.begin(), groups.end(), Collated) ? GroupByKeys(node, eval) : node;
      }
      case PlanKind::kWindow:
        return MapPlanExprs(node, [&](const ExprPtr& expr) {
          return TransformExprUp(expr, [&](const ExprPtr& e) { return WindowOnKeys(e, eval); });
        });
      default: return node;
    }
  });
}

}  // namespace ember

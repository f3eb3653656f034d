#include "plan/optimizer/decorrelate.h"

#include <algorithm>

#include "common/error.h"
#include "plan/conjuncts.h"
#include "plan/expr_key.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

bool ReadsInput(const Expr& expr) {
  if (expr.kind == ExprKind::kBoundRef) return true;
  return std::any_of(expr.args.begin(), expr.args.end(), [](const ExprPtr& arg) { return ReadsInput(*arg); });
}

[[noreturn]] void ThrowCorrelatedPredicate(const Expr& predicate) {
  throw SparkError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE",
                   {{"treeNode", predicate.ToSql()}});
}

[[noreturn]] void ThrowUnsupportedCorrelation(const LogicalPlan& plan) {
  std::string text = plan.ToString();
  throw SparkError("UNSUPPORTED_FEATURE",
                   {{"feature", "a correlated subquery reference below " + text.substr(0, text.find('\n'))}});
}

std::vector<ExprPtr> Remapped(const std::vector<ExprPtr>& exprs, const std::vector<int>& mapping) {
  std::vector<ExprPtr> result;
  for (const auto& expr : exprs) result.push_back(RemapReferences(expr, mapping));
  return result;
}

// Projects `plan` to the given columns of its output; the predicates follow the columns.
Decorrelated Reorder(const PlanPtr& plan, const std::vector<int>& columns, const std::vector<ExprPtr>& predicates) {
  std::vector<ExprPtr> exprs;
  std::vector<int> mapping(plan->output.size(), -1);
  for (int column : columns) {
    mapping[column] = static_cast<int>(exprs.size());
    exprs.push_back(BoundAttribute(column, plan->output[column]));
  }
  return {MakeProjectNode(plan, std::move(exprs)), Remapped(predicates, mapping)};
}

Decorrelated DecorrelateFilter(const LogicalPlan& filter) {
  Decorrelated child = Decorrelate(filter.children[0]);
  std::vector<ExprPtr> kept;
  for (const auto& conjunct : SplitConjuncts(filter.As<FilterNode>().condition)) {
    (ContainsOuterReference(*conjunct) ? child.predicates : kept).push_back(conjunct);
  }
  if (!kept.empty()) child.plan = MakeFilterNode(child.plan, CombineConjuncts(kept));
  return child;
}

// The project's expressions, then the columns the pulled-up predicates read.
Decorrelated DecorrelateProject(const LogicalPlan& project) {
  Decorrelated child = Decorrelate(project.children[0]);
  std::vector<ExprPtr> exprs = project.As<ProjectNode>().exprs;
  for (const auto& expr : exprs) {
    if (ContainsOuterReference(*expr)) ThrowCorrelatedPredicate(*expr);
  }
  std::vector<bool> used(child.plan->output.size(), false);
  for (const auto& predicate : child.predicates) CollectReferences(*predicate, used);
  std::vector<int> mapping(used.size(), -1);
  for (size_t i = 0; i < used.size(); ++i) {
    if (!used[i]) continue;
    mapping[i] = static_cast<int>(exprs.size());
    exprs.push_back(BoundAttribute(static_cast<int>(i), child.plan->output[i]));
  }
  return {MakeProjectNode(child.plan, std::move(exprs)), Remapped(child.predicates, mapping)};
}

// A correlated equality `outer = inner` below an aggregate groups by `inner` too, and compares
// the outer side with that grouping column; a project on top restores the original column order.
Decorrelated DecorrelateAggregate(const LogicalPlan& aggregate) {
  Decorrelated child = Decorrelate(aggregate.children[0]);
  LogicalPlan node = aggregate;
  node.children = {child.plan};
  std::vector<ExprPtr>& node_groups = node.As<AggregateNode>().groups;
  const int original_groups = static_cast<int>(node_groups.size());
  std::vector<ExprPtr> predicates;
  for (const auto& predicate : child.predicates) {
    const Expr& p = *predicate;
    bool equality = p.kind == ExprKind::kFunction && (p.name == "=" || p.name == "<=>") && p.args.size() == 2;
    if (!equality) ThrowCorrelatedPredicate(p);
    int inner_side = -1;
    for (int side = 0; side < 2; ++side) {
      const Expr& inner = *p.args[side];
      const Expr& outer = *p.args[1 - side];
      if (!ContainsOuterReference(inner) && ReadsInput(inner) && !ReadsInput(outer)) inner_side = side;
    }
    if (inner_side < 0) ThrowCorrelatedPredicate(p);
    const ExprPtr& inner = p.args[inner_side];
    std::string key = ExprKey(*inner);
    auto found = std::find_if(node_groups.begin(), node_groups.end(),
                              [&](const ExprPtr& group) { return ExprKey(*group) == key; });
    int position = static_cast<int>(found - node_groups.begin());
    if (found == node_groups.end()) {
      node_groups.push_back(inner);
      node.output.insert(node.output.begin() + position, Attribute{inner->OutputName(), inner->type, inner->nullable, ""});
    }
    Expr rewritten = p;
    rewritten.args[inner_side] = BoundAttribute(position, node.output[position]);
    predicates.push_back(std::make_shared<const Expr>(std::move(rewritten)));
  }
  PlanPtr grouped = MakePlan(std::move(node));
  const int groups = static_cast<int>(grouped->As<AggregateNode>().groups.size());
  std::vector<int> columns;
  for (int i = 0; i < original_groups; ++i) columns.push_back(i);
  for (int i = groups; i < static_cast<int>(grouped->output.size()); ++i) columns.push_back(i);
  for (int i = original_groups; i < groups; ++i) columns.push_back(i);
  return Reorder(grouped, columns, predicates);
}

// Inner joins: both sides decorrelated, correlated conjuncts of the condition pulled out, and the
// extra columns of both sides moved after the original output.
Decorrelated DecorrelateJoin(const LogicalPlan& join) {
  if (!IsInnerJoin(join)) ThrowUnsupportedCorrelation(join);
  const JoinNode& node = join.As<JoinNode>();
  Decorrelated left = Decorrelate(join.children[0]);
  Decorrelated right = Decorrelate(join.children[1]);
  const int nl = static_cast<int>(join.children[0]->output.size());
  const int nr = static_cast<int>(join.children[1]->output.size());
  const int wide_left = static_cast<int>(left.plan->output.size());
  const int wide_right = static_cast<int>(right.plan->output.size());
  std::vector<int> original(nl + nr);
  for (int i = 0; i < nl + nr; ++i) original[i] = i < nl ? i : wide_left + (i - nl);
  std::vector<int> shift_right(wide_right);
  for (int i = 0; i < wide_right; ++i) shift_right[i] = wide_left + i;

  std::vector<ExprPtr> predicates = left.predicates;
  for (const auto& predicate : right.predicates) predicates.push_back(RemapReferences(predicate, shift_right));
  std::vector<ExprPtr> kept;
  if (node.condition) {
    for (const auto& conjunct : SplitConjuncts(node.condition)) {
      ExprPtr remapped = RemapReferences(conjunct, original);
      (ContainsOuterReference(*conjunct) ? predicates : kept).push_back(remapped);
    }
  }
  PlanPtr joined = MakeJoinNode(left.plan, right.plan, node.type, kept.empty() ? nullptr : CombineConjuncts(kept));
  std::vector<int> columns = original;
  for (int i = nl; i < wide_left; ++i) columns.push_back(i);
  for (int i = wide_left + nr; i < wide_left + wide_right; ++i) columns.push_back(i);
  return Reorder(joined, columns, predicates);
}

}  // namespace

bool ContainsOuterReference(const Expr& expr) {
  if (expr.kind == ExprKind::kOuterRef) return true;
  return std::any_of(expr.args.begin(), expr.args.end(),
                     [](const ExprPtr& arg) { return ContainsOuterReference(*arg); });
}

bool PlanReadsOuter(const LogicalPlan& plan) {
  std::vector<ExprPtr> exprs = plan.Exprs();
  if (std::any_of(exprs.begin(), exprs.end(), [](const ExprPtr& e) { return ContainsOuterReference(*e); })) return true;
  return std::any_of(plan.children.begin(), plan.children.end(),
                     [](const PlanPtr& child) { return PlanReadsOuter(*child); });
}

ExprPtr IntoJoinCondition(const ExprPtr& predicate, int left_width) {
  return TransformExprUp(predicate, [&](const ExprPtr& node) -> ExprPtr {
    if (node->kind != ExprKind::kOuterRef && node->kind != ExprKind::kBoundRef) return node;
    Expr copy = *node;
    if (node->kind == ExprKind::kBoundRef) copy.index += left_width;
    copy.kind = ExprKind::kBoundRef;
    return std::make_shared<const Expr>(std::move(copy));
  });
}

std::vector<ExprPtr> IntoJoinConditions(const std::vector<ExprPtr>& predicates, int left_width) {
  std::vector<ExprPtr> conjuncts;
  for (const auto& predicate : predicates) conjuncts.push_back(IntoJoinCondition(predicate, left_width));
  return conjuncts;
}

PlanPtr KeepColumns(const PlanPtr& plan, size_t width) {
  if (plan->output.size() == width) return plan;
  std::vector<ExprPtr> exprs;
  for (size_t i = 0; i < width; ++i) exprs.push_back(BoundAttribute(static_cast<int>(i), plan->output[i]));
  return MakeProjectNode(plan, std::move(exprs));
}

Value ValueOverNoRows(const Expr& call, EvalContext& eval) {
  std::unique_ptr<Accumulator> accumulator = call.aggregate->create();
  accumulator->Resize(1);
  return GetValue(*accumulator->Final(0, 1, eval), 0);
}

Decorrelated Decorrelate(const PlanPtr& plan) {
  if (!PlanReadsOuter(*plan)) return {plan, {}};
  switch (plan->kind()) {
    case PlanKind::kFilter:
      return DecorrelateFilter(*plan);
    case PlanKind::kProject:
      return DecorrelateProject(*plan);
    case PlanKind::kAggregate:
      return DecorrelateAggregate(*plan);
    case PlanKind::kJoin:
      return DecorrelateJoin(*plan);
    case PlanKind::kSort:  // order inside a subquery does not reach its result
      return Decorrelate(plan->children[0]);
    default:
      ThrowUnsupportedCorrelation(*plan);
  }
}

}  // namespace ember

#include "plan/conjuncts.h"
#include "plan/expr_key.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

PlanPtr MakeFilter(const PlanPtr& child, const std::vector<ExprPtr>& conjuncts) {
  return MakeFilterNode(child, CombineConjuncts(conjuncts));
}

// Whether the project passes column `index` through as a plain input column.
bool PassesThrough(const LogicalPlan& project, size_t index) {
  const Expr* expr = project.As<ProjectNode>().exprs[index].get();
  while (expr->kind == ExprKind::kAlias) expr = expr->args[0].get();
  return expr->kind == ExprKind::kBoundRef || expr->kind == ExprKind::kLiteral;
}

bool OnlyReadsPassThrough(const Expr& condition, const LogicalPlan& project) {
  std::vector<bool> used(project.output.size(), false);
  CollectReferences(condition, used);
  for (size_t i = 0; i < used.size(); ++i) {
    if (used[i] && !PassesThrough(project, i)) return false;
  }
  return true;
}

PlanPtr PushDown(const PlanPtr& plan);

PlanPtr PushFilter(const PlanPtr& filter) {
  const PlanPtr& child = filter->children[0];
  std::vector<ExprPtr> conjuncts = SplitConjuncts(filter->As<FilterNode>().condition);
  switch (child->kind()) {
    case PlanKind::kProject: {
      std::vector<ExprPtr> pushed, kept;
      for (const auto& conjunct : conjuncts) {
        if (IsDeterministic(*conjunct) && OnlyReadsPassThrough(*conjunct, *child)) {
          pushed.push_back(SubstituteReferences(conjunct, child->As<ProjectNode>().exprs));
        } else {
          kept.push_back(conjunct);
        }
      }
      if (pushed.empty()) return WithChildren(filter, {PushDown(child)});
      PlanPtr below = PushDown(MakeFilter(child->children[0], pushed));
      PlanPtr project = WithChildren(child, {below});
      return kept.empty() ? project : MakeFilter(project, kept);
    }
    case PlanKind::kAggregate: {
      // Conjuncts over grouping columns only hold for whole groups: filter the rows instead.
      const auto& groups = child->As<AggregateNode>().groups;
      std::vector<ExprPtr> pushed, kept;
      for (const auto& conjunct : conjuncts) {
        std::vector<bool> used(child->output.size(), false);
        CollectReferences(*conjunct, used);
        bool groups_only = IsDeterministic(*conjunct);
        for (size_t i = groups.size(); i < used.size(); ++i) groups_only = groups_only && !used[i];
        if (groups_only) {
          pushed.push_back(SubstituteReferences(conjunct, groups));
        } else {
          kept.push_back(conjunct);
        }
      }
      if (pushed.empty()) return WithChildren(filter, {PushDown(child)});
      PlanPtr aggregate = WithChildren(child, {PushDown(MakeFilter(child->children[0], pushed))});
      return kept.empty() ? aggregate : MakeFilter(aggregate, kept);
    }
    case PlanKind::kUnion: {
      for (const auto& conjunct : conjuncts) {
        if (!IsDeterministic(*conjunct)) return WithChildren(filter, {PushDown(child)});
      }
      // Every child has the union's column types, so the condition applies to each as it is.
      std::vector<PlanPtr> children;
      for (const auto& input : child->children) children.push_back(PushDown(MakeFilter(input, conjuncts)));
      return WithChildren(child, std::move(children));
    }
    case PlanKind::kSort: {
      for (const auto& conjunct : conjuncts) {
        if (!IsDeterministic(*conjunct)) return WithChildren(filter, {PushDown(child)});
      }
      return WithChildren(child, {PushDown(WithChildren(filter, {child->children[0]}))});
    }
    case PlanKind::kRead: {
      LogicalPlan source = *child;
      ReadNode& read = source.As<ReadNode>();
      bool added = false;
      for (const auto& conjunct : conjuncts) {
        if (!IsDeterministic(*conjunct)) continue;
        std::string key = ExprKey(*conjunct);
        bool present = false;
        for (const auto& existing : read.pushed_filters) present = present || ExprKey(*existing) == key;
        if (!present) {
          read.pushed_filters.push_back(conjunct);
          added = true;
        }
      }
      if (!added) return filter;
      return WithChildren(filter, {MakePlan(std::move(source))});
    }
    default:
      return WithChildren(filter, {PushDown(child)});
  }
}

PlanPtr PushDown(const PlanPtr& plan) {
  if (plan->Is<FilterNode>()) return PushFilter(plan);
  return MapChildren(plan, PushDown);
}

}  // namespace

PlanPtr PushDownFilters(const PlanPtr& plan, EvalContext& eval) { return PushDown(plan); }

}  // namespace ember

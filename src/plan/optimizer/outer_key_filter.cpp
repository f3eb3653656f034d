#include "plan/optimizer/outer_key_filter.h"

#include <algorithm>

#include "expr/evaluator.h"
#include "plan/conjuncts.h"
#include "plan/optimizer/decorrelate.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

// `outer_column = inner_column` with a plain outer reference on one side and a plain subquery
// column on the other.
bool IsKeyEquality(const Expr& predicate) {
  if (predicate.kind != ExprKind::kFunction || predicate.name != "=" || predicate.args.size() != 2) return false;
  ExprKind a = predicate.args[0]->kind, b = predicate.args[1]->kind;
  return (a == ExprKind::kOuterRef && b == ExprKind::kBoundRef) || (a == ExprKind::kBoundRef && b == ExprKind::kOuterRef);
}

// The subtree of `plan` under inner joins whose output holds all `columns` (ordinals of plan's
// output); *offset is where its columns start in plan's output.
PlanPtr KeySubtree(PlanPtr plan, std::vector<int> columns, int* offset) {
  *offset = 0;
  while (IsInnerJoin(*plan)) {
    const int left_width = static_cast<int>(plan->children[0]->output.size());
    bool all_left = std::all_of(columns.begin(), columns.end(), [&](int c) { return c < left_width; });
    bool all_right = std::all_of(columns.begin(), columns.end(), [&](int c) { return c >= left_width; });
    if (!all_left && !all_right) break;
    if (all_right) {
      for (int& c : columns) c -= left_width;
      *offset += left_width;
    }
    plan = plan->children[all_left ? 0 : 1];
  }
  return plan;
}

}  // namespace

PlanPtr FilterByOuterKeys(const PlanPtr& subquery, const std::vector<ExprPtr>& predicates, const PlanPtr& outer,
                          const std::vector<ExprPtr>& outer_filters, StatisticsEstimator& estimator) {
  std::vector<ExprPtr> equalities;
  std::vector<int> outer_columns;
  for (const auto& predicate : predicates) {
    if (!IsKeyEquality(*predicate)) continue;
    equalities.push_back(predicate);
    for (const auto& arg : predicate->args) {
      if (arg->kind == ExprKind::kOuterRef) outer_columns.push_back(arg->index);
    }
  }
  if (equalities.empty()) return subquery;
  int offset = 0;
  PlanPtr keys = KeySubtree(outer, outer_columns, &offset);
  const int width = static_cast<int>(keys->output.size());
  // The outer filter conjuncts that read only the key subtree, renumbered onto it.
  std::vector<int> mapping(outer->output.size(), -1);
  for (int i = 0; i < width; ++i) mapping[offset + i] = i;
  std::vector<ExprPtr> filters;
  for (const auto& conjunct : outer_filters) {
    // Only conjuncts that cannot fail: the key relation must not raise errors the query would not.
    if (!IsPlainDeterministic(*conjunct) || !NeverFails(*conjunct)) continue;
    std::vector<bool> used(outer->output.size(), false);
    CollectReferences(*conjunct, used);
    bool inside = true;
    for (size_t i = 0; i < used.size(); ++i) inside &= !used[i] || mapping[i] >= 0;
    if (inside) filters.push_back(RemapReferences(conjunct, mapping));
  }
  if (!filters.empty()) keys = MakeFilterNode(keys, CombineConjuncts(filters));
  if (estimator.Estimate(keys).rows >= estimator.Estimate(subquery).rows) return subquery;
  // The equalities over subquery ++ keys: outer column c is column c - offset of `keys`.
  const int subquery_width = static_cast<int>(subquery->output.size());
  std::vector<ExprPtr> condition;
  for (const auto& equality : equalities) {
    condition.push_back(TransformExprUp(equality, [&](const ExprPtr& node) -> ExprPtr {
      if (node->kind != ExprKind::kOuterRef) return node;
      const Attribute& column = keys->output[node->index - offset];
      return BoundRef(subquery_width + node->index - offset, column.type, column.nullable, column.name);
    }));
  }
  return MakeJoinNode(subquery, keys, JoinType::kLeftSemi, CombineConjuncts(condition));
}

}  // namespace ember

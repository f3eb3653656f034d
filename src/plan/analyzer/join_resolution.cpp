#include "plan/analyzer/join_resolution.h"

#include <algorithm>
#include <cctype>

#include "common/error.h"
#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/expr_resolver.h"
#include "plan/analyzer/hint_resolution.h"
#include "plan/analyzer/name_resolution.h"
#include "plan/conjuncts.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

bool KeepsOnlyLeft(JoinType type) { return type == JoinType::kLeftSemi || type == JoinType::kLeftAnti; }

[[noreturn]] void ThrowUsingColumnMissing(const std::string& name, const std::string& side,
                                          const std::vector<Attribute>& columns) {
  std::string list;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) list += ", ";
    list += SqlId({columns[i].name});
  }
  throw SparkError("UNRESOLVED_USING_COLUMN_FOR_JOIN", "42703",
                   "USING column " + SqlId({name}) + " cannot be resolved on the " + side +
                       " side of the join. The " + side + "-side columns: [" + list + "].",
                   {{"colName", SqlId({name})}, {"side", side}, {"suggestion", list}});
}

int FindUsingColumn(const std::string& name, const std::vector<Attribute>& input, const std::string& side,
                    bool case_sensitive) {
  std::optional<ColumnMatch> match = FindColumn({name}, input, case_sensitive);
  if (!match || match->consumed != 1) ThrowUsingColumnMissing(name, side, input);
  return match->index;
}

ExprPtr Unresolved(ExprKind kind, std::vector<ExprPtr> args) {
  Expr node;
  node.kind = kind;
  node.args = std::move(args);
  return MakeExpr(std::move(node));
}

}  // namespace

PlanPtr ResolveJoin(const LogicalPlan& plan, const PlanPtr& left, const PlanPtr& right,
                    const AnalyzerContext& ctx) {
  bool case_sensitive = ctx.config.CaseSensitive();
  const auto& lout = left->output;
  const auto& rout = right->output;
  const int nl = static_cast<int>(lout.size());
  std::vector<Attribute> both = lout;
  both.insert(both.end(), rout.begin(), rout.end());
  ExprResolver resolver(ctx, both);

  // USING keys: (left ordinal, right ordinal) pairs and their equality conditions.
  std::vector<std::pair<int, int>> using_keys;
  std::vector<ExprPtr> conjuncts;
  const auto& join = plan.As<JoinNode>();
  std::vector<std::string> using_columns = join.using_columns;
  if (join.natural) {
    for (const auto& column : lout) {
      bool listed = false;
      for (const auto& name : using_columns) listed = listed || NamesEqual(name, column.name, case_sensitive);
      if (!listed && FindColumn({column.name}, rout, case_sensitive)) using_columns.push_back(column.name);
    }
  }
  for (const auto& name : using_columns) {
    int l = FindUsingColumn(name, lout, "left", case_sensitive);
    int r = FindUsingColumn(name, rout, "right", case_sensitive);
    using_keys.emplace_back(l, r);
    conjuncts.push_back(resolver.Resolve(
        Call("=", {BoundAttribute(l, lout[l]), BoundAttribute(nl + r, rout[r])})));
  }
  if (join.condition) {
    ExprPtr condition = resolver.Resolve(join.condition);
    if (condition->type->id == TypeId::kNull) condition = CastTo(condition, BooleanType());
    if (condition->type->id != TypeId::kBoolean) {
      std::string sql = SqlExpr(*condition);
      std::string type = SqlType(*condition->type);
      throw SparkError("JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE", "42K0E",
                       "The join condition " + sql + " has the invalid type " + type +
                           ", expected \"BOOLEAN\".",
                       {{"joinCondition", sql}, {"conditionType", type}});
    }
    conjuncts.push_back(condition);
  }

  ExprPtr condition = conjuncts.empty() ? nullptr : CombineConjuncts(conjuncts);
  LogicalPlan join_node = *MakeJoinNode(left, right, join.type, condition);
  join_node.As<JoinNode>().left_hint = SideJoinHint(plan.children[0]);
  join_node.As<JoinNode>().right_hint = SideJoinHint(plan.children[1]);
  join_node.As<JoinNode>().lateral = join.lateral;
  if (join.lateral && condition && !IsDeterministic(*condition)) {
    throw SparkError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.LATERAL_JOIN_CONDITION_NON_DETERMINISTIC",
                     {{"condition", SqlExpr(*condition)}});
  }
  PlanPtr joined = MakePlan(std::move(join_node));
  if (using_keys.empty()) return joined;

  // One column per USING key first, then the other columns of each side.
  const auto& out = joined->output;
  std::vector<ExprPtr> exprs;
  std::vector<bool> left_key(nl, false), right_key(rout.size(), false);
  for (auto [l, r] : using_keys) {
    left_key[l] = true;
    right_key[r] = true;
    if (join.type == JoinType::kRightOuter) {
      exprs.push_back(BoundAttribute(nl + r, out[nl + r]));
    } else if (join.type == JoinType::kFullOuter) {
      ExprResolver over_join(ctx, out);
      ExprPtr merged = over_join.Resolve(Unresolved(
          ExprKind::kCoalesce, {BoundAttribute(l, out[l]), BoundAttribute(nl + r, out[nl + r])}));
      exprs.push_back(AliasAs(merged, lout[l].name));
    } else {
      exprs.push_back(BoundAttribute(l, out[l]));
    }
  }
  for (int i = 0; i < nl; ++i) {
    if (!left_key[i]) exprs.push_back(BoundAttribute(i, out[i]));
  }
  if (!KeepsOnlyLeft(join.type)) {
    for (size_t i = 0; i < rout.size(); ++i) {
      if (!right_key[i]) exprs.push_back(BoundAttribute(nl + static_cast<int>(i), out[nl + i]));
    }
  }
  return MakeProjectNode(joined, std::move(exprs));
}

}  // namespace ember

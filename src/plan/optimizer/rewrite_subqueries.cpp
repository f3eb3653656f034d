#include "plan/optimizer/rewrite_subqueries.h"

#include <algorithm>
#include <optional>

#include "common/error.h"
#include "expr/evaluator.h"
#include "plan/analyzer.h"
#include "plan/conjuncts.h"
#include "plan/optimizer.h"
#include "plan/optimizer/decorrelate.h"
#include "plan/optimizer/outer_key_filter.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

bool ContainsSubquery(const Expr& expr) {
  if (expr.kind == ExprKind::kSubquery) return true;
  return std::any_of(expr.args.begin(), expr.args.end(), [](const ExprPtr& arg) { return ContainsSubquery(*arg); });
}

bool AnyContainsSubquery(const std::vector<ExprPtr>& exprs) {
  return std::any_of(exprs.begin(), exprs.end(), [](const ExprPtr& e) { return ContainsSubquery(*e); });
}

// An aggregate, under nothing but projects and filters (at most one row per group).
bool IsAggregated(const LogicalPlan& plan) {
  const LogicalPlan* node = &plan;
  while (node->Is<ProjectNode>() || node->Is<FilterNode>()) node = node->children[0].get();
  return node->Is<AggregateNode>();
}

[[noreturn]] void ThrowMisplacedPredicateSubquery(const Expr& expr) {
  throw SparkError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_IN_EXISTS_SUBQUERY",
                   {{"treeNode", expr.ToSql()}});
}

class SubqueryRewriter {
 public:
  SubqueryRewriter(const Config& config, EvalContext& eval)
      : eval_(eval), ctx_{config, eval}, filter_by_outer_keys_(OptimizerRuleEnabled(config, "outer_key_filter")) {}

  PlanPtr Rewrite(const PlanPtr& plan) {
    return TransformPlanUp(plan, [this](const PlanPtr& node) -> PlanPtr {
      if (node->Is<FilterNode>() && ContainsSubquery(*node->As<FilterNode>().condition)) return RewriteFilter(*node);
      if (node->Is<ProjectNode>() && AnyContainsSubquery(node->As<ProjectNode>().exprs)) return RewriteProject(*node);
      if (AnyContainsSubquery(node->Exprs())) {
        throw SparkError("UNSUPPORTED_FEATURE", {{"feature", "subquery expressions outside WHERE, HAVING and SELECT"}});
      }
      return node;
    });
  }

 private:
  // Existence conjuncts become semi or anti joins; the rest is filtered over the input extended by
  // one column per scalar subquery, and a project drops those columns again.
  PlanPtr RewriteFilter(const LogicalPlan& filter) {
    PlanPtr plan = filter.children[0];
    const size_t width = plan->output.size();
    std::vector<ExprPtr> rest;
    for (const auto& conjunct : SplitConjuncts(filter.As<FilterNode>().condition)) {
      const Expr* expr = conjunct.get();
      bool negated = expr->kind == ExprKind::kFunction && expr->name == "not" && expr->args[0]->kind == ExprKind::kSubquery;
      if (negated) expr = expr->args[0].get();
      if (expr->kind == ExprKind::kSubquery && expr->subquery_type != SubqueryType::kScalar) {
        plan = JoinExistence(plan, *expr, negated);
      } else {
        rest.push_back(conjunct);
      }
    }
    std::vector<ExprPtr> conditions;
    outer_filters_ = rest;
    for (const auto& conjunct : rest) conditions.push_back(JoinScalarSubqueries(conjunct, plan));
    outer_filters_.clear();
    if (!conditions.empty()) plan = MakeFilterNode(plan, CombineConjuncts(conditions));
    return KeepColumns(plan, width);
  }

  PlanPtr RewriteProject(const LogicalPlan& project) {
    PlanPtr plan = project.children[0];
    std::vector<ExprPtr> exprs;
    for (const auto& expr : project.As<ProjectNode>().exprs) exprs.push_back(JoinScalarSubqueries(expr, plan));
    LogicalPlan node = project;  // same output columns, now computed over the joined input
    node.children = {plan};
    node.As<ProjectNode>().exprs = std::move(exprs);
    return MakePlan(std::move(node));
  }

  PlanPtr JoinExistence(const PlanPtr& plan, const Expr& subquery, bool negated) {
    Decorrelated query = Decorrelate(Rewrite(subquery.subquery));
    const int left_width = static_cast<int>(plan->output.size());
    std::vector<ExprPtr> conjuncts = IntoJoinConditions(query.predicates, left_width);
    if (subquery.subquery_type == SubqueryType::kIn) {
      std::vector<ExprPtr> equalities;
      for (size_t i = 0; i < subquery.args.size(); ++i) {
        ExprPtr column = BoundAttribute(left_width + static_cast<int>(i), query.plan->output[i]);
        equalities.push_back(ResolvedCall("=", {subquery.args[i], column}));
      }
      ExprPtr match = CombineConjuncts(equalities);
      // NOT IN drops a row when any comparison is true or unknown.
      if (negated && match->nullable) match = ResolvedLogic(ExprKind::kOr, {match, ResolvedCall("isnull", {match})});
      conjuncts.push_back(match);
    }
    return MakeJoinNode(plan, query.plan, negated ? JoinType::kLeftAnti : JoinType::kLeftSemi,
                        conjuncts.empty() ? nullptr : CombineConjuncts(conjuncts));
  }

  // Left outer joins `plan` with each scalar subquery in `expr`, which then reads their columns.
  ExprPtr JoinScalarSubqueries(const ExprPtr& expr, PlanPtr& plan) {
    return TransformExprUp(expr, [&](const ExprPtr& node) -> ExprPtr {
      if (node->kind != ExprKind::kSubquery) return node;
      if (node->subquery_type != SubqueryType::kScalar) ThrowMisplacedPredicateSubquery(*expr);
      return JoinScalar(*node, plan);
    });
  }

  ExprPtr JoinScalar(const Expr& subquery, PlanPtr& plan) {
    PlanPtr rewritten = Rewrite(subquery.subquery);
    Decorrelated query = Decorrelate(rewritten);
    // Joining on the correlated conjuncts keeps one row per outer row only if q has one per group.
    if (!query.predicates.empty() && !IsAggregated(*rewritten)) {
      throw SparkError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY", {});
    }
    const int left_width = static_cast<int>(plan->output.size());
    std::vector<ExprPtr> conjuncts = IntoJoinConditions(query.predicates, left_width);
    std::optional<Value> on_empty;
    if (!query.predicates.empty()) on_empty = ValueOnEmptyInput(rewritten);
    PlanPtr right = query.plan;
    if (filter_by_outer_keys_ && !query.predicates.empty()) {
      right = FilterByOuterKeys(right, query.predicates, plan, outer_filters_, estimator_);
    }
    const bool keeps_empty_value = on_empty && !on_empty->is_null;
    if (keeps_empty_value) {
      // A column that is non-null exactly where an outer row found its group.
      std::vector<ExprPtr> exprs;
      for (size_t i = 0; i < right->output.size(); ++i) exprs.push_back(BoundAttribute(static_cast<int>(i), right->output[i]));
      exprs.push_back(AliasAs(Literal(Value::Boolean(true)), "matched"));
      right = MakeProjectNode(right, std::move(exprs));
    }
    plan = MakeJoinNode(plan, right, JoinType::kLeftOuter, conjuncts.empty() ? nullptr : CombineConjuncts(conjuncts));
    ExprPtr value = BoundAttribute(left_width, plan->output[left_width]);
    if (!keeps_empty_value) return value;
    const int marker = static_cast<int>(plan->output.size()) - 1;
    Expr case_when;
    case_when.kind = ExprKind::kCaseWhen;
    case_when.has_else = true;
    return ResolvedNode(std::move(case_when),
                        {ResolvedCall("isnull", {BoundAttribute(marker, plan->output[marker])}), Literal(*on_empty), value});
  }

  // What a global aggregate subquery returns over no rows (count: 0); nullopt when that is no row or null.
  std::optional<Value> ValueOnEmptyInput(const PlanPtr& plan) {
    ExprPtr value = BoundAttribute(0, plan->output[0]);
    const LogicalPlan* node = plan.get();
    while (node->Is<ProjectNode>()) {
      value = SubstituteReferences(value, node->As<ProjectNode>().exprs);
      node = node->children[0].get();
    }
    if (!node->Is<AggregateNode>() || !node->As<AggregateNode>().groups.empty()) return std::nullopt;
    std::vector<ExprPtr> results;
    for (const auto& call : node->As<AggregateNode>().exprs) results.push_back(Literal(ValueOverNoRows(*call, eval_)));
    try {
      return EvaluateConstant(*SubstituteReferences(value, results), eval_);
    } catch (const SparkError&) {
      return std::nullopt;
    }
  }

  ExprPtr ResolvedCall(const std::string& name, const std::vector<ExprPtr>& args) {
    Expr call;
    call.kind = ExprKind::kFunction;
    call.name = name;
    return ResolvedNode(std::move(call), args);
  }

  ExprPtr ResolvedLogic(ExprKind kind, const std::vector<ExprPtr>& args) {
    Expr logic;
    logic.kind = kind;
    return ResolvedNode(std::move(logic), args);
  }

  // Resolves `node` over placeholders for its already resolved arguments, then puts them in.
  ExprPtr ResolvedNode(Expr node, const std::vector<ExprPtr>& args) {
    std::vector<Attribute> input;
    for (size_t i = 0; i < args.size(); ++i) input.push_back({"_" + std::to_string(i), args[i]->type, args[i]->nullable, ""});
    for (size_t i = 0; i < args.size(); ++i) node.args.push_back(BoundAttribute(static_cast<int>(i), input[i]));
    ExprPtr resolved = AnalyzeExpression(MakeExpr(std::move(node)), input, ctx_);
    return SubstituteReferences(resolved, args);
  }

  EvalContext& eval_;
  AnalyzerContext ctx_;
  const bool filter_by_outer_keys_;
  // The other conjuncts of the filter whose scalar subqueries are being joined (over its input).
  std::vector<ExprPtr> outer_filters_;
  StatisticsEstimator estimator_;
};

}  // namespace

PlanPtr RewriteSubqueries(const PlanPtr& plan, const Config& config, EvalContext& eval) {
  return SubqueryRewriter(config, eval).Rewrite(plan);
}

}  // namespace ember

#include "plan/analyzer/pivot.h"

#include "common/error.h"
#include "expr/evaluator.h"
#include "functions/registry.h"
#include "functions/type_coercion.h"
#include "plan/analyzer/aggregate_normalizer.h"
#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/expr_resolver.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

ExprPtr StripAlias(const ExprPtr& expr) { return expr->kind == ExprKind::kAlias ? expr->args[0] : expr; }

// Whether `expr` is a constant (reads no column, calls nothing non-deterministic).
bool IsConstant(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kBoundRef:
    case ExprKind::kOuterRef:
    case ExprKind::kAggregate:
    case ExprKind::kSubquery:
    case ExprKind::kWindow:
      return false;
    case ExprKind::kFunction:
      if (!expr.scalar || !expr.scalar->deterministic) return false;
      break;
    default:
      break;
  }
  for (const auto& arg : expr.args) {
    if (!IsConstant(*arg)) return false;
  }
  return true;
}

Value EvaluateResolved(const ExprPtr& expr, const AnalyzerContext& ctx) {
  std::vector<Attribute> no_input;
  EvalContext eval = ctx.eval;
  return EvaluateConstant(*ExprResolver(ctx, no_input).Resolve(expr), eval);
}

// A pivot value's column name: its alias, else its value as a string ("null" for NULL).
std::string ValueName(const ExprPtr& value, const ExprPtr& resolved, const AnalyzerContext& ctx) {
  if (value->kind == ExprKind::kAlias) return value->name;
  Value text = EvaluateResolved(Cast(resolved, StringType()), ctx);
  return text.is_null ? "null" : text.str;
}

std::vector<ExprPtr> AllColumns(const std::vector<Attribute>& output, size_t count) {
  std::vector<ExprPtr> exprs;
  for (size_t i = 0; i < count; ++i) exprs.push_back(BoundAttribute(static_cast<int>(i), output[i]));
  return exprs;
}

}  // namespace

PlanPtr ResolvePivot(const LogicalPlan& plan, const PlanPtr& child, const AnalyzerContext& ctx) {
  const auto& pivot = plan.As<PivotNode>();
  ExprResolver over_child(ctx, child->output);
  ExprPtr column = over_child.Resolve(pivot.pivot);
  std::vector<ExprPtr> aggregates = over_child.ResolveList(pivot.aggregates);
  for (const auto& aggregate : aggregates) {
    if (!ContainsAggregate(*aggregate)) {
      std::string sql = StripAlias(aggregate)->ToSql();
      throw SparkError("_LEGACY_ERROR_TEMP_1006", "",
                       "Aggregate expression required for pivot, but '" + sql +
                           "' did not appear in any aggregate function.",
                       {{"sql", sql}});
    }
  }
  std::vector<ExprPtr> groups;
  if (pivot.has_groups) {
    groups = over_child.ResolveList(pivot.groups);
  } else {
    std::vector<bool> used(child->output.size(), false);
    CollectReferences(*column, used);
    for (const auto& aggregate : aggregates) CollectReferences(*aggregate, used);
    for (size_t i = 0; i < used.size(); ++i) {
      if (!used[i]) groups.push_back(BoundAttribute(static_cast<int>(i), child->output[i]));
    }
  }

  // Each value, evaluated and cast to the pivot column's type, and its column name.
  std::vector<ExprPtr> values;
  std::vector<std::string> value_names;
  for (const auto& value : pivot.values) {
    ExprPtr resolved = over_child.Resolve(StripAlias(value));
    if (!IsConstant(*resolved)) {
      throw SparkError("NON_LITERAL_PIVOT_VALUES", "42K08",
                       "Literal expressions required for pivot values, found " + SqlExpr(*resolved) + ".",
                       {{"expression", SqlExpr(*resolved)}});
    }
    if (!CanCast(*resolved->type, *column->type)) {
      std::string text = resolved->ToSql();
      throw SparkError("PIVOT_VALUE_DATA_TYPE_MISMATCH", "42K09",
                       "Invalid pivot value '" + text + "': value data type " + SqlType(*resolved->type) +
                           " does not match pivot column data type " + SqlType(*column->type) + ".",
                       {{"value", text}, {"valueType", SqlType(*resolved->type)}, {"pivotType", SqlType(*column->type)}});
    }
    values.push_back(Literal(EvaluateResolved(Cast(resolved, column->type), ctx)));
    value_names.push_back(ValueName(value, resolved, ctx));
  }

  // Per group and pivot value: every aggregate.
  const size_t k = groups.size();
  std::vector<ExprPtr> first_groups = groups;
  first_groups.push_back(column);
  std::vector<ExprPtr> first_outputs = first_groups;
  for (const auto& aggregate : aggregates) first_outputs.push_back(aggregate);
  PlanPtr per_value = BuildAggregate(child, first_groups, first_outputs);

  // Per group: each value's row of results, picked into its columns.
  ExprResolver over_values(ctx, per_value->output);
  ExprPtr pivot_column = BoundAttribute(static_cast<int>(k), per_value->output[k]);
  std::vector<ExprPtr> outputs = AllColumns(per_value->output, k);
  for (size_t v = 0; v < values.size(); ++v) {
    for (size_t a = 0; a < aggregates.size(); ++a) {
      Expr pick;
      pick.kind = ExprKind::kCaseWhen;
      pick.args = {Call("<=>", {pivot_column, values[v]}),
                   BoundAttribute(static_cast<int>(k + 1 + a), per_value->output[k + 1 + a])};
      ExprPtr first = AggregateCall("first", {MakeExpr(std::move(pick)), Literal(Value::Boolean(true))});
      std::string name = aggregates.size() == 1 ? value_names[v] : value_names[v] + "_" + aggregates[a]->OutputName();
      outputs.push_back(AliasAs(over_values.Resolve(first), name));
    }
  }
  return BuildAggregate(per_value, AllColumns(per_value->output, k), outputs);
}

PlanPtr ResolveUnpivot(const LogicalPlan& plan, const PlanPtr& child, const AnalyzerContext& ctx) {
  const auto& unpivot = plan.As<UnpivotNode>();
  ExprResolver over_child(ctx, child->output);
  std::vector<ExprPtr> ids = unpivot.has_ids ? over_child.ResolveList(unpivot.ids) : std::vector<ExprPtr>{};
  std::vector<std::vector<ExprPtr>> entries;
  for (const auto& entry : unpivot.values) entries.push_back(over_child.ResolveList(entry));

  // The columns not named elsewhere: the ids of SQL's UNPIVOT, the values of df.unpivot(ids, None).
  auto others = [&](const std::vector<ExprPtr>& named) {
    std::vector<bool> used(child->output.size(), false);
    for (const auto& expr : named) CollectReferences(*expr, used);
    std::vector<ExprPtr> rest;
    for (size_t i = 0; i < used.size(); ++i) {
      if (!used[i]) rest.push_back(BoundAttribute(static_cast<int>(i), child->output[i]));
    }
    return rest;
  };
  if (!unpivot.has_ids) {
    std::vector<ExprPtr> all;
    for (const auto& entry : entries) all.insert(all.end(), entry.begin(), entry.end());
    ids = others(all);
  }
  if (unpivot.values.empty()) {
    for (auto& column : others(ids)) entries.push_back({column});
  }
  if (entries.empty()) {
    throw SparkError("UNPIVOT_REQUIRES_VALUE_COLUMNS", "42K0A",
                     "At least one value column needs to be specified for UNPIVOT, all columns specified as ids.", {});
  }
  const size_t width = unpivot.value_columns.size();
  for (const auto& entry : entries) {
    if (entry.size() != width) {
      std::string names;
      for (size_t i = 0; i < width; ++i) names += (i ? ", " : "") + QuoteIdentifier(unpivot.value_columns[i]);
      throw SparkError("UNPIVOT_VALUE_SIZE_MISMATCH", "428C4",
                       "All unpivot value columns must have the same size as there are value column names (" +
                           std::to_string(width) + ").",
                       {{"names", std::to_string(width)}});
    }
  }
  // Each value column's type: the common type of its entries.
  std::vector<TypePtr> types;
  for (size_t c = 0; c < width; ++c) {
    std::vector<TypePtr> candidates;
    for (const auto& entry : entries) candidates.push_back(entry[c]->type);
    TypePtr common = FindWiderCommonType(candidates, ctx.eval.ansi);
    if (!common) {
      std::string listed;
      for (size_t i = 0; i < candidates.size(); ++i) listed += (i ? ", " : "") + SqlType(*candidates[i]);
      throw SparkError("UNPIVOT_VALUE_DATA_TYPE_MISMATCH", "42K09",
                       "Unpivot value columns must share a least common type, some types do not: [" + listed + "].",
                       {{"types", listed}});
    }
    types.push_back(common);
  }

  LogicalPlan expand(ExpandNode{}, {child});
  for (const auto& id : ids) expand.output.push_back({id->OutputName(), id->type, id->nullable, ""});
  expand.output.push_back({unpivot.variable, StringType(), false, ""});
  for (size_t c = 0; c < width; ++c) expand.output.push_back({unpivot.value_columns[c], types[c], true, ""});
  for (size_t e = 0; e < entries.size(); ++e) {
    std::vector<ExprPtr> projection;
    for (const auto& id : ids) projection.push_back(StripAlias(id));
    std::string name = e < unpivot.names.size() ? unpivot.names[e] : "";
    if (name.empty()) {
      for (size_t c = 0; c < width; ++c) name += (c ? "_" : "") + entries[e][c]->OutputName();
    }
    projection.push_back(Literal(Value::String(name)));
    for (size_t c = 0; c < width; ++c) projection.push_back(CastTo(StripAlias(entries[e][c]), types[c]));
    expand.As<ExpandNode>().projections.push_back(std::move(projection));
  }
  PlanPtr expanded = MakePlan(std::move(expand));
  if (unpivot.include_nulls) return expanded;
  // EXCLUDE NULLS: a row stays when any of its values is not NULL.
  ExprResolver over_expanded(ctx, expanded->output);
  ExprPtr any;
  for (size_t c = 0; c < width; ++c) {
    size_t index = ids.size() + 1 + c;
    ExprPtr present = Call("isnotnull", {BoundAttribute(static_cast<int>(index), expanded->output[index])});
    if (!any) {
      any = present;
    } else {
      Expr either;
      either.kind = ExprKind::kOr;
      either.args = {any, present};
      any = MakeExpr(std::move(either));
    }
  }
  return MakeFilterNode(expanded, over_expanded.Resolve(any));
}

}  // namespace ember

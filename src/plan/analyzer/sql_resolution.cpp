#include "plan/analyzer/sql_resolution.h"

#include <chrono>
#include <thread>

#include "common/error.h"
#include "plan/analyzer/aggregate_normalizer.h"
#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/expr_resolver.h"
#include "plan/analyzer/file_metadata.h"
#include "plan/analyzer/grouping_sets.h"
#include "plan/analyzer/name_resolution.h"
#include "plan/analyzer/time_window_resolution.h"
#include "plan/analyzer/union_resolution.h"
#include "plan/plan_builders.h"
#include "plan/relation_catalog.h"

namespace ember {
namespace {

std::vector<ExprPtr> AllColumns(const std::vector<Attribute>& input, size_t count) {
  std::vector<ExprPtr> exprs;
  for (size_t i = 0; i < count; ++i) exprs.push_back(BoundAttribute(static_cast<int>(i), input[i]));
  return exprs;
}

bool ContainsUnresolvedAggregate(const Expr& expr) {
  if (expr.kind == ExprKind::kAggregate || IsGroupingCall(expr)) return true;
  for (const auto& arg : expr.args) {
    if (ContainsUnresolvedAggregate(*arg)) return true;
  }
  return false;
}

bool IsSelectAggregate(const LogicalPlan& plan) {
  return plan.Is<AggregateNode>() && plan.As<AggregateNode>().select_list;
}

std::string QuotedName(const std::vector<std::string>& parts) {
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) text += (i ? "." : "") + QuoteIdentifier(parts[i]);
  return text;
}

ExprPtr SortOrderOf(const Expr& order, ExprPtr key) {
  Expr node = order;
  node.args = {key};
  node.type = key->type;
  node.nullable = key->nullable;
  return std::make_shared<const Expr>(std::move(node));
}

}  // namespace

PlanPtr ResolveSubqueryAlias(const LogicalPlan& plan, const PlanPtr& child) {
  const auto& columns = plan.As<SubqueryAliasNode>().columns;
  std::vector<ExprPtr> exprs = AllColumns(child->output, child->output.size());
  if (!columns.empty()) {
    if (columns.size() != exprs.size()) {
      throw SparkError("_LEGACY_ERROR_TEMP_1028",
                       {{"columnSize", std::to_string(columns.size())}, {"outputSize", std::to_string(exprs.size())}});
    }
    for (size_t i = 0; i < exprs.size(); ++i) exprs[i] = AliasAs(exprs[i], columns[i]);
  }
  LogicalPlan node = *MakeProjectNode(child, std::move(exprs));
  for (auto& attribute : node.output) attribute.qualifier = plan.As<SubqueryAliasNode>().alias;
  return MakePlan(std::move(node));
}

PlanPtr ResolveRelation(const LogicalPlan& plan, const AnalyzerContext& ctx, const PlanResolver& resolve) {
  const auto& name_parts = plan.As<UnresolvedRelationNode>().name;
  PlanPtr relation = ctx.relations ? ctx.relations->FindRelation(name_parts) : nullptr;
  if (!relation) {
    std::string name = QuotedName(name_parts);
    throw SparkError("TABLE_OR_VIEW_NOT_FOUND", "42P01",
                     "The table or view " + name +
                         " cannot be found. Verify the spelling and correctness of the schema and catalog.\n"
                         "If you did not qualify the name with a schema, verify the current_schema() output, "
                         "or qualify the name with the correct schema and catalog.\n"
                         "To tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
                     {{"relationName", name}});
  }
  PlanPtr resolved = resolve(relation);
  // A table commit between the lookup and the listing: look again (a writer that died then is
  // settled by the next lookup), giving up after about a second.
  for (int attempt = 0; attempt < 200 && !ctx.relations->RelationUnchanged(name_parts, relation); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    relation = ctx.relations->FindRelation(name_parts);
    if (!relation) return ResolveRelation(plan, ctx, resolve);
    resolved = resolve(relation);
  }
  return ResolveSubqueryAlias(LogicalPlan(SubqueryAliasNode{name_parts.back(), {}}), resolved);
}

PlanPtr ResolveOffset(const LogicalPlan& plan, const PlanPtr& child) {
  if (plan.As<OffsetNode>().offset < 0) {
    std::string value = std::to_string(plan.As<OffsetNode>().offset);
    throw SparkError("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "42K0E",
                     "The limit like expression \"" + value +
                         "\" is invalid. The offset expression must be equal to or greater than 0, but got " +
                         value + ".",
                     {{"name", "offset"}, {"expr", "\"" + value + "\""}, {"v", value}});
  }
  LogicalPlan node = plan;
  node.children = {child};
  node.output = child->output;
  return MakePlan(std::move(node));
}

PlanPtr ResolveSetOperation(const LogicalPlan& plan, const PlanPtr& left, const PlanPtr& right,
                            const AnalyzerContext& ctx) {
  const auto& set = plan.As<SetOperationNode>();
  const char* op = set.op == SetOperation::kIntersect ? "INTERSECT" : "EXCEPT";
  size_t width = left->output.size();
  if (right->output.size() != width) {
    throw SparkError("NUM_COLUMNS_MISMATCH", "42826",
                     std::string(op) + " can only be performed on inputs with the same number of columns, but the "
                         "first input has " + std::to_string(width) + " columns and the second input has " +
                         std::to_string(right->output.size()) + " columns.",
                     {{"operator", op}, {"firstNumColumns", std::to_string(width)},
                      {"invalidOrdinalNum", "second"}, {"invalidNumColumns", std::to_string(right->output.size())}});
  }
  CheckNoMapColumns(left->output);
  auto tagged = [&](const PlanPtr& side, int in_left, int in_right) {
    std::vector<ExprPtr> exprs = AllColumns(side->output, width);
    exprs.push_back(AliasAs(Literal(Value::Int(in_left)), "__in_left"));
    exprs.push_back(AliasAs(Literal(Value::Int(in_right)), "__in_right"));
    ExprResolver resolver(ctx, side->output);
    for (auto& expr : exprs) expr = resolver.Resolve(expr);
    return MakeProjectNode(side, std::move(exprs));
  };
  PlanPtr both = ResolveUnion(LogicalPlan(UnionNode{}), {tagged(left, 1, 0), tagged(right, 0, 1)}, ctx);

  ExprResolver over_union(ctx, both->output);
  std::vector<ExprPtr> groups = AllColumns(both->output, width);
  std::vector<ExprPtr> outputs = groups;
  for (size_t tag : {width, width + 1}) {
    outputs.push_back(over_union.Resolve(
        AggregateCall("sum", {BoundAttribute(static_cast<int>(tag), both->output[tag])})));
  }
  PlanPtr grouped = BuildAggregate(both, groups, outputs);

  // Per distinct row: l copies on the left, r on the right. INTERSECT keeps min(l, r) copies and
  // EXCEPT ALL l - r; the distinct forms keep one copy where that is positive, except that EXCEPT
  // keeps only rows the right side lacks.
  ExprResolver over_groups(ctx, grouped->output);
  ExprPtr left_copies = BoundAttribute(static_cast<int>(width), grouped->output[width]);
  ExprPtr right_copies = BoundAttribute(static_cast<int>(width + 1), grouped->output[width + 1]);
  bool intersect = set.op == SetOperation::kIntersect;
  ExprPtr copies = over_groups.Resolve(intersect ? Call("least", {left_copies, right_copies})
                                                 : Call("-", {left_copies, right_copies}));
  ExprPtr keep = !intersect && !set.all ? Call("=", {right_copies, Literal(Value::Long(0))})
                                        : Call(">", {copies, Literal(Value::Long(0))});
  PlanPtr kept = MakeFilterNode(grouped, over_groups.Resolve(keep));
  if (set.all) {
    LogicalPlan replicate(ReplicateRowsNode{copies}, {kept});
    replicate.output = grouped->output;
    kept = MakePlan(std::move(replicate));
  }
  return MakeProjectNode(kept, AllColumns(grouped->output, width));
}

LogicalPlan WithSortOrdinals(const LogicalPlan& plan, const PlanPtr& child) {
  LogicalPlan node = plan;
  SortNode& sort = node.As<SortNode>();
  for (size_t i = 0; i < sort.by_ordinal.size() && i < sort.orders.size(); ++i) {
    if (!sort.by_ordinal[i]) continue;
    const Expr& order = *sort.orders[i];
    int64_t position = order.args[0]->literal.i64;
    if (position < 1 || position > static_cast<int64_t>(child->output.size())) {
      std::string index = std::to_string(position);
      std::string size = std::to_string(child->output.size());
      throw SparkError("ORDER_BY_POS_OUT_OF_RANGE", "42805",
                       "ORDER BY position " + index + " is not in select list (valid range is [1, " + size + "]).",
                       {{"index", index}, {"size", size}});
    }
    int index = static_cast<int>(position - 1);
    sort.orders[i] = SortOrderOf(order, BoundAttribute(index, child->output[index]));
  }
  sort.by_ordinal.clear();
  return node;
}

bool IsSelectAggregateChain(const LogicalPlan& plan) {
  const LogicalPlan* node = &plan;
  if (node->Is<SortNode>()) node = node->children[0].get();
  if (node->Is<FilterNode>()) node = node->children[0].get();
  return IsSelectAggregate(*node);
}

PlanPtr ResolveSelectAggregateChain(const LogicalPlan& plan, const AnalyzerContext& ctx,
                                    const PlanResolver& resolve) {
  const LogicalPlan* sort = nullptr;
  const LogicalPlan* having = nullptr;
  const LogicalPlan* aggregate = &plan;
  if (aggregate->Is<SortNode>()) {
    sort = aggregate;
    aggregate = aggregate->children[0].get();
  }
  if (aggregate->Is<FilterNode>()) {
    having = aggregate;
    aggregate = aggregate->children[0].get();
  }
  const auto& select = aggregate->As<AggregateNode>();
  TimeWindowInput input{resolve(aggregate->children[0]), {select.exprs, select.groups}};
  if (auto windowed = PlanTimeWindow(input, ctx)) input = std::move(*windowed);
  if (auto sessions = PlanSessionWindow(input, 1, ctx)) input = std::move(*sessions);
  PlanPtr from = input.child;
  input.child = WithFileMetadataIfNamed(input.lists[1], WithFileMetadataIfNamed(input.lists[0], from, ctx), ctx);
  const PlanPtr& child = input.child;
  const std::vector<ExprPtr>& items = input.lists[0];
  ExprResolver over_child(ctx, child->output);
  std::vector<ExprPtr> outputs = ResolveSelectList(items, from, child, ctx);
  const size_t visible = outputs.size();
  std::vector<Attribute> select_output;
  for (const auto& expr : outputs) select_output.push_back({expr->OutputName(), expr->type, expr->nullable, ""});

  // GROUP BY names the child's columns first, then select aliases (GROUP BY alias).
  std::vector<ExprPtr> groups;
  for (const auto& group : input.lists[1]) {
    try {
      groups.push_back(over_child.Resolve(group));
    } catch (const SparkError& error) {
      ExprPtr replacement;
      if (group->kind == ExprKind::kColumn && group->name_parts.size() == 1) {
        for (const auto& item : items) {
          if (item->kind == ExprKind::kAlias && NamesEqual(item->name, group->name_parts[0], ctx.config.CaseSensitive()) &&
              !ContainsUnresolvedAggregate(*item->args[0])) {
            replacement = item->args[0];
          }
        }
      }
      if (!replacement) throw;
      groups.push_back(over_child.Resolve(replacement));
    }
  }

  // HAVING / ORDER BY expressions: without aggregates they may name select outputs; otherwise
  // (or when that fails) they are computed over the child as hidden outputs.
  auto over_output = [&](const ExprPtr& expr) -> ExprPtr {
    if (!ContainsUnresolvedAggregate(*expr)) {
      try {
        return ExprResolver(ctx, select_output).Resolve(expr);
      } catch (const SparkError&) {
      }
    }
    ExprPtr resolved = over_child.Resolve(expr);
    outputs.push_back(resolved);
    return BoundRef(static_cast<int>(outputs.size() - 1), resolved->type, resolved->nullable, resolved->OutputName());
  };
  ExprPtr condition;
  if (having) {
    condition = over_output(having->As<FilterNode>().condition);
    if (condition->type->id == TypeId::kNull) condition = CastTo(condition, BooleanType());
    if (condition->type->id != TypeId::kBoolean) ThrowFilterNotBoolean(*condition);
  }
  std::vector<ExprPtr> orders;
  if (sort) {
    for (const auto& order : sort->As<SortNode>().orders) {
      const Expr& item = *order;
      if (item.kind == ExprKind::kSortOrder) {
        orders.push_back(SortOrderOf(item, over_output(item.args[0])));
      } else {
        Expr plain;
        plain.kind = ExprKind::kSortOrder;
        orders.push_back(SortOrderOf(plain, over_output(order)));
      }
    }
  }

  PlanPtr result = select.grouping_sets.empty()
                       ? BuildAggregate(child, groups, outputs)
                       : BuildGroupingSetsAggregate(child, groups, select.grouping_sets, outputs, ctx);
  if (having) result = MakeFilterNode(result, condition);
  if (sort) {
    LogicalPlan node(SortNode{orders, {}}, {result});
    node.output = result->output;
    result = MakePlan(std::move(node));
  }
  if (result->output.size() > visible) result = MakeProjectNode(result, AllColumns(result->output, visible));
  return result;
}

}  // namespace ember

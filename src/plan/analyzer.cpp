#include "plan/analyzer.h"

#include <algorithm>

#include "common/error.h"
#include "plan/analyzer/aggregate_normalizer.h"
#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/collation_keys.h"
#include "plan/analyzer/expr_resolver.h"
#include "plan/analyzer/file_metadata.h"
#include "plan/analyzer/generate_resolution.h"
#include "plan/analyzer/time_window_resolution.h"
#include "plan/analyzer/grouping_sets.h"
#include "plan/analyzer/hint_resolution.h"
#include "plan/analyzer/join_resolution.h"
#include "plan/analyzer/missing_references.h"
#include "plan/analyzer/name_resolution.h"
#include "plan/analyzer/pivot.h"
#include "plan/analyzer/range_resolution.h"
#include "plan/analyzer/read_resolution.h"
#include "plan/analyzer/sql_resolution.h"
#include "plan/analyzer/union_resolution.h"
#include "plan/analyzer/window_resolution.h"
#include "plan/plan_builders.h"

namespace ember {
namespace {

std::vector<Attribute> SchemaAttributes(const Schema& schema) {
  std::vector<Attribute> output;
  for (const auto& field : schema) output.push_back({field.name, field.type, field.nullable, ""});
  return output;
}

std::vector<ExprPtr> AllColumns(const std::vector<Attribute>& input) {
  std::vector<ExprPtr> exprs;
  for (size_t i = 0; i < input.size(); ++i) exprs.push_back(BoundAttribute(static_cast<int>(i), input[i]));
  return exprs;
}

class Analyzer {
 public:
  explicit Analyzer(const AnalyzerContext& ctx) : ctx_(ctx), case_sensitive_(ctx.config.CaseSensitive()) {}

  PlanPtr Resolve(const PlanPtr& plan) {
    PlanPtr resolved = ResolveNode(plan);
    if (plan->plan_id == 0) return resolved;
    LogicalPlan node = *resolved;
    for (auto& attribute : node.output) attribute.origins.push_back(plan->plan_id);
    return MakePlan(std::move(node));
  }

 private:
  PlanPtr ResolveNode(const PlanPtr& plan) {
    PlanResolver resolve = [this](const PlanPtr& node) { return Resolve(node); };
    if (IsSelectAggregateChain(*plan)) return ResolveSelectAggregateChain(*plan, ctx_, resolve);
    if (plan->kind() == PlanKind::kHint) return Resolve(RewriteHint(*plan, ctx_.config.ShufflePartitions()));
    if (plan->Is<JoinNode>() && plan->As<JoinNode>().lateral) return ResolveLateralJoin(*plan);
    std::vector<PlanPtr> children;
    for (const auto& child : plan->children) children.push_back(Resolve(child));
    switch (plan->kind()) {
      case PlanKind::kSubqueryAlias:
        return ResolveSubqueryAlias(*plan, children[0]);
      case PlanKind::kUnresolvedRelation:
        return ResolveRelation(*plan, ctx_, resolve);
      case PlanKind::kOffset:
        return ResolveOffset(*plan, children[0]);
      case PlanKind::kRepartition: {
        LogicalPlan node = *plan;
        ExprResolver resolver(ctx_, children[0]->output);
        node.As<RepartitionNode>().keys = resolver.ResolveList(plan->As<RepartitionNode>().keys);
        node.children = children;
        node.output = children[0]->output;
        return MakePlan(std::move(node));
      }
      case PlanKind::kSetOperation:
        return ResolveSetOperation(*plan, children[0], children[1], ctx_);
      case PlanKind::kRead:
        return ResolveRead(*plan, ctx_);
      case PlanKind::kRange:
        return ResolveRange(*plan, ctx_);
      case PlanKind::kLocalRelation: {
        LogicalPlan node = *plan;
        node.output = SchemaAttributes(node.As<LocalRelationNode>().schema);
        return MakePlan(std::move(node));
      }
      case PlanKind::kProject:
        return ResolveProject(*plan, children[0]);
      case PlanKind::kFilter:
        return ResolveFilter(*plan, children[0]);
      case PlanKind::kAggregate: {
        const auto& aggregate = plan->As<AggregateNode>();
        TimeWindowInput input{children[0], {aggregate.groups, aggregate.exprs}};
        if (auto windowed = PlanTimeWindow(input, ctx_)) input = std::move(*windowed);
        if (auto sessions = PlanSessionWindow(input, 0, ctx_)) input = std::move(*sessions);
        input.child = WithFileMetadataIfNamed(input.lists[0], input.child, ctx_);
        input.child = WithFileMetadataIfNamed(input.lists[1], input.child, ctx_);
        ExprResolver resolver(ctx_, input.child->output);
        std::vector<ExprPtr> groups = resolver.ResolveList(input.lists[0]);
        std::vector<ExprPtr> outputs = groups;
        for (auto& agg : resolver.ResolveList(input.lists[1])) outputs.push_back(std::move(agg));
        if (!aggregate.grouping_sets.empty()) {
          return BuildGroupingSetsAggregate(input.child, groups, aggregate.grouping_sets, outputs, ctx_);
        }
        return BuildAggregate(input.child, groups, outputs);
      }
      case PlanKind::kSort:
        return ResolveSort(WithSortOrdinals(*plan, children[0]), children[0]);
      case PlanKind::kLimit: {
        if (plan->As<LimitNode>().limit < 0) {
          std::string value = std::to_string(plan->As<LimitNode>().limit);
          throw SparkError("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "42K0E",
                           "The limit like expression \"" + value +
                               "\" is invalid. The limit expression must be equal to or greater than 0, "
                               "but got " + value + ".",
                           {{"name", "limit"}, {"expr", "\"" + value + "\""}, {"v", value}});
        }
        LogicalPlan node = *plan;
        node.children = children;
        node.output = children[0]->output;
        return MakePlan(std::move(node));
      }
      case PlanKind::kDistinct: {
        const auto& input = children[0]->output;
        CheckNoMapColumns(input);
        return BuildAggregate(children[0], AllColumns(input), AllColumns(input));
      }
      case PlanKind::kUnion:
        return ResolveUnion(*plan, std::move(children), ctx_);
      case PlanKind::kWithColumns:
        return ResolveWithColumns(*plan, children[0]);
      case PlanKind::kDrop:
        return ResolveDrop(*plan, children[0]);
      case PlanKind::kRename:
        return ResolveRename(*plan, children[0]);
      case PlanKind::kJoin:
        return ResolveJoin(*plan, children[0], children[1], ctx_);
      case PlanKind::kGenerate:
        return ResolveGenerate(plan->As<GenerateNode>(), children[0], ctx_);
      case PlanKind::kPivot:
        return ResolvePivot(*plan, children[0], ctx_);
      case PlanKind::kUnpivot:
        return ResolveUnpivot(*plan, children[0], ctx_);
      default:
        break;
    }
    throw InternalError("unknown plan kind");
  }

  // The right side is resolved with the left side's columns as the scope of correlated names.
  PlanPtr ResolveLateralJoin(const LogicalPlan& plan) {
    PlanPtr left = Resolve(plan.children[0]);
    AnalyzerContext inner = ctx_;
    inner.outer = &left->output;
    PlanPtr right = Analyze(plan.children[1], inner);
    return ResolveJoin(plan, left, right, ctx_);
  }

  PlanPtr ResolveProject(const LogicalPlan& plan, const PlanPtr& child) {
    const auto& items = plan.As<ProjectNode>().exprs;
    if (auto windowed = PlanTimeWindow({child, {items}}, ctx_)) {
      return ResolveProject(LogicalPlan(ProjectNode{std::move(windowed->lists[0])}), windowed->child);
    }
    if (std::optional<size_t> generator = FindGeneratorItem(items)) {
      GeneratorSelect select = PlanGeneratorSelect(items, *generator, child, ctx_);
      return ResolveProject(LogicalPlan(ProjectNode{std::move(select.items)}), select.generate);
    }
    PlanPtr input = WithFileMetadataIfNamed(items, child, ctx_);
    std::vector<ExprPtr> exprs = ResolveSelectList(items, child, input, ctx_);
    if (std::any_of(exprs.begin(), exprs.end(), [](const ExprPtr& e) { return ContainsWindow(*e); })) {
      return PlanWindows(input, exprs);
    }
    for (const auto& expr : exprs) {
      // select() with aggregate functions is a global aggregate, as in Spark.
      if (ContainsAggregate(*expr)) return BuildAggregate(input, {}, exprs);
    }
    return MakeProjectNode(input, std::move(exprs));
  }

  PlanPtr ResolveFilter(const LogicalPlan& plan, const PlanPtr& child) {
    PlanPtr input = WithFileMetadataIfNamed({plan.As<FilterNode>().condition}, child, ctx_);
    ResolvedOverChild resolved = ResolveWithMissingReferences(input, {plan.As<FilterNode>().condition}, ctx_);
    ExprPtr condition = resolved.exprs[0];
    if (ContainsAggregate(*condition)) {
      throw SparkError("INVALID_WHERE_CONDITION", "42903",
                       "The WHERE condition " + SqlExpr(*condition) +
                           " contains invalid expressions: " + SqlExpr(*condition) +
                           ".\nRewrite the query to avoid window functions, aggregate functions, and "
                           "generator functions in the WHERE clause.",
                       {{"condition", SqlExpr(*condition)}});
    }
    if (condition->type->id == TypeId::kNull) condition = CastTo(condition, BooleanType());
    if (condition->type->id != TypeId::kBoolean) ThrowFilterNotBoolean(*condition);
    return RestoreOutput(MakeFilterNode(resolved.child, condition), child, resolved.widened || input != child);
  }

  // After a widened child: projects back to the columns the original child had.
  PlanPtr RestoreOutput(const PlanPtr& plan, const PlanPtr& original_child, bool widened) {
    if (!widened) return plan;
    return MakeProjectNode(plan, AllColumns(std::vector<Attribute>(
                                     plan->output.begin(), plan->output.begin() + original_child->output.size())));
  }

  PlanPtr ResolveSort(const LogicalPlan& plan, const PlanPtr& child) {
    PlanPtr input = WithFileMetadataIfNamed(plan.As<SortNode>().orders, child, ctx_);
    ResolvedOverChild resolved = ResolveWithMissingReferences(input, plan.As<SortNode>().orders, ctx_);
    LogicalPlan node(SortNode{{}, {}, plan.As<SortNode>().global}, {resolved.child});
    for (auto& order : resolved.exprs) node.As<SortNode>().orders.push_back(AsSortOrder(order));
    CheckSortable(node.As<SortNode>().orders);
    node.output = resolved.child->output;
    return RestoreOutput(MakePlan(std::move(node)), child, resolved.widened || input != child);
  }

  // withColumns: every expression is resolved against the input; a name equal to an existing
  // column replaces it in place, others are appended in order.
  PlanPtr ResolveWithColumns(const LogicalPlan& plan, const PlanPtr& child) {
    return ResolveProject(LogicalPlan(ProjectNode{WithColumnsItems(plan.As<WithColumnsNode>(), child)}), child);
  }

  // withColumns as a select list: the child's columns, each replaced by the new column of its name,
  // then the other new columns.
  std::vector<ExprPtr> WithColumnsItems(const WithColumnsNode& with, const PlanPtr& child) {
    std::vector<ExprPtr> items = AllColumns(child->output);
    std::vector<bool> used(with.exprs.size(), false);
    for (size_t c = 0; c < items.size(); ++c) {
      for (size_t v = 0; v < with.exprs.size(); ++v) {
        if (NamesEqual(child->output[c].name, with.names[v], case_sensitive_)) {
          items[c] = Alias(with.exprs[v], with.names[v]);
          used[v] = true;
        }
      }
    }
    for (size_t v = 0; v < with.exprs.size(); ++v) {
      if (!used[v]) items.push_back(Alias(with.exprs[v], with.names[v]));
    }
    return items;
  }

  PlanPtr ResolveDrop(const LogicalPlan& plan, const PlanPtr& child) {
    std::vector<ExprPtr> exprs;
    for (size_t c = 0; c < child->output.size(); ++c) {
      bool dropped = false;
      for (const auto& name : plan.As<DropNode>().names) {
        if (NamesEqual(child->output[c].name, name, case_sensitive_)) dropped = true;
      }
      if (!dropped) exprs.push_back(BoundAttribute(static_cast<int>(c), child->output[c]));
    }
    return MakeProjectNode(child, std::move(exprs));
  }

  PlanPtr ResolveRename(const LogicalPlan& plan, const PlanPtr& child) {
    const auto& names = plan.As<RenameNode>().names;
    std::vector<ExprPtr> exprs = AllColumns(child->output);
    for (size_t c = 0; c < exprs.size(); ++c) {
      for (size_t p = 0; p + 1 < names.size(); p += 2) {
        if (NamesEqual(child->output[c].name, names[p], case_sensitive_)) {
          exprs[c] = AliasAs(BoundAttribute(static_cast<int>(c), child->output[c]), names[p + 1]);
        }
      }
    }
    return MakeProjectNode(child, std::move(exprs));
  }

  const AnalyzerContext& ctx_;
  bool case_sensitive_;
};

}  // namespace

PlanPtr Analyze(const PlanPtr& plan, const AnalyzerContext& ctx) {
  return UseCollationKeys(Analyzer(ctx).Resolve(plan), ctx.eval);
}

ExprPtr AnalyzeExpression(const ExprPtr& expr, const std::vector<Attribute>& input, const AnalyzerContext& ctx) {
  return ExprResolver(ctx, input).Resolve(expr);
}

}  // namespace ember

#include "plan/logical_plan.h"

#include "plan/expr_text.h"
#include "plan/join_type.h"

namespace ember {
namespace {

// One line of the tree text and the lines below it; lets a plan node print as two levels
// (Spark shows a limit as GlobalLimit over LocalLimit).
struct TextNode {
  std::string line;
  std::vector<TextNode> children;
};

std::string AttributeList(const std::vector<Attribute>& output, const char* separator) {
  std::string text;
  for (size_t i = 0; i < output.size(); ++i) {
    if (i > 0) text += separator;
    text += output[i].name;
  }
  return text;
}

std::string QuotedList(const std::vector<std::string>& names) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += ", ";
    text += names[i];
  }
  return text;
}

// The second list of an Aggregate line: what each output column is, named.
std::string AggregateOutputText(const LogicalPlan& plan) {
  const auto& aggregate = plan.As<AggregateNode>();
  if (!plan.resolved()) return ExprListText(aggregate.exprs);
  std::string text;
  size_t groups = aggregate.groups.size();
  for (size_t i = 0; i < plan.output.size(); ++i) {
    if (i > 0) text += ", ";
    const Expr& expr = i < groups ? *aggregate.groups[i] : *aggregate.exprs[i - groups];
    std::string expr_text = ExprText(expr);
    text += expr_text;
    if (expr_text != plan.output[i].name) text += " AS " + plan.output[i].name;
  }
  return text;
}

std::string ReadText(const LogicalPlan& plan) {
  const ReadNode& read = plan.As<ReadNode>();
  if (!plan.resolved()) return "'UnresolvedDataSource " + read.format + ", [" + QuotedList(read.paths) + "]";
  std::string text = "Relation [" + AttributeList(plan.output, ",") + "] " + read.format;
  if (!read.pushed_filters.empty()) text += ", PushedFilters: [" + ExprListText(read.pushed_filters) + "]";
  return text;
}

TextNode Describe(const LogicalPlan& plan) {
  std::string mark = plan.resolved() ? "" : "'";
  TextNode node;
  switch (plan.kind()) {
    case PlanKind::kRead:
      node.line = ReadText(plan);
      break;
    case PlanKind::kLocalRelation: {
      const Schema& schema = plan.As<LocalRelationNode>().schema;
      std::string columns;
      for (size_t i = 0; i < schema.size(); ++i) {
        if (i > 0) columns += ", ";
        columns += schema[i].name;
      }
      node.line = "LocalRelation [" + columns + "]";
      break;
    }
    case PlanKind::kProject:
      node.line = mark + "Project [" + ExprListText(plan.As<ProjectNode>().exprs) + "]";
      break;
    case PlanKind::kFilter:
      node.line = mark + "Filter " + ExprText(*plan.As<FilterNode>().condition);
      break;
    case PlanKind::kAggregate:
      node.line = mark + "Aggregate [" + ExprListText(plan.As<AggregateNode>().groups) + "], [" + AggregateOutputText(plan) + "]";
      break;
    case PlanKind::kSort:
      node.line = mark + "Sort [" + ExprListText(plan.As<SortNode>().orders) + "], " +
                  (plan.As<SortNode>().global ? "true" : "false");
      break;
    case PlanKind::kSubqueryAlias:
      node.line = mark + "SubqueryAlias " + plan.As<SubqueryAliasNode>().alias;
      break;
    case PlanKind::kUnresolvedRelation:
      node.line = "'UnresolvedRelation [" + QuotedList(plan.As<UnresolvedRelationNode>().name) + "], [], false";
      break;
    case PlanKind::kOffset:
      node.line = mark + "Offset " + std::to_string(plan.As<OffsetNode>().offset);
      break;
    case PlanKind::kRepartition: {
      const auto& repartition = plan.As<RepartitionNode>();
      std::string count = std::to_string(repartition.num_partitions);
      node.line = repartition.keys.empty()
                      ? mark + "Repartition " + count + ", " + (repartition.coalesce ? "false" : "true")
                      : mark + "RepartitionByExpression [" + ExprListText(repartition.keys) + "], " + count;
      break;
    }
    case PlanKind::kSetOperation: {
      const auto& set = plan.As<SetOperationNode>();
      node.line = mark + (set.op == SetOperation::kIntersect ? "Intersect" : "Except") + (set.all ? " All true" : " false");
      break;
    }
    case PlanKind::kRange: {
      const auto& range = plan.As<RangeNode>();
      if (!range.args.empty()) {
        node.line = "'UnresolvedTableValuedFunction [range], [" + ExprListText(range.args) + "]";
        break;
      }
      std::string splits = range.num_partitions > 0 ? "Some(" + std::to_string(range.num_partitions) + ")" : "None";
      node.line = "Range (" + std::to_string(range.start) + ", " + std::to_string(range.end) +
                  ", step=" + std::to_string(range.step) + ", splits=" + splits + ")";
      break;
    }
    case PlanKind::kReplicateRows:
      node.line = mark + "Generate replicaterows(" + ExprText(*plan.As<ReplicateRowsNode>().count) + ")";
      break;
    case PlanKind::kGenerate: {
      // Spark: Generate explode(a), false, [col]; after pruning Generate explode(a), [0], false, [col]
      // (the child columns not repeated into the output).
      const auto& generate = plan.As<GenerateNode>();
      std::vector<std::string> names = generate.names;
      if (plan.resolved()) {
        names.clear();
        size_t passed = plan.children[0]->output.size() - generate.dropped_child_columns.size();
        size_t width = plan.output.size() - passed;
        for (size_t i = plan.output.size() - width; i < plan.output.size(); ++i) names.push_back(plan.output[i].name);
      }
      std::string list;
      for (size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + names[i];
      std::string dropped;
      for (int column : generate.dropped_child_columns) dropped += (dropped.empty() ? "" : ", ") + std::to_string(column);
      if (!generate.dropped_child_columns.empty()) dropped = "[" + dropped + "], ";
      node.line = mark + "Generate " + ExprText(*generate.generator) + ", " + dropped + (generate.outer ? "true" : "false") +
                  ", [" + list + "]";
      break;
    }
    case PlanKind::kWindow: {
      // Spark: Window [f(x) windowspecdefinition(...) AS name], [partition], [order]
      const auto& exprs = plan.As<WindowNode>().exprs;
      size_t width = plan.output.size() - exprs.size();
      std::string items;
      for (size_t i = 0; i < exprs.size(); ++i) {
        items += (i ? ", " : "") + ExprText(*exprs[i]) + " AS " + plan.output[width + i].name;
      }
      node.line = mark + "Window [" + items + "], " + WindowKeysText(*exprs[0]);
      break;
    }
    case PlanKind::kWindowGroupLimit: {
      // Spark: WindowGroupLimit [k], [v ASC NULLS FIRST], rank(v), 3
      const auto& limit = plan.As<WindowGroupLimitNode>();
      node.line = mark + "WindowGroupLimit " + WindowGroupLimitText(*limit.window, limit.limit);
      break;
    }
    case PlanKind::kExpand: {
      // Spark: Expand [[a, null, 1], [a, b, 0]], [a, b, spark_grouping_id]
      std::string projections;
      for (const auto& projection : plan.As<ExpandNode>().projections) {
        projections += std::string(projections.empty() ? "" : ", ") + "[" + ExprListText(projection) + "]";
      }
      node.line = mark + "Expand [" + projections + "], [" + AttributeList(plan.output, ", ") + "]";
      break;
    }
    case PlanKind::kPivot: {
      const auto& pivot = plan.As<PivotNode>();
      node.line = "'Pivot [" + ExprListText(pivot.groups) + "], " + ExprText(*pivot.pivot) + ", [" +
                  ExprListText(pivot.values) + "], [" + ExprListText(pivot.aggregates) + "]";
      break;
    }
    case PlanKind::kUnpivot: {
      const auto& unpivot = plan.As<UnpivotNode>();
      std::string values;
      for (const auto& entry : unpivot.values) values += (values.empty() ? "[" : ", [") + ExprListText(entry) + "]";
      node.line = "'Unpivot [" + ExprListText(unpivot.ids) + "], [" + values + "], " + unpivot.variable;
      break;
    }
    case PlanKind::kLimit: {
      std::string limit = std::to_string(plan.As<LimitNode>().limit);
      node.line = mark + "GlobalLimit " + limit;
      TextNode local{mark + "LocalLimit " + limit, {}};
      for (const auto& child : plan.children) local.children.push_back(Describe(*child));
      node.children.push_back(std::move(local));
      return node;
    }
    case PlanKind::kDistinct:
      node.line = mark + "Distinct";
      break;
    case PlanKind::kUnion: {
      const auto& union_node = plan.As<UnionNode>();
      node.line = mark + "Union " + (union_node.by_name ? "true" : "false") + ", " +
                  (union_node.allow_missing_columns ? "true" : "false");
      break;
    }
    case PlanKind::kWithColumns: {
      const auto& with = plan.As<WithColumnsNode>();
      std::string items;
      for (size_t i = 0; i < with.exprs.size(); ++i) {
        if (i > 0) items += ", ";
        items += ExprText(*with.exprs[i]) + " AS " + with.names[i];
      }
      node.line = mark + "WithColumns [" + items + "]";
      break;
    }
    case PlanKind::kDrop:
      node.line = mark + "Drop [" + QuotedList(plan.As<DropNode>().names) + "]";
      break;
    case PlanKind::kRename: {
      const auto& names = plan.As<RenameNode>().names;
      std::string items;
      for (size_t i = 0; i + 1 < names.size(); i += 2) {
        if (i > 0) items += ", ";
        items += names[i] + " AS " + names[i + 1];
      }
      node.line = mark + "Rename [" + items + "]";
      break;
    }
    case PlanKind::kJoin: {
      const auto& join = plan.As<JoinNode>();
      node.line = mark + (join.lateral ? "LateralJoin " : "Join ") + JoinTypeName(join.type);
      if (!join.using_columns.empty()) {
        node.line = mark + "Join UsingJoin(" + JoinTypeName(join.type) + ", [" + QuotedList(join.using_columns) + "])";
      }
      if (join.condition) node.line += ", " + ExprText(*join.condition);
      if (join.left_hint != JoinHint::kNone) node.line += ", leftHint=(strategy=" + JoinHintName(join.left_hint) + ")";
      if (join.right_hint != JoinHint::kNone) node.line += ", rightHint=(strategy=" + JoinHintName(join.right_hint) + ")";
      break;
    }
    case PlanKind::kHint:
      node.line = "'UnresolvedHint " + plan.As<HintNode>().name + ", [" + ExprListText(plan.As<HintNode>().params) + "]";
      break;
  }
  for (const auto& child : plan.children) node.children.push_back(Describe(*child));
  return node;
}

// Spark's tree layout: a child line starts with ":- " (more siblings follow) or "+- " (last
// child); deeper lines carry ":  " or "   " for each ancestor level.
void Render(const TextNode& node, std::vector<bool>& last_flags, std::string& out) {
  if (!out.empty()) out += "\n";
  for (size_t i = 0; i + 1 < last_flags.size(); ++i) out += last_flags[i] ? "   " : ":  ";
  if (!last_flags.empty()) out += last_flags.back() ? "+- " : ":- ";
  out += node.line;
  for (size_t i = 0; i < node.children.size(); ++i) {
    last_flags.push_back(i + 1 == node.children.size());
    Render(node.children[i], last_flags, out);
    last_flags.pop_back();
  }
}

// The kinds sit in PlanPayload in PlanKind's order (kind() is the payload's index).
template <PlanKind kind, typename Payload>
constexpr bool KindIs = std::is_same_v<std::variant_alternative_t<static_cast<size_t>(kind), PlanPayload>, Payload>;
static_assert(KindIs<PlanKind::kRead, ReadNode> && KindIs<PlanKind::kLocalRelation, LocalRelationNode> &&
              KindIs<PlanKind::kProject, ProjectNode> && KindIs<PlanKind::kFilter, FilterNode> &&
              KindIs<PlanKind::kAggregate, AggregateNode> && KindIs<PlanKind::kSort, SortNode> &&
              KindIs<PlanKind::kLimit, LimitNode> && KindIs<PlanKind::kDistinct, DistinctNode> &&
              KindIs<PlanKind::kUnion, UnionNode> && KindIs<PlanKind::kWithColumns, WithColumnsNode> &&
              KindIs<PlanKind::kDrop, DropNode> && KindIs<PlanKind::kRename, RenameNode> &&
              KindIs<PlanKind::kJoin, JoinNode> && KindIs<PlanKind::kSubqueryAlias, SubqueryAliasNode> &&
              KindIs<PlanKind::kUnresolvedRelation, UnresolvedRelationNode> &&
              KindIs<PlanKind::kOffset, OffsetNode> && KindIs<PlanKind::kSetOperation, SetOperationNode> &&
              KindIs<PlanKind::kReplicateRows, ReplicateRowsNode> && KindIs<PlanKind::kWindow, WindowNode> &&
              KindIs<PlanKind::kRange, RangeNode> && KindIs<PlanKind::kGenerate, GenerateNode> &&
              KindIs<PlanKind::kRepartition, RepartitionNode> &&
              KindIs<PlanKind::kExpand, ExpandNode> && KindIs<PlanKind::kPivot, PivotNode> &&
              KindIs<PlanKind::kUnpivot, UnpivotNode> && KindIs<PlanKind::kHint, HintNode> &&
              KindIs<PlanKind::kWindowGroupLimit, WindowGroupLimitNode> &&
              std::variant_size_v<PlanPayload> == static_cast<size_t>(PlanKind::kWindowGroupLimit) + 1);

}  // namespace

uint64_t RangeNode::NumRows() const {
  __int128 span = static_cast<__int128>(end) - start;
  if (step == 0 || (span > 0) != (step > 0) || span == 0) return 0;
  __int128 magnitude = span > 0 ? span : -span;
  __int128 stride = step > 0 ? step : -static_cast<__int128>(step);
  return static_cast<uint64_t>((magnitude + stride - 1) / stride);
}

std::vector<ExprPtr> LogicalPlan::Exprs() const {
  std::vector<ExprPtr> exprs;
  // ForEachExpr only reads here.
  const_cast<LogicalPlan*>(this)->ForEachExpr([&](ExprPtr& expr) { exprs.push_back(expr); });
  return exprs;
}

std::string LogicalPlan::ToString() const {
  std::string out;
  std::vector<bool> last_flags;
  Render(Describe(*this), last_flags, out);
  return out;
}

Schema OutputSchema(const std::vector<Attribute>& output) {
  Schema schema;
  schema.reserve(output.size());
  for (const auto& attribute : output) schema.push_back({attribute.name, attribute.type, attribute.nullable});
  return schema;
}

PlanPtr MakePlan(LogicalPlan node) { return std::make_shared<const LogicalPlan>(std::move(node)); }

}  // namespace ember

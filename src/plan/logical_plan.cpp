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
  if (!plan.resolved()) return ExprListText(plan.exprs);
  std::string text;
  size_t groups = plan.groups.size();
  for (size_t i = 0; i < plan.output.size(); ++i) {
    if (i > 0) text += ", ";
    const Expr& expr = i < groups ? *plan.groups[i] : *plan.exprs[i - groups];
    std::string expr_text = ExprText(expr);
    text += expr_text;
    if (expr_text != plan.output[i].name) text += " AS " + plan.output[i].name;
  }
  return text;
}

std::string ReadText(const LogicalPlan& plan) {
  const ReadSource& read = *plan.read;
  if (!plan.resolved()) return "'UnresolvedDataSource " + read.format + ", [" + QuotedList(read.paths) + "]";
  std::string text = "Relation [" + AttributeList(plan.output, ",") + "] " + read.format;
  if (!read.pushed_filters.empty()) text += ", PushedFilters: [" + ExprListText(read.pushed_filters) + "]";
  return text;
}

TextNode Describe(const LogicalPlan& plan) {
  std::string mark = plan.resolved() ? "" : "'";
  TextNode node;
  switch (plan.kind) {
    case PlanKind::kRead:
      node.line = ReadText(plan);
      break;
    case PlanKind::kLocalRelation: {
      std::string columns;
      for (size_t i = 0; i < plan.local_schema.size(); ++i) {
        if (i > 0) columns += ", ";
        columns += plan.local_schema[i].name;
      }
      node.line = "LocalRelation [" + columns + "]";
      break;
    }
    case PlanKind::kProject:
      node.line = mark + "Project [" + ExprListText(plan.exprs) + "]";
      break;
    case PlanKind::kFilter:
      node.line = mark + "Filter " + ExprText(*plan.exprs[0]);
      break;
    case PlanKind::kAggregate:
      node.line = mark + "Aggregate [" + ExprListText(plan.groups) + "], [" + AggregateOutputText(plan) + "]";
      break;
    case PlanKind::kSort:
      node.line = mark + "Sort [" + ExprListText(plan.exprs) + "], true";
      break;
    case PlanKind::kSubqueryAlias:
      node.line = mark + "SubqueryAlias " + plan.names[0];
      break;
    case PlanKind::kUnresolvedRelation:
      node.line = "'UnresolvedRelation [" + QuotedList(plan.names) + "], [], false";
      break;
    case PlanKind::kOffset:
      node.line = mark + "Offset " + std::to_string(plan.limit);
      break;
    case PlanKind::kSetOperation:
      node.line = mark + (plan.set_operation == SetOperation::kIntersect ? "Intersect" : "Except") +
                  (plan.set_all ? " All true" : " false");
      break;
    case PlanKind::kReplicateRows:
      node.line = mark + "Generate replicaterows(" + ExprText(*plan.exprs[0]) + ")";
      break;
    case PlanKind::kLimit: {
      node.line = mark + "GlobalLimit " + std::to_string(plan.limit);
      TextNode local{mark + "LocalLimit " + std::to_string(plan.limit), {}};
      for (const auto& child : plan.children) local.children.push_back(Describe(*child));
      node.children.push_back(std::move(local));
      return node;
    }
    case PlanKind::kDistinct:
      node.line = mark + "Distinct";
      break;
    case PlanKind::kUnion:
      node.line = mark + "Union " + (plan.union_by_name ? "true" : "false") + ", " +
                  (plan.allow_missing_columns ? "true" : "false");
      break;
    case PlanKind::kWithColumns: {
      std::string items;
      for (size_t i = 0; i < plan.exprs.size(); ++i) {
        if (i > 0) items += ", ";
        items += ExprText(*plan.exprs[i]) + " AS " + plan.names[i];
      }
      node.line = mark + "WithColumns [" + items + "]";
      break;
    }
    case PlanKind::kDrop:
      node.line = mark + "Drop [" + QuotedList(plan.names) + "]";
      break;
    case PlanKind::kRename: {
      std::string items;
      for (size_t i = 0; i + 1 < plan.names.size(); i += 2) {
        if (i > 0) items += ", ";
        items += plan.names[i] + " AS " + plan.names[i + 1];
      }
      node.line = mark + "Rename [" + items + "]";
      break;
    }
    case PlanKind::kJoin: {
      node.line = mark + "Join " + JoinTypeName(plan.join_type);
      if (!plan.names.empty()) {
        node.line = mark + "Join UsingJoin(" + JoinTypeName(plan.join_type) + ", [" + QuotedList(plan.names) + "])";
      }
      if (!plan.exprs.empty()) node.line += ", " + ExprText(*plan.exprs[0]);
      break;
    }
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

}  // namespace

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

#include "plan/analyzer/file_metadata.h"

#include <algorithm>

#include "common/names.h"
#include "functions/input_file.h"
#include "plan/analyzer/expr_resolver.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

constexpr const char* kMetadataColumn = "_metadata";

// `_metadata...` or `t._metadata...` (qualified by the relation's alias).
bool NamesMetadata(const Expr& expr, bool case_sensitive) {
  if (expr.kind == ExprKind::kColumn && !expr.outer) {
    const auto& parts = expr.name_parts;
    for (size_t i = 0; i < parts.size() && i < 2; ++i) {
      if (NamesEqual(parts[i], kMetadataColumn, case_sensitive)) return true;
    }
  }
  return std::any_of(expr.args.begin(), expr.args.end(),
                     [&](const ExprPtr& arg) { return arg && NamesMetadata(*arg, case_sensitive); });
}

// The plan ids every column of `output` came through: those of the node itself.
std::vector<int64_t> SharedOrigins(const std::vector<Attribute>& output) {
  if (output.empty()) return {};
  std::vector<int64_t> shared = output[0].origins;
  for (const auto& attribute : output) {
    std::erase_if(shared, [&](int64_t id) {
      return std::find(attribute.origins.begin(), attribute.origins.end(), id) == attribute.origins.end();
    });
  }
  return shared;
}

// `attribute` (a `_metadata` column from below) as a column of `node`'s output too.
Attribute PassedThrough(Attribute attribute, const std::vector<Attribute>& node_output) {
  for (int64_t id : SharedOrigins(node_output)) {
    if (std::find(attribute.origins.begin(), attribute.origins.end(), id) == attribute.origins.end()) {
      attribute.origins.push_back(id);
    }
  }
  return attribute;
}

PlanPtr WithFileMetadata(const PlanPtr& plan, const AnalyzerContext& ctx);

// A join: each side with a file read below gives its `_metadata`, appended after the join's columns
// (left's first), so that the names resolve as the sides' columns do: by DataFrame, by qualifier,
// or as an ambiguous reference when both sides have one.
PlanPtr JoinWithFileMetadata(const PlanPtr& plan, const AnalyzerContext& ctx) {
  const auto& join = plan->As<JoinNode>();
  if (join.lateral) return nullptr;
  const PlanPtr& left = plan->children[0];
  const PlanPtr& right = plan->children[1];
  const size_t left_width = left->output.size();
  const bool keeps_right = plan->output.size() > left_width;  // not a semi or anti join
  PlanPtr new_left = WithFileMetadata(left, ctx);
  PlanPtr new_right = keeps_right ? WithFileMetadata(right, ctx) : nullptr;
  if (!new_left && !new_right) return nullptr;
  const int shift = new_left ? 1 : 0;
  if (!new_left) new_left = left;
  if (!new_right) new_right = right;
  ExprPtr condition = join.condition;
  if (condition && shift) {
    std::vector<int> mapping(left_width + right->output.size());
    for (size_t i = 0; i < mapping.size(); ++i) mapping[i] = static_cast<int>(i) + (i < left_width ? 0 : shift);
    condition = RemapReferences(condition, mapping);
  }
  // The join over the widened sides (its output: left, left's _metadata, right, right's _metadata).
  PlanPtr rebuilt = MakeJoinNode(new_left, new_right, join.type, condition);
  LogicalPlan widened = *plan;
  widened.children = rebuilt->children;
  widened.As<JoinNode>().condition = condition;
  widened.output = plan->output;
  std::vector<int> appended;  // ordinals of the _metadata columns in the widened join's output
  if (shift) {
    widened.output.insert(widened.output.begin() + static_cast<std::ptrdiff_t>(left_width),
                          PassedThrough(rebuilt->output[left_width], plan->output));
    appended.push_back(static_cast<int>(left_width));
  }
  if (new_right != right) {
    widened.output.push_back(PassedThrough(rebuilt->output.back(), plan->output));
    appended.push_back(static_cast<int>(widened.output.size()) - 1);
  }
  // A project restoring the join's column order, the _metadata columns last.
  PlanPtr joined = MakePlan(std::move(widened));
  LogicalPlan project(ProjectNode{}, {joined});
  for (size_t i = 0; i < joined->output.size(); ++i) {
    if (std::find(appended.begin(), appended.end(), static_cast<int>(i)) == appended.end()) {
      project.As<ProjectNode>().exprs.push_back(BoundAttribute(static_cast<int>(i), joined->output[i]));
      project.output.push_back(joined->output[i]);
    }
  }
  for (int i : appended) {
    project.As<ProjectNode>().exprs.push_back(BoundAttribute(i, joined->output[i]));
    project.output.push_back(joined->output[i]);
  }
  return MakePlan(std::move(project));
}

PlanPtr WithFileMetadata(const PlanPtr& plan, const AnalyzerContext& ctx) {
  if (plan->Is<ReadNode>()) {
    std::vector<ExprPtr> exprs;
    for (size_t i = 0; i < plan->output.size(); ++i) exprs.push_back(BoundAttribute(static_cast<int>(i), plan->output[i]));
    Expr metadata = *ExprResolver(ctx, plan->output).Resolve(Alias(Call(kFileMetadataFunction, {}), kMetadataColumn));
    metadata.nullable = false;  // every row of a scan has its file
    exprs.push_back(MakeExpr(std::move(metadata)));
    LogicalPlan node = *MakeProjectNode(plan, std::move(exprs));
    node.output.back().origins = SharedOrigins(plan->output);
    return MakePlan(std::move(node));
  }
  switch (plan->kind()) {
    case PlanKind::kJoin:
      return JoinWithFileMetadata(plan, ctx);
    case PlanKind::kProject:
    case PlanKind::kFilter:
    case PlanKind::kSort:
    case PlanKind::kLimit:
    case PlanKind::kOffset:
    case PlanKind::kRepartition:
      break;
    default:
      return nullptr;
  }
  PlanPtr below = WithFileMetadata(plan->children[0], ctx);
  if (!below) return nullptr;
  LogicalPlan node = *plan;
  node.children[0] = below;
  const size_t width = plan->children[0]->output.size();
  for (size_t i = width; i < below->output.size(); ++i) {
    Attribute attribute = PassedThrough(below->output[i], plan->output);
    if (plan->Is<ProjectNode>()) {
      node.As<ProjectNode>().exprs.push_back(BoundAttribute(static_cast<int>(i), below->output[i]));
      // Under a subquery alias's project (one qualifier for all columns) it takes the alias too.
      const auto& output = plan->output;
      bool one_qualifier = !output.empty() && std::all_of(output.begin(), output.end(), [&](const Attribute& a) {
        return a.qualifier == output[0].qualifier;
      });
      if (one_qualifier) attribute.qualifier = output[0].qualifier;
    }
    node.output.push_back(std::move(attribute));
  }
  return MakePlan(std::move(node));
}

}  // namespace

PlanPtr WithFileMetadataIfNamed(const std::vector<ExprPtr>& exprs, const PlanPtr& child, const AnalyzerContext& ctx) {
  bool case_sensitive = ctx.config.CaseSensitive();
  bool named = std::any_of(exprs.begin(), exprs.end(), [&](const ExprPtr& e) { return NamesMetadata(*e, case_sensitive); });
  if (!named) return child;
  for (const auto& attribute : child->output) {
    if (NamesEqual(attribute.name, kMetadataColumn, case_sensitive)) return child;
  }
  PlanPtr widened = WithFileMetadata(child, ctx);
  return widened ? widened : child;
}

std::vector<ExprPtr> ResolveSelectList(const std::vector<ExprPtr>& items, const PlanPtr& child, const PlanPtr& input,
                                       const AnalyzerContext& ctx) {
  if (input == child) return ExprResolver(ctx, child->output).ResolveList(items);
  ExprResolver over_child(ctx, child->output);
  ExprResolver over_input(ctx, input->output);
  std::vector<ExprPtr> resolved;
  for (const auto& item : items) {
    for (auto& expr : (item->kind == ExprKind::kStar ? over_child : over_input).ResolveList({item})) {
      resolved.push_back(std::move(expr));
    }
  }
  return resolved;
}

}  // namespace ember

#include "plan/analyzer/file_metadata.h"

#include <algorithm>

#include "common/names.h"
#include "functions/input_file.h"
#include "plan/analyzer/expr_resolver.h"
#include "plan/plan_builders.h"

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
  Attribute attribute = below->output.back();
  if (plan->Is<ProjectNode>()) {
    node.As<ProjectNode>().exprs.push_back(BoundAttribute(static_cast<int>(below->output.size()) - 1, attribute));
    attribute.qualifier = plan->output.empty() ? "" : plan->output[0].qualifier;
  }
  attribute.origins = SharedOrigins(plan->output);
  node.output.push_back(std::move(attribute));
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

#include "plan/analyzer/missing_references.h"

#include "common/error.h"

#include "plan/analyzer/expr_resolver.h"
#include "plan/analyzer/name_resolution.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

std::vector<ExprPtr> ResolveAll(const std::vector<ExprPtr>& exprs, const std::vector<Attribute>& input,
                                const AnalyzerContext& ctx) {
  ExprResolver resolver(ctx, input);
  std::vector<ExprPtr> resolved;
  for (const auto& expr : exprs) resolved.push_back(resolver.Resolve(expr));
  return resolved;
}

bool IsUnresolvedColumn(const SparkError& error) {
  return error.error_class().rfind("UNRESOLVED_COLUMN.", 0) == 0;
}

ResolvedOverChild ResolveOverChildOrBelow(const PlanPtr& child, const std::vector<ExprPtr>& exprs,
                                          const AnalyzerContext& ctx) {
  try {
    return {child, ResolveAll(exprs, child->output, ctx), false};
  } catch (const SparkError& error) {
    if (!IsUnresolvedColumn(error) || child->kind() != PlanKind::kProject) throw;
    const PlanPtr& below = child->children[0];
    bool case_sensitive = ctx.config.CaseSensitive();
    // The child's columns first, then the input columns it does not already show under that name.
    std::vector<Attribute> input = child->output;
    std::vector<int> source;  // for each added column, its ordinal in `below`
    for (size_t i = 0; i < below->output.size(); ++i) {
      bool shown = false;
      for (const auto& attribute : child->output) shown = shown || NamesEqual(attribute.name, below->output[i].name, case_sensitive);
      if (shown) continue;
      input.push_back(below->output[i]);
      source.push_back(static_cast<int>(i));
    }
    std::vector<ExprPtr> resolved;
    try {
      resolved = ResolveAll(exprs, input, ctx);
    } catch (const SparkError&) {
      throw error;
    }
    std::vector<bool> used(input.size(), false);
    for (const auto& expr : resolved) CollectReferences(*expr, used);
    std::vector<ExprPtr> widened = child->As<ProjectNode>().exprs;
    std::vector<int> mapping(input.size(), -1);
    for (size_t i = 0; i < child->output.size(); ++i) mapping[i] = static_cast<int>(i);
    for (size_t k = 0; k < source.size(); ++k) {
      size_t slot = child->output.size() + k;
      if (!used[slot]) continue;
      mapping[slot] = static_cast<int>(widened.size());
      widened.push_back(BoundAttribute(source[k], below->output[source[k]]));
    }
    for (auto& expr : resolved) expr = RemapReferences(expr, mapping);
    return {MakeProjectNode(below, std::move(widened)), std::move(resolved), true};
  }
}

}  // namespace

// Inside a subquery, the columns below the child come before the enclosing query's.
ResolvedOverChild ResolveWithMissingReferences(const PlanPtr& child, const std::vector<ExprPtr>& exprs,
                                               const AnalyzerContext& ctx) {
  if (ctx.outer == nullptr) return ResolveOverChildOrBelow(child, exprs, ctx);
  AnalyzerContext local = ctx;
  local.outer = nullptr;
  try {
    return ResolveOverChildOrBelow(child, exprs, local);
  } catch (const SparkError& error) {
    if (!IsUnresolvedColumn(error)) throw;
  }
  return ResolveOverChildOrBelow(child, exprs, ctx);
}

}  // namespace ember

// Generators in plans: a select item that is a generator call (explode(a) [AS x]) becomes a
// Generate node under the select, and LATERAL VIEW or a generator in FROM is a Generate node
// already. Spark allows one generator per select list, at the top of its item.
#pragma once

#include <optional>
#include <vector>

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

// The position of the select item that is a generator call (perhaps aliased); throws
// UNSUPPORTED_GENERATOR.MULTI_GENERATOR when there are several.
std::optional<size_t> FindGeneratorItem(const std::vector<ExprPtr>& items);

// A resolved Generate node over the resolved `child` for the unresolved `node`.
PlanPtr ResolveGenerate(const GenerateNode& node, const PlanPtr& child, const AnalyzerContext& ctx);

// For a select list whose item `generator` is a generator call: the Generate node over `child`,
// and the list with that item replaced by the generated columns (bound over the Generate node).
struct GeneratorSelect {
  PlanPtr generate;
  std::vector<ExprPtr> items;
};
GeneratorSelect PlanGeneratorSelect(const std::vector<ExprPtr>& items, size_t generator, const PlanPtr& child,
                                    const AnalyzerContext& ctx);

}  // namespace ember

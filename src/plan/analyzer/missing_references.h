// Spark's ResolveMissingReferences for the DataFrame API: a sort or filter may name a column that
// the project below it dropped (`df.select("a").orderBy("b")`). The project is then widened with
// the missing input columns, the sort or filter runs over it, and a project on top restores the
// original columns.
#pragma once

#include <vector>

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

struct ResolvedOverChild {
  PlanPtr child;               // the child, widened when columns had to be added
  std::vector<ExprPtr> exprs;  // resolved over `child`
  bool widened = false;        // the caller must project back to the original child's output
};

// Resolves `exprs` (not select lists: no star expansion) over `child`, widening a kProject child
// with columns of its input when a name is missing from it.
ResolvedOverChild ResolveWithMissingReferences(const PlanPtr& child, const std::vector<ExprPtr>& exprs,
                                               const AnalyzerContext& ctx);

}  // namespace ember

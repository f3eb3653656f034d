// Analysis of the plan shapes SQL text produces: relations by name (temporary views), subquery
// aliases that qualify their child's columns, and the SELECT ... GROUP BY ... HAVING ... ORDER BY
// chain, where HAVING and ORDER BY may use aggregates that the select list does not output (they
// are computed as hidden aggregate outputs and projected away) and GROUP BY may name select aliases.
#pragma once

#include <functional>

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

using PlanResolver = std::function<PlanPtr(const PlanPtr&)>;

// kSubqueryAlias over its resolved child: the same columns, qualified by the alias.
PlanPtr ResolveSubqueryAlias(const LogicalPlan& plan, const PlanPtr& child);
// kUnresolvedRelation: the plan the catalog gives for the name, resolved and qualified by the
// name's last part; raises
// TABLE_OR_VIEW_NOT_FOUND.
PlanPtr ResolveRelation(const LogicalPlan& plan, const AnalyzerContext& ctx, const PlanResolver& resolve);
// kOffset over its resolved child (kept as kOffset: the physical planner skips the rows).
PlanPtr ResolveOffset(const LogicalPlan& plan, const PlanPtr& child);

// kSetOperation over its resolved children: a union of the two sides tagged by origin, grouped by
// every column (so NULLs compare equal, as Spark's set operations do) counting each row's copies
// per side, and filtered on those counts; INTERSECT ALL and EXCEPT ALL then repeat each row by
// min(left, right) or left - right copies (kReplicateRows).
PlanPtr ResolveSetOperation(const LogicalPlan& plan, const PlanPtr& left, const PlanPtr& right,
                            const AnalyzerContext& ctx);

// A kSort whose `names[i]` is "ordinal" (SQL ORDER BY position after `*` or a set operation)
// with its key i replaced by the child's column at that position; `plan` itself otherwise.
// Raises ORDER_BY_POS_OUT_OF_RANGE.
LogicalPlan WithSortOrdinals(const LogicalPlan& plan, const PlanPtr& child);

// Whether `plan` is a select-list kAggregate, or a kFilter (HAVING) and/or kSort over one.
bool IsSelectAggregateChain(const LogicalPlan& plan);
PlanPtr ResolveSelectAggregateChain(const LogicalPlan& plan, const AnalyzerContext& ctx,
                                    const PlanResolver& resolve);

}  // namespace ember

// Time windows in plans: window(time, ...) gives each row the windows holding its time (one when
// tumbling, several when sliding, none for a null time), so, as Spark's TimeWindowing rule does,
// the window calls of a select list or an aggregate become one Generate node under it and a
// reference to that node's `window` column.
#pragma once

#include <optional>
#include <vector>

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

// The unresolved expression lists of one plan node over the resolved `child`.
struct TimeWindowInput {
  PlanPtr child;
  std::vector<std::vector<ExprPtr>> lists;
};

// When the lists call window(...): the Generate node over the child and the lists with each call
// replaced by its column (an unqualified * expanded to the child's columns first); nullopt when
// they do not. Different window calls in one node are refused, as in Spark.
std::optional<TimeWindowInput> PlanTimeWindow(const TimeWindowInput& input, const AnalyzerContext& ctx);

// When an aggregate's lists call session_window(time, gap) (lists[groups] being its grouping
// list): the child with a `session_window` column holding each row's merged session (the events of
// equal other grouping keys whose [time, time + gap) sessions overlap or touch, as Spark's
// MergingSessionsIterator merges them; rows without a session dropped) and the lists reading it.
std::optional<TimeWindowInput> PlanSessionWindow(const TimeWindowInput& input, size_t groups, const AnalyzerContext& ctx);

}  // namespace ember

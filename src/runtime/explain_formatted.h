// explain(mode="formatted") / EXPLAIN FORMATTED: Spark's layout of a physical plan. First the
// operator tree with one "Name (id)" line per operator (ids numbered children first, as Spark
// numbers them), then one section per operator in id order: "(id) Name" and its details (Output,
// Input, Condition, Keys, Functions, Arguments, ...), each section followed by a blank line.
#pragma once

#include <string>

#include "exec/physical_plan.h"

namespace ember {

// `adaptive`: the plan is shown under AdaptiveSparkPlan (adaptive execution on and the plan has
// an exchange), which gets the last id.
std::string FormattedPlanText(const PhysicalNode& plan, bool adaptive);

}  // namespace ember

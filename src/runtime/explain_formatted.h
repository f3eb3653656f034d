// explain(mode="formatted") / EXPLAIN FORMATTED: Spark's layout of a physical plan. First the
// operator tree with one "Name (id)" line per operator (ids numbered children first, as Spark
// numbers them), then one section per operator in id order: "(id) Name" and its details (Output,
// Input, Condition, Keys, Functions, Arguments, ...), each section followed by a blank line.
#pragma once

#include <string>

#include "exec/metrics.h"
#include "exec/physical_plan.h"

namespace ember {

// `adaptive`: the plan is shown under AdaptiveSparkPlan (adaptive execution on and the plan has
// an exchange), which gets the last id. `metrics` (nullable): what the operators of this plan
// measured when it ran; an operator that spilled gets "Spill count" and "Spill size" lines.
std::string FormattedPlanText(const PhysicalNode& plan, bool adaptive, const QueryMetrics* metrics = nullptr);

// Bytes as Spark's Utils.bytesToString writes them: "100.0 B", "2.0 KiB", "1536.0 KiB", "12.5 MiB".
std::string ByteSizeText(int64_t bytes);

}  // namespace ember

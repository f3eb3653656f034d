// Parses Ember's JSON plan format (docs/plan-format.md) into an unresolved logical plan.
// Malformed input raises INTERNAL_ERROR: the JSON is produced by Ember's own Python API.
#pragma once

#include <string>

#include "plan/logical_plan.h"

namespace ember {

PlanPtr ParsePlanJson(const std::string& json);
// Parses one expression object of the format.
ExprPtr ParseExprJson(const std::string& json);

}  // namespace ember

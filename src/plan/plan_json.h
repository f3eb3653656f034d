// Parses Ember's JSON plan format (docs/plan-format.md) into an unresolved logical plan.
// Malformed input raises INTERNAL_ERROR: the JSON is produced by Ember's own Python API.
#pragma once

#include <string>

#include "plan/held_plans.h"
#include "plan/logical_plan.h"
#include "simdjson.h"

namespace ember {

// `held` resolves {"op": "handle", "id": N} nodes (a plan the session holds); without it they are
// malformed.
PlanPtr ParsePlanJson(const std::string& json, const HeldPlans* held = nullptr);
// Parses one expression object of the format.
ExprPtr ParseExprJson(const std::string& json);
// Decodes one value of `type` in the format's value encoding (also used by physical plans).
Value ParseValue(const simdjson::dom::element& json, const TypePtr& type);

}  // namespace ember

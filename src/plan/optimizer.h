// The optimizer: runs rewrite rules (plan/optimizer/rules/, one per file) in a fixed order over a
// resolved plan. Every rule keeps results unchanged and can be switched off with
// spark.ember.optimizer.<rule_name>.enabled=false.
#pragma once

#include "common/config.h"
#include "functions/eval_context.h"
#include "plan/logical_plan.h"

namespace ember {

PlanPtr Optimize(const PlanPtr& plan, const Config& config, EvalContext& eval);

// Whether spark.ember.optimizer.<name>.enabled leaves rewrite `name` on (the default).
bool OptimizerRuleEnabled(const Config& config, const char* name);

}  // namespace ember

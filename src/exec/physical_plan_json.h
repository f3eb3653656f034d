// JSON form of physical plans, so that a task (a stage fragment plus a partition) can be shipped to
// another process. Resolved expressions travel as their tree with types; bound functions are bound
// again from the function registry when the text is read, which gives the same kernels because the
// argument types are exactly those the first binding asked for.
#pragma once

#include <string>

#include "exec/physical_plan.h"
#include "functions/eval_context.h"

namespace ember {

std::string PhysicalPlanToJson(const PhysicalNode& node);
PhysicalPtr PhysicalPlanFromJson(const std::string& json, const EvalContext& ctx);

std::string ExprToJson(const Expr& expr);
ExprPtr ExprFromJson(const std::string& json, const EvalContext& ctx);

}  // namespace ember

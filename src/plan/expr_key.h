// Structural fingerprints of resolved expressions: two expressions with the same key compute the
// same values over the same input (used to match grouping expressions, share aggregate
// accumulators and avoid pushing one filter twice).
#pragma once

#include <string>

#include "expr/expr.h"

namespace ember {

std::string ExprKey(const Expr& expr);

}  // namespace ember

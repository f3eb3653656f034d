// Subquery expressions become joins before the other rules run, so that nothing below the
// optimizer sees a query inside an expression:
//  - a WHERE conjunct `EXISTS (q)` / `x IN (q)` becomes a left semi join with q, and its negation a
//    left anti join (NOT IN also matches where the comparison is null, as its null semantics ask);
//  - a scalar subquery becomes a left outer join with q, whose column replaces the expression (an
//    aggregate that is not null over no rows, like count, keeps that value for outer rows q does
//    not match).
// Correlated conjuncts of q become the join condition (see decorrelate.h).
#pragma once

#include "common/config.h"
#include "functions/eval_context.h"
#include "plan/logical_plan.h"

namespace ember {

PlanPtr RewriteSubqueries(const PlanPtr& plan, const Config& config, EvalContext& eval);

}  // namespace ember

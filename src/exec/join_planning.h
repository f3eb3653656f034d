// Planning decisions for joins: which conjuncts of a join condition are equi-join keys, and how
// big each side is estimated to be (Spark's sizeInBytes: the broadcast decision compares it with
// spark.sql.autoBroadcastJoinThreshold).
#pragma once

#include <cstdint>
#include <vector>

#include "expr/expr.h"
#include "plan/logical_plan.h"

namespace ember {

struct JoinKeys {
  std::vector<ExprPtr> left;   // over the left output
  std::vector<ExprPtr> right;  // over the right output
  std::vector<bool> null_safe;
  ExprPtr residual;            // the other conjuncts over left ++ right, or null
};

// Splits a join condition over `left_width` left columns and then `right_width` right columns. A conjunct
// `a = b` or `a <=> b` where one side reads only left columns and the other only right columns
// (and at least one of each) is a key.
JoinKeys ExtractJoinKeys(const ExprPtr& condition, int left_width, int right_width);

// Estimated output size in bytes; INT64_MAX when unknown.
int64_t EstimatePlanBytes(const LogicalPlan& plan);

}  // namespace ember

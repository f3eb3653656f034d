// Planning decisions for joins: which conjuncts of a join condition are equi-join keys, and how a
// join runs given the estimated bytes of its sides (plan/statistics.h): broadcast when a side that
// may be the build side is under spark.sql.autoBroadcastJoinThreshold, and which side builds.
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

struct JoinStrategy {
  bool broadcast = false;   // the build side is broadcast (else both sides are hash-exchanged)
  bool build_right = true;  // the right side is the hash table / the buffered side
};

// A join with equi-join keys (`has_keys`) is a broadcast hash join when a side that may be the
// build side is estimated at most `threshold` bytes (the smaller such side builds; a negative
// threshold never broadcasts), else a shuffled hash join building the smaller side where the join
// type allows. Without keys it is a broadcast nested-loop join buffering the smaller allowed side.
// The preserved side of an outer join never builds, except that a full outer join without a
// broadcast builds the right side (its probe side then runs as one task).
// Hints, where the join type lets the hinted side build: a broadcast hint broadcasts that side
// whatever its size; shuffle_hash and merge hints rule out broadcasting by size, and shuffle_hash
// builds the hinted side.
JoinStrategy ChooseJoinStrategy(JoinType type, bool has_keys, double left_bytes, double right_bytes,
                                int64_t threshold, JoinHint left_hint = JoinHint::kNone,
                                JoinHint right_hint = JoinHint::kNone);

}  // namespace ember

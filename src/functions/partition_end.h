// Functions over whole partitions (mapInPandas, iterator pandas UDFs, Python UDTFs) keep state
// across the batches of a task and may give more output once its input ends. On its first call in
// a task such a function's kernel adds a PartitionEnd to the task (AddPartitionEnd); the operator
// that evaluated the call claims it right after the evaluation (ClaimPartitionEnds) and finishes it
// when its own input ends, before finishing downstream. A task cut short never finishes them: they
// are dropped with the task's state.
#pragma once

#include <memory>
#include <vector>

#include "common/vector.h"
#include "functions/eval_context.h"

namespace ember {

class PartitionEnd {
 public:
  virtual ~PartitionEnd() = default;
  // What the function gives after the partition's last row: for a generator, a vector of one row
  // (the array of the rows it adds); nullptr when nothing.
  virtual VectorPtr Finish(EvalContext& ctx) = 0;
};

void AddPartitionEnd(EvalContext& ctx, std::shared_ptr<PartitionEnd> end);
// Appends the ends added since the last claim to `ends` (a no-op when none were).
void ClaimPartitionEnds(EvalContext& ctx, std::vector<std::shared_ptr<PartitionEnd>>* ends);
// Finishes `ends` in order, dropping what they give (scalar calls: they have no rows to add).
void FinishPartitionEnds(EvalContext& ctx, const std::vector<std::shared_ptr<PartitionEnd>>& ends);

}  // namespace ember

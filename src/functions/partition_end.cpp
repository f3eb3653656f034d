#include "functions/partition_end.h"

namespace ember {
namespace {

// The key of the task's unclaimed ends in EvalContext::task_state.
const char kUnclaimedEnds = 0;

using Ends = std::vector<std::shared_ptr<PartitionEnd>>;

}  // namespace

void AddPartitionEnd(EvalContext& ctx, std::shared_ptr<PartitionEnd> end) {
  std::shared_ptr<void>& slot = ctx.task_state[&kUnclaimedEnds];
  if (slot == nullptr) slot = std::make_shared<Ends>();
  static_cast<Ends*>(slot.get())->push_back(std::move(end));
}

void ClaimPartitionEnds(EvalContext& ctx, std::vector<std::shared_ptr<PartitionEnd>>* ends) {
  if (ctx.task_state.empty()) return;
  auto it = ctx.task_state.find(&kUnclaimedEnds);
  if (it == ctx.task_state.end()) return;
  Ends* unclaimed = static_cast<Ends*>(it->second.get());
  for (auto& end : *unclaimed) ends->push_back(std::move(end));
  unclaimed->clear();
}

void FinishPartitionEnds(EvalContext& ctx, const std::vector<std::shared_ptr<PartitionEnd>>& ends) {
  for (const auto& end : ends) end->Finish(ctx);
}

}  // namespace ember

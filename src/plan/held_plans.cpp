#include "plan/held_plans.h"

#include <string>

#include "common/error.h"

namespace ember {

int64_t HeldPlans::Hold(const PlanPtr& plan) {
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t handle = next_++;
  LogicalPlan node = *plan;
  node.plan_id = handle;
  plans_.emplace(handle, MakePlan(std::move(node)));
  return handle;
}

PlanPtr HeldPlans::Get(int64_t handle) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = plans_.find(handle);
  if (it == plans_.end()) throw InternalError("no plan is held under handle " + std::to_string(handle));
  return it->second;
}

void HeldPlans::Release(int64_t handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  plans_.erase(handle);
}

size_t HeldPlans::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return plans_.size();
}

}  // namespace ember

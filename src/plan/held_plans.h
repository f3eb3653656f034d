// Plans a session holds for its bindings: each DataFrame of the Python API refers to its plan by a
// handle, so a transformation sends only its new node (its children are handles) and an action
// sends only the handle. A held plan is the unresolved plan of that DataFrame with `plan_id` set to
// its handle, so `df.col` names the columns that came through it. Safe to use from several threads.
#pragma once

#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "plan/logical_plan.h"

namespace ember {

class HeldPlans {
 public:
  // Holds `plan` under a new handle (never 0) and returns it.
  int64_t Hold(const PlanPtr& plan);
  // The plan of `handle`; INTERNAL_ERROR when it is not held.
  PlanPtr Get(int64_t handle) const;
  void Release(int64_t handle);
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  int64_t next_ = 1;
  std::unordered_map<int64_t, PlanPtr> plans_;
};

}  // namespace ember

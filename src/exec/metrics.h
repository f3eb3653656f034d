// What operators measure while a query runs, per operator of its physical plan: for now what they
// spilled to disk. Shown by explain("formatted") after the query ran (runtime/explain_formatted).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>

#include "exec/physical_plan.h"

namespace ember {

struct OperatorMetrics {
  int64_t spill_count = 0;  // spill files or frames written
  int64_t spill_bytes = 0;  // bytes on disk
};

class QueryMetrics {
 public:
  // From any task's thread.
  void AddSpill(const PhysicalNode& node, int64_t count, int64_t bytes);
  const std::map<const PhysicalNode*, OperatorMetrics>& operators() const { return operators_; }

 private:
  std::mutex mutex_;
  std::map<const PhysicalNode*, OperatorMetrics> operators_;
};

}  // namespace ember

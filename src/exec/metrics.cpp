#include "exec/metrics.h"

namespace ember {

void QueryMetrics::AddSpill(const PhysicalNode& node, int64_t count, int64_t bytes) {
  std::lock_guard lock(mutex_);
  OperatorMetrics& metrics = operators_[&node];
  metrics.spill_count += count;
  metrics.spill_bytes += bytes;
}

}  // namespace ember

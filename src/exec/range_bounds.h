// Range partitioning for a global sort (PartitioningKind::kRange), as Spark's RangePartitioner:
// before the map stage runs, the job passes the exchange's input through KeySamplers (over only the
// key columns when the input is a file scan), RangeBounds picks from their samples the keys that
// cut the rows into partitions of about equal counts, and the exchange's writer sends each row to
// the partition whose range holds its keys (RangePartitions). Rows with equal keys share a
// partition, and the partitions follow each other in the sort's order.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "common/vector.h"
#include "exec/operators/operator.h"
#include "exec/physical_plan.h"

namespace ember {

// Every `stride`-th row's key values of one task's input (the stride doubling whenever the sample
// grows beyond twice its target size, so it stays small and evenly spread).
struct KeySample {
  std::vector<VectorPtr> keys;
  int64_t stride = 1;
};

// The fragment whose rows the sample is taken from: the range exchange's input, with a file scan
// reading only the columns the keys need; `orders` receives the sort orders over its output.
PhysicalPtr KeySampleFragment(const PhysicalNode& exchange, std::vector<ExprPtr>* orders);

// A sink that samples the values of `orders`' keys into `out`, aiming at `target` rows.
std::unique_ptr<Operator> MakeKeySampler(const std::vector<ExprPtr>& orders, int64_t target, TaskContext& ctx,
                                         KeySample* out);

// At most `partitions` - 1 increasing keys (one column per order) splitting the sampled rows, each
// standing for `stride` rows, into `partitions` ranges of about equal counts.
Batch RangeBounds(const std::vector<KeySample>& samples, const std::vector<ExprPtr>& orders, int partitions);

// partition_of[i] = the number of bounds that row i's `keys` come after under `orders`.
void RangePartitions(const std::vector<VectorPtr>& keys, int64_t rows, const Batch& bounds,
                     const std::vector<ExprPtr>& orders, uint32_t* partition_of);

}  // namespace ember

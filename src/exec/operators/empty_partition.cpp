#include "exec/operators/empty_partition.h"

#include "exec/operators/operator.h"

namespace ember {
namespace {

// Whether the stage's rows come from a source Spark plans as an RDD without partitions (an empty
// range, local data without rows and not sliced: a LocalRelation), where it calls no function at
// all. createDataFrame's sliced rows have their partitions even when empty.
bool FromSourceWithoutPartitions(const PhysicalNode& node) {
  const PhysicalNode* source = &node;
  while (source->children.size() == 1) source = source->children[0].get();
  if (source->Is<RangeExec>()) return source->As<RangeExec>().range.NumRows() == 0;
  if (source->Is<LocalScanExec>()) {
    if (!source->As<LocalScanExec>().partition_ends.empty()) return false;
    for (const Batch& batch : *source->As<LocalScanExec>().batches) {
      if (batch.num_rows > 0) return false;
    }
    return true;
  }
  return false;
}

}  // namespace

bool CallsPandasFunction(const PhysicalNode& node, const EvalContext& ctx) {
  return CoalescedBatchRows(node, ctx) > 0 && !FromSourceWithoutPartitions(node);
}

Batch NullInput(const PhysicalNode& node, int64_t rows) {
  Batch batch;
  batch.num_rows = rows;
  for (const auto& field : node.children.at(0)->output) batch.columns.push_back(Vector::MakeNulls(field.type, rows));
  return batch;
}

}  // namespace ember

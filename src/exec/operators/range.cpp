// The source of a range task: partition i of p holds the ids of rows [i * n / p, (i + 1) * n / p)
// (Spark's split, so spark_partition_id() and monotonically_increasing_id() agree with Spark),
// generated a batch at a time, so a limit downstream stops the generation.
#include "common/error.h"
#include "exec/operators/operator.h"

namespace ember {
namespace {

class RangeSource : public Source {
 public:
  RangeSource(const RangeNode& range, TaskContext& ctx, int partition) : ctx_(ctx), step_(range.step) {
    unsigned __int128 rows = range.NumRows();
    auto partitions = static_cast<unsigned __int128>(range.num_partitions);
    auto begin = static_cast<uint64_t>(rows * static_cast<unsigned>(partition) / partitions);
    auto end = static_cast<uint64_t>(rows * (static_cast<unsigned>(partition) + 1) / partitions);
    rows_ = end - begin;
    // The id of row `begin`, in two's complement (ids stay between start and end).
    next_ = static_cast<uint64_t>(range.start) + begin * static_cast<uint64_t>(range.step);
  }

  void Run(Operator& downstream) override {
    while (rows_ > 0) {
      ctx_.CheckCancelled();
      int64_t count = static_cast<int64_t>(std::min<uint64_t>(rows_, kBatchRows));
      VectorPtr ids = Vector::Make(LongType(), count);
      auto* out = ids->Data<int64_t>();
      uint64_t id = next_;
      auto step = static_cast<uint64_t>(step_);
      for (int64_t i = 0; i < count; ++i, id += step) out[i] = static_cast<int64_t>(id);
      next_ = id;
      rows_ -= static_cast<uint64_t>(count);
      if (!downstream.Push(Batch({std::move(ids)}, count))) break;
    }
    downstream.Finish();
  }

 private:
  TaskContext& ctx_;
  int64_t step_;
  uint64_t rows_ = 0;
  uint64_t next_ = 0;
};

}  // namespace

std::unique_ptr<Source> MakeRangeSource(const PhysicalNode& range, TaskContext& ctx, int partition) {
  const RangeNode& node = range.As<RangeExec>().range;
  EMBER_CHECK(partition >= 0 && partition < node.num_partitions, "range partition out of range");
  return std::make_unique<RangeSource>(node, ctx, partition);
}

}  // namespace ember

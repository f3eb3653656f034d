// Window group limit: over input sorted by window partition and then by the window's ordering (as
// the window operator above it receives it), passes on the rows of each partition while their
// row_number, rank or dense_rank is at most the limit and drops the rest, so the window and the
// filter above only see the rows the filter keeps. Streams; only the last row's keys are carried
// from one batch to the next, to tell whether the next batch continues its partition and peers.
#include "exec/operators/operator.h"
#include "exec/window_frames.h"

namespace ember {
namespace {

class WindowGroupLimitOperator : public Operator {
 public:
  WindowGroupLimitOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next)
      : window_(*node.As<WindowGroupLimitExec>().window),
        limit_(node.As<WindowGroupLimitExec>().limit),
        function_(window_.args[0]->name),
        ctx_(ctx),
        next_(next) {}

  bool Push(const Batch& batch) override {
    ctx_.CheckCancelled();
    const int64_t n = batch.num_rows;
    if (n == 0) return true;
    // Row 0 of the key columns is the previous batch's last row (when there was one).
    std::vector<VectorPtr> keys = Keys(batch);
    const int64_t first = started_ ? 1 : 0;
    if (first == 1) {
      for (size_t k = 0; k < keys.size(); ++k) keys[k] = ConcatVectors({last_keys_[k], keys[k]});
    }
    const size_t partitions = window_.window->num_partition;
    std::vector<bool> partition_starts = GroupStarts({keys.begin(), keys.begin() + static_cast<long>(partitions)},
                                                     n + first);
    std::vector<bool> peer_starts;
    if (function_ != "row_number") peer_starts = GroupStarts(keys, n + first);

    std::vector<int32_t> kept;
    for (int64_t i = first; i < n + first; ++i) {
      if (partition_starts[i]) position_ = rank_ = dense_rank_ = 0;
      ++position_;
      if (!peer_starts.empty() && peer_starts[i]) {
        rank_ = position_;
        ++dense_rank_;
      }
      const int64_t value = function_ == "row_number" ? position_ : function_ == "rank" ? rank_ : dense_rank_;
      if (value <= limit_) kept.push_back(static_cast<int32_t>(i - first));
    }
    started_ = true;
    last_keys_.clear();
    for (const auto& key : keys) last_keys_.push_back(SliceRows(*key, n + first - 1, 1));
    if (kept.empty()) return true;
    if (static_cast<int64_t>(kept.size()) == n) return next_.Push(batch);
    return next_.Push(TakeBatch(batch, kept.data(), static_cast<int64_t>(kept.size())));
  }

  void Finish() override { next_.Finish(); }

 private:
  // The partition keys, then the ordering keys (rank and dense_rank only), over `batch`.
  std::vector<VectorPtr> Keys(const Batch& batch) {
    const size_t partitions = window_.window->num_partition;
    const size_t count = function_ == "row_number" ? partitions + 1 : window_.args.size();
    std::vector<VectorPtr> keys;
    for (size_t a = 1; a < count; ++a) {
      const Expr& key = a <= partitions ? *window_.args[a] : *window_.args[a]->args[0];
      keys.push_back(EvaluateColumn(key, batch, ctx_.eval));
    }
    return keys;
  }

  const Expr& window_;
  const int64_t limit_;
  const std::string function_;
  TaskContext& ctx_;
  Operator& next_;
  bool started_ = false;
  std::vector<VectorPtr> last_keys_;
  int64_t position_ = 0, rank_ = 0, dense_rank_ = 0;  // of the last row, within its partition
};

}  // namespace

std::unique_ptr<Operator> MakeWindowGroupLimitOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next) {
  return std::make_unique<WindowGroupLimitOperator>(node, ctx, next);
}

}  // namespace ember

// ReplicateRows: repeats each row as many times as its count says (INTERSECT ALL / EXCEPT ALL
// emit each distinct row min(left, right) or left - right times). Output batches stay near
// kBatchRows rows even when one row repeats many times.
#include <algorithm>

#include "exec/operators/operator.h"

namespace ember {
namespace {

class ReplicateRowsOperator : public Operator {
 public:
  ReplicateRowsOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next)
      : count_(*node.As<ReplicateRowsExec>().count), ctx_(ctx), next_(next) {}

  bool Push(const Batch& batch) override {
    VectorPtr counts = EvaluateColumn(count_, batch, ctx_.eval);
    const int64_t* count = counts->Data<int64_t>();
    std::vector<int32_t> rows;
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      if (counts->IsNull(i)) continue;
      for (int64_t left = count[i]; left > 0;) {
        int64_t take = std::min<int64_t>(left, kBatchRows - static_cast<int64_t>(rows.size()));
        rows.insert(rows.end(), take, static_cast<int32_t>(i));
        left -= take;
        if (static_cast<int64_t>(rows.size()) == kBatchRows && !Flush(batch, &rows)) return false;
      }
    }
    return rows.empty() || Flush(batch, &rows);
  }
  void Finish() override { next_.Finish(); }

 private:
  bool Flush(const Batch& batch, std::vector<int32_t>* rows) {
    Batch out = TakeBatch(batch, rows->data(), static_cast<int64_t>(rows->size()));
    rows->clear();
    ctx_.CheckCancelled();
    return next_.Push(out);
  }

  const Expr& count_;
  TaskContext& ctx_;
  Operator& next_;
};

}  // namespace

std::unique_ptr<Operator> MakeReplicateRowsOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next) {
  return std::make_unique<ReplicateRowsOperator>(node, ctx, next);
}

}  // namespace ember

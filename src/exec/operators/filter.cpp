// Filter: keeps the rows where the predicate is true (not false, not null).
#include "exec/operators/empty_partition.h"
#include "exec/operators/operator.h"
#include "functions/partition_end.h"

namespace ember {
namespace {

class FilterOperator : public Operator {
 public:
  FilterOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next)
      : node_(node), predicate_(*node.As<FilterExec>().predicate), ctx_(ctx), next_(next) {}

  bool Push(const Batch& batch) override {
    pushed_ = true;
    VectorPtr keep = EvaluateColumn(predicate_, batch, ctx_.eval);
    ClaimPartitionEnds(ctx_.eval, &ends_);
    std::vector<int32_t> rows = SelectTrue(*keep);
    if (rows.empty()) return true;
    if (static_cast<int64_t>(rows.size()) == batch.num_rows) return next_.Push(batch);
    return next_.Push(TakeBatch(batch, rows.data(), static_cast<int64_t>(rows.size())));
  }
  void Finish() override {
    if (!pushed_ && CallsPandasFunction(node_, ctx_.eval)) {
      EvaluateColumn(predicate_, NullInput(node_, 0), ctx_.eval);
      ClaimPartitionEnds(ctx_.eval, &ends_);
    }
    FinishPartitionEnds(ctx_.eval, ends_);
    next_.Finish();
  }

 private:
  const PhysicalNode& node_;
  const Expr& predicate_;
  TaskContext& ctx_;
  Operator& next_;
  std::vector<std::shared_ptr<PartitionEnd>> ends_;  // of functions over whole partitions
  bool pushed_ = false;
};

}  // namespace

std::unique_ptr<Operator> MakeFilterOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next) {
  return std::make_unique<FilterOperator>(node, ctx, next);
}

}  // namespace ember

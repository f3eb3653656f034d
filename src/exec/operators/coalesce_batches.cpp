// Coalesce: re-cuts the input into batches of exactly `rows` rows (the last one shorter), for the
// operators evaluating functions with a cost per call (pandas UDFs: Spark hands them batches of
// maxRecordsPerBatch rows). Batches of the right size pass without a copy; the rows held while a
// batch fills are reserved, and when the reservation is refused what is held goes on as it is.
#include <deque>

#include "exec/operators/operator.h"

namespace ember {
namespace {

class CoalesceOperator : public Operator {
 public:
  CoalesceOperator(int64_t rows, TaskContext& ctx, Operator& next)
      : rows_(rows), memory_(ctx.memory), next_(next) {}

  bool Push(const Batch& batch) override {
    if (held_.empty() && batch.num_rows == rows_) return next_.Push(batch);
    held_.push_back(batch);
    held_rows_ += batch.num_rows;
    if (!memory_.TryGrow(batch.MemoryBytes())) return Emit(held_rows_);
    while (held_rows_ >= rows_) {
      if (!Emit(rows_)) return false;
    }
    return true;
  }

  // Downstream is finished even when it wants no more rows (a limit), as sources do.
  void Finish() override {
    if (held_rows_ > 0) Emit(held_rows_);
    next_.Finish();
  }

 private:
  // Pushes the first `count` held rows as one batch.
  bool Emit(int64_t count) {
    Batch out;
    out.num_rows = count;
    if (offset_ == 0 && held_.front().num_rows == count) {
      out = std::move(held_.front());
      held_.pop_front();
    } else {
      std::vector<std::vector<RowRange>> ranges(held_.front().columns.size());
      int64_t left = count;
      size_t used_up = 0;  // held batches whose last rows go out now
      for (const Batch& batch : held_) {
        int64_t take = std::min(left, batch.num_rows - offset_);
        for (size_t c = 0; c < ranges.size(); ++c) ranges[c].push_back({batch.columns[c].get(), offset_, take});
        left -= take;
        offset_ += take;
        if (offset_ == batch.num_rows) {
          ++used_up;
          offset_ = 0;
        }
        if (left == 0) break;
      }
      for (size_t c = 0; c < ranges.size(); ++c) {
        out.columns.push_back(ConcatRanges(held_.front().columns[c]->type(), ranges[c]));
      }
      held_.erase(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(used_up));
    }
    held_rows_ -= count;
    int64_t bytes = 0;
    for (const Batch& batch : held_) bytes += batch.MemoryBytes();
    memory_.TryResize(bytes);
    return next_.Push(out);
  }

  const int64_t rows_;
  MemoryReservation memory_;
  Operator& next_;
  std::deque<Batch> held_;
  int64_t offset_ = 0;  // rows of held_.front() already pushed
  int64_t held_rows_ = 0;
};

bool CallsCoalescingFunction(const ExprPtr& expr) {
  if (expr == nullptr) return false;
  if (expr->scalar != nullptr && expr->scalar->coalesce_input) return true;
  for (const auto& arg : expr->args) {
    if (CallsCoalescingFunction(arg)) return true;
  }
  return false;
}

bool AnyCallsCoalescingFunction(const std::vector<ExprPtr>& exprs) {
  for (const auto& expr : exprs) {
    if (CallsCoalescingFunction(expr)) return true;
  }
  return false;
}

}  // namespace

int64_t CoalescedBatchRows(const PhysicalNode& node, const EvalContext& ctx) {
  if (ctx.coalesced_batch_rows <= 0) return 0;
  bool calls = false;
  switch (node.kind()) {
    case PhysicalKind::kFilter:
      calls = CallsCoalescingFunction(node.As<FilterExec>().predicate);
      break;
    case PhysicalKind::kProject:
      calls = AnyCallsCoalescingFunction(node.As<ProjectExec>().exprs);
      break;
    case PhysicalKind::kGenerate:
      calls = CallsCoalescingFunction(node.As<GenerateExec>().generator);
      break;
    case PhysicalKind::kHashAggregate: {
      const auto& aggregate = node.As<HashAggregateExec>();
      calls = AnyCallsCoalescingFunction(aggregate.groups);
      for (const auto& call : aggregate.aggregates) {
        calls = calls || (!call.merge && (AnyCallsCoalescingFunction(call.inputs) ||
                                          CallsCoalescingFunction(call.filter)));
      }
      break;
    }
    default:
      break;
  }
  return calls ? ctx.coalesced_batch_rows : 0;
}

std::unique_ptr<Operator> MakeCoalesceOperator(int64_t rows, TaskContext& ctx, Operator& next) {
  return std::make_unique<CoalesceOperator>(rows, ctx, next);
}

}  // namespace ember

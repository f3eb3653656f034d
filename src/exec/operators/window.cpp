// Window operator: keeps its task's input (sorted by window partition, then by the window's
// ordering) until Finish, finds the partitions and peer groups once, computes every window
// expression's column over all rows, and pushes the input columns with those columns appended.
// Ranking and offset functions are single passes; aggregates go through exec/window_frames.
// What it keeps is reserved with room to evaluate it; when the budget refuses more, the complete
// partitions kept so far are evaluated and pushed, and only the last (maybe incomplete) one stays.
// A partition that cannot be held whole is streamed (window_stream.h) when its expressions allow,
// else it raises UNABLE_TO_ACQUIRE_MEMORY.
#include <numeric>

#include "common/error.h"
#include "exec/operators/operator.h"
#include "exec/operators/window_stream.h"
#include "exec/row_keys.h"
#include "exec/window_frames.h"
#include "plan/window_functions.h"

namespace ember {
namespace {

VectorPtr IntColumn(const std::vector<int32_t>& values) {
  VectorPtr column = Vector::Make(IntType(), static_cast<int64_t>(values.size()));
  std::copy(values.begin(), values.end(), column->Data<int32_t>());
  return column;
}

VectorPtr DoubleColumn(const std::vector<double>& values) {
  VectorPtr column = Vector::Make(DoubleType(), static_cast<int64_t>(values.size()));
  std::copy(values.begin(), values.end(), column->Data<double>());
  return column;
}

class WindowOperator : public Operator {
 public:
  WindowOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next)
      : node_(node), exprs_(node.As<WindowExec>().exprs), ctx_(ctx), next_(next), memory_(ctx.memory) {}

  bool Push(const Batch& batch) override {
    ctx_.CheckCancelled();
    if (done_) return false;
    if (stream_ != nullptr) return PushToStream(batch);
    const int64_t bytes = bytes_ + batch.MemoryBytes(), rows = rows_ + batch.num_rows;
    if (!memory_.TryResize(Need(bytes, rows))) {
      if (rows_ > 0 && !EmitCompletePartitions()) return false;
      const int64_t need = Need(bytes_ + batch.MemoryBytes(), rows_ + batch.num_rows);
      if (!memory_.TryResize(need)) {
        // One partition beyond the budget: streamed when its expressions allow, else it raises.
        if (!WindowStream::Supports(exprs_, ctx_.spills != nullptr)) memory_.Resize(need);
        stream_ = std::make_unique<WindowStream>(node_, exprs_, ctx_, next_,
                                                 [this](int64_t b, int64_t r) { return Need(b, r); });
        if (rows_ > 0 && !stream_->Add(TakeKept())) done_ = true;
        memory_.Release();
        return !done_ && PushToStream(batch);
      }
    }
    batches_.push_back(batch);
    rows_ += batch.num_rows;
    bytes_ += batch.MemoryBytes();
    return true;
  }

  void Finish() override {
    if (stream_ != nullptr && !done_) {
      stream_->Finish();
    } else if (rows_ > 0 && !done_) {
      Emit(TakeKept());
    }
    stream_.reset();
    batches_.clear();
    memory_.Release();
    next_.Finish();
  }

 private:
  // Passes the rows of the streamed partition to the stream; the rows of the partitions after it
  // go the usual way.
  bool PushToStream(const Batch& batch) {
    const size_t partitions = exprs_[0]->window->num_partition;
    Batch last = stream_->LastRow();
    std::vector<VectorPtr> keys = Keys(batch, partitions);
    if (last.num_rows > 0) {
      std::vector<VectorPtr> last_keys = Keys(last, partitions);
      for (size_t k = 0; k < keys.size(); ++k) keys[k] = ConcatVectors({last_keys[k], keys[k]});
    }
    std::vector<bool> starts = GroupStarts(keys, last.num_rows + batch.num_rows);
    int64_t cut = 1;
    while (cut < static_cast<int64_t>(starts.size()) && !starts[cut]) ++cut;
    cut -= last.num_rows;  // the first row of the next partition, in `batch`
    if (cut >= batch.num_rows) {
      if (!stream_->Add(batch)) done_ = true;
      return !done_;
    }
    if ((cut > 0 && !stream_->Add(SliceBatch(batch, 0, cut))) || !stream_->Finish()) {
      done_ = true;
      return false;
    }
    stream_.reset();
    return Push(SliceBatch(batch, cut, batch.num_rows - cut));
  }

  // What evaluating `rows` rows of `bytes` holds: the rows, their copy into one batch, and per row
  // the spans and keys, and each expression's result (aggregates: also frames and segment tree).
  int64_t Need(int64_t bytes, int64_t rows) const {
    int64_t row_bytes = 64;
    for (const auto& expr : exprs_) row_bytes += expr->args[0]->kind == ExprKind::kAggregate ? 64 : 16;
    return 2 * bytes + rows * row_bytes;
  }

  // The kept rows as one batch; keeps nothing.
  Batch TakeKept() {
    Batch all;
    all.num_rows = rows_;
    const size_t width = node_.output.size() - exprs_.size();
    for (size_t c = 0; c < width; ++c) {
      std::vector<VectorPtr> parts;
      for (const auto& batch : batches_) parts.push_back(batch.columns[c]);
      all.columns.push_back(parts.size() == 1 ? parts[0] : ConcatVectors(parts));
    }
    batches_.clear();
    rows_ = bytes_ = 0;
    return all;
  }

  // The first `count` keys (partition keys, then ordering keys) over `all`.
  std::vector<VectorPtr> Keys(const Batch& all, size_t count) {
    const Expr& first = *exprs_[0];
    const size_t partitions = first.window->num_partition;
    std::vector<VectorPtr> keys;
    for (size_t a = 1; a < first.args.size() && a <= count; ++a) {
      const Expr& key = a <= partitions ? *first.args[a] : *first.args[a]->args[0];
      keys.push_back(EvaluateColumn(key, all, ctx_.eval));
    }
    return keys;
  }

  // Evaluates and pushes the kept rows before the start of the last partition and keeps the
  // rest (sized to what it holds). False when the next operator wants no more rows.
  bool EmitCompletePartitions() {
    Batch all = TakeKept();
    const int64_t n = all.num_rows;
    std::vector<bool> starts = GroupStarts(Keys(all, exprs_[0]->window->num_partition), n);
    int64_t cut = n;
    while (cut > 0 && !starts[cut - 1]) --cut;
    cut = cut > 0 ? cut - 1 : 0;
    if (cut > 0) {
      Emit(SliceBatch(all, 0, cut));
      if (done_) return false;
      all = SliceBatch(all, cut, n - cut);
    }
    rows_ = all.num_rows;
    bytes_ = all.MemoryBytes();
    batches_.push_back(std::move(all));
    memory_.Resize(Need(bytes_, rows_));  // shrinks
    return true;
  }

  void Emit(const Batch& all) {
    const int64_t n = all.num_rows;
    const Expr& first = *exprs_[0];
    const size_t partitions = first.window->num_partition;
    std::vector<VectorPtr> keys = Keys(all, first.args.size());
    WindowRows rows;
    FillSpans(GroupStarts({keys.begin(), keys.begin() + static_cast<long>(partitions)}, n), rows.partition_start,
              rows.partition_end);
    FillSpans(GroupStarts(keys, n), rows.peer_start, rows.peer_end);
    const Vector* order_key = keys.size() > partitions ? keys[partitions].get() : nullptr;
    const Expr* order = first.args.size() > partitions + 1 ? first.args[partitions + 1].get() : nullptr;

    std::vector<VectorPtr> results;
    for (const auto& expr : exprs_) {
      ctx_.CheckCancelled();
      results.push_back(Compute(*expr, all, rows, order_key, order));
    }
    for (int64_t begin = 0; begin < n; begin += kBatchRows) {
      ctx_.CheckCancelled();
      int64_t count = std::min<int64_t>(kBatchRows, n - begin);
      Batch out;
      out.num_rows = count;
      for (const auto& column : all.columns) out.columns.push_back(SliceRows(*column, begin, count));
      for (const auto& column : results) out.columns.push_back(SliceRows(*column, begin, count));
      if (!next_.Push(out)) {
        done_ = true;
        break;
      }
    }
  }

  VectorPtr Compute(const Expr& window, const Batch& all, const WindowRows& rows, const Vector* order_key,
                    const Expr* order) {
    const Expr& function = *window.args[0];
    if (function.kind == ExprKind::kAggregate) {
      std::vector<VectorPtr> args;
      for (const auto& arg : function.args) args.push_back(EvaluateColumn(*arg, all, ctx_.eval));
      FrameRanges frames = ComputeFrames(*window.window, rows, order_key, order);
      return AggregateOverFrames(*function.aggregate, args, frames, ctx_.eval);
    }
    if (IsRankingFunction(function.name)) return Rank(function, rows);
    return Offset(window, function, all, rows, order_key, order);
  }

  static VectorPtr Rank(const Expr& function, const WindowRows& rows) {
    const int64_t n = rows.size();
    const std::string& name = function.name;
    if (name == "percent_rank" || name == "cume_dist") {
      std::vector<double> values(n);
      for (int64_t i = 0; i < n; ++i) {
        int64_t size = rows.partition_end[i] - rows.partition_start[i];
        values[i] = name == "cume_dist" ? CumeDist(rows.peer_end[i] - rows.partition_start[i], size)
                                        : PercentRank(rows.peer_start[i] - rows.partition_start[i], size);
      }
      return DoubleColumn(values);
    }
    std::vector<int32_t> values(n);
    int32_t dense = 0;
    for (int64_t i = 0; i < n; ++i) {
      int64_t start = rows.partition_start[i];
      int64_t row = i - start;
      if (name == "row_number") {
        values[i] = static_cast<int32_t>(row + 1);
      } else if (name == "rank") {
        values[i] = static_cast<int32_t>(rows.peer_start[i] - start + 1);
      } else if (name == "dense_rank") {
        if (i == start) dense = 0;
        if (rows.peer_start[i] == i) ++dense;
        values[i] = dense;
      } else {
        values[i] = NtileBucket(row, rows.partition_end[i] - start, function.args[0]->literal.i64);
      }
    }
    return IntColumn(values);
  }

  // lag, lead, nth_value: the input's value at another row, or the default (lag/lead) or null.
  VectorPtr Offset(const Expr& window, const Expr& function, const Batch& all, const WindowRows& rows,
                   const Vector* order_key, const Expr* order) {
    const int64_t n = rows.size();
    VectorPtr input = EvaluateColumn(*function.args[0], all, ctx_.eval);
    const int64_t offset = function.args[1]->literal.i64;
    const bool lag_lead = function.name != "nth_value";
    const bool ignore_nulls = function.args.back()->literal.i64 != 0;
    VectorPtr fallback = lag_lead ? EvaluateColumn(*function.args[2], all, ctx_.eval)
                                  : Vector::MakeNulls(input->type(), n);
    const NonNullRows values(*input);
    const std::vector<int64_t>&non_null = values.non_null, &before = values.before;
    // Row `target` of the input, or (n + i) the fallback's row i.
    std::vector<int32_t> source(n);
    FrameRanges frames;
    if (!lag_lead) frames = ComputeFrames(*window.window, rows, order_key, order);
    for (int64_t i = 0; i < n; ++i) {
      int64_t start = rows.partition_start[i], end = rows.partition_end[i];
      int64_t target = -1;
      if (!lag_lead) {
        int64_t lo = frames.lo[i], hi = frames.hi[i];
        if (!ignore_nulls) {
          if (lo + offset - 1 < hi) target = lo + offset - 1;
        } else {
          target = values.Nth(lo, hi, offset - 1);
        }
      } else if (offset == 0) {
        target = i;
      } else if (!ignore_nulls) {
        int64_t at = function.name == "lag" ? i - offset : i + offset;
        if (at >= start && at < end) target = at;
      } else if (function.name == "lag") {
        int64_t k = before[i] - offset;
        if (k >= before[start] && k >= 0) target = non_null[k];
      } else {
        int64_t k = before[i + 1] + offset - 1;
        if (k < before[end]) target = non_null[k];
      }
      source[i] = static_cast<int32_t>(target >= 0 ? target : n + i);
    }
    VectorPtr both = ConcatVectors({input, fallback});
    return TakeRows(*both, source.data(), n);
  }

  const PhysicalNode& node_;
  const std::vector<ExprPtr>& exprs_;
  TaskContext& ctx_;
  Operator& next_;
  MemoryReservation memory_;
  std::vector<Batch> batches_;
  int64_t rows_ = 0, bytes_ = 0;
  std::unique_ptr<WindowStream> stream_;  // the partition being streamed, when one did not fit
  bool done_ = false;  // the next operator wants no more rows
};

}  // namespace

std::unique_ptr<Operator> MakeWindowOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next) {
  return std::make_unique<WindowOperator>(node, ctx, next);
}

}  // namespace ember

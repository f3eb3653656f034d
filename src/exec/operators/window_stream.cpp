#include "exec/operators/window_stream.h"

#include <algorithm>

#include "common/error.h"
#include "exec/metrics.h"
#include "exec/window_frames.h"

namespace ember {
namespace {

// Rows evaluated at a time, beside the lookbehind and lookahead.
constexpr int64_t kChunkRows = 4 * kBatchRows;
// Rows held without a reservation, as batches in flight are: a stream whose operator upstream holds
// the task's memory (a sort emitting what it sorted in memory) goes on, a few batches at a time.
constexpr int64_t kInFlightRows = 2 * kBatchRows;

bool IsBounded(const FrameBound& bound) {
  return bound.kind == FrameBound::kPreceding || bound.kind == FrameBound::kFollowing;
}
// Rows before (negative) or after the current one that a ROWS bound reaches.
int64_t RowsOffset(const FrameBound& bound) {
  return bound.offset->literal.i64 * (bound.kind == FrameBound::kPreceding ? -1 : 1);
}

bool IsAggregate(const Expr& window) { return window.args[0]->kind == ExprKind::kAggregate; }

// An aggregate over the whole partition: UNBOUNDED on both sides, or the default frame without an
// ordering (every row a peer).
bool IsWholePartition(const Expr& window) {
  const WindowSpec& spec = *window.window;
  const bool ordered = window.args.size() > spec.num_partition + 1;
  return IsAggregate(window) && spec.lower.kind == FrameBound::kUnboundedPreceding &&
         (spec.upper.kind == FrameBound::kUnboundedFollowing || (!spec.rows && !ordered && spec.upper.kind == FrameBound::kCurrentRow));
}

bool NeedsPartitionSize(const Expr& window) {
  const std::string& name = window.args[0]->name;
  return !IsAggregate(window) && (name == "ntile" || name == "percent_rank" || name == "cume_dist");
}

// lag's offset counts rows back, lead's forward: the rows after the current one (negative: before).
int64_t LeadOffset(const Expr& function) {
  int64_t offset = function.args[1]->literal.i64;
  return function.name == "lag" ? -offset : offset;
}

VectorPtr IntValues(const std::vector<int32_t>& values) {
  VectorPtr column = Vector::Make(IntType(), static_cast<int64_t>(values.size()));
  std::copy(values.begin(), values.end(), column->Data<int32_t>());
  return column;
}

}  // namespace

bool WindowStream::Supports(const std::vector<ExprPtr>& exprs, bool can_spill) {
  for (const auto& expr : exprs) {
    const Expr& function = *expr->args[0];
    const WindowSpec& spec = *expr->window;
    if (IsWholePartition(*expr) || NeedsPartitionSize(*expr)) {
      if (!can_spill || function.distinct || function.has_filter) return false;
    } else if (function.kind == ExprKind::kAggregate) {
      if (function.distinct || function.has_filter) return false;
      if (spec.rows) {
        if (spec.lower.kind == FrameBound::kUnboundedFollowing) return false;
        if (spec.upper.kind == FrameBound::kUnboundedFollowing || spec.upper.kind == FrameBound::kUnboundedPreceding) {
          return false;
        }
      } else if (spec.lower.kind != FrameBound::kUnboundedPreceding || spec.upper.kind != FrameBound::kCurrentRow) {
        return false;
      }
    } else if (function.name == "lag" || function.name == "lead") {
      if (function.args.back()->literal.i64 != 0) return false;  // IGNORE NULLS
    } else if (function.name != "row_number" && function.name != "rank" && function.name != "dense_rank") {
      return false;
    }
  }
  return true;
}

WindowStream::WindowStream(const PhysicalNode& node, const std::vector<ExprPtr>& exprs, TaskContext& ctx,
                           Operator& next, std::function<int64_t(int64_t, int64_t)> need)
    : node_(node),
      exprs_(exprs),
      ctx_(ctx),
      next_(next),
      need_(std::move(need)),
      memory_(ctx.memory),
      carried_(exprs.size()),
      whole_(exprs.size()) {
  for (const auto& expr : exprs_) {
    const Expr& function = *expr->args[0];
    const WindowSpec& spec = *expr->window;
    if (IsWholePartition(*expr) || NeedsPartitionSize(*expr)) {
      first_pass_ = true;
      if (function.name == "cume_dist") peer_ends_ = true;
    } else if (IsAggregate(*expr)) {
      if (!spec.rows) peer_ends_ = true;
      for (const FrameBound* bound : {&spec.lower, &spec.upper}) {
        if (!spec.rows || !IsBounded(*bound)) continue;
        lookbehind_ = std::max(lookbehind_, -RowsOffset(*bound));
        lookahead_ = std::max(lookahead_, RowsOffset(*bound));
      }
    } else if (function.name == "lag" || function.name == "lead") {
      lookbehind_ = std::max(lookbehind_, -LeadOffset(function));
      lookahead_ = std::max(lookahead_, LeadOffset(function));
    }
  }
}

Batch WindowStream::LastRow() const {
  if (first_pass_) return last_;
  if (!pending_.empty()) return SliceBatch(pending_.back(), pending_.back().num_rows - 1, 1);
  if (held_.num_rows > 0) return SliceBatch(held_, held_.num_rows - 1, 1);
  return Batch();
}

bool WindowStream::Add(const Batch& batch) {
  if (first_pass_) {
    WriteFirstPass(batch);
    return true;
  }
  pending_.push_back(batch);
  pending_rows_ += batch.num_rows;
  pending_bytes_ += batch.MemoryBytes();
  const int64_t rows = held_.num_rows + pending_rows_, bytes = held_.MemoryBytes() + pending_bytes_;
  if (rows < kChunkRows + lookbehind_ + lookahead_ && Reserve(bytes, rows)) return true;
  if (!Evaluate(false)) return false;
  // What is left: the lookbehind and lookahead, and the rows of a peer group not yet complete.
  if (!Reserve(held_.MemoryBytes(), held_.num_rows)) memory_.Resize(need_(held_.MemoryBytes(), held_.num_rows));
  return true;
}

// The first pass of a partition whose size or whole-partition aggregates some expression needs:
// the rows go to a spill file, and the whole-partition aggregates take them.
void WindowStream::WriteFirstPass(const Batch& batch) {
  ctx_.CheckCancelled();
  if (file_ == nullptr) {
    file_ = std::make_unique<SpillFile>(ctx_.spills->NewPath("window"));
    for (const auto& column : batch.columns) types_.push_back(column->type());
  }
  frames_.push_back(file_->Append(batch).offset);
  partition_rows_ += batch.num_rows;
  last_ = SliceBatch(batch, batch.num_rows - 1, 1);
  std::vector<uint32_t> groups(batch.num_rows, 0);
  for (size_t e = 0; e < exprs_.size(); ++e) {
    if (!IsWholePartition(*exprs_[e])) continue;
    const Expr& function = *exprs_[e]->args[0];
    if (whole_states_.empty()) whole_states_.resize(exprs_.size());
    if (whole_states_[e] == nullptr) {
      whole_states_[e] = function.aggregate->create();
      whole_states_[e]->Resize(1);
    }
    std::vector<VectorPtr> args;
    for (const auto& arg : function.args) args.push_back(EvaluateColumn(*arg, batch, ctx_.eval));
    whole_states_[e]->Update(groups.data(), args, batch.num_rows);
  }
}

bool WindowStream::Finish() {
  if (first_pass_) {
    // The second pass streams the rows back, with the partition's size and aggregates known.
    first_pass_ = false;
    for (size_t e = 0; e < exprs_.size(); ++e) {
      if (IsWholePartition(*exprs_[e]) && !whole_states_.empty()) whole_[e] = whole_states_[e]->Final(0, 1, ctx_.eval);
    }
    whole_states_.clear();
    for (int64_t offset : frames_) {
      if (!Add(file_->Read(offset, types_))) return false;
    }
    if (ctx_.metrics != nullptr && file_ != nullptr) {
      ctx_.metrics->AddSpill(node_, static_cast<int64_t>(frames_.size()), file_->bytes());
    }
    file_.reset();
    frames_.clear();
  }
  return Evaluate(true);
}

bool WindowStream::Reserve(int64_t bytes, int64_t rows) {
  if (rows > kInFlightRows) return memory_.TryResize(need_(bytes, rows));
  memory_.Release();
  return true;
}

void WindowStream::Gather() {
  if (pending_.empty()) return;
  if (held_.num_rows > 0) pending_.insert(pending_.begin(), held_);
  Batch all;
  all.num_rows = held_.num_rows + pending_rows_;
  for (size_t c = 0; c < pending_[0].columns.size(); ++c) {
    std::vector<VectorPtr> parts;
    for (const auto& batch : pending_) parts.push_back(batch.columns[c]);
    all.columns.push_back(parts.size() == 1 ? parts[0] : ConcatVectors(parts));
  }
  held_ = std::move(all);
  pending_.clear();
  pending_rows_ = pending_bytes_ = 0;
}

bool WindowStream::Evaluate(bool complete) {
  ctx_.CheckCancelled();
  Gather();
  const int64_t n = held_.num_rows;
  const Expr& first = *exprs_[0];
  const size_t partitions = first.window->num_partition;
  std::vector<VectorPtr> order_keys;
  for (size_t a = partitions + 1; a < first.args.size(); ++a) {
    order_keys.push_back(EvaluateColumn(*first.args[a]->args[0], held_, ctx_.eval));
  }
  // The held rows as one partition: their peers are right from the second row on (the first row
  // held is a lookbehind row once rows were evaluated).
  WindowRows rows;
  rows.partition_start.assign(n, 0);
  rows.partition_end.assign(n, n);
  std::vector<bool> starts = GroupStarts(order_keys, n);
  FillSpans(starts, rows.peer_start, rows.peer_end);
  const int64_t begin = evaluated_ - held_begin_;
  int64_t end = complete ? n : std::max<int64_t>(begin, n - lookahead_);
  if (!complete && peer_ends_) {
    int64_t last_start = n;
    while (last_start > 0 && !starts[last_start - 1]) --last_start;
    end = std::min(end, std::max<int64_t>(begin, last_start - 1));
  }
  if (end <= begin) return true;
  const int64_t count = end - begin;

  // Ranks go on from the rows pushed before.
  std::vector<int32_t> row_numbers(count), ranks(count), dense_ranks(count);
  for (int64_t k = 0; k < count; ++k) {
    const int64_t row = evaluated_ + k;
    if (row == 0 || starts[begin + k]) {
      rank_ = static_cast<int32_t>(row + 1);
      ++dense_rank_;
    }
    row_numbers[k] = static_cast<int32_t>(row + 1);
    ranks[k] = rank_;
    dense_ranks[k] = dense_rank_;
  }
  std::vector<VectorPtr> results;
  for (size_t e = 0; e < exprs_.size(); ++e) {
    const Expr& window = *exprs_[e];
    const Expr& function = *window.args[0];
    if (IsWholePartition(window)) {
      std::vector<int32_t> first_row(count, 0);
      results.push_back(TakeRows(*whole_[e], first_row.data(), count));
    } else if (NeedsPartitionSize(window)) {
      results.push_back(SizedRank(function, rows, begin, count, ranks));
    } else if (IsAggregate(window)) {
      std::vector<VectorPtr> args;
      for (const auto& arg : function.args) args.push_back(EvaluateColumn(*arg, held_, ctx_.eval));
      FrameRanges frames = ComputeFrames(*window.window, rows, order_keys.empty() ? nullptr : order_keys[0].get(),
                                         partitions + 1 < first.args.size() ? first.args[partitions + 1].get() : nullptr);
      const auto* prefix = carried_[e].empty() ? nullptr : &carried_[e];
      VectorPtr all = AggregateOverFrames(*function.aggregate, args, frames, ctx_.eval, prefix);
      results.push_back(SliceRows(*all, begin, count));
    } else if (function.name == "lag" || function.name == "lead") {
      VectorPtr input = EvaluateColumn(*function.args[0], held_, ctx_.eval);
      VectorPtr fallback = EvaluateColumn(*function.args[2], held_, ctx_.eval);
      const int64_t offset = LeadOffset(function);
      std::vector<int32_t> source(count);
      for (int64_t k = 0; k < count; ++k) {
        int64_t at = begin + k + offset;
        bool inside = at >= 0 && at < n;  // the lookbehind and lookahead hold the rows inside
        source[k] = static_cast<int32_t>(inside ? at : n + begin + k);
      }
      VectorPtr both = ConcatVectors({input, fallback});
      results.push_back(TakeRows(*both, source.data(), count));
    } else {
      results.push_back(IntValues(function.name == "row_number" ? row_numbers
                                  : function.name == "rank"     ? ranks
                                                                : dense_ranks));
    }
  }
  for (int64_t at = 0; at < count; at += kBatchRows) {
    ctx_.CheckCancelled();
    int64_t size = std::min<int64_t>(kBatchRows, count - at);
    Batch out;
    out.num_rows = size;
    for (const auto& column : held_.columns) out.columns.push_back(SliceRows(*column, begin + at, size));
    for (const auto& column : results) out.columns.push_back(SliceRows(*column, at, size));
    if (!next_.Push(out)) return false;
  }
  evaluated_ += count;
  Drop(std::min(n, evaluated_ - held_begin_ - lookbehind_));
  return true;
}

// ntile, percent_rank or cume_dist of the rows [begin, begin + count) held, whose ranks are `ranks`.
VectorPtr WindowStream::SizedRank(const Expr& function, const WindowRows& rows, int64_t begin, int64_t count,
                                  const std::vector<int32_t>& ranks) const {
  if (function.name == "ntile") {
    std::vector<int32_t> values(count);
    for (int64_t k = 0; k < count; ++k) {
      values[k] = NtileBucket(evaluated_ + k, partition_rows_, function.args[0]->literal.i64);
    }
    return IntValues(values);
  }
  VectorPtr column = Vector::Make(DoubleType(), count);
  double* values = column->Data<double>();
  for (int64_t k = 0; k < count; ++k) {
    values[k] = function.name == "cume_dist" ? CumeDist(held_begin_ + rows.peer_end[begin + k], partition_rows_)
                                             : PercentRank(ranks[k] - 1, partition_rows_);
  }
  return column;
}

// Drops the first `rows` held rows, folding them into the carried states.
void WindowStream::Drop(int64_t rows) {
  if (rows <= 0) return;
  Batch dropped = SliceBatch(held_, 0, rows);
  for (size_t e = 0; e < exprs_.size(); ++e) {
    const Expr& window = *exprs_[e];
    if (!IsAggregate(window) || IsWholePartition(window) || window.window->lower.kind != FrameBound::kUnboundedPreceding) {
      continue;
    }
    const Expr& function = *window.args[0];
    std::unique_ptr<Accumulator> state = function.aggregate->create();
    state->Resize(1);
    if (!carried_[e].empty()) {
      uint32_t group = 0;
      state->Merge(&group, carried_[e], 1);
    }
    std::vector<VectorPtr> args;
    for (const auto& arg : function.args) args.push_back(EvaluateColumn(*arg, dropped, ctx_.eval));
    std::vector<uint32_t> groups(rows, 0);
    state->Update(groups.data(), args, rows);
    carried_[e] = state->Partial(0, 1);
  }
  held_ = SliceBatch(held_, rows, held_.num_rows - rows);
  held_begin_ += rows;
}

}  // namespace ember

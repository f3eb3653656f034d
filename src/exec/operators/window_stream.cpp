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

bool IgnoresNulls(const Expr& function) { return function.args.back()->literal.i64 != 0; }

// A bound at the current row or before it (a non-negative offset PRECEDING).
bool AtOrBeforeRow(const FrameBound& bound) {
  if (bound.kind == FrameBound::kCurrentRow) return true;
  if (bound.kind != FrameBound::kPreceding) return false;
  const Value& offset = bound.offset->literal;
  if (offset.type->id == TypeId::kFloat || offset.type->id == TypeId::kDouble) return offset.f64 >= 0;
  return offset.type->id == TypeId::kDecimal ? offset.DecimalUnscaled() >= 0 : offset.i64 >= 0;
}

bool IsNth(const Expr& window) { return window.args[0]->name == "nth_value"; }

// A frame of the whole partition: UNBOUNDED on both sides, or the default frame without an
// ordering (every row a peer).
bool IsWholeFrame(const Expr& window) {
  const WindowSpec& spec = *window.window;
  const bool ordered = window.args.size() > spec.num_partition + 1;
  return spec.lower.kind == FrameBound::kUnboundedPreceding &&
         (spec.upper.kind == FrameBound::kUnboundedFollowing || (!spec.rows && !ordered && spec.upper.kind == FrameBound::kCurrentRow));
}

// An aggregate over the whole partition: the first pass computes it.
bool IsWholePartition(const Expr& window) { return IsAggregate(window) && IsWholeFrame(window); }

// Expressions that read their frames: aggregates and nth_value.
bool ReadsFrames(const Expr& window) { return IsAggregate(window) || IsNth(window); }

// A frame ending UNBOUNDED FOLLOWING that does not start the partition: the backward pass
// evaluates it.
bool IsSuffix(const Expr& window) {
  return ReadsFrames(window) && !IsWholeFrame(window) && window.window->upper.kind == FrameBound::kUnboundedFollowing;
}

// The frames the forward pass reads.
bool UsesFrames(const Expr& window) { return ReadsFrames(window) && !IsWholeFrame(window) && !IsSuffix(window); }

// What an nth_value over the partition's first rows carries: its frame starts the partition.
bool CarriesNth(const Expr& window) {
  return IsNth(window) && window.window->lower.kind == FrameBound::kUnboundedPreceding;
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

// The rows of `batches` (at least one) one after another.
Batch ConcatBatches(const std::vector<Batch>& batches) {
  if (batches.size() == 1) return batches[0];
  Batch out;
  for (size_t c = 0; c < batches[0].columns.size(); ++c) {
    std::vector<VectorPtr> parts;
    for (const auto& batch : batches) parts.push_back(batch.columns[c]);
    out.columns.push_back(ConcatVectors(parts));
  }
  for (const auto& batch : batches) out.num_rows += batch.num_rows;
  return out;
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
    if (IsAggregate(*expr) && (function.distinct || function.has_filter)) return false;
    if (IsWholePartition(*expr) || NeedsPartitionSize(*expr) || (IsNth(*expr) && IsWholeFrame(*expr))) {
      if (!can_spill) return false;
    } else if (IsSuffix(*expr)) {
      if (!can_spill || !AtOrBeforeRow(spec.lower)) return false;
    } else if (UsesFrames(*expr)) {
      if (spec.lower.kind == FrameBound::kUnboundedFollowing || spec.upper.kind == FrameBound::kUnboundedFollowing ||
          spec.upper.kind == FrameBound::kUnboundedPreceding) {
        return false;
      }
    } else if (function.name == "lag" || function.name == "lead") {
      if (IgnoresNulls(function) && function.args[1]->literal.i64 < 0) return false;
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
      whole_(exprs.size()),
      nth_seen_(exprs.size(), 0),
      nth_carried_(exprs.size()),
      lag_carried_(exprs.size()) {
  for (const auto& expr : exprs_) {
    const Expr& function = *expr->args[0];
    const WindowSpec& spec = *expr->window;
    if (IsWholeFrame(*expr) || NeedsPartitionSize(*expr) || IsSuffix(*expr)) {
      first_pass_ = true;
      has_suffix_ = has_suffix_ || IsSuffix(*expr);
      if (function.name == "cume_dist") peer_ends_ = true;
    } else if (UsesFrames(*expr)) {
      if (!spec.rows) peer_ends_ = true;
      for (const FrameBound* bound : {&spec.lower, &spec.upper}) {
        if (!spec.rows || !IsBounded(*bound)) continue;
        lookbehind_ = std::max(lookbehind_, -RowsOffset(*bound));
        lookahead_ = std::max(lookahead_, RowsOffset(*bound));
      }
    } else if ((function.name == "lag" || function.name == "lead") && !IgnoresNulls(function)) {
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
    if (IsNth(*exprs_[e]) && IsWholeFrame(*exprs_[e])) SeeNth(e, batch);
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
    if (has_suffix_) SuffixPass();
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
  held_ = ConcatBatches(pending_);
  pending_.clear();
  pending_rows_ = pending_bytes_ = 0;
}

WindowStream::HeldRows WindowStream::Structure(const Batch& held) const {
  HeldRows out;
  const Expr& first = *exprs_[0];
  const size_t partitions = first.window->num_partition;
  for (size_t a = partitions + 1; a < first.args.size(); ++a) {
    out.order_keys.push_back(EvaluateColumn(*first.args[a]->args[0], held, ctx_.eval));
  }
  const int64_t n = held.num_rows;
  out.rows.partition_start.assign(n, 0);
  out.rows.partition_end.assign(n, n);
  out.starts = GroupStarts(out.order_keys, n);
  FillSpans(out.starts, out.rows.peer_start, out.rows.peer_end);
  out.order_key = out.order_keys.empty() ? nullptr : out.order_keys[0].get();
  out.order = partitions + 1 < first.args.size() ? first.args[partitions + 1].get() : nullptr;
  return out;
}

bool WindowStream::Evaluate(bool complete) {
  ctx_.CheckCancelled();
  Gather();
  const int64_t n = held_.num_rows;
  // The held rows as one partition: their peers are right from the second row on (the first row
  // held is a lookbehind row once rows were evaluated).
  const HeldRows held = Structure(held_);
  const WindowRows& rows = held.rows;
  const std::vector<bool>& starts = held.starts;
  const int64_t begin = evaluated_ - held_begin_;
  int64_t end = complete ? n : std::max<int64_t>(begin, n - lookahead_);
  if (!complete && peer_ends_) {
    int64_t last_start = n;
    while (last_start > 0 && !starts[last_start - 1]) --last_start;
    end = std::min(end, std::max<int64_t>(begin, last_start - 1));
  }
  // The frames of the held rows. A RANGE frame reaching the last row held may reach rows not yet
  // added (frames only grow with the rows, so the rows whose frames are complete come first).
  std::vector<FrameRanges> frames(exprs_.size());
  for (size_t e = 0; e < exprs_.size(); ++e) {
    const Expr& window = *exprs_[e];
    if (UsesFrames(window)) {
      frames[e] = ComputeFrames(*window.window, rows, held.order_key, held.order);
      if (!complete && !window.window->rows && end > begin) {
        end = std::lower_bound(frames[e].hi.begin() + begin, frames[e].hi.begin() + end, n) - frames[e].hi.begin();
      }
    } else if (!complete && window.args[0]->name == "lead" && IgnoresNulls(*window.args[0])) {
      // lead IGNORE NULLS: rows followed by fewer values than its offset wait for more.
      const Expr& function = *window.args[0];
      const NonNullRows values(*EvaluateColumn(*function.args[0], held_, ctx_.eval));
      const int64_t offset = function.args[1]->literal.i64;
      while (end > begin && values.before[end] + offset > values.before[n]) --end;
    }
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
  Batch suffix_values = has_suffix_ ? TakeSuffixValues(count) : Batch();
  size_t suffix_column = 0;
  std::vector<VectorPtr> results;
  for (size_t e = 0; e < exprs_.size(); ++e) {
    const Expr& window = *exprs_[e];
    const Expr& function = *window.args[0];
    if (IsWholePartition(window)) {
      std::vector<int32_t> first_row(count, 0);
      results.push_back(TakeRows(*whole_[e], first_row.data(), count));
    } else if (NeedsPartitionSize(window)) {
      results.push_back(SizedRank(function, rows, begin, count, ranks));
    } else if (IsSuffix(window)) {
      results.push_back(suffix_values.columns[suffix_column++]);
    } else if (IsAggregate(window)) {
      std::vector<VectorPtr> args;
      for (const auto& arg : function.args) args.push_back(EvaluateColumn(*arg, held_, ctx_.eval));
      const auto* prefix = carried_[e].empty() ? nullptr : &carried_[e];
      VectorPtr all = AggregateOverFrames(*function.aggregate, args, frames[e], ctx_.eval, prefix);
      results.push_back(SliceRows(*all, begin, count));
    } else if (IsNth(window) && IsWholeFrame(window)) {
      std::vector<int32_t> first_row(count, 0);
      VectorPtr value = nth_carried_[e] != nullptr ? nth_carried_[e] : Vector::MakeNulls(window.type, 1);
      results.push_back(TakeRows(*value, first_row.data(), count));
    } else if (IsNth(window)) {
      results.push_back(NthValue(e, frames[e], begin, count));
    } else if ((function.name == "lag" || function.name == "lead") && IgnoresNulls(function)) {
      results.push_back(IgnoreNullsOffset(e, begin, count));
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
  // Kept: the lookbehind, and the rows where the next row's frames start (RANGE offsets).
  int64_t keep = end - lookbehind_;
  for (size_t e = 0; e < exprs_.size(); ++e) {
    if (UsesFrames(*exprs_[e]) && exprs_[e]->window->lower.kind != FrameBound::kUnboundedPreceding) {
      keep = std::min(keep, frames[e].lo[std::min(end, n - 1)]);
    }
  }
  Drop(std::min(n, keep));
  return true;
}

// nth_value over each held row's frame in [begin, begin + count). A frame from the partition's
// start counts the rows dropped: past its row, the value was carried.
VectorPtr WindowStream::NthValue(size_t e, const FrameRanges& frames, int64_t begin, int64_t count) {
  const Expr& function = *exprs_[e]->args[0];
  VectorPtr input = EvaluateColumn(*function.args[0], held_, ctx_.eval);
  const NonNullRows values(*input);
  const bool ignore_nulls = IgnoresNulls(function);
  const bool from_start = exprs_[e]->window->lower.kind == FrameBound::kUnboundedPreceding;
  const int64_t n = held_.num_rows;
  std::vector<int32_t> source(count);
  for (int64_t k = 0; k < count; ++k) {
    int64_t lo = frames.lo[begin + k], hi = frames.hi[begin + k];
    int64_t nth = function.args[1]->literal.i64 - 1 - (from_start ? nth_seen_[e] : 0);
    int64_t target = -1;
    if (nth < 0) {
      target = n;  // the value carried
    } else if (ignore_nulls) {
      target = values.Nth(lo, hi, nth);
    } else if (lo + nth < hi) {
      target = lo + nth;
    }
    source[k] = static_cast<int32_t>(target >= 0 ? target : n + 1);
  }
  VectorPtr null = Vector::MakeNulls(input->type(), 1);
  VectorPtr both = ConcatVectors({input, nth_carried_[e] != nullptr ? nth_carried_[e] : null, null});
  return TakeRows(*both, source.data(), count);
}

// lag or lead IGNORE NULLS of the held rows [begin, begin + count): lag reads on into the values
// carried from the rows dropped, lead's rows are followed by enough values unless the partition
// ended.
VectorPtr WindowStream::IgnoreNullsOffset(size_t e, int64_t begin, int64_t count) {
  const Expr& function = *exprs_[e]->args[0];
  VectorPtr input = EvaluateColumn(*function.args[0], held_, ctx_.eval);
  VectorPtr fallback = EvaluateColumn(*function.args[2], held_, ctx_.eval);
  const NonNullRows values(*input);
  const int64_t offset = function.args[1]->literal.i64, n = held_.num_rows;
  VectorPtr carried = lag_carried_[e] != nullptr ? lag_carried_[e] : Vector::Make(input->type(), 0);
  const int64_t m = carried->length();
  std::vector<int32_t> source(count);
  for (int64_t k = 0; k < count; ++k) {
    const int64_t row = begin + k;
    int64_t target = -1;
    if (offset == 0) {
      target = row;
    } else if (function.name == "lag") {
      const int64_t before = values.before[row];
      if (before >= offset) {
        target = values.non_null[before - offset];
      } else if (m - (offset - before) >= 0) {
        target = n + m - (offset - before);
      }
    } else if (values.before[row + 1] + offset - 1 < values.before[n]) {
      target = values.non_null[values.before[row + 1] + offset - 1];
    }
    source[k] = static_cast<int32_t>(target >= 0 ? target : n + m + row);
  }
  VectorPtr all = ConcatVectors({input, carried, fallback});
  return TakeRows(*all, source.data(), count);
}

// The backward pass: the rows come back from the spill file's last frame to its first.
void WindowStream::SuffixPass() {
  suffix_file_ = std::make_unique<SpillFile>(ctx_.spills->NewPath("window"));
  std::vector<std::vector<VectorPtr>> suffix(exprs_.size());
  Batch held;
  for (size_t f = frames_.size(); f-- > 0;) {
    ctx_.CheckCancelled();
    Batch batch = file_->Read(frames_[f], types_);
    held = held.num_rows > 0 ? ConcatBatches({batch, held}) : batch;
    if (f > 0 && held.num_rows < kChunkRows && Reserve(held.MemoryBytes(), held.num_rows)) continue;
    EvaluateSuffix(held, suffix, f == 0);
    if (!Reserve(held.MemoryBytes(), held.num_rows)) memory_.Resize(need_(held.MemoryBytes(), held.num_rows));
  }
  memory_.Release();
  if (ctx_.metrics != nullptr) {
    ctx_.metrics->AddSpill(node_, static_cast<int64_t>(suffix_frames_.size()), suffix_file_->bytes());
  }
}

void WindowStream::EvaluateSuffix(Batch& held, std::vector<std::vector<VectorPtr>>& suffix, bool at_start) {
  const int64_t n = held.num_rows;
  const HeldRows structure = Structure(held);
  // Frames start at their row or before it, and never before the partition: a frame starting
  // after the first row held starts where the held rows say (those of later rows too).
  std::vector<FrameRanges> frames(exprs_.size());
  int64_t begin = 0;
  for (size_t e = 0; e < exprs_.size(); ++e) {
    if (!IsSuffix(*exprs_[e])) continue;
    frames[e] = ComputeFrames(*exprs_[e]->window, structure.rows, structure.order_key, structure.order);
    if (!at_start) begin = std::max(begin, std::upper_bound(frames[e].lo.begin(), frames[e].lo.end(), 0) - frames[e].lo.begin());
  }
  if (begin >= n) return;
  Batch values;
  values.num_rows = n - begin;
  for (size_t e = 0; e < exprs_.size(); ++e) {
    if (!IsSuffix(*exprs_[e])) continue;
    const Expr& function = *exprs_[e]->args[0];
    if (IsNth(*exprs_[e])) {
      values.columns.push_back(NthBeforeSuffix(e, held, frames[e], begin, suffix[e]));
      continue;
    }
    std::vector<VectorPtr> args;
    for (const auto& arg : function.args) args.push_back(EvaluateColumn(*arg, held, ctx_.eval));
    const auto* after = suffix[e].empty() ? nullptr : &suffix[e];
    values.columns.push_back(SliceRows(*AggregateOverFrames(*function.aggregate, args, frames[e], ctx_.eval, nullptr, after),
                                       begin, n - begin));
    // The rows evaluated join the rows after them: every frame of an earlier row holds them.
    std::unique_ptr<Accumulator> state = function.aggregate->create();
    state->Resize(1);
    std::vector<VectorPtr> evaluated;
    for (const auto& arg : args) evaluated.push_back(SliceRows(*arg, begin, n - begin));
    std::vector<uint32_t> groups(n - begin, 0);
    state->Update(groups.data(), evaluated, n - begin);
    if (after != nullptr) {
      uint32_t group = 0;
      state->Merge(&group, suffix[e], 1);
    }
    suffix[e] = state->Partial(0, 1);
  }
  if (suffix_types_.empty()) {
    for (const auto& column : values.columns) suffix_types_.push_back(column->type());
  }
  suffix_frames_.push_back(suffix_file_->Append(values).offset);
  held = SliceBatch(held, 0, begin);
}

// nth_value over the frames of the rows [begin, n) of `held`, which end with the rows after it;
// `firsts`: the first (non-null) values of those rows, as many as its offset, then also of these.
VectorPtr WindowStream::NthBeforeSuffix(size_t e, const Batch& held, const FrameRanges& frames, int64_t begin,
                                        std::vector<VectorPtr>& firsts) {
  const Expr& function = *exprs_[e]->args[0];
  VectorPtr input = EvaluateColumn(*function.args[0], held, ctx_.eval);
  const NonNullRows values(*input);
  const bool ignore_nulls = IgnoresNulls(function);
  const int64_t n = held.num_rows, nth = function.args[1]->literal.i64 - 1;
  VectorPtr after = firsts.empty() ? Vector::Make(input->type(), 0) : firsts[0];
  const int64_t m = after->length();
  std::vector<int32_t> source(n - begin);
  for (int64_t row = begin; row < n; ++row) {
    const int64_t lo = frames.lo[row];
    int64_t target = ignore_nulls ? values.Nth(lo, n, nth) : lo + nth < n ? lo + nth : -1;
    if (target < 0) {
      const int64_t later = nth - (ignore_nulls ? values.before[n] - values.before[lo] : n - lo);
      target = later < m ? n + later : n + m;
    }
    source[row - begin] = static_cast<int32_t>(target);
  }
  VectorPtr all = ConcatVectors({input, after, Vector::MakeNulls(input->type(), 1)});
  VectorPtr result = TakeRows(*all, source.data(), n - begin);
  // The first values from `begin` on.
  std::vector<int32_t> at;
  for (int64_t row = begin; row < n && static_cast<int64_t>(at.size()) <= nth; ++row) {
    if (!ignore_nulls || !input->IsNull(row)) at.push_back(static_cast<int32_t>(row));
  }
  for (int64_t k = 0; k < m && static_cast<int64_t>(at.size()) <= nth; ++k) at.push_back(static_cast<int32_t>(n + k));
  firsts = {TakeRows(*all, at.data(), static_cast<int64_t>(at.size()))};
  return result;
}

Batch WindowStream::TakeSuffixValues(int64_t count) {
  std::vector<Batch> parts;
  int64_t have = suffix_values_.num_rows;
  if (have > 0) parts.push_back(suffix_values_);
  while (have < count) {
    parts.push_back(suffix_file_->Read(suffix_frames_.back(), suffix_types_));
    suffix_frames_.pop_back();
    have += parts.back().num_rows;
  }
  Batch all = ConcatBatches(parts);
  suffix_values_ = SliceBatch(all, count, all.num_rows - count);
  return SliceBatch(all, 0, count);
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

// nth_value from the partition's start sees the partition's next rows: counts them, and carries
// its value once among them.
void WindowStream::SeeNth(size_t e, const Batch& rows) {
  if (nth_carried_[e] != nullptr) return;
  const Expr& function = *exprs_[e]->args[0];
  VectorPtr input = EvaluateColumn(*function.args[0], rows, ctx_.eval);
  const NonNullRows values(*input);
  const int64_t nth = function.args[1]->literal.i64 - 1 - nth_seen_[e], n = rows.num_rows;
  const int32_t at = static_cast<int32_t>(IgnoresNulls(function) ? values.Nth(0, n, nth) : nth < n ? nth : -1);
  if (at >= 0) nth_carried_[e] = TakeRows(*input, &at, 1);
  nth_seen_[e] += IgnoresNulls(function) ? values.before[n] : n;
}

// Drops the first `rows` held rows, folding them into the carried states.
void WindowStream::Drop(int64_t rows) {
  if (rows <= 0) return;
  Batch dropped = SliceBatch(held_, 0, rows);
  for (size_t e = 0; e < exprs_.size(); ++e) {
    const Expr& window = *exprs_[e];
    const Expr& function = *window.args[0];
    if (CarriesNth(window) && UsesFrames(window)) {
      SeeNth(e, dropped);
    } else if (function.name == "lag" && IgnoresNulls(function)) {
      // The last `offset` values, of those carried and the rows dropped.
      VectorPtr input = EvaluateColumn(*function.args[0], dropped, ctx_.eval);
      const NonNullRows values(*input);
      std::vector<int32_t> at(values.non_null.begin(), values.non_null.end());
      VectorPtr seen = TakeRows(*input, at.data(), static_cast<int64_t>(at.size()));
      if (lag_carried_[e] != nullptr) seen = ConcatVectors({lag_carried_[e], seen});
      const int64_t keep = std::min(seen->length(), function.args[1]->literal.i64);
      lag_carried_[e] = SliceRows(*seen, seen->length() - keep, keep);
    }
    if (!IsAggregate(window) || !UsesFrames(window) || window.window->lower.kind != FrameBound::kUnboundedPreceding) {
      continue;
    }
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

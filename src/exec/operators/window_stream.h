// A window partition too big for the memory budget, evaluated while its rows stream in, for the
// window expressions that need a bounded part of the partition at a time: row_number, rank and
// dense_rank (carried from row to row), lag and lead (their offset's rows around each row; with
// IGNORE NULLS, lag carries the last values seen and lead holds rows until enough values follow),
// aggregates and nth_value over ROWS and RANGE frames ending before UNBOUNDED FOLLOWING. Rows are
// held until their frames are complete (the rows up to the upper bound, which a RANGE offset
// gives in ordering values), evaluated with the expressions' usual code over the held rows, and
// pushed; only the rows later frames start at stay, and what an unbounded-preceding frame saw of
// the rows dropped is carried (a partial state, nth_value's value). Aggregates and nth_value over
// the whole partition, ntile, percent_rank and cume_dist take two passes: the rows go to a spill
// file while those aggregates, nth_value and the row count take them, then stream back. Aggregates
// and nth_value over frames ending UNBOUNDED FOLLOWING (starting at the current row or before it)
// take three: after the first, a backward pass reads the file from its end, evaluates them with
// what they need of the rows after those held (a partial state, nth_value's first values), and
// writes their values to a second file that the forward pass reads along.
// A frame, peer group or run of nulls beyond the budget raises UNABLE_TO_ACQUIRE_MEMORY.
#pragma once

#include <functional>
#include <vector>

#include "common/memory_manager.h"
#include "exec/operators/operator.h"
#include "exec/spill_file.h"
#include "exec/window_frames.h"

namespace ember {

class WindowStream {
 public:
  // Whether every expression of a window can be evaluated so (`can_spill`: with two passes).
  static bool Supports(const std::vector<ExprPtr>& exprs, bool can_spill);

  // `exprs`: the expressions of the window `node` (kWindow, sharing one partitioning and
  // ordering); `need`: the bytes to reserve for holding and evaluating rows of the given bytes
  // and count.
  WindowStream(const PhysicalNode& node, const std::vector<ExprPtr>& exprs, TaskContext& ctx, Operator& next,
               std::function<int64_t(int64_t, int64_t)> need);

  // Adds the partition's next rows. False when the next operator wants no more rows.
  bool Add(const Batch& batch);
  // The partition ended: evaluates and pushes the held rows (after the second pass, if any).
  bool Finish();
  // The last row added (no row before the first Add).
  Batch LastRow() const;

 private:
  // Rows held as one partition: their ordering keys, peers and where peer groups start, and the
  // ordering a RANGE frame reads.
  struct HeldRows {
    std::vector<VectorPtr> order_keys;
    WindowRows rows;
    std::vector<bool> starts;
    const Vector* order_key = nullptr;
    const Expr* order = nullptr;
  };
  HeldRows Structure(const Batch& held) const;
  // Evaluates and pushes the held rows whose frames are complete (all, when `complete`), then drops
  // the rows no later frame needs.
  bool Evaluate(bool complete);
  void Drop(int64_t rows);
  VectorPtr NthValue(size_t e, const FrameRanges& frames, int64_t begin, int64_t count);
  void SeeNth(size_t e, const Batch& rows);
  VectorPtr NthBeforeSuffix(size_t e, const Batch& held, const FrameRanges& frames, int64_t begin,
                            std::vector<VectorPtr>& firsts);
  VectorPtr IgnoreNullsOffset(size_t e, int64_t begin, int64_t count);
  // The backward pass over the spill file for the frames ending UNBOUNDED FOLLOWING.
  void SuffixPass();
  // Evaluates those frames for the rows of `held` (the rows before those whose partial states
  // `suffix` holds) whose frames start within it (all, when `at_start`: the partition's first rows);
  // writes their values, folds those rows into `suffix` and keeps the rest in `held`.
  void EvaluateSuffix(Batch& held, std::vector<std::vector<VectorPtr>>& suffix, bool at_start);
  // The next `count` rows of the backward pass's values.
  Batch TakeSuffixValues(int64_t count);
  void WriteFirstPass(const Batch& batch);
  VectorPtr SizedRank(const Expr& function, const WindowRows& rows, int64_t begin, int64_t count,
                      const std::vector<int32_t>& ranks) const;
  // Reserves what holding `rows` rows of `bytes` needs; false when refused.
  bool Reserve(int64_t bytes, int64_t rows);
  void Gather();

  const PhysicalNode& node_;
  const std::vector<ExprPtr>& exprs_;
  TaskContext& ctx_;
  Operator& next_;
  std::function<int64_t(int64_t, int64_t)> need_;
  MemoryReservation memory_;
  int64_t lookbehind_ = 1;  // rows before the first unevaluated one that frames may read
  int64_t lookahead_ = 0;   // rows after an evaluated one that its frame may read
  bool peer_ends_ = false;  // some frame ends with the row's peers
  Batch held_;              // rows [held_begin_, held_begin_ + held_.num_rows) of the partition
  std::vector<Batch> pending_;  // rows added since, not yet in held_
  int64_t pending_rows_ = 0, pending_bytes_ = 0;
  int64_t held_begin_ = 0;
  int64_t evaluated_ = 0;  // rows of the partition pushed
  int32_t rank_ = 0, dense_rank_ = 0;
  // Per expression: the partial state of the rows dropped, for an unbounded-preceding frame.
  std::vector<std::vector<VectorPtr>> carried_;
  // Two passes, when an expression needs the partition's size or an aggregate over all of it: the
  // first writes the rows to `file_` and aggregates them, the second streams them back.
  bool first_pass_ = false;
  std::unique_ptr<SpillFile> file_;
  std::vector<int64_t> frames_;
  std::vector<TypePtr> types_;
  Batch last_;
  int64_t partition_rows_ = 0;
  std::vector<std::unique_ptr<Accumulator>> whole_states_;
  std::vector<VectorPtr> whole_;  // per whole-partition aggregate: its value, one row
  // nth_value from the partition's start: the (non-null) rows dropped, and the value once dropped.
  std::vector<int64_t> nth_seen_;
  std::vector<VectorPtr> nth_carried_;
  std::vector<VectorPtr> lag_carried_;  // lag IGNORE NULLS: the last values of the rows dropped
  // The backward pass's values (one column per frame ending UNBOUNDED FOLLOWING): frames of
  // `suffix_file_` from the partition's end back, and the rows read but not yet taken.
  bool has_suffix_ = false;
  std::unique_ptr<SpillFile> suffix_file_;
  std::vector<int64_t> suffix_frames_;
  std::vector<TypePtr> suffix_types_;
  Batch suffix_values_;
};

}  // namespace ember

// A window partition too big for the memory budget, evaluated while its rows stream in, for the
// window expressions that need a bounded part of the partition at a time: row_number, rank and
// dense_rank (carried from row to row), lag and lead (their offset's rows around each row), and
// aggregates over ROWS frames with bounded or UNBOUNDED PRECEDING bounds and over RANGE BETWEEN
// UNBOUNDED PRECEDING AND CURRENT ROW (the running default). Rows are held until their frames are
// complete (the lookahead, and the rest of their peers), evaluated with the expressions' usual code
// over the held rows, and pushed; only the lookbehind stays, and what an unbounded-preceding frame
// saw of the rows dropped is carried as one partial state. Aggregates over the whole partition,
// ntile, percent_rank and cume_dist take two passes: the rows go to a spill file while those
// aggregates and the row count take them, then stream back. Other expressions (frames ending
// UNBOUNDED FOLLOWING after the current row, RANGE offsets, nth_value, IGNORE NULLS) need the
// whole partition in memory.
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
  // Evaluates and pushes the held rows whose frames are complete (all, when `complete`), then drops
  // the rows no later frame needs.
  bool Evaluate(bool complete);
  void Drop(int64_t rows);
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
};

}  // namespace ember

// The sorted runs of a sort that did not fit in memory. Each run is spilled as it comes out of the
// in-memory sort; Merge reads the runs back a batch at a time and merges them with a heap of run
// cursors (equal keys come in run order, so the sort stays stable). A merge opens as many runs as
// the memory budget holds a batch of (at most kMaxMergeWidth); when that is fewer than all, the
// first ones are merged into one longer run first, and so on.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "common/memory_manager.h"
#include "exec/operators/operator.h"
#include "exec/spill_file.h"

namespace ember {

class SortedRuns {
 public:
  // Rows per batch of a run: the merge holds one batch of every run it reads at once.
  static constexpr int64_t kRunBatchRows = kBatchRows / 4;

  // `orders`: kSortOrder expressions over rows of `types`; `memory`: the sort's reservation, free
  // while merging.
  SortedRuns(const std::vector<ExprPtr>& orders, std::vector<TypePtr> types, TaskContext& ctx,
             MemoryReservation& memory);

  // Starts a run; the batches added next are its rows, in order.
  void BeginRun();
  void Add(const Batch& batch);
  // Passes every row of every run, in order, to `out` in batches until it returns false.
  void Merge(const std::function<bool(const Batch&)>& out);

  int64_t runs() const { return spilled_runs_; }
  int64_t spilled_bytes() const { return file_.bytes(); }

 private:
  struct Cursor;
  bool Load(Cursor& cursor) const;
  int Compare(const Cursor& a, const Cursor& b) const;
  // Merges the cursors' rows into batches of `batch_rows` rows.
  void MergeCursors(std::vector<Cursor>& cursors, int64_t batch_rows,
                    const std::function<bool(const Batch&)>& out) const;

  static constexpr size_t kMaxMergeWidth = 64;
  static constexpr int64_t kHeadroomBatches = 4;

  const std::vector<ExprPtr>& orders_;
  std::vector<TypePtr> types_;
  TaskContext& ctx_;
  MemoryReservation& memory_;
  SpillFile file_;
  std::vector<std::vector<int64_t>> runs_;  // frame offsets of each run's batches
  int64_t spilled_runs_ = 0;
};

}  // namespace ember

// Window frames over one task's rows, sorted by window partition and then by the window's
// ordering: which rows form each row's frame, and any aggregate over every row's frame.
#pragma once

#include <cstdint>
#include <vector>

#include "common/vector.h"
#include "expr/expr.h"
#include "functions/function.h"

namespace ember {

// The structure of the sorted rows: for each row, the bounds [start, end) of its window partition
// and of its peers (rows of the partition with equal ordering values).
struct WindowRows {
  std::vector<int64_t> partition_start, partition_end;
  std::vector<int64_t> peer_start, peer_end;
  int64_t size() const { return static_cast<int64_t>(partition_start.size()); }
};

// Whether each row starts a new group: its key (`columns`) differs from the previous row's.
std::vector<bool> GroupStarts(const std::vector<VectorPtr>& columns, int64_t rows);
// For each row, the [begin, end) of the group it belongs to.
void FillSpans(const std::vector<bool>& starts, std::vector<int64_t>& begin, std::vector<int64_t>& end);

// ntile(buckets) of the row at `row` of a partition of `size` rows: the first size % buckets
// buckets hold one row more.
int32_t NtileBucket(int64_t row, int64_t size, int64_t buckets);
// percent_rank of a row with `before` rows ranked before it, and cume_dist of one whose last peer
// ends at `peer_end`, in a partition of `size` rows.
inline double PercentRank(int64_t before, int64_t size) {
  return size > 1 ? static_cast<double>(before) / static_cast<double>(size - 1) : 0;
}
inline double CumeDist(int64_t peer_end, int64_t size) {
  return static_cast<double>(peer_end) / static_cast<double>(size);
}

// The rows of a column holding a value: non_null[k] is the k-th of them, before[i] how many come
// before row i.
struct NonNullRows {
  explicit NonNullRows(const Vector& column);
  std::vector<int64_t> non_null, before;
  // The `k`-th (from 0) row holding a value in rows [lo, hi), or -1.
  int64_t Nth(int64_t lo, int64_t hi, int64_t k) const {
    return before[lo] + k < before[hi] ? non_null[before[lo] + k] : -1;
  }
};

// Each row's frame: rows [lo[i], hi[i]) (empty when lo >= hi).
struct FrameRanges {
  std::vector<int64_t> lo, hi;
};

// The frames of `window` (a resolved kWindow's spec, frame filled in). `order_key` is the single
// ordering column of a RANGE frame with value offsets (else unused) and `order` its kSortOrder.
FrameRanges ComputeFrames(const WindowSpec& window, const WindowRows& rows, const Vector* order_key,
                          const Expr* order);

// `aggregate` over every row's frame, in row order: leaves are the rows' partial states, each level
// merges pairs of the level below, and a frame merges the O(log n) nodes that cover it, left to
// right (so first/last see rows in order). O(n log n) for any frame. `prefix` (nullable): a partial
// state (one row) of rows before row 0 that every frame starts with; `suffix` (nullable): one of
// rows after the last row that every frame ends with.
VectorPtr AggregateOverFrames(const BoundAggregate& aggregate, const std::vector<VectorPtr>& args,
                              const FrameRanges& frames, EvalContext& ctx,
                              const std::vector<VectorPtr>* prefix = nullptr,
                              const std::vector<VectorPtr>* suffix = nullptr);

}  // namespace ember

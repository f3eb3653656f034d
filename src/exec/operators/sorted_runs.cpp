#include "exec/operators/sorted_runs.h"

#include <queue>

#include "exec/operators/sort_keys.h"

namespace ember {

struct SortedRuns::Cursor {
  const std::vector<int64_t>* frames = nullptr;
  size_t next_frame = 0;
  Batch batch;
  std::vector<VectorPtr> keys;
  int64_t row = 0;
};

SortedRuns::SortedRuns(const std::vector<ExprPtr>& orders, std::vector<TypePtr> types, TaskContext& ctx,
                       MemoryReservation& memory)
    : orders_(orders), types_(std::move(types)), ctx_(ctx), memory_(memory), file_(ctx.spills->NewPath("sort")) {}

void SortedRuns::BeginRun() {
  runs_.emplace_back();
  ++spilled_runs_;
}

void SortedRuns::Add(const Batch& batch) { runs_.back().push_back(file_.Append(batch).offset); }

bool SortedRuns::Load(Cursor& cursor) const {
  while (cursor.next_frame < cursor.frames->size()) {
    cursor.batch = file_.Read((*cursor.frames)[cursor.next_frame++], types_);
    if (cursor.batch.num_rows == 0) continue;
    cursor.keys.clear();
    for (const auto& order : orders_) cursor.keys.push_back(EvaluateColumn(*order->args[0], cursor.batch, ctx_.eval));
    cursor.row = 0;
    return true;
  }
  cursor.batch = Batch();
  cursor.keys.clear();
  return false;
}

int SortedRuns::Compare(const Cursor& a, const Cursor& b) const {
  return CompareSortKeys(a.keys, a.row, b.keys, b.row, orders_);
}

void SortedRuns::Merge(const std::function<bool(const Batch&)>& out) {
  for (;;) {
    // Open runs while the budget holds their batches (two at least, else nothing can progress),
    // leaving room for a few more: the operators the merge feeds need some too.
    std::vector<Cursor> cursors;
    size_t opened = 0;
    for (; opened < runs_.size() && opened < kMaxMergeWidth; ++opened) {
      Cursor cursor;
      cursor.frames = &runs_[opened];
      if (!Load(cursor)) continue;
      int64_t bytes = 2 * cursor.batch.MemoryBytes();
      if (cursors.size() < 2) {
        memory_.Grow(bytes);
      } else if (!memory_.TryGrow(bytes * (1 + kHeadroomBatches))) {
        break;
      } else {
        memory_.Resize(memory_.bytes() - bytes * kHeadroomBatches);  // shrinks
      }
      cursors.push_back(std::move(cursor));
    }
    if (opened == runs_.size()) {
      MergeCursors(cursors, kBatchRows, out);
      memory_.Release();
      return;
    }
    // Runs [0, opened) become one run, in their place so that equal keys keep their order.
    std::vector<int64_t> merged;
    MergeCursors(cursors, kRunBatchRows, [&](const Batch& batch) {
      merged.push_back(file_.Append(batch).offset);
      return true;
    });
    memory_.Release();
    runs_.erase(runs_.begin(), runs_.begin() + static_cast<std::ptrdiff_t>(opened));
    runs_.insert(runs_.begin(), std::move(merged));
  }
}

void SortedRuns::MergeCursors(std::vector<Cursor>& cursors, int64_t batch_rows,
                              const std::function<bool(const Batch&)>& out) const {
  // A min-heap of cursor indices; ties go to the earlier run.
  auto after = [&](size_t a, size_t b) {
    int c = Compare(cursors[a], cursors[b]);
    return c != 0 ? c > 0 : a > b;
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(after)> heap(after);
  for (size_t i = 0; i < cursors.size(); ++i) heap.push(i);
  std::vector<VectorBuilder> builders;
  for (const auto& type : types_) builders.emplace_back(type);
  int64_t pending = 0;
  auto flush = [&] {
    Batch batch;
    batch.num_rows = pending;
    for (auto& builder : builders) batch.columns.push_back(builder.Finish());
    pending = 0;
    return out(batch);
  };
  std::vector<int32_t> rows;
  while (!heap.empty()) {
    size_t i = heap.top();
    heap.pop();
    Cursor& cursor = cursors[i];
    // The cursor's rows up to the first that comes after another run's next row, copied at once.
    int64_t begin = cursor.row, end = begin + 1;
    while (end < cursor.batch.num_rows && end - begin < batch_rows - pending) {
      cursor.row = end;
      if (!heap.empty() && after(i, heap.top())) break;
      ++end;
    }
    rows.resize(end - begin);
    for (int64_t r = begin; r < end; ++r) rows[r - begin] = static_cast<int32_t>(r);
    for (size_t c = 0; c < builders.size(); ++c) builders[c].AppendRows(*cursor.batch.columns[c], rows.data(), end - begin);
    pending += end - begin;
    cursor.row = end;
    if (cursor.row < cursor.batch.num_rows || Load(cursor)) heap.push(i);
    if (pending == batch_rows) {
      ctx_.CheckCancelled();
      if (!flush()) return;
    }
  }
  if (pending > 0) flush();
}

}  // namespace ember

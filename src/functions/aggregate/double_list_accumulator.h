// The base of the ML aggregates (ml_aggregates.cpp, ml_tree_aggregates.cpp) whose state per group
// is a short list of doubles merged across partitions. Internal to the functions layer.
#pragma once

#include <vector>

#include "functions/function.h"

namespace ember {

inline TypePtr DoubleArray() { return ArrayType(DoubleType(), false); }

// Accumulators whose state per group is a list of doubles (empty until a row arrives), crossing
// exchanges as one array<double> column.
class DoubleListAccumulator : public Accumulator {
 public:
  void Resize(int64_t groups) override { states_.resize(groups); }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const Vector& lists = *states[0];
    const int32_t* offsets = lists.Offsets();
    const double* values = lists.child(0)->Data<double>();
    for (int64_t r = 0; r < rows; ++r) {
      if (lists.IsNull(r) || offsets[r + 1] == offsets[r]) continue;
      std::vector<double>& state = states_[group_ids[r]];
      const double* other = values + offsets[r];
      size_t size = static_cast<size_t>(offsets[r + 1] - offsets[r]);
      if (state.empty()) {
        state.assign(other, other + size);
      } else {
        MergeState(state, other, size);
      }
    }
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    return {Lists(begin, end, [](const std::vector<double>& s) { return s; })};
  }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    return Lists(begin, end, [this](const std::vector<double>& s) { return Result(s); });
  }
  int64_t MemoryBytes() const override {
    int64_t bytes = static_cast<int64_t>(states_.capacity() * sizeof(std::vector<double>));
    for (const auto& s : states_) bytes += static_cast<int64_t>(s.capacity() * sizeof(double));
    return bytes;
  }

 protected:
  // Adds `other` (a partial state of `size` values) into the non-empty `state`.
  virtual void MergeState(std::vector<double>& state, const double* other, size_t size) = 0;
  virtual std::vector<double> Result(const std::vector<double>& state) const = 0;
  std::vector<std::vector<double>> states_;

 private:
  template <typename F>
  VectorPtr Lists(int64_t begin, int64_t end, F&& f) const {
    VectorBuilder out(DoubleArray(), end - begin);
    for (int64_t g = begin; g < end; ++g) {
      if (states_[g].empty()) {
        out.AppendNull();
        continue;
      }
      for (double v : f(states_[g])) out.Child(0).Append<double>(v);
      out.FinishNested();
    }
    return out.Finish();
  }
};

}  // namespace ember

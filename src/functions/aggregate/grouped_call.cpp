// The aggregate of a grouped external function (grouped aggregate pandas UDFs, applyInPandas):
// every argument row of each group is kept, nulls included, in the order the rows came. The
// argument vectors are held as they arrive, with the group of each row; when results are asked
// for, the rows are gathered group by group once and the function is called with the groups of
// the range asked for.
#include <algorithm>

#include "common/error.h"
#include "functions/external_function.h"

namespace ember {
namespace {

constexpr uint32_t kNoGroup = UINT32_MAX;  // an element of a merged array that no row covers

class GroupedCallAccumulator : public Accumulator {
 public:
  GroupedCallAccumulator(std::shared_ptr<const ExternalFunctionInfo> info, std::vector<TypePtr> types)
      : info_(std::move(info)), types_(std::move(types)), chunks_(types_.size()) {}

  void Resize(int64_t groups) override { groups_ = groups; }

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    for (size_t a = 0; a < args.size(); ++a) Hold(a, rows == args[a]->length() ? args[a] : SliceRows(*args[a], 0, rows));
    owners_.insert(owners_.end(), group_ids, group_ids + rows);
  }

  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    if (states.empty()) return;
    const Vector& first = *states[0];
    const int32_t* offsets = first.Offsets();
    std::vector<uint32_t> owners(first.child(0)->length(), kNoGroup);
    for (int64_t i = 0; i < rows; ++i) {
      if (first.IsNull(i)) continue;
      std::fill(owners.begin() + offsets[i], owners.begin() + offsets[i + 1], group_ids[i]);
    }
    for (size_t a = 0; a < states.size(); ++a) Hold(a, states[a]->child(0));
    owners_.insert(owners_.end(), owners.begin(), owners.end());
  }

  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    Index();
    const int64_t n = end - begin;
    const int64_t first = starts_[begin];
    std::vector<VectorPtr> states;
    for (size_t a = 0; a < types_.size(); ++a) {
      VectorPtr arrays = Vector::Make(ArrayType(types_[a], true), n);
      int32_t* offsets = arrays->Offsets();
      for (int64_t g = 0; g <= n; ++g) offsets[g] = static_cast<int32_t>(starts_[begin + g] - first);
      arrays->children() = {Rows(a, begin, end)};
      states.push_back(std::move(arrays));
    }
    return states;
  }

  VectorPtr Final(int64_t begin, int64_t end, EvalContext& ctx) override {
    Index();
    std::vector<VectorPtr> args;
    for (size_t a = 0; a < types_.size(); ++a) args.push_back(Rows(a, begin, end));
    std::vector<int64_t> starts(starts_.begin() + begin, starts_.begin() + end + 1);
    for (int64_t& start : starts) start -= starts_[begin];
    VectorPtr out = info_->function->CallGroups(args, starts, ctx);
    EMBER_CHECK(out->length() == end - begin, "a grouped function gave another number of results than groups");
    return out;
  }

  int64_t MemoryBytes() const override {
    int64_t bytes = static_cast<int64_t>(owners_.capacity() * sizeof(uint32_t) + positions_.capacity() * sizeof(int32_t));
    for (const auto& chunks : chunks_) {
      for (const auto& chunk : chunks) bytes += chunk->MemoryBytes();
    }
    return bytes;
  }

 private:
  void Hold(size_t arg, VectorPtr values) {
    chunks_[arg].push_back(std::move(values));
    indexed_ = false;
  }

  // Joins the held chunks of each argument into one vector and orders the rows by group (stable).
  void Index() {
    if (indexed_ && static_cast<int64_t>(starts_.size()) == groups_ + 1) return;
    for (auto& chunks : chunks_) {
      if (chunks.size() > 1) chunks = {ConcatVectors(chunks)};
    }
    starts_.assign(groups_ + 1, 0);
    for (uint32_t g : owners_) {
      if (g != kNoGroup) ++starts_[g + 1];
    }
    for (int64_t g = 0; g < groups_; ++g) starts_[g + 1] += starts_[g];
    EMBER_CHECK(starts_[groups_] < INT32_MAX, "more rows than a grouped function can take");
    positions_.resize(starts_[groups_]);
    std::vector<int64_t> next(starts_.begin(), starts_.end() - 1);
    for (size_t k = 0; k < owners_.size(); ++k) {
      if (owners_[k] != kNoGroup) positions_[next[owners_[k]]++] = static_cast<int32_t>(k);
    }
    indexed_ = true;
  }

  // The rows of argument `arg` of groups [begin, end), group by group.
  VectorPtr Rows(size_t arg, int64_t begin, int64_t end) const {
    const int64_t first = starts_[begin], count = starts_[end] - first;
    if (chunks_[arg].empty()) return Vector::Make(types_[arg], 0);
    return TakeRows(*chunks_[arg][0], positions_.data() + first, count);
  }

  std::shared_ptr<const ExternalFunctionInfo> info_;
  std::vector<TypePtr> types_;
  int64_t groups_ = 0;
  std::vector<std::vector<VectorPtr>> chunks_;  // per argument, the vectors held
  std::vector<uint32_t> owners_;                // the group of each held row
  bool indexed_ = false;
  std::vector<int64_t> starts_;     // per group, where its rows begin in positions_ (groups + 1)
  std::vector<int32_t> positions_;  // held rows, group by group
};

}  // namespace

VectorPtr ExternalFunction::CallGroups(const std::vector<VectorPtr>&, const std::vector<int64_t>&, EvalContext&) const {
  throw InternalError("a scalar external function called with groups");
}

BoundAggregate BindExternalAggregate(const std::shared_ptr<const ExternalFunctionInfo>& info,
                                     std::vector<TypePtr> arg_types) {
  BoundAggregate bound;
  bound.result_type = info->result_type;
  bound.arg_types = arg_types;
  for (const auto& type : arg_types) bound.partial_types.push_back(ArrayType(type, true));
  bound.create = [info, arg_types]() { return std::make_unique<GroupedCallAccumulator>(info, arg_types); };
  return bound;
}

}  // namespace ember

// Hash aggregate: per batch, the key columns are encoded row-wise, hashed and looked up in the
// group table (new keys get the next group id), then every accumulator takes the whole batch with
// its group ids (Update for argument values, Merge for partial states). At the end the groups are
// emitted in batches: decoded keys, then partial-state or final columns per aggregate.
//
// When the memory budget refuses a bigger table: a partial aggregate (before an exchange) emits its
// groups (the aggregate after the exchange merges them) and starts over; the others write every
// group's keys and partial states into 16 spill partitions by key hash and start over, then at the
// end merge each partition alone, spilling a partition again by other hash bits when it does not
// fit either (skewed keys), down to kMaxSpillLevel. Distinct accumulators cannot be merged: an
// aggregate with one raises UNABLE_TO_ACQUIRE_MEMORY instead.
//
// A partial aggregate whose first kBypassCheckRows rows made nearly as many groups stops grouping:
// it emits its groups and from then on passes every row on as a group of its own (its keys and
// one-row partial states), leaving the grouping to the aggregate after the exchange.
#include <numeric>

#include "common/error.h"
#include "exec/metrics.h"
#include "exec/operators/operator.h"
#include "exec/row_keys.h"
#include "exec/spill_file.h"

namespace ember {
namespace {

constexpr int kSpillPartitionBits = 4;
constexpr int kMaxSpillLevel = 8;
constexpr int64_t kBypassCheckRows = int64_t{1} << 20;

std::vector<TypePtr> GroupTypes(const PhysicalNode& node) {
  std::vector<TypePtr> types;
  for (const auto& group : node.As<HashAggregateExec>().groups) types.push_back(group->type);
  return types;
}

// A hash table of groups and every aggregate's state per group.
struct Groups {
  explicit Groups(const PhysicalNode& node) : table(GroupTypes(node)) {
    for (const auto& aggregate : node.As<HashAggregateExec>().aggregates) {
      EMBER_CHECK(aggregate.call->aggregate != nullptr, "unbound aggregate call");
      accumulators.push_back(aggregate.call->aggregate->create());
    }
  }
  int64_t MemoryBytes() const {
    int64_t bytes = table.MemoryBytes();
    for (const auto& accumulator : accumulators) bytes += accumulator->MemoryBytes();
    return bytes;
  }

  GroupTable table;
  std::vector<std::unique_ptr<Accumulator>> accumulators;
};

using SpillPartitions = std::vector<std::vector<int64_t>>;  // frame offsets per partition

class HashAggregateOperator : public Operator {
 public:
  HashAggregateOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next)
      : node_(node),
        ctx_(ctx),
        next_(next),
        memory_(ctx.memory),
        encoder_(GroupTypes(node)),
        groups_(std::make_unique<Groups>(node)) {}

  bool Push(const Batch& batch) override {
    ctx_.CheckCancelled();
    if (bypass_) return PassOn(batch);
    AssignGroups(batch);
    Accumulate(*groups_, batch, groups_->table.size());
    rows_ += batch.num_rows;
    if (rows_ >= kBypassCheckRows && !checked_) {
      checked_ = true;
      if (node_.As<HashAggregateExec>().mode == AggregateMode::kPartial &&
          groups_->table.size() * 5 > rows_ * 4) {
        bypass_ = true;
        Emit(*groups_);
        groups_ = std::make_unique<Groups>(node_);
        memory_.Release();
        return !done_;
      }
    }
    if (!memory_.TryResize(groups_->MemoryBytes())) MakeRoom();
    return !done_;
  }

  void Finish() override {
    // A global aggregate has one result row even over no input.
    if (node_.As<HashAggregateExec>().groups.empty() && groups_->table.size() == 0 && node_.As<HashAggregateExec>().OutputsFinalAggregates()) {
      InsertGlobalGroup();
      for (auto& accumulator : groups_->accumulators) accumulator->Resize(1);
    }
    if (file_ == nullptr) {
      Emit(*groups_);
    } else {
      Spill(*groups_, 1, partitions_);
      groups_.reset();
      memory_.Release();
      for (const auto& frames : partitions_) MergePartition(frames, 1);
      if (ctx_.metrics != nullptr) ctx_.metrics->AddSpill(node_, spills_, file_->bytes());
    }
    next_.Finish();
  }

 private:
  // Every accumulator of `groups` (sized to `size` groups) takes the batch's rows in group_ids_.
  void Accumulate(Groups& groups, const Batch& batch, int64_t size) {
    for (size_t a = 0; a < groups.accumulators.size(); ++a) {
      const PhysicalAggregate& aggregate = node_.As<HashAggregateExec>().aggregates[a];
      std::vector<VectorPtr> inputs;
      for (const auto& input : aggregate.inputs) inputs.push_back(EvaluateColumn(*input, batch, ctx_.eval));
      Accumulator& accumulator = *groups.accumulators[a];
      accumulator.Resize(size);
      if (aggregate.merge) {
        accumulator.Merge(group_ids_.data(), inputs, batch.num_rows);
      } else if (aggregate.filter) {
        UpdateFiltered(accumulator, *aggregate.filter, inputs, batch);
      } else {
        accumulator.Update(group_ids_.data(), inputs, batch.num_rows);
      }
    }
  }

  // Bypassing: the rows as groups of their own, their keys and partial states.
  bool PassOn(const Batch& batch) {
    group_ids_.resize(batch.num_rows);
    std::iota(group_ids_.begin(), group_ids_.end(), 0u);
    Groups rows(node_);
    Accumulate(rows, batch, batch.num_rows);
    Batch out;
    out.num_rows = batch.num_rows;
    for (const auto& group : node_.As<HashAggregateExec>().groups) out.columns.push_back(EvaluateColumn(*group, batch, ctx_.eval));
    for (auto& accumulator : rows.accumulators) {
      for (auto& state : accumulator->Partial(0, batch.num_rows)) out.columns.push_back(std::move(state));
    }
    if (!next_.Push(out)) done_ = true;
    return !done_;
  }

  // group_ids_ = the group of every row; rows of a global aggregate (no grouping) are all group 0,
  // without encoding or hashing keys.
  void AssignGroups(const Batch& batch) {
    group_ids_.resize(batch.num_rows);
    if (node_.As<HashAggregateExec>().groups.empty()) {
      if (groups_->table.size() == 0) InsertGlobalGroup();
      std::fill(group_ids_.begin(), group_ids_.end(), 0);
      return;
    }
    std::vector<VectorPtr> keys;
    for (const auto& group : node_.As<HashAggregateExec>().groups) keys.push_back(EvaluateColumn(*group, batch, ctx_.eval));
    encoder_.Encode(keys, batch.num_rows);
    groups_->table.FindOrInsert(encoder_, batch.num_rows, group_ids_.data());
  }

  // FILTER (WHERE ...): only the rows where the condition is true reach the accumulator.
  void UpdateFiltered(Accumulator& accumulator, const Expr& filter, const std::vector<VectorPtr>& inputs,
                      const Batch& batch) {
    VectorPtr keep = EvaluateColumn(filter, batch, ctx_.eval);
    const uint8_t* flags = keep->Data<uint8_t>();
    kept_rows_.clear();
    kept_groups_.clear();
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      if (keep->IsNull(i) || !flags[i]) continue;
      kept_rows_.push_back(static_cast<int32_t>(i));
      kept_groups_.push_back(group_ids_[i]);
    }
    if (kept_rows_.empty()) return;
    Batch kept = TakeBatch(Batch(inputs, batch.num_rows), kept_rows_.data(), static_cast<int64_t>(kept_rows_.size()));
    accumulator.Update(kept_groups_.data(), kept.columns, kept.num_rows);
  }

  void InsertGlobalGroup() {
    uint32_t group;
    encoder_.Encode({}, 1);
    groups_->table.FindOrInsert(encoder_, 1, &group);
  }

  bool CanSpill() const {
    if (ctx_.spills == nullptr || node_.As<HashAggregateExec>().groups.empty()) return false;
    // A distinct accumulator's partial state cannot be merged.
    for (const auto& aggregate : node_.As<HashAggregateExec>().aggregates) {
      if (aggregate.call->distinct && !aggregate.plain) return false;
    }
    return true;
  }

  // The budget refused the table: pass its groups on or spill them, and start over.
  void MakeRoom() {
    if (node_.As<HashAggregateExec>().mode == AggregateMode::kPartial && groups_->table.size() > 0) {
      Emit(*groups_);
      rows_ = 0;
    } else if (CanSpill()) {
      if (file_ == nullptr) file_ = std::make_unique<SpillFile>(ctx_.spills->NewPath("aggregate"));
      if (partitions_.empty()) partitions_.resize(1 << kSpillPartitionBits);
      Spill(*groups_, 1, partitions_);
    } else {
      memory_.Resize(groups_->MemoryBytes());  // raises UNABLE_TO_ACQUIRE_MEMORY
      return;
    }
    groups_ = std::make_unique<Groups>(node_);
    memory_.Resize(groups_->MemoryBytes());
  }

  std::vector<TypePtr> SpillTypes() const {
    std::vector<TypePtr> types = GroupTypes(node_);
    for (const auto& aggregate : node_.As<HashAggregateExec>().aggregates) {
      for (const auto& type : aggregate.call->aggregate->partial_types) types.push_back(type);
    }
    return types;
  }

  // Appends every group's keys and partial states to the partitions its key hash picks at `level`.
  void Spill(Groups& groups, int level, SpillPartitions& partitions) {
    int shift = 64 - kSpillPartitionBits * level;
    int64_t total = groups.table.size();
    for (int64_t begin = 0; begin < total; begin += kBatchRows) {
      ctx_.CheckCancelled();
      int64_t end = std::min(total, begin + kBatchRows);
      Batch batch;
      batch.num_rows = end - begin;
      batch.columns = groups.table.Keys(begin, end);
      encoder_.Encode(batch.columns, batch.num_rows);
      for (auto& accumulator : groups.accumulators) {
        for (auto& state : accumulator->Partial(begin, end)) batch.columns.push_back(std::move(state));
      }
      std::vector<std::vector<int32_t>> rows(partitions.size());
      for (int64_t i = 0; i < batch.num_rows; ++i) {
        rows[(encoder_.Hash(i) >> shift) & (partitions.size() - 1)].push_back(static_cast<int32_t>(i));
      }
      for (size_t p = 0; p < partitions.size(); ++p) {
        if (rows[p].empty()) continue;
        Batch part = TakeBatch(batch, rows[p].data(), static_cast<int64_t>(rows[p].size()));
        partitions[p].push_back(file_->Append(part).offset);
      }
    }
    ++spills_;
  }

  // Merges the spilled groups of one partition and emits them.
  void MergePartition(const std::vector<int64_t>& frames, int level) {
    if (frames.empty() || done_) return;
    std::vector<TypePtr> types = SpillTypes();
    size_t keys = node_.As<HashAggregateExec>().groups.size();
    Groups merged(node_);
    SpillPartitions deeper;
    for (int64_t offset : frames) {
      ctx_.CheckCancelled();
      Batch batch = file_->Read(offset, types);
      std::vector<VectorPtr> key_columns(batch.columns.begin(), batch.columns.begin() + static_cast<long>(keys));
      encoder_.Encode(key_columns, batch.num_rows);
      group_ids_.resize(batch.num_rows);
      merged.table.FindOrInsert(encoder_, batch.num_rows, group_ids_.data());
      size_t column = keys;
      for (size_t a = 0; a < merged.accumulators.size(); ++a) {
        size_t width = node_.As<HashAggregateExec>().aggregates[a].call->aggregate->partial_types.size();
        std::vector<VectorPtr> states(batch.columns.begin() + static_cast<long>(column),
                                      batch.columns.begin() + static_cast<long>(column + width));
        column += width;
        merged.accumulators[a]->Resize(merged.table.size());
        merged.accumulators[a]->Merge(group_ids_.data(), states, batch.num_rows);
      }
      if (memory_.TryResize(merged.MemoryBytes())) continue;
      if (level == kMaxSpillLevel) memory_.Resize(merged.MemoryBytes());  // raises
      if (deeper.empty()) deeper.resize(1 << kSpillPartitionBits);
      Spill(merged, level + 1, deeper);
      merged = Groups(node_);
      memory_.Resize(merged.MemoryBytes());
    }
    if (deeper.empty()) {
      Emit(merged);
      memory_.Release();
      return;
    }
    Spill(merged, level + 1, deeper);
    merged = Groups(node_);
    memory_.Release();
    for (const auto& part : deeper) MergePartition(part, level + 1);
  }

  void Emit(Groups& groups) {
    int64_t total = groups.table.size();
    for (int64_t begin = 0; begin < total && !done_; begin += kBatchRows) {
      ctx_.CheckCancelled();
      int64_t end = std::min(total, begin + kBatchRows);
      Batch out;
      out.num_rows = end - begin;
      out.columns = groups.table.Keys(begin, end);
      for (auto& accumulator : groups.accumulators) {
        if (node_.As<HashAggregateExec>().OutputsFinalAggregates()) {
          out.columns.push_back(accumulator->Final(begin, end, ctx_.eval));
        } else {
          for (auto& state : accumulator->Partial(begin, end)) out.columns.push_back(std::move(state));
        }
      }
      if (!next_.Push(out)) done_ = true;
    }
  }

  const PhysicalNode& node_;
  TaskContext& ctx_;
  Operator& next_;
  MemoryReservation memory_;
  RowKeyEncoder encoder_;
  std::unique_ptr<Groups> groups_;
  std::vector<uint32_t> group_ids_;
  std::vector<int32_t> kept_rows_;
  std::vector<uint32_t> kept_groups_;
  bool done_ = false;
  int64_t rows_ = 0;       // rows taken by the groups so far
  bool checked_ = false;   // whether the groups were compared with the rows (partial aggregates)
  bool bypass_ = false;    // rows pass on ungrouped
  // Once the groups did not fit and the output is final.
  std::unique_ptr<SpillFile> file_;
  SpillPartitions partitions_;
  int64_t spills_ = 0;
};

}  // namespace

std::unique_ptr<Operator> MakeHashAggregateOperator(const PhysicalNode& node, TaskContext& ctx,
                                                    Operator& next) {
  return std::make_unique<HashAggregateOperator>(node, ctx, next);
}

}  // namespace ember

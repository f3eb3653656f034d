// Hash aggregate: per batch, the key columns are encoded row-wise, hashed and looked up in the
// group table (new keys get the next group id), then every accumulator takes the whole batch with
// its group ids (Update for argument values, Merge for partial states). At the end the groups are
// emitted in batches: decoded keys, then partial-state or final columns per aggregate.
#include "common/error.h"
#include "exec/operators/operator.h"
#include "exec/row_keys.h"

namespace ember {
namespace {

std::vector<TypePtr> GroupTypes(const PhysicalNode& node) {
  std::vector<TypePtr> types;
  for (const auto& group : node.groups) types.push_back(group->type);
  return types;
}

class HashAggregateOperator : public Operator {
 public:
  HashAggregateOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next)
      : node_(node),
        ctx_(ctx),
        next_(next),
        memory_(ctx.memory),
        encoder_(GroupTypes(node)),
        table_(GroupTypes(node)) {
    for (const auto& aggregate : node.aggregates) {
      EMBER_CHECK(aggregate.call->aggregate != nullptr, "unbound aggregate call");
      accumulators_.push_back(aggregate.call->aggregate->create());
    }
  }

  bool Push(const Batch& batch) override {
    ctx_.CheckCancelled();
    AssignGroups(batch);
    for (size_t a = 0; a < accumulators_.size(); ++a) {
      const PhysicalAggregate& aggregate = node_.aggregates[a];
      std::vector<VectorPtr> inputs;
      for (const auto& input : aggregate.inputs) inputs.push_back(EvaluateColumn(*input, batch, ctx_.eval));
      Accumulator& accumulator = *accumulators_[a];
      accumulator.Resize(table_.size());
      if (aggregate.merge) {
        accumulator.Merge(group_ids_.data(), inputs, batch.num_rows);
      } else {
        accumulator.Update(group_ids_.data(), inputs, batch.num_rows);
      }
    }
    memory_.Resize(HeldBytes());
    return true;
  }

  void Finish() override {
    // A global aggregate has one result row even over no input.
    if (node_.groups.empty() && table_.size() == 0 && node_.OutputsFinalAggregates()) {
      InsertGlobalGroup();
      for (auto& accumulator : accumulators_) accumulator->Resize(1);
    }
    int64_t groups = table_.size();
    for (int64_t begin = 0; begin < groups; begin += kBatchRows) {
      ctx_.CheckCancelled();
      int64_t end = std::min(groups, begin + kBatchRows);
      Batch out;
      out.num_rows = end - begin;
      out.columns = table_.Keys(begin, end);
      for (auto& accumulator : accumulators_) {
        if (node_.OutputsFinalAggregates()) {
          out.columns.push_back(accumulator->Final(begin, end, ctx_.eval));
        } else {
          for (auto& state : accumulator->Partial(begin, end)) out.columns.push_back(std::move(state));
        }
      }
      if (!next_.Push(out)) break;
    }
    next_.Finish();
  }

 private:
  // group_ids_ = the group of every row; rows of a global aggregate (no grouping) are all group 0,
  // without encoding or hashing keys.
  void AssignGroups(const Batch& batch) {
    group_ids_.resize(batch.num_rows);
    if (node_.groups.empty()) {
      if (table_.size() == 0) InsertGlobalGroup();
      std::fill(group_ids_.begin(), group_ids_.end(), 0);
      return;
    }
    std::vector<VectorPtr> keys;
    for (const auto& group : node_.groups) keys.push_back(EvaluateColumn(*group, batch, ctx_.eval));
    encoder_.Encode(keys, batch.num_rows);
    table_.FindOrInsert(encoder_, batch.num_rows, group_ids_.data());
  }

  void InsertGlobalGroup() {
    uint32_t group;
    encoder_.Encode({}, 1);
    table_.FindOrInsert(encoder_, 1, &group);
  }

  int64_t HeldBytes() const {
    int64_t bytes = table_.MemoryBytes();
    for (const auto& accumulator : accumulators_) bytes += accumulator->MemoryBytes();
    return bytes;
  }

  const PhysicalNode& node_;
  TaskContext& ctx_;
  Operator& next_;
  MemoryReservation memory_;
  RowKeyEncoder encoder_;
  GroupTable table_;
  std::vector<std::unique_ptr<Accumulator>> accumulators_;
  std::vector<uint32_t> group_ids_;
};

}  // namespace

std::unique_ptr<Operator> MakeHashAggregateOperator(const PhysicalNode& node, TaskContext& ctx,
                                                    Operator& next) {
  return std::make_unique<HashAggregateOperator>(node, ctx, next);
}

}  // namespace ember

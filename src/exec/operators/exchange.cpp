// Both sides of an exchange. The writer assigns each row a partition (hash of the encoded key
// columns, one partition, the range of its sort keys, or round-robin), gathers the rows of each
// partition into that partition's column builders and appends them to the shuffle store in batches
// of about kBatchRows rows (with many partitions a batch holds few rows of each, so slicing batches
// would make many tiny vectors). The reader takes the batches of a range of partitions out of the store.
#include <algorithm>

#include "common/error.h"
#include "exec/operators/operator.h"
#include "exec/range_bounds.h"
#include "exec/row_keys.h"
#include "exec/shuffle_store.h"

namespace ember {
namespace {

std::vector<TypePtr> KeyTypes(const PhysicalNode& node) {
  std::vector<TypePtr> types;
  for (const auto& key : node.partitioning.keys) types.push_back(key->type);
  return types;
}

class ExchangeSink : public Operator {
 public:
  ExchangeSink(const PhysicalNode& node, TaskContext& ctx, int task_index)
      : node_(node),
        ctx_(ctx),
        num_partitions_(node.partitioning.num_partitions),
        encoder_(KeyTypes(node)),
        pending_(num_partitions_),
        pending_rows_(num_partitions_, 0),
        builders_(num_partitions_),
        next_round_robin_(task_index % std::max(1, num_partitions_)),
        task_index_(task_index) {}

  bool Push(const Batch& batch) override {
    ctx_.CheckCancelled();
    if (num_partitions_ == 1) {
      Add(0, batch);
      return true;
    }
    std::vector<uint32_t> partition_of(batch.num_rows);
    if (node_.partitioning.kind == PartitioningKind::kHash) {
      std::vector<VectorPtr> keys;
      for (const auto& key : node_.partitioning.keys) keys.push_back(EvaluateColumn(*key, batch, ctx_.eval));
      encoder_.Encode(keys, batch.num_rows);
      for (int64_t i = 0; i < batch.num_rows; ++i) partition_of[i] = encoder_.Hash(i) % num_partitions_;
    } else if (node_.partitioning.kind == PartitioningKind::kPartitionId) {
      VectorPtr ids = EvaluateColumn(*node_.partitioning.keys[0], batch, ctx_.eval);
      const int32_t* id = ids->Data<int32_t>();
      for (int64_t i = 0; i < batch.num_rows; ++i) {
        int32_t p = ids->IsValid(i) ? id[i] : 0;
        partition_of[i] = static_cast<uint32_t>(std::clamp(p, 0, num_partitions_ - 1));
      }
    } else if (node_.partitioning.kind == PartitioningKind::kRange) {
      std::vector<VectorPtr> keys;
      for (const auto& order : node_.partitioning.keys) keys.push_back(EvaluateColumn(*order->args[0], batch, ctx_.eval));
      RangePartitions(keys, batch.num_rows, ctx_.shuffles->RangeBounds(node_.As<ExchangeExec>().id),
                      node_.partitioning.keys, partition_of.data());
    } else {
      for (int64_t i = 0; i < batch.num_rows; ++i) {
        partition_of[i] = next_round_robin_;
        next_round_robin_ = (next_round_robin_ + 1) % num_partitions_;
      }
    }
    // Counting sort of row indices by partition.
    std::vector<int32_t> starts(num_partitions_ + 1, 0);
    for (uint32_t p : partition_of) ++starts[p + 1];
    for (int p = 0; p < num_partitions_; ++p) starts[p + 1] += starts[p];
    std::vector<int32_t> rows(batch.num_rows);
    std::vector<int32_t> fill(starts.begin(), starts.end() - 1);
    for (int64_t i = 0; i < batch.num_rows; ++i) rows[fill[partition_of[i]]++] = static_cast<int32_t>(i);
    for (int p = 0; p < num_partitions_; ++p) {
      int32_t count = starts[p + 1] - starts[p];
      if (count == 0) continue;
      if (count == batch.num_rows) {
        Add(p, batch);
      } else {
        Gather(p, batch, rows.data() + starts[p], count);
      }
    }
    return true;
  }

  void Finish() override {
    for (int p = 0; p < num_partitions_; ++p) Flush(p);
  }

 private:
  void Gather(int partition, const Batch& batch, const int32_t* rows, int32_t count) {
    if (batch.columns.empty()) {  // rows without columns (a count): only their number moves
      Add(partition, Batch({}, count));
      return;
    }
    auto& builders = builders_[partition];
    if (builders.empty()) {
      // Small at first: most partitions of a wide exchange get a few rows per batch.
      for (const auto& column : batch.columns) builders.emplace_back(column->type(), 256);
    }
    for (size_t c = 0; c < builders.size(); ++c) builders[c].AppendRows(*batch.columns[c], rows, count);
    pending_rows_[partition] += count;
    if (pending_rows_[partition] >= kBatchRows) Flush(partition);
  }

  void Add(int partition, const Batch& batch) {
    pending_[partition].push_back(batch);
    pending_rows_[partition] += batch.num_rows;
    if (pending_rows_[partition] >= kBatchRows) Flush(partition);
  }

  void Flush(int partition) {
    auto& parts = pending_[partition];
    auto& builders = builders_[partition];
    if (!builders.empty() && builders[0].length() > 0) {
      Batch gathered;
      gathered.num_rows = builders[0].length();
      for (auto& builder : builders) gathered.columns.push_back(builder.Finish());
      parts.push_back(std::move(gathered));
    }
    if (parts.empty()) return;
    Batch out;
    if (parts.size() == 1) {
      out = std::move(parts[0]);
    } else {
      out.num_rows = pending_rows_[partition];
      for (size_t c = 0; c < parts[0].columns.size(); ++c) {
        std::vector<VectorPtr> columns;
        for (const auto& part : parts) columns.push_back(part.columns[c]);
        out.columns.push_back(ConcatVectors(columns));
      }
    }
    parts.clear();
    pending_rows_[partition] = 0;
    ctx_.shuffles->Append(node_.As<ExchangeExec>().id, partition, std::move(out), task_index_);
  }

  const PhysicalNode& node_;
  TaskContext& ctx_;
  int num_partitions_;
  RowKeyEncoder encoder_;
  std::vector<std::vector<Batch>> pending_;
  std::vector<int64_t> pending_rows_;
  std::vector<std::vector<VectorBuilder>> builders_;  // per partition, per column; rows not yet in pending_
  int next_round_robin_;
  int task_index_;
};

class ExchangeReadSource : public Source {
 public:
  ExchangeReadSource(const PhysicalNode& node, TaskContext& ctx, int begin, int end)
      : node_(node), ctx_(ctx), begin_(begin), end_(end) {}

  void Run(Operator& downstream) override {
    ctx_.shuffles->Take(node_.As<ExchangeExec>().id, begin_, end_, [&](Batch batch) {
      ctx_.CheckCancelled();
      return batch.num_rows == 0 || downstream.Push(batch);
    });
    downstream.Finish();
  }

 private:
  const PhysicalNode& node_;
  TaskContext& ctx_;
  int begin_;
  int end_;
};

}  // namespace

std::unique_ptr<Operator> MakeExchangeSink(const PhysicalNode& exchange, TaskContext& ctx, int task_index) {
  EMBER_CHECK(ctx.shuffles != nullptr, "exchange without a shuffle store");
  return std::make_unique<ExchangeSink>(exchange, ctx, task_index);
}

std::unique_ptr<Source> MakeExchangeReadSource(const PhysicalNode& exchange, TaskContext& ctx, int begin,
                                               int end) {
  EMBER_CHECK(ctx.shuffles != nullptr, "exchange without a shuffle store");
  return std::make_unique<ExchangeReadSource>(exchange, ctx, begin, end);
}

}  // namespace ember

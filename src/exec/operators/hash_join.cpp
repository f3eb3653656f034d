// The join operator of kHashJoin and kNestedLoopJoin. It owns (or shares, for a broadcast) the
// build table and streams probe batches: candidate pairs come from the key index (hash join) or
// from every build row (nested loop), are gathered a batch at a time column by column, filtered by
// the residual condition, and emitted; probe rows without a match are emitted with nulls on the
// build side for outer joins (or kept/dropped for semi/anti joins) once their batch is done, and
// unmatched build rows of a full outer join at Finish.
//
// When the budget refuses the build table of a hash join, it becomes a grace hash join: the build
// rows go to 16 partitions of a spill file by key hash (join_partitions.h), the probe rows follow
// into partitions of the same hashes, and at Finish each pair of partitions is joined in memory by
// the same code, a partition whose build rows still do not fit being split again by other hash
// bits; one whose rows all share one key cannot shrink and raises UNABLE_TO_ACQUIRE_MEMORY. A
// broadcast build side that does not fit is partitioned once, shared, and joined so by every task.
#include <algorithm>

#include "common/error.h"
#include "exec/metrics.h"
#include "exec/operators/join_build_table.h"
#include "exec/operators/join_partitions.h"
#include "exec/operators/operator.h"
#include "exec/shuffle_store.h"
#include "exec/spill_file.h"
#include "expr/evaluator.h"

namespace ember {
namespace {

bool ProbeIsPreserved(JoinType type, bool build_right) {
  return type == JoinType::kFullOuter || (build_right ? type == JoinType::kLeftOuter : type == JoinType::kRightOuter);
}
bool BuildIsPreserved(JoinType type, bool build_right) {
  return type == JoinType::kFullOuter || (build_right ? type == JoinType::kRightOuter : type == JoinType::kLeftOuter);
}
bool IsExistenceJoin(JoinType type) { return type == JoinType::kLeftSemi || type == JoinType::kLeftAnti; }

// The build side as the join reads it: a hash table, or, when that did not fit the budget, its
// rows in grace partitions of a spill file (rows whose key holds a null, which match nothing, set
// apart for outer joins that emit them).
struct BuildSide {
  explicit BuildSide(MemoryReservation reserved) : memory(std::move(reserved)) {}
  MemoryReservation memory;
  std::unique_ptr<JoinBuildTable> table;
  std::unique_ptr<SpillFile> file;
  std::vector<JoinPartition> partitions;
  std::vector<int64_t> null_key_frames;
};

std::vector<TypePtr> TypesOf(const Schema& schema) {
  std::vector<TypePtr> types;
  for (const auto& field : schema) types.push_back(field.type);
  return types;
}

std::vector<TypePtr> KeyTypes(const std::vector<ExprPtr>& keys) {
  std::vector<TypePtr> types;
  for (const auto& key : keys) types.push_back(key->type);
  return types;
}

std::vector<VectorPtr> KeyColumns(const std::vector<ExprPtr>& keys, const Batch& batch, EvalContext& eval) {
  std::vector<VectorPtr> columns;
  for (const auto& key : keys) columns.push_back(EvaluateColumn(*key, batch, eval));
  return columns;
}

std::vector<int32_t> FlaggedRows(const std::vector<uint8_t>& flags) {
  std::vector<int32_t> rows;
  for (size_t i = 0; i < flags.size(); ++i) {
    if (flags[i]) rows.push_back(static_cast<int32_t>(i));
  }
  return rows;
}

// Reads map-output partitions [begin, end) of the build exchange into a hash table reserved from
// `memory`; with `can_spill`, a side the budget refuses goes to grace partitions instead.
std::shared_ptr<BuildSide> ReadBuildSide(const PhysicalNode& node, const PhysicalNode& build, TaskContext& ctx,
                                         int begin, int end, MemoryReservation memory,
                                         const std::vector<ExprPtr>& keys, bool can_spill) {
  auto side = std::make_shared<BuildSide>(std::move(memory));
  std::unique_ptr<JoinPartitioner> partitioner;
  auto spill = [&](const Batch& batch) {
    if (partitioner == nullptr) {
      side->file = std::make_unique<SpillFile>(ctx.spills->NewPath("join-build"));
      partitioner = std::make_unique<JoinPartitioner>(KeyTypes(keys), 1, *side->file);
    }
    for (int64_t at = 0; at < batch.num_rows; at += kBatchRows) {
      ctx.CheckCancelled();
      Batch part = SliceBatch(batch, at, std::min<int64_t>(kBatchRows, batch.num_rows - at));
      std::vector<VectorPtr> key_columns = KeyColumns(keys, part, ctx.eval);
      std::vector<uint8_t> skip = NullKeyRows(key_columns, node.Join().null_safe, part.num_rows);
      std::vector<int32_t> nulls = FlaggedRows(skip);
      if (!nulls.empty()) {
        side->null_key_frames.push_back(
            side->file->Append(TakeBatch(part, nulls.data(), static_cast<int64_t>(nulls.size()))).offset);
      }
      partitioner->Add(part, key_columns, skip.data());
    }
  };
  // Before building: the rows, their copy into one batch, chains and key index.
  auto need = [&](int64_t bytes, int64_t rows) { return (can_spill ? 2 : 1) * bytes + 16 * rows; };
  std::vector<Batch> batches;
  int64_t rows = 0, bytes = 0;
  for (int p = begin; p < end; ++p) {
    ctx.shuffles->Take(build.As<ExchangeExec>().id, p, [&](Batch batch) {
      if (partitioner != nullptr) {
        spill(batch);
        return true;
      }
      rows += batch.num_rows;
      bytes += batch.MemoryBytes();
      if (!side->memory.TryResize(need(bytes, rows))) {
        if (!can_spill) side->memory.Resize(need(bytes, rows));  // raises UNABLE_TO_ACQUIRE_MEMORY
        for (const auto& held : batches) spill(held);
        batches.clear();
        side->memory.Release();
        spill(batch);
        return true;
      }
      batches.push_back(std::move(batch));
      return true;
    });
  }
  if (partitioner == nullptr) {
    side->table = std::make_unique<JoinBuildTable>(batches, build.output, keys, node.Join().null_safe, ctx.eval);
    batches.clear();
    if (side->memory.TryResize(side->table->MemoryBytes())) return side;
    if (!can_spill) side->memory.Resize(side->table->MemoryBytes());  // raises
    Batch all = side->table->rows();
    side->table.reset();
    side->memory.Release();
    spill(all);
  }
  side->partitions = partitioner->Finish();
  if (ctx.metrics != nullptr) ctx.metrics->AddSpill(node, partitioner->frames(), side->file->bytes());
  return side;
}

class JoinOperator : public Operator {
 public:
  JoinOperator(const PhysicalNode& node, TaskContext& ctx, int build_begin, int build_end, Operator& next)
      : node_(node),
        ctx_(ctx),
        next_(next),
        memory_(ctx.memory),
        build_right_(node.Join().build_right),
        probe_keys_(node.kind() == PhysicalKind::kHashJoin ? (build_right_ ? node.Join().left_keys : node.Join().right_keys)
                                                         : std::vector<ExprPtr>{}),
        build_keys_(node.kind() == PhysicalKind::kHashJoin ? (build_right_ ? node.Join().right_keys : node.Join().left_keys)
                                                         : std::vector<ExprPtr>{}),
        encoder_(KeyTypes(probe_keys_)),
        probe_outer_(ProbeIsPreserved(node.Join().type, build_right_)),
        build_outer_(BuildIsPreserved(node.Join().type, build_right_)),
        existence_(IsExistenceJoin(node.Join().type)) {
    const PhysicalNode& build = *node.children[build_right_ ? 1 : 0];
    EMBER_CHECK(build.kind() == PhysicalKind::kExchange && ctx.shuffles != nullptr,
                "a join's build side is an exchange");
    // Grace partitions need keys to split by, and somewhere to spill.
    const bool can_spill = node.kind() == PhysicalKind::kHashJoin && ctx.spills != nullptr;
    if (node.Join().broadcast) {
      // Shared by the query's tasks: storage memory of the query, as Spark keeps broadcasts. When
      // it does not fit, every task joins its probe rows with the shared build partitions.
      QueryMemory* query = ctx.memory != nullptr ? ctx.memory->query() : nullptr;
      build_ = std::static_pointer_cast<const BuildSide>(ctx.shuffles->Shared(build.As<ExchangeExec>().id, [&] {
        return std::static_pointer_cast<const void>(ReadBuildSide(
            node, build, ctx, build_begin, build_end, MemoryReservation(query, MemoryPool::kStorage), build_keys_,
            can_spill));
      }));
    } else {
      build_ = ReadBuildSide(node, build, ctx, build_begin, build_end, MemoryReservation(ctx.memory), build_keys_,
                             can_spill);
    }
    if (build_->table != nullptr) {
      table_ = build_->table.get();
      if (build_outer_) build_matched_.assign(table_->size(), 0);
    } else {
      file_ = std::make_unique<SpillFile>(ctx.spills->NewPath("join-probe"));
      probe_partitioner_ = std::make_unique<JoinPartitioner>(KeyTypes(probe_keys_), 1, *file_);
    }
  }

  bool Push(const Batch& batch) override {
    ctx_.CheckCancelled();
    if (done_) return false;
    if (table_ != nullptr) {
      Probe(batch);
    } else {
      SpillProbeRows(batch);
    }
    return !done_;
  }

  void Finish() override {
    if (table_ != nullptr) {
      EmitUnmatchedBuildRows();
    } else {
      JoinSpilledPartitions();
    }
    next_.Finish();
  }

 private:
  // Joins one probe batch with table_.
  void Probe(const Batch& batch) {
    int64_t rows = batch.num_rows;
    probe_matched_.assign(rows, 0);
    // Existence joins without a residual need no pairs: a key hit decides.
    bool need_pairs = !existence_ || node_.Join().condition != nullptr;
    if (node_.kind() == PhysicalKind::kHashJoin) {
      std::vector<VectorPtr> keys;
      for (const auto& key : probe_keys_) keys.push_back(EvaluateColumn(*key, batch, ctx_.eval));
      encoder_.Encode(keys, rows);
      std::vector<uint8_t> skip = NullKeyRows(keys, node_.Join().null_safe, rows);
      heads_.resize(rows);
      table_->Find(encoder_, skip.data(), rows, heads_.data());
      for (int64_t i = 0; i < rows && !done_; ++i) {
        int32_t row = heads_[i];
        if (row >= 0 && !need_pairs) {
          probe_matched_[i] = 1;
          continue;
        }
        for (; row >= 0; row = table_->Next(row)) AddPair(batch, i, row);
      }
    } else {
      int64_t build_rows = table_->size();
      for (int64_t i = 0; i < rows && !done_; ++i) {
        if (!need_pairs) {
          probe_matched_[i] = build_rows > 0 ? 1 : 0;
          continue;
        }
        for (int64_t row = 0; row < build_rows; ++row) AddPair(batch, i, static_cast<int32_t>(row));
      }
    }
    FlushPairs(batch);
    EmitProbeLeftovers(batch);
  }

  void EmitUnmatchedBuildRows() {
    if (build_outer_ && !done_) {
      std::vector<int32_t> rows;
      for (int64_t j = 0; j < table_->size(); ++j) {
        if (!build_matched_[j]) rows.push_back(static_cast<int32_t>(j));
      }
      for (size_t begin = 0; begin < rows.size() && !done_; begin += kBatchRows) {
        int64_t count = std::min<int64_t>(kBatchRows, rows.size() - begin);
        Batch build_part = TakeBatch(table_->rows(), rows.data() + begin, count);
        Emit(Combine(NullColumns(ProbeSchema(), count), build_part.columns, count));
      }
    }
  }

  // ---- grace hash join: the build side did not fit -------------------------------------------

  // Writes the probe rows into partitions like the build side's; rows whose key holds a null match
  // nothing and are settled at once.
  void SpillProbeRows(const Batch& batch) {
    std::vector<VectorPtr> keys = KeyColumns(probe_keys_, batch, ctx_.eval);
    std::vector<uint8_t> skip = NullKeyRows(keys, node_.Join().null_safe, batch.num_rows);
    std::vector<int32_t> nulls = FlaggedRows(skip);
    if (!nulls.empty()) {
      Batch unmatched = TakeBatch(batch, nulls.data(), static_cast<int64_t>(nulls.size()));
      probe_matched_.assign(unmatched.num_rows, 0);
      EmitProbeLeftovers(unmatched);
    }
    probe_partitioner_->Add(batch, keys, skip.data());
  }

  void JoinSpilledPartitions() {
    std::vector<JoinPartition> probe = probe_partitioner_->Finish();
    spill_frames_ += probe_partitioner_->frames();
    for (int p = 0; p < JoinPartitioner::kPartitions; ++p) JoinPartitions(build_->partitions[p], probe[p], 1);
    if (build_outer_) {
      std::vector<TypePtr> types = TypesOf(BuildSchema());
      for (int64_t offset : build_->null_key_frames) {
        if (done_) break;
        Batch rows = build_->file->Read(offset, types);
        Emit(Combine(NullColumns(ProbeSchema(), rows.num_rows), rows.columns, rows.num_rows));
      }
    }
    if (ctx_.metrics != nullptr) ctx_.metrics->AddSpill(node_, spill_frames_, file_->bytes());
  }

  // Joins the build and probe rows of one partition: in memory when the build rows fit, else split
  // again at the next level, unless they all have one key.
  void JoinPartitions(const JoinPartition& build, const JoinPartition& probe, int level) {
    if (done_ || (probe.rows == 0 && !build_outer_) || (build.rows == 0 && !probe_outer_ && !existence_)) return;
    const int64_t need = 2 * build.bytes + 32 * build.rows;
    if (!memory_.TryResize(need)) {
      if (build.one_key || level == JoinPartitioner::kMaxLevel) memory_.Resize(need);  // raises
      std::vector<JoinPartition> builds = Split(build, build_keys_, BuildSchema(), level + 1);
      std::vector<JoinPartition> probes = Split(probe, probe_keys_, ProbeSchema(), level + 1);
      for (int p = 0; p < JoinPartitioner::kPartitions; ++p) JoinPartitions(builds[p], probes[p], level + 1);
      return;
    }
    std::vector<Batch> batches;
    std::vector<TypePtr> build_types = TypesOf(BuildSchema());
    for (int64_t offset : build.frames) batches.push_back(build.file->Read(offset, build_types));
    partition_table_ = std::make_unique<JoinBuildTable>(batches, BuildSchema(), build_keys_, node_.Join().null_safe,
                                                        ctx_.eval);
    batches.clear();
    memory_.Resize(partition_table_->MemoryBytes());
    table_ = partition_table_.get();
    if (build_outer_) build_matched_.assign(table_->size(), 0);
    std::vector<TypePtr> probe_types = TypesOf(ProbeSchema());
    for (int64_t offset : probe.frames) {
      if (done_) break;
      ctx_.CheckCancelled();
      Probe(probe.file->Read(offset, probe_types));
    }
    EmitUnmatchedBuildRows();
    table_ = nullptr;
    partition_table_.reset();
    memory_.Release();
  }

  std::vector<JoinPartition> Split(const JoinPartition& rows, const std::vector<ExprPtr>& keys, const Schema& schema,
                                   int level) {
    JoinPartitioner partitioner(KeyTypes(keys), level, *file_);
    std::vector<TypePtr> types = TypesOf(schema);
    for (int64_t offset : rows.frames) {
      ctx_.CheckCancelled();
      Batch batch = rows.file->Read(offset, types);
      partitioner.Add(batch, KeyColumns(keys, batch, ctx_.eval), nullptr);
    }
    std::vector<JoinPartition> out = partitioner.Finish();
    spill_frames_ += partitioner.frames();
    return out;
  }

  void AddPair(const Batch& batch, int64_t probe_row, int32_t build_row) {
    probe_rows_.push_back(static_cast<int32_t>(probe_row));
    build_rows_.push_back(build_row);
    if (static_cast<int64_t>(probe_rows_.size()) >= kBatchRows) FlushPairs(batch);
  }

  const Schema& ProbeSchema() const { return node_.children[build_right_ ? 0 : 1]->output; }
  const Schema& BuildSchema() const { return node_.children[build_right_ ? 1 : 0]->output; }

  static std::vector<VectorPtr> NullColumns(const Schema& schema, int64_t rows) {
    std::vector<VectorPtr> columns;
    for (const auto& field : schema) columns.push_back(Vector::MakeNulls(field.type, rows));
    return columns;
  }

  // Left columns then right columns.
  Batch Combine(std::vector<VectorPtr> probe, std::vector<VectorPtr> build, int64_t rows) const {
    std::vector<VectorPtr> columns = build_right_ ? std::move(probe) : std::move(build);
    std::vector<VectorPtr>& second = build_right_ ? build : probe;
    for (auto& column : second) columns.push_back(std::move(column));
    return Batch(std::move(columns), rows);
  }

  void FlushPairs(const Batch& batch) {
    int64_t count = static_cast<int64_t>(probe_rows_.size());
    if (count == 0 || done_) {
      probe_rows_.clear();
      build_rows_.clear();
      return;
    }
    Batch pairs = Combine(PairedProbeColumns(batch, count),
                          TakeBatch(table_->rows(), build_rows_.data(), count).columns, count);
    std::vector<int32_t> selected;
    if (node_.Join().condition) {
      selected = SelectTrue(*Evaluate(*node_.Join().condition, pairs, ctx_.eval));
    } else {
      selected.resize(count);
      for (int64_t k = 0; k < count; ++k) selected[k] = static_cast<int32_t>(k);
    }
    for (int32_t k : selected) {
      probe_matched_[probe_rows_[k]] = 1;
      if (build_outer_) build_matched_[build_rows_[k]] = 1;
    }
    probe_rows_.clear();
    build_rows_.clear();
    if (existence_ || selected.empty()) return;
    if (static_cast<int64_t>(selected.size()) == count) {
      Emit(pairs);
    } else {
      Emit(TakeBatch(pairs, selected.data(), static_cast<int64_t>(selected.size())));
    }
  }

  // The probe side of the pending pairs: the batch itself when each of its rows pairs once, in order
  // (a probe on a unique build key where every row matches).
  std::vector<VectorPtr> PairedProbeColumns(const Batch& batch, int64_t count) const {
    bool identity = count == batch.num_rows;
    for (int64_t k = 0; identity && k < count; ++k) identity = probe_rows_[k] == k;
    return identity ? batch.columns : TakeBatch(batch, probe_rows_.data(), count).columns;
  }

  void EmitProbeLeftovers(const Batch& batch) {
    if (done_ || (!existence_ && !probe_outer_)) return;
    bool want_matched = node_.Join().type == JoinType::kLeftSemi;
    std::vector<int32_t> rows;
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      if ((probe_matched_[i] != 0) == want_matched) rows.push_back(static_cast<int32_t>(i));
    }
    if (rows.empty()) return;
    int64_t count = static_cast<int64_t>(rows.size());
    Batch probe = count == batch.num_rows ? batch : TakeBatch(batch, rows.data(), count);
    if (existence_) {
      Emit(probe);
    } else {
      Emit(Combine(probe.columns, NullColumns(BuildSchema(), count), count));
    }
  }

  void Emit(const Batch& batch) {
    if (batch.num_rows > 0 && !done_ && !next_.Push(batch)) done_ = true;
  }

  const PhysicalNode& node_;
  TaskContext& ctx_;
  Operator& next_;
  MemoryReservation memory_;  // the partition being joined, in a grace hash join
  bool build_right_;
  std::vector<ExprPtr> probe_keys_;
  std::vector<ExprPtr> build_keys_;
  RowKeyEncoder encoder_;
  bool probe_outer_;
  bool build_outer_;
  bool existence_;
  std::shared_ptr<const BuildSide> build_;
  const JoinBuildTable* table_ = nullptr;  // build_'s table, or the partition's being joined
  std::unique_ptr<JoinBuildTable> partition_table_;
  std::unique_ptr<SpillFile> file_;  // probe partitions and partitions split again
  std::unique_ptr<JoinPartitioner> probe_partitioner_;
  int64_t spill_frames_ = 0;
  std::vector<uint8_t> build_matched_;
  std::vector<uint8_t> probe_matched_;
  std::vector<int32_t> heads_;  // per probe row: its first matching build row, or -1
  std::vector<int32_t> probe_rows_;
  std::vector<int32_t> build_rows_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Operator> MakeJoinOperator(const PhysicalNode& node, TaskContext& ctx, int build_begin,
                                           int build_end, Operator& next) {
  return std::make_unique<JoinOperator>(node, ctx, build_begin, build_end, next);
}

}  // namespace ember

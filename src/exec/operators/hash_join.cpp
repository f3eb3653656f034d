// The join operator of kHashJoin and kNestedLoopJoin. It owns (or shares, for a broadcast) the
// build table and streams probe batches: candidate pairs come from the key index (hash join) or
// from every build row (nested loop), are gathered a batch at a time column by column, filtered by
// the residual condition, and emitted; probe rows without a match are emitted with nulls on the
// build side for outer joins (or kept/dropped for semi/anti joins) once their batch is done, and
// unmatched build rows of a full outer join at Finish.
#include <algorithm>

#include "common/error.h"
#include "exec/operators/join_build_table.h"
#include "exec/operators/operator.h"
#include "exec/shuffle_store.h"
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

std::vector<Batch> ReadBuildBatches(const PhysicalNode& exchange, TaskContext& ctx, int begin, int end) {
  std::vector<Batch> batches;
  for (int p = begin; p < end; ++p) {
    ctx.shuffles->Take(exchange.As<ExchangeExec>().id, p, [&](Batch batch) {
      batches.push_back(std::move(batch));
      return true;
    });
  }
  return batches;
}

// A build table with the memory reserved for it.
struct ReservedTable {
  ReservedTable(MemoryReservation reserved, const std::vector<Batch>& batches, const Schema& schema,
                const std::vector<ExprPtr>& keys, const std::vector<bool>& null_safe, EvalContext& ctx)
      : memory(std::move(reserved)), table(batches, schema, keys, null_safe, ctx) {}
  MemoryReservation memory;
  JoinBuildTable table;
};

class JoinOperator : public Operator {
 public:
  JoinOperator(const PhysicalNode& node, TaskContext& ctx, int build_begin, int build_end, Operator& next)
      : node_(node),
        ctx_(ctx),
        next_(next),
        build_right_(node.Join().build_right),
        probe_keys_(node.kind() == PhysicalKind::kHashJoin ? (build_right_ ? node.Join().left_keys : node.Join().right_keys)
                                                         : std::vector<ExprPtr>{}),
        encoder_([&] {
          std::vector<TypePtr> types;
          for (const auto& key : probe_keys_) types.push_back(key->type);
          return types;
        }()),
        probe_outer_(ProbeIsPreserved(node.Join().type, build_right_)),
        build_outer_(BuildIsPreserved(node.Join().type, build_right_)),
        existence_(IsExistenceJoin(node.Join().type)) {
    const PhysicalNode& build = *node.children[build_right_ ? 1 : 0];
    EMBER_CHECK(build.kind() == PhysicalKind::kExchange && ctx.shuffles != nullptr,
                "a join's build side is an exchange");
    const std::vector<ExprPtr> no_keys;
    const auto& build_keys = node.kind() == PhysicalKind::kHashJoin ? (build_right_ ? node.Join().right_keys : node.Join().left_keys)
                                                                  : no_keys;
    auto make_table = [&, begin = build_begin, end = build_end](MemoryReservation memory) {
      std::vector<Batch> batches = ReadBuildBatches(build, ctx, begin, end);
      // Before building: the rows are copied into one batch, plus chains and key index.
      int64_t rows = 0, bytes = 0;
      for (const auto& batch : batches) {
        rows += batch.num_rows;
        bytes += batch.MemoryBytes();
      }
      memory.Resize(bytes + 16 * rows);
      auto held = std::make_shared<ReservedTable>(std::move(memory), batches, build.output, build_keys,
                                                  node.Join().null_safe, ctx.eval);
      held->memory.Resize(held->table.MemoryBytes());
      return std::shared_ptr<const JoinBuildTable>(held, &held->table);
    };
    if (node.Join().broadcast) {
      // Shared by the query's tasks: storage memory of the query, as Spark keeps broadcasts.
      QueryMemory* query = ctx.memory != nullptr ? ctx.memory->query() : nullptr;
      table_ = std::static_pointer_cast<const JoinBuildTable>(ctx.shuffles->Shared(build.As<ExchangeExec>().id, [&] {
        return std::static_pointer_cast<const void>(make_table(MemoryReservation(query, MemoryPool::kStorage)));
      }));
    } else {
      table_ = make_table(MemoryReservation(ctx.memory));
    }
    if (build_outer_) build_matched_.assign(table_->size(), 0);
  }

  bool Push(const Batch& batch) override {
    ctx_.CheckCancelled();
    if (done_) return false;
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
    return !done_;
  }

  void Finish() override {
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
    next_.Finish();
  }

 private:
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
  bool build_right_;
  std::vector<ExprPtr> probe_keys_;
  RowKeyEncoder encoder_;
  bool probe_outer_;
  bool build_outer_;
  bool existence_;
  std::shared_ptr<const JoinBuildTable> table_;
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

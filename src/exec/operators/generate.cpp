// Generate: for each input row, one output row per element of the array of structs its generator
// returns: the input row's columns (but those only the generator reads), then the struct's fields.
// With `outer`, a row whose array is null or empty gives one row whose generated columns are null.
// Output batches hold about kBatchRows rows. A generator over whole partitions (a Python UDTF's
// terminate, mapInPandas' rows after its input ends) gives its last rows at Finish, with the last
// input row's columns (as Spark joins a UDTF's terminate rows; null columns after a partition
// without rows).
#include "exec/operators/empty_partition.h"
#include "exec/operators/operator.h"
#include "functions/collection/nested_util.h"
#include "functions/partition_end.h"

namespace ember {
namespace {

class GenerateOperator : public Operator {
 public:
  GenerateOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next)
      : node_(node),
        generator_(*node.As<GenerateExec>().generator),
        outer_(node.As<GenerateExec>().outer),
        dropped_(node.As<GenerateExec>().dropped_child_columns),
        ctx_(ctx),
        next_(next) {}

  bool Push(const Batch& batch) override {
    pushed_ = true;
    VectorPtr generated = EvaluateColumn(generator_, batch, ctx_.eval);
    ClaimPartitionEnds(ctx_.eval, &ends_);
    Batch passed = PassedColumns(batch);
    if (!ends_.empty()) {
      int32_t last = static_cast<int32_t>(batch.num_rows - 1);
      last_row_ = TakeBatch(passed, &last, 1);
    }
    return Generate(passed, *generated);
  }

  void Finish() override {
    if (!pushed_ && CallsPandasFunction(node_, ctx_.eval)) {
      EvaluateColumn(generator_, NullInput(node_, 0), ctx_.eval);
      ClaimPartitionEnds(ctx_.eval, &ends_);
      last_row_ = PassedColumns(NullInput(node_, 1));
    }
    for (const auto& end : ends_) {
      VectorPtr last = end->Finish(ctx_.eval);
      if (last == nullptr || !last->IsValid(0) || last->Offsets()[1] == last->Offsets()[0]) continue;
      if (!Generate(last_row_, *last)) break;
    }
    next_.Finish();
  }

 private:
  Batch PassedColumns(const Batch& batch) const {
    if (dropped_.empty()) return batch;
    Batch passed({}, batch.num_rows);
    size_t next_dropped = 0;
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      if (next_dropped < dropped_.size() && dropped_[next_dropped] == static_cast<int>(c)) {
        ++next_dropped;
      } else {
        passed.columns.push_back(batch.columns[c]);
      }
    }
    return passed;
  }

  // Pushes the rows `generated` (an array per row of `batch`) gives; false when no more are wanted.
  bool Generate(const Batch& batch, const Vector& generated) {
    const int32_t* offsets = generated.Offsets();
    const Vector& elements = *generated.child(0);
    std::vector<int32_t> rows, picks;
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      bool any = generated.IsValid(i) && offsets[i + 1] > offsets[i];
      if (!any && outer_) {
        rows.push_back(static_cast<int32_t>(i));
        picks.push_back(-1);
      }
      for (int32_t k = any ? offsets[i] : 0; any && k < offsets[i + 1]; ++k) {
        rows.push_back(static_cast<int32_t>(i));
        // A null struct element (inline) generates a row of nulls.
        picks.push_back(elements.IsValid(k) ? k : -1);
        if (static_cast<int64_t>(rows.size()) >= kBatchRows && !Flush(batch, elements, &rows, &picks)) return false;
      }
    }
    return rows.empty() || Flush(batch, elements, &rows, &picks);
  }

  bool Flush(const Batch& batch, const Vector& elements, std::vector<int32_t>* rows, std::vector<int32_t>* picks) {
    Batch out = TakeBatch(batch, rows->data(), static_cast<int64_t>(rows->size()));
    for (const auto& field : elements.children()) out.columns.push_back(GatherOrNull(*field, *picks));
    rows->clear();
    picks->clear();
    ctx_.CheckCancelled();
    return next_.Push(out);
  }

  const PhysicalNode& node_;
  const Expr& generator_;
  bool outer_;
  const std::vector<int>& dropped_;
  TaskContext& ctx_;
  Operator& next_;
  std::vector<std::shared_ptr<PartitionEnd>> ends_;  // of generators over whole partitions
  Batch last_row_;  // the last input row, when there are ends
  bool pushed_ = false;
};

}  // namespace

std::unique_ptr<Operator> MakeGenerateOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next) {
  return std::make_unique<GenerateOperator>(node, ctx, next);
}

}  // namespace ember

// Sort: keeps the partition's batches, then orders all rows by the sort keys with Spark's rules
// (exec/operators/sort_keys.h), through normalized keys when they are all fixed-width and the
// budget has room for them (exec/operators/normalized_sort.h). The sort is stable, so equal keys
// keep their input order. When the memory budget refuses more input, the rows kept so far are
// sorted and spilled as a run; at the end the runs are merged (exec/operators/sorted_runs.h).
#include <algorithm>
#include <functional>

#include "common/error.h"
#include "exec/metrics.h"
#include "exec/operators/normalized_sort.h"
#include "exec/operators/operator.h"
#include "exec/operators/sort_keys.h"
#include "exec/operators/sorted_runs.h"
#include "exec/operators/string_key_ranks.h"
#include "functions/value_ordering.h"

namespace ember {
namespace {

using RowCompare = std::function<int(int64_t, int64_t)>;

// Bytes per row and string key of ranking it: the row's value id and its rank.
constexpr int64_t kRankRowBytes = 8;

template <typename T>
RowCompare FixedCompare(const Vector& v) {
  const T* data = v.Data<T>();
  return [data](int64_t a, int64_t b) { return CompareValues(data[a], data[b]); };
}

RowCompare ValueCompare(const Vector& v) {
  const DataType& type = *v.type();
  switch (type.id) {
    case TypeId::kNull:
      return [](int64_t, int64_t) { return 0; };
    case TypeId::kBoolean:
      return FixedCompare<uint8_t>(v);
    case TypeId::kByte:
      return FixedCompare<int8_t>(v);
    case TypeId::kShort:
      return FixedCompare<int16_t>(v);
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
      return FixedCompare<int32_t>(v);
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval:
      return FixedCompare<int64_t>(v);
    case TypeId::kDecimal:
      return type.IsWideDecimal() ? FixedCompare<int128_t>(v) : FixedCompare<int64_t>(v);
    case TypeId::kFloat: {
      const float* data = v.Data<float>();
      return [data](int64_t a, int64_t b) { return CompareFloating(data[a], data[b]); };
    }
    case TypeId::kDouble: {
      const double* data = v.Data<double>();
      return [data](int64_t a, int64_t b) { return CompareFloating(data[a], data[b]); };
    }
    case TypeId::kString:
    case TypeId::kBinary: {
      const Vector* vector = &v;
      return [vector](int64_t a, int64_t b) {
        int c = vector->GetString(a).compare(vector->GetString(b));
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
      };
    }
    default: {
      // Arrays and structs (the analyzer rejects maps).
      auto compare = std::make_shared<ValueComparator>(v, v);
      return [compare](int64_t a, int64_t b) { return compare->Compare(a, b); };
    }
  }
}

class SortOperator : public Operator {
 public:
  SortOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next)
      : node_(node), ctx_(ctx), next_(next), memory_(ctx.memory) {}

  bool Push(const Batch& batch) override {
    ctx_.CheckCancelled();
    // Twice the input: sorting copies the rows into one batch.
    int64_t bytes = 2 * batch.MemoryBytes() + 4 * batch.num_rows;
    if (!memory_.TryGrow(bytes)) {
      if (ctx_.spills != nullptr && rows_ > 0) SpillRun();
      memory_.Grow(bytes);
    }
    batches_.push_back(batch);
    rows_ += batch.num_rows;
    return true;
  }

  void Finish() override {
    auto push = [this](const Batch& batch) { return next_.Push(batch); };
    if (runs_ == nullptr) {
      if (rows_ > 0) SortBuffered(kBatchRows, push);
    } else {
      if (rows_ > 0) SpillRun();
      runs_->Merge(push);
      if (ctx_.metrics != nullptr) ctx_.metrics->AddSpill(node_, runs_->runs(), runs_->spilled_bytes());
    }
    next_.Finish();
  }

 private:
  void SpillRun() {
    if (runs_ == nullptr) {
      std::vector<TypePtr> types;
      for (const auto& field : node_.output) types.push_back(field.type);
      runs_ = std::make_unique<SortedRuns>(node_.As<SortExec>().orders, std::move(types), ctx_, memory_);
    }
    runs_->BeginRun();
    SortBuffered(SortedRuns::kRunBatchRows, [this](const Batch& batch) {
      runs_->Add(batch);
      return true;
    });
  }

  // Sorts the kept rows and passes them on in batches of `batch_rows` rows (until `out` returns
  // false); keeps nothing.
  void SortBuffered(int64_t batch_rows, const std::function<bool(const Batch&)>& out) {
    Batch all;
    all.num_rows = rows_;
    for (size_t c = 0; c < node_.output.size(); ++c) {
      std::vector<VectorPtr> parts;
      for (const auto& batch : batches_) parts.push_back(batch.columns[c]);
      all.columns.push_back(parts.size() == 1 ? parts[0] : ConcatVectors(parts));
    }
    batches_.clear();

    const auto& orders = node_.As<SortExec>().orders;
    std::vector<VectorPtr> keys;
    for (const auto& order : orders) keys.push_back(EvaluateColumn(*order->args[0], all, ctx_.eval));
    // Normalized keys when the budget has room for them (string keys with few distinct values
    // as their ranks), else comparisons in place.
    std::vector<int32_t> order;
    const int64_t held = memory_.bytes();
    if (memory_.TryGrow((kNormalizedSortRowBytes + kRankRowBytes * keys.size()) * rows_)) {
      order = NormalizedSortOrder(RankedKeys(keys), orders, rows_);
      memory_.Resize(held);  // the encoded keys are gone
    }
    if (order.empty() && rows_ > 0) order = CompareSortOrder(keys, orders);
    for (int64_t begin = 0; begin < rows_; begin += batch_rows) {
      ctx_.CheckCancelled();
      int64_t count = std::min<int64_t>(batch_rows, rows_ - begin);
      if (!out(TakeBatch(all, order.data() + begin, count))) break;
    }
    rows_ = 0;
    memory_.Release();
  }

  // `keys` with each string or binary key replaced by its values' ranks, while they have few
  // distinct values (else the key stays: the normalized sort then declines).
  std::vector<VectorPtr> RankedKeys(const std::vector<VectorPtr>& keys) const {
    std::vector<VectorPtr> ranked = keys;
    for (auto& key : ranked) {
      TypeId id = key->type()->id;
      if (id != TypeId::kString && id != TypeId::kBinary) continue;
      VectorPtr ranks = StringKeyRanks(*key, rows_);
      if (ranks == nullptr) return keys;
      key = std::move(ranks);
    }
    return ranked;
  }

  // The stable order of the kept rows by comparing key values (any key types).
  std::vector<int32_t> CompareSortOrder(const std::vector<VectorPtr>& keys, const std::vector<ExprPtr>& orders) {
    std::vector<RowCompare> compares;
    for (size_t k = 0; k < keys.size(); ++k) {
      const Vector* key = keys[k].get();
      RowCompare values = ValueCompare(*key);
      bool ascending = orders[k]->ascending, nulls_first = orders[k]->nulls_first;
      compares.push_back([key, values, ascending, nulls_first](int64_t a, int64_t b) {
        bool a_null = key->IsNull(a), b_null = key->IsNull(b);
        if (a_null || b_null) {
          if (a_null == b_null) return 0;
          return a_null == nulls_first ? -1 : 1;
        }
        int c = values(a, b);
        return ascending ? c : -c;
      });
    }
    std::vector<int32_t> order(rows_);
    for (int64_t i = 0; i < rows_; ++i) order[i] = static_cast<int32_t>(i);
    std::stable_sort(order.begin(), order.end(), [&compares](int32_t a, int32_t b) {
      for (const auto& compare : compares) {
        int c = compare(a, b);
        if (c != 0) return c < 0;
      }
      return false;
    });
    return order;
  }

  const PhysicalNode& node_;
  TaskContext& ctx_;
  Operator& next_;
  MemoryReservation memory_;
  std::vector<Batch> batches_;
  int64_t rows_ = 0;
  std::unique_ptr<SortedRuns> runs_;  // once the rows did not fit
};

}  // namespace

std::unique_ptr<Operator> MakeSortOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next) {
  return std::make_unique<SortOperator>(node, ctx, next);
}

}  // namespace ember

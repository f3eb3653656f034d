#include "exec/range_bounds.h"

#include <algorithm>
#include <numeric>

#include "common/error.h"
#include "exec/operators/sort_keys.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

class KeySampler : public Operator {
 public:
  KeySampler(const std::vector<ExprPtr>& orders, int64_t target, TaskContext& ctx, KeySample* out)
      : orders_(orders), target_(std::max<int64_t>(target, 1)), ctx_(ctx), out_(out) {
    for (const auto& order : orders_) builders_.emplace_back(order->args[0]->type, 2 * target_);
  }

  bool Push(const Batch& batch) override {
    ctx_.CheckCancelled();
    const int64_t stride = out_->stride;
    std::vector<int32_t> rows;
    for (int64_t i = (stride - seen_ % stride) % stride; i < batch.num_rows; i += stride) {
      rows.push_back(static_cast<int32_t>(i));
    }
    seen_ += batch.num_rows;
    if (rows.empty()) return true;
    for (size_t k = 0; k < orders_.size(); ++k) {
      VectorPtr key = EvaluateColumn(*orders_[k]->args[0], batch, ctx_.eval);
      builders_[k].AppendRows(*key, rows.data(), static_cast<int64_t>(rows.size()));
    }
    if (builders_[0].length() >= 2 * target_) Halve();
    return true;
  }

  void Finish() override {
    out_->keys.clear();
    for (auto& builder : builders_) out_->keys.push_back(builder.Finish());
  }

 private:
  // Keeps every other sampled row (rows 0, 2 * stride, 4 * stride... of the input).
  void Halve() {
    std::vector<int32_t> even;
    for (int64_t i = 0; i < builders_[0].length(); i += 2) even.push_back(static_cast<int32_t>(i));
    for (auto& builder : builders_) {
      VectorPtr kept = TakeRows(*builder.Finish(), even.data(), static_cast<int64_t>(even.size()));
      builder = VectorBuilder(kept->type(), 2 * target_);
      std::vector<int32_t> all(even.size());
      std::iota(all.begin(), all.end(), 0);
      builder.AppendRows(*kept, all.data(), static_cast<int64_t>(all.size()));
    }
    out_->stride *= 2;
  }

  const std::vector<ExprPtr>& orders_;
  const int64_t target_;
  TaskContext& ctx_;
  KeySample* out_;
  std::vector<VectorBuilder> builders_;
  int64_t seen_ = 0;
};

}  // namespace

PhysicalPtr KeySampleFragment(const PhysicalNode& exchange, std::vector<ExprPtr>* orders) {
  const PhysicalPtr& input = exchange.children[0];
  // Another input could read exchanges, whose batches the sampling would take away.
  EMBER_CHECK(input->kind() == PhysicalKind::kFileScan, "a range exchange over another input than a file scan");
  *orders = exchange.partitioning.keys;
  if (!input->As<FileScanExec>().output_sources.empty()) return input;
  // The scan reads the columns that the keys and its filters use, renumbered in their order.
  std::vector<bool> used(input->output.size(), false);
  for (const auto& order : *orders) CollectReferences(*order, used);
  const FileScanExec& scan = input->As<FileScanExec>();
  for (const auto& filter : scan.filters) CollectReferences(*filter, used);
  FileScanExec pruned = scan;
  pruned.read_schema.clear();
  std::vector<int> mapping(used.size(), -1);
  Schema output;
  for (size_t i = 0; i < used.size(); ++i) {
    if (!used[i]) continue;
    mapping[i] = static_cast<int>(output.size());
    output.push_back(input->output[i]);
    pruned.read_schema.push_back(scan.read_schema[i]);
  }
  for (auto& filter : pruned.filters) filter = RemapReferences(filter, mapping);
  for (auto& order : *orders) order = RemapReferences(order, mapping);
  PhysicalNode node(std::move(pruned));
  node.output = std::move(output);
  node.partitioning = input->partitioning;
  return MakePhysical(std::move(node));
}

std::unique_ptr<Operator> MakeKeySampler(const std::vector<ExprPtr>& orders, int64_t target, TaskContext& ctx,
                                         KeySample* out) {
  return std::make_unique<KeySampler>(orders, target, ctx, out);
}

Batch RangeBounds(const std::vector<KeySample>& samples, const std::vector<ExprPtr>& orders, int partitions) {
  std::vector<VectorPtr> keys;
  std::vector<int64_t> weights;
  for (size_t k = 0; k < orders.size(); ++k) {
    std::vector<VectorPtr> parts;
    for (const auto& sample : samples) {
      if (!sample.keys.empty() && sample.keys[0]->length() > 0) parts.push_back(sample.keys[k]);
    }
    if (parts.empty()) return Batch();
    keys.push_back(parts.size() == 1 ? parts[0] : ConcatVectors(parts));
  }
  for (const auto& sample : samples) {
    if (!sample.keys.empty()) weights.insert(weights.end(), sample.keys[0]->length(), sample.stride);
  }
  std::vector<int32_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int32_t a, int32_t b) { return CompareSortKeys(keys, a, keys, b, orders) < 0; });
  const double total = static_cast<double>(std::accumulate(weights.begin(), weights.end(), int64_t{0}));
  const double step = total / partitions;
  std::vector<int32_t> bounds;
  double seen = 0;
  for (int32_t row : order) {
    if (static_cast<int>(bounds.size()) == partitions - 1) break;
    seen += static_cast<double>(weights[row]);
    if (seen < step * static_cast<double>(bounds.size() + 1)) continue;
    if (!bounds.empty() && CompareSortKeys(keys, row, keys, bounds.back(), orders) <= 0) continue;
    bounds.push_back(row);
  }
  Batch result;
  result.num_rows = static_cast<int64_t>(bounds.size());
  for (const auto& key : keys) result.columns.push_back(TakeRows(*key, bounds.data(), result.num_rows));
  return result;
}

void RangePartitions(const std::vector<VectorPtr>& keys, int64_t rows, const Batch& bounds,
                     const std::vector<ExprPtr>& orders, uint32_t* partition_of) {
  for (int64_t i = 0; i < rows; ++i) {
    int64_t low = 0, high = bounds.num_rows;
    while (low < high) {
      int64_t middle = (low + high) / 2;
      if (CompareSortKeys(keys, i, bounds.columns, middle, orders) > 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    partition_of[i] = static_cast<uint32_t>(low);
  }
}

}  // namespace ember

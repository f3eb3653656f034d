#include "exec/operators/join_build_table.h"

#include <bit>

#include "common/error.h"
#include "exec/operators/operator.h"

namespace ember {
namespace {

std::vector<TypePtr> KeyTypes(const std::vector<ExprPtr>& keys) {
  std::vector<TypePtr> types;
  for (const auto& key : keys) types.push_back(key->type);
  return types;
}

Batch ConcatBatches(const std::vector<Batch>& batches, const Schema& schema) {
  Batch out;
  for (size_t c = 0; c < schema.size(); ++c) {
    std::vector<VectorPtr> parts;
    for (const auto& batch : batches) {
      if (batch.num_rows > 0) parts.push_back(batch.columns[c]);
    }
    out.columns.push_back(parts.empty() ? Vector::Make(schema[c].type, 0)
                                        : parts.size() == 1 ? parts[0] : ConcatVectors(parts));
  }
  for (const auto& batch : batches) out.num_rows += batch.num_rows;
  return out;
}

}  // namespace

std::vector<uint8_t> NullKeyRows(const std::vector<VectorPtr>& columns, const std::vector<bool>& null_safe,
                                 int64_t rows) {
  std::vector<uint8_t> has_null(rows, 0);
  for (size_t k = 0; k < columns.size(); ++k) {
    const Vector& column = *columns[k];
    if (null_safe[k] || !column.MayHaveNulls()) continue;
    for (int64_t i = 0; i < rows; ++i) has_null[i] |= column.IsNull(i) ? 1 : 0;
  }
  return has_null;
}

// With a large table most lookups miss the cache: prefetch the slot of a row this many rows ahead.
constexpr int64_t kPrefetchDistance = 16;

JoinBuildTable::JoinBuildTable(const std::vector<Batch>& batches, const Schema& schema,
                               const std::vector<ExprPtr>& keys, const std::vector<bool>& null_safe,
                               EvalContext& ctx)
    : rows_(ConcatBatches(batches, schema)), encoder_(KeyTypes(keys)) {
  if (keys.empty()) return;
  int64_t n = rows_.num_rows;
  std::vector<VectorPtr> columns;
  for (const auto& key : keys) columns.push_back(EvaluateColumn(*key, rows_, ctx));
  std::vector<uint8_t> skip = NullKeyRows(columns, null_safe, n);
  next_.assign(n, -1);
  // Backwards, so that each chain lists its rows in input order.
  if (encoder_.packed()) {
    // Build sides often repeat keys (lineitem by order): size for a quarter of the rows, and grow.
    packed_ = PackedKeyMap(n / 4);
    // Packed a batch at a time: keys of all rows would be 32 bytes a row to allocate.
    std::vector<PackedKey> chunk(kBatchRows);
    std::vector<uint64_t> hashes(kBatchRows);
    for (int64_t end = n; end > 0; end -= kBatchRows) {
      int64_t begin = std::max<int64_t>(0, end - kBatchRows);
      PackKeys(encoder_.types(), columns, begin, end - begin, chunk.data());
      for (int64_t i = 0; i < end - begin; ++i) hashes[i] = HashPackedKey(chunk[i]);
      for (int64_t i = end - begin - 1; i >= 0; --i) {
        if (i >= kPrefetchDistance) packed_.Prefetch(hashes[i - kPrefetchDistance]);
        int64_t row = begin + i;
        if (skip[row]) continue;
        int32_t& head = packed_.Insert(chunk[i], hashes[i]);
        next_[row] = head;
        head = static_cast<int32_t>(row);
      }
    }
    return;
  }
  encoder_.Encode(columns, n);
  const uint64_t* hashes = encoder_.Hashes();
  uint64_t capacity = std::bit_ceil(static_cast<uint64_t>(std::max<int64_t>(n * 2, 16)));
  slots_.assign(capacity, -1);
  mask_ = capacity - 1;
  for (int64_t row = n - 1; row >= 0; --row) {
    if (skip[row]) continue;
    std::string_view key = encoder_.Key(row);
    uint64_t slot = hashes[row] & mask_;
    while (slots_[slot] >= 0 && encoder_.Key(slots_[slot]) != key) slot = (slot + 1) & mask_;
    next_[row] = slots_[slot];
    slots_[slot] = static_cast<int32_t>(row);
  }
}

void JoinBuildTable::Find(const RowKeyEncoder& probe, const uint8_t* skip, int64_t rows, int32_t* heads) const {
  EMBER_CHECK(probe.packed() == encoder_.packed(), "join keys of different types");
  const uint64_t* hashes = probe.Hashes();
  if (encoder_.packed()) {
    for (int64_t i = 0; i < rows; ++i) {
      if (i + kPrefetchDistance < rows) packed_.Prefetch(hashes[i + kPrefetchDistance]);
      heads[i] = skip[i] ? -1 : packed_.Find(probe.Packed(i), hashes[i]);
    }
    return;
  }
  for (int64_t i = 0; i < rows; ++i) heads[i] = skip[i] ? -1 : FindKey(probe.Key(i), hashes[i]);
}

int32_t JoinBuildTable::FindKey(std::string_view key, uint64_t hash) const {
  if (slots_.empty()) return -1;
  uint64_t slot = hash & mask_;
  while (slots_[slot] >= 0) {
    int32_t head = slots_[slot];
    if (encoder_.Hash(head) == hash && encoder_.Key(head) == key) return head;
    slot = (slot + 1) & mask_;
  }
  return -1;
}

}  // namespace ember

#include "exec/shuffle_store.h"

#include <algorithm>

#include "common/error.h"

namespace ember {

void ShuffleStore::Create(int exchange_id, int num_partitions, std::vector<TypePtr> types) {
  auto data = std::make_unique<ExchangeData>();
  data->types = std::move(types);
  for (int i = 0; i < num_partitions; ++i) data->partitions.push_back(std::make_unique<PartitionData>());
  std::lock_guard lock(mutex_);
  exchanges_[exchange_id] = std::move(data);
}

ShuffleStore::ExchangeData& ShuffleStore::Find(int exchange_id) const {
  std::lock_guard lock(mutex_);
  auto it = exchanges_.find(exchange_id);
  EMBER_CHECK(it != exchanges_.end(), "unknown exchange " + std::to_string(exchange_id));
  return *it->second;
}

bool ShuffleStore::Reserve(ExchangeData& exchange, int64_t bytes) {
  std::lock_guard lock(reserved_mutex_);
  if (spills_ == nullptr) {
    reserved_.Grow(bytes);
  } else {
    if (reserved_.bytes() + bytes > memory_cap_ || !reserved_.TryGrow(bytes)) return false;
  }
  exchange.held += bytes;
  return true;
}

void ShuffleStore::Unreserve(ExchangeData& exchange, int64_t bytes) {
  std::lock_guard lock(reserved_mutex_);
  reserved_.Resize(reserved_.bytes() - bytes);
  exchange.held -= bytes;
}

SpillFile& ShuffleStore::SpillFileOf(int exchange_id, ExchangeData& exchange) {
  std::lock_guard lock(exchange.spill_mutex);
  if (!exchange.spill_file) {
    exchange.spill_file = std::make_unique<SpillFile>(spills_->NewPath("shuffle-" + std::to_string(exchange_id)));
  }
  return *exchange.spill_file;
}

void ShuffleStore::Append(int exchange_id, int partition, Batch batch, int map_index) {
  ExchangeData& exchange = Find(exchange_id);
  PartitionData& data = *exchange.partitions.at(partition);
  int64_t bytes = batch.MemoryBytes();
  Piece piece;
  piece.map_index = map_index;
  if (Reserve(exchange, bytes)) {
    piece.batch = std::move(batch);
  } else {
    SpillFrame frame = SpillFileOf(exchange_id, exchange).Append(batch);
    std::lock_guard lock(exchange.spill_mutex);
    ++exchange.spilled.spill_count;
    exchange.spilled.spill_bytes += frame.bytes;
    piece.spill_offset = frame.offset;
  }
  std::lock_guard lock(data.mutex);
  data.pieces.push_back(std::move(piece));
  data.bytes += bytes;
}

void ShuffleStore::Take(int exchange_id, int begin, int end, const std::function<bool(Batch)>& consume) {
  ExchangeData& exchange = Find(exchange_id);
  std::vector<Piece> pieces;
  for (int p = begin; p < end; ++p) {
    PartitionData& data = *exchange.partitions.at(p);
    std::lock_guard lock(data.mutex);
    for (auto& piece : data.pieces) pieces.push_back(std::move(piece));
    data.pieces.clear();
  }
  std::stable_sort(pieces.begin(), pieces.end(),
                   [](const Piece& a, const Piece& b) { return a.map_index < b.map_index; });
  // The reader reserves what it keeps: each batch leaves the store's reservation as it is passed on.
  bool more = true;
  for (auto& piece : pieces) {
    if (piece.spill_offset < 0) {
      Unreserve(exchange, piece.batch.MemoryBytes());
      if (more) more = consume(std::move(piece.batch));
    } else if (more) {
      more = consume(exchange.spill_file->Read(piece.spill_offset, exchange.types));
    }
  }
}

std::vector<int64_t> ShuffleStore::PartitionBytes(int exchange_id) const {
  std::vector<int64_t> bytes;
  for (const auto& partition : Find(exchange_id).partitions) {
    std::lock_guard lock(partition->mutex);
    bytes.push_back(partition->bytes);
  }
  return bytes;
}

int ShuffleStore::NumPartitions(int exchange_id) const {
  return static_cast<int>(Find(exchange_id).partitions.size());
}

OperatorMetrics ShuffleStore::Spilled(int exchange_id) const {
  ExchangeData& exchange = Find(exchange_id);
  std::lock_guard lock(exchange.spill_mutex);
  return exchange.spilled;
}

std::shared_ptr<const void> ShuffleStore::Shared(int exchange_id,
                                                const std::function<std::shared_ptr<const void>()>& build) {
  ExchangeData& data = Find(exchange_id);
  std::lock_guard lock(data.shared_mutex);
  if (!data.shared) data.shared = build();
  return data.shared;
}

void ShuffleStore::Drop(int exchange_id) {
  std::unique_ptr<ExchangeData> dropped;
  {
    std::lock_guard lock(mutex_);
    auto it = exchanges_.find(exchange_id);
    if (it == exchanges_.end()) return;
    dropped = std::move(it->second);
    exchanges_.erase(it);
  }
  std::lock_guard lock(reserved_mutex_);
  reserved_.Resize(reserved_.bytes() - dropped->held);
}

}  // namespace ember

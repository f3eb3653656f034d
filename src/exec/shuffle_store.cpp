#include "exec/shuffle_store.h"

#include "common/error.h"

namespace ember {

void ShuffleStore::Create(int exchange_id, int num_partitions) {
  auto data = std::make_unique<ExchangeData>(memory_);
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

void ShuffleStore::Append(int exchange_id, int partition, Batch batch) {
  ExchangeData& exchange = Find(exchange_id);
  PartitionData& data = *exchange.partitions.at(partition);
  int64_t bytes = batch.MemoryBytes();
  {
    std::lock_guard lock(exchange.reserved_mutex);
    exchange.reserved.Grow(bytes);
  }
  std::lock_guard lock(data.mutex);
  data.batches.push_back(std::move(batch));
  data.bytes += bytes;
}

const std::vector<Batch>& ShuffleStore::Partition(int exchange_id, int partition) const {
  return Find(exchange_id).partitions.at(partition)->batches;
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

std::shared_ptr<const void> ShuffleStore::Shared(int exchange_id,
                                                const std::function<std::shared_ptr<const void>()>& build) {
  ExchangeData& data = Find(exchange_id);
  std::lock_guard lock(data.shared_mutex);
  if (!data.shared) data.shared = build();
  return data.shared;
}

void ShuffleStore::Drop(int exchange_id) {
  std::lock_guard lock(mutex_);
  exchanges_.erase(exchange_id);
}

}  // namespace ember

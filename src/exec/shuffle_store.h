// The in-memory shuffle: for each exchange of a running query, the map side's output batches per
// partition. Map tasks append concurrently (one lock per partition); reduce tasks read once the
// map stage has finished. The job drops an exchange's data when the stage reading it is done.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "common/memory_manager.h"
#include "common/vector.h"

namespace ember {

class ShuffleStore {
 public:
  // Map outputs are reserved from `memory` (nullable: unlimited).
  explicit ShuffleStore(QueryMemory* memory = nullptr) : memory_(memory) {}
  // Makes room for the output of exchange `exchange_id` with `num_partitions` partitions.
  void Create(int exchange_id, int num_partitions);
  void Append(int exchange_id, int partition, Batch batch);
  // Batches of one partition (valid until Drop).
  const std::vector<Batch>& Partition(int exchange_id, int partition) const;
  // Bytes held by each partition.
  std::vector<int64_t> PartitionBytes(int exchange_id) const;
  int NumPartitions(int exchange_id) const;
  // A value derived from an exchange's whole output (a broadcast join's hash table), built by the
  // first task that asks and shared by the others; dropped with the exchange.
  std::shared_ptr<const void> Shared(int exchange_id, const std::function<std::shared_ptr<const void>()>& build);
  void Drop(int exchange_id);

 private:
  struct PartitionData {
    std::mutex mutex;
    std::vector<Batch> batches;
    int64_t bytes = 0;
  };
  struct ExchangeData {
    explicit ExchangeData(QueryMemory* memory) : reserved(memory, MemoryPool::kExecution) {}
    std::mutex reserved_mutex;
    MemoryReservation reserved;
    std::vector<std::unique_ptr<PartitionData>> partitions;
    std::mutex shared_mutex;
    std::shared_ptr<const void> shared;
  };
  ExchangeData& Find(int exchange_id) const;

  QueryMemory* memory_;
  mutable std::mutex mutex_;
  std::map<int, std::unique_ptr<ExchangeData>> exchanges_;
};

}  // namespace ember

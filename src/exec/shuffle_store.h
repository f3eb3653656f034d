// The shuffle between stages: for each exchange of a running query, the map side's output batches
// per partition. Map tasks append concurrently (one lock per partition); reduce tasks read once the
// map stage has finished. Outputs are reserved from the query's memory; beyond half the budget (or
// when it is full) they go to the exchange's spill file instead. Each partition is read by one
// task, which takes its batches out of the store, so memory moves to the reader as it reads. The
// job drops an exchange when the stage reading it is done.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "common/memory_manager.h"
#include "common/vector.h"
#include "exec/metrics.h"
#include "exec/spill_file.h"

namespace ember {

class ShuffleStore {
 public:
  // Map outputs are reserved from `memory` and spilled into `spills` (both nullable: unlimited,
  // never spilled).
  explicit ShuffleStore(QueryMemory* memory = nullptr, SpillDirectory* spills = nullptr)
      : reserved_(memory, MemoryPool::kExecution),
        memory_cap_(memory != nullptr && memory->manager() != nullptr ? memory->manager()->limit() / 2
                                                                        : INT64_MAX),
        spills_(spills) {}

  // Makes room for the output of exchange `exchange_id` with `num_partitions` partitions whose
  // batches have columns of `types`.
  void Create(int exchange_id, int num_partitions, std::vector<TypePtr> types);
  // A batch of partition `partition` written by map task `map_index`.
  void Append(int exchange_id, int partition, Batch batch, int map_index = 0);
  // Passes the batches of partitions [begin, end) to `consume` until it returns false, taking them
  // out of the store: map task by map task, each one's partitions in order, as Spark's shuffle
  // reader fetches them (so rows come in the same order whichever map task finished first).
  void Take(int exchange_id, int begin, int end, const std::function<bool(Batch)>& consume);
  void Take(int exchange_id, int partition, const std::function<bool(Batch)>& consume) {
    Take(exchange_id, partition, partition + 1, consume);
  }
  // Bytes of each partition (in memory or not).
  std::vector<int64_t> PartitionBytes(int exchange_id) const;
  int NumPartitions(int exchange_id) const;
  // Batches (spill_count) and bytes written to the exchange's spill file.
  OperatorMetrics Spilled(int exchange_id) const;
  // A value derived from an exchange's whole output (a broadcast join's hash table), built by the
  // first task that asks and shared by the others; dropped with the exchange.
  std::shared_ptr<const void> Shared(int exchange_id, const std::function<std::shared_ptr<const void>()>& build);
  void Drop(int exchange_id);
  // The bounds of a range exchange's partitions (range_bounds.h), set before its map stage runs.
  void SetRangeBounds(int exchange_id, Batch bounds) { Find(exchange_id).range_bounds = std::move(bounds); }
  const Batch& RangeBounds(int exchange_id) const { return Find(exchange_id).range_bounds; }

 private:
  // One appended batch: in memory, or at a frame offset in the exchange's spill file.
  struct Piece {
    int map_index = 0;
    Batch batch;
    int64_t spill_offset = -1;
  };
  struct PartitionData {
    std::mutex mutex;
    std::vector<Piece> pieces;  // in the order each map task appended them
    int64_t bytes = 0;
  };
  struct ExchangeData {
    std::vector<TypePtr> types;
    int64_t held = 0;  // bytes in memory, guarded by reserved_mutex_
    mutable std::mutex spill_mutex;
    std::unique_ptr<SpillFile> spill_file;  // created on the first spill
    OperatorMetrics spilled;
    std::vector<std::unique_ptr<PartitionData>> partitions;
    std::mutex shared_mutex;
    std::shared_ptr<const void> shared;
    Batch range_bounds;
  };
  ExchangeData& Find(int exchange_id) const;
  // Reserves `bytes` of the exchange's output in memory; false: spill it.
  bool Reserve(ExchangeData& exchange, int64_t bytes);
  void Unreserve(ExchangeData& exchange, int64_t bytes);
  SpillFile& SpillFileOf(int exchange_id, ExchangeData& exchange);

  std::mutex reserved_mutex_;
  MemoryReservation reserved_;
  int64_t memory_cap_;  // in memory at most half the budget, so that the reading stages have room
  SpillDirectory* spills_;
  mutable std::mutex mutex_;
  std::map<int, std::unique_ptr<ExchangeData>> exchanges_;
};

}  // namespace ember

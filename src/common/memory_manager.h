// The process's memory budget, shared by every task of every query, after Spark's unified memory
// manager. Whatever accumulates data (sort buffers, hash tables, shuffle outputs, broadcast tables,
// collected results) holds a MemoryReservation and grows it before keeping more; batches in
// flight are not reserved. A refused growth means "spill, then try again"; what cannot spill
// raises UNABLE_TO_ACQUIRE_MEMORY instead of letting the process be killed.
//
// Budget: spark.driver.memory (local mode; half the machine's physical memory when unset) times
// spark.memory.fraction (0.6). Execution (operators) and storage (broadcast tables) draw from that
// one pool and borrow each other's free share. A task's execution memory is capped at the pool
// over the number of running tasks, so a task that started first cannot starve the others.
#pragma once

#include <cstdint>
#include <mutex>

#include "common/config.h"

namespace ember {

enum class MemoryPool { kExecution, kStorage };

class MemoryManager {
 public:
  // `limit`: bytes for execution and storage together.
  explicit MemoryManager(int64_t limit);
  static int64_t LimitFromConfig(const Config& config);

  int64_t limit() const { return limit_; }
  int64_t used(MemoryPool pool) const;
  // Reservations grow by at least this much at a time, so that the lock is rare.
  int64_t chunk_bytes() const { return chunk_bytes_; }

 private:
  friend class TaskMemory;
  friend class MemoryReservation;
  // Grants all of `bytes` or nothing. `task_used` (nullable): the task's execution bytes, checked
  // against its fair share and updated.
  bool TryAcquire(MemoryPool pool, int64_t bytes, int64_t* task_used);
  void Release(MemoryPool pool, int64_t bytes, int64_t* task_used);

  const int64_t limit_;
  const int64_t chunk_bytes_;
  mutable std::mutex mutex_;
  int64_t execution_used_ = 0;
  int64_t storage_used_ = 0;
  int active_tasks_ = 0;
};

// One query's share of the manager: the sum of its reservations and their peak.
class QueryMemory {
 public:
  // `manager` nullable: unlimited.
  explicit QueryMemory(MemoryManager* manager) : manager_(manager) {}
  MemoryManager* manager() const { return manager_; }
  int64_t peak() const;

 private:
  friend class MemoryReservation;
  void Add(int64_t bytes);

  MemoryManager* manager_;
  mutable std::mutex mutex_;
  int64_t used_ = 0;
  int64_t peak_ = 0;
};

// A running task: counts towards the number of tasks that share the execution memory.
class TaskMemory {
 public:
  // `query` (nullable, or without a manager): unlimited.
  explicit TaskMemory(QueryMemory* query);
  ~TaskMemory();
  TaskMemory(const TaskMemory&) = delete;
  TaskMemory& operator=(const TaskMemory&) = delete;
  QueryMemory* query() const { return query_; }

 private:
  friend class MemoryReservation;
  QueryMemory* query_;
  int64_t used_ = 0;  // guarded by the manager's mutex
};

// Memory held by one consumer, released when it is destroyed. Without a manager (operators run
// outside a job, as in unit tests) every growth succeeds and nothing is counted.
class MemoryReservation {
 public:
  MemoryReservation() = default;
  // Execution memory of a task (nullable: unlimited).
  explicit MemoryReservation(TaskMemory* task);
  // Memory held by the query itself rather than one task (shuffle outputs, broadcast tables,
  // collected results); nullable: unlimited.
  MemoryReservation(QueryMemory* query, MemoryPool pool);
  ~MemoryReservation() { Release(); }
  MemoryReservation(MemoryReservation&& other) noexcept;
  MemoryReservation(const MemoryReservation&) = delete;
  MemoryReservation& operator=(const MemoryReservation&) = delete;

  // Makes the reservation cover `bytes` in total. Growing may be refused: false leaves the
  // reservation as it was (the caller spills what it holds, or gives up). Shrinking always works.
  bool TryResize(int64_t bytes);
  // TryResize, raising UNABLE_TO_ACQUIRE_MEMORY when refused.
  void Resize(int64_t bytes);
  bool TryGrow(int64_t bytes) { return TryResize(used_ + bytes); }
  void Grow(int64_t bytes) { Resize(used_ + bytes); }
  void Release() { TryResize(0); }
  // Bytes the consumer asked for.
  int64_t bytes() const { return used_; }

 private:
  bool Acquire(int64_t bytes);
  void Free(int64_t bytes);

  MemoryManager* manager_ = nullptr;
  QueryMemory* query_ = nullptr;
  TaskMemory* task_ = nullptr;
  MemoryPool pool_ = MemoryPool::kExecution;
  int64_t used_ = 0;      // asked for
  int64_t granted_ = 0;   // taken from the manager (used_ rounded up to chunks)
};

}  // namespace ember

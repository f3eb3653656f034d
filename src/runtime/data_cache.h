// The DataFrames persisted with df.cache()/persist(level): the result of a held plan, computed by
// the first query that reads it and kept until unpersist. In memory as storage memory of the
// session's budget; for the disk levels on local disk (a spill file) when memory refuses it or the
// level has no memory. A query reads a persisted plan as a local relation of its kept batches.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/memory_manager.h"
#include "exec/spill_file.h"
#include "plan/logical_plan.h"

namespace ember {

struct StorageLevel {
  bool use_disk = false;
  bool use_memory = false;
};

// A computed result: its schema, batches and where its partitions end (QueryResult::partition_ends).
struct CachedData {
  Schema schema;
  std::vector<Batch> batches;
  std::vector<size_t> partition_ends;
};

class DataCache {
 public:
  // `manager` (nullable: unlimited) budgets the memory; `local_dir` is spark.local.dir.
  DataCache(MemoryManager* manager, std::string local_dir);
  ~DataCache();

  void Persist(int64_t handle, StorageLevel level);
  // Forgets what was kept for `handle`; false when it was not persisted.
  bool Unpersist(int64_t handle);
  // Forgets every kept result (catalog.clearCache).
  void Clear();
  // Where the result of `handle` is kept now: "memory", "disk", or "" (not computed, or dropped
  // for want of memory).
  std::string Placement(int64_t handle) const;
  size_t size() const;

  // `plan` with each persisted held plan in it replaced by a local relation of its kept result;
  // a result not kept yet is computed first by `compute`.
  PlanPtr Substitute(const PlanPtr& plan, const std::function<CachedData(const PlanPtr&)>& compute);

 private:
  struct Entry;
  PlanPtr Cached(const LogicalPlan& node, Entry& entry,
                 const std::function<CachedData(const PlanPtr&)>& compute);
  void Keep(Entry& entry, const CachedData& data);

  QueryMemory memory_;
  SpillDirectory directory_;
  mutable std::mutex mutex_;
  std::map<int64_t, std::shared_ptr<Entry>> entries_;
};

}  // namespace ember

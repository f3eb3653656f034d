#include "runtime/data_cache.h"

#include "common/error.h"

namespace ember {

struct DataCache::Entry {
  explicit Entry(StorageLevel l) : level(l) {}
  StorageLevel level;
  std::mutex compute_mutex;  // one query computes the result, the others wait for it
  Schema schema;
  std::vector<size_t> partition_ends;
  std::shared_ptr<const std::vector<Batch>> batches;  // kept in memory
  std::unique_ptr<MemoryReservation> reservation;
  std::unique_ptr<SpillFile> file;  // kept on disk: one frame per batch
  std::vector<int64_t> offsets;
  bool kept() const { return batches != nullptr || file != nullptr; }
};

DataCache::DataCache(MemoryManager* manager, std::string local_dir)
    : memory_(manager), directory_(std::move(local_dir)) {}

DataCache::~DataCache() = default;

void DataCache::Persist(int64_t handle, StorageLevel level) {
  std::lock_guard<std::mutex> lock(mutex_);
  // As Spark: persisting what is persisted keeps the first level.
  entries_.emplace(handle, std::make_shared<Entry>(level));
}

bool DataCache::Unpersist(int64_t handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  bool erased = entries_.erase(handle) > 0;
  directory_.RemoveIfEmpty();  // a query still reading the entry keeps its file, and the folder
  return erased;
}

void DataCache::Clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
  directory_.RemoveIfEmpty();
}

std::string DataCache::Placement(int64_t handle) const {
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(handle);
    if (it == entries_.end()) return "";
    entry = it->second;
  }
  std::lock_guard<std::mutex> lock(entry->compute_mutex);
  if (entry->batches != nullptr) return "memory";
  return entry->file != nullptr ? "disk" : "";
}

size_t DataCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

void DataCache::Keep(Entry& entry, const CachedData& data) {
  entry.schema = data.schema;
  entry.partition_ends = data.partition_ends;
  int64_t bytes = 0;
  for (const auto& batch : data.batches) {
    for (const auto& column : batch.columns) bytes += column->MemoryBytes();
  }
  if (entry.level.use_memory) {
    auto reservation = std::make_unique<MemoryReservation>(&memory_, MemoryPool::kStorage);
    if (reservation->TryResize(bytes)) {
      entry.reservation = std::move(reservation);
      entry.batches = std::make_shared<const std::vector<Batch>>(data.batches);
      return;
    }
  }
  // MEMORY_ONLY without room keeps nothing: later queries compute the result again, as Spark
  // recomputes the partitions it could not store.
  if (!entry.level.use_disk) return;
  auto file = std::make_unique<SpillFile>(directory_.NewPath("cache"));
  for (const auto& batch : data.batches) entry.offsets.push_back(file->Append(batch).offset);
  entry.file = std::move(file);
}

PlanPtr DataCache::Cached(const LogicalPlan& node, Entry& entry,
                          const std::function<CachedData(const PlanPtr&)>& compute) {
  Schema schema;
  std::vector<size_t> partition_ends;
  std::shared_ptr<const std::vector<Batch>> batches;
  {
    std::lock_guard<std::mutex> lock(entry.compute_mutex);
    if (!entry.kept()) {
      // The plan itself, not its cached stand-in (plan id 0: Substitute does not match it again).
      LogicalPlan uncached = node;
      uncached.plan_id = 0;
      CachedData data = compute(MakePlan(std::move(uncached)));
      Keep(entry, data);
      if (!entry.kept()) {
        schema = std::move(data.schema);
        partition_ends = std::move(data.partition_ends);
        batches = std::make_shared<const std::vector<Batch>>(std::move(data.batches));
      }
    }
    if (batches == nullptr) {
      schema = entry.schema;
      partition_ends = entry.partition_ends;
      batches = entry.batches;
      if (batches == nullptr) {
        std::vector<TypePtr> types;
        for (const auto& field : schema) types.push_back(field.type);
        auto read = std::make_shared<std::vector<Batch>>();
        for (int64_t offset : entry.offsets) read->push_back(entry.file->Read(offset, types));
        batches = std::move(read);
      }
    }
  }
  // In the partitions the plan had, as Spark's cache keeps them.
  LogicalPlan relation(LocalRelationNode{std::move(schema), std::move(batches), std::move(partition_ends)}, {});
  relation.plan_id = node.plan_id;
  return MakePlan(std::move(relation));
}

PlanPtr DataCache::Substitute(const PlanPtr& plan, const std::function<CachedData(const PlanPtr&)>& compute) {
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.empty()) return plan;
    auto it = plan->plan_id != 0 ? entries_.find(plan->plan_id) : entries_.end();
    if (it != entries_.end()) entry = it->second;
  }
  if (entry != nullptr) return Cached(*plan, *entry, compute);
  std::vector<PlanPtr> children;
  bool changed = false;
  for (const auto& child : plan->children) {
    children.push_back(Substitute(child, compute));
    changed = changed || children.back() != child;
  }
  if (!changed) return plan;
  LogicalPlan copy = *plan;
  copy.children = std::move(children);
  return MakePlan(std::move(copy));
}

}  // namespace ember

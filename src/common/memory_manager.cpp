#include "common/memory_manager.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "common/error.h"

namespace ember {
namespace {

int64_t PhysicalMemoryBytes() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page_size > 0 ? static_cast<int64_t>(pages) * page_size : int64_t{4} << 30;
}

// JVM memory strings as Spark reads spark.driver.memory: a plain number counts MiB.
int64_t ParseJvmMemory(const std::string& text) {
  bool digits_only = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return isdigit(c); });
  return digits_only ? ParseByteSize(text) << 20 : ParseByteSize(text);
}

int64_t RoundUp(int64_t bytes, int64_t unit) { return (bytes + unit - 1) / unit * unit; }

}  // namespace

MemoryManager::MemoryManager(int64_t limit)
    : limit_(limit), chunk_bytes_(std::clamp<int64_t>(limit / 256, 32 << 10, 4 << 20)) {}

int64_t MemoryManager::LimitFromConfig(const Config& config) {
  auto memory = config.Get("spark.driver.memory");
  int64_t process = memory ? ParseJvmMemory(*memory) : PhysicalMemoryBytes() / 2;
  double fraction = std::stod(config.GetOr("spark.memory.fraction", "0.6"));
  if (!(fraction > 0 && fraction <= 1)) {
    throw SparkError("INVALID_PARAMETER_VALUE",
                     {{"parameter", "`spark.memory.fraction`"}, {"functionName", "`SparkConf`"},
                      {"message", "expected a fraction in (0, 1], got " + std::to_string(fraction)}});
  }
  return static_cast<int64_t>(static_cast<double>(process) * fraction);
}

int64_t MemoryManager::used(MemoryPool pool) const {
  std::lock_guard lock(mutex_);
  return pool == MemoryPool::kExecution ? execution_used_ : storage_used_;
}

bool MemoryManager::TryAcquire(MemoryPool pool, int64_t bytes, int64_t* task_used) {
  std::lock_guard lock(mutex_);
  if (bytes > limit_ - execution_used_ - storage_used_) return false;
  if (task_used != nullptr) {
    int64_t fair_share = (limit_ - storage_used_) / std::max(active_tasks_, 1);
    if (*task_used + bytes > fair_share) return false;
    *task_used += bytes;
  }
  (pool == MemoryPool::kExecution ? execution_used_ : storage_used_) += bytes;
  return true;
}

void MemoryManager::Release(MemoryPool pool, int64_t bytes, int64_t* task_used) {
  std::lock_guard lock(mutex_);
  if (task_used != nullptr) *task_used -= bytes;
  (pool == MemoryPool::kExecution ? execution_used_ : storage_used_) -= bytes;
}

int64_t QueryMemory::peak() const {
  std::lock_guard lock(mutex_);
  return peak_;
}

void QueryMemory::Add(int64_t bytes) {
  std::lock_guard lock(mutex_);
  used_ += bytes;
  peak_ = std::max(peak_, used_);
}

TaskMemory::TaskMemory(QueryMemory* query)
    : query_(query != nullptr && query->manager() != nullptr ? query : nullptr) {
  if (query_ == nullptr) return;
  std::lock_guard lock(query_->manager()->mutex_);
  ++query_->manager()->active_tasks_;
}

TaskMemory::~TaskMemory() {
  if (query_ == nullptr) return;
  std::lock_guard lock(query_->manager()->mutex_);
  --query_->manager()->active_tasks_;
}

MemoryReservation::MemoryReservation(TaskMemory* task)
    : manager_(task != nullptr && task->query_ != nullptr ? task->query_->manager() : nullptr),
      query_(manager_ != nullptr ? task->query_ : nullptr),
      task_(manager_ != nullptr ? task : nullptr) {}

MemoryReservation::MemoryReservation(QueryMemory* query, MemoryPool pool)
    : manager_(query != nullptr ? query->manager() : nullptr),
      query_(manager_ != nullptr ? query : nullptr),
      pool_(pool) {}

MemoryReservation::MemoryReservation(MemoryReservation&& other) noexcept
    : manager_(other.manager_),
      query_(other.query_),
      task_(other.task_),
      pool_(other.pool_),
      used_(other.used_),
      granted_(other.granted_) {
  other.manager_ = nullptr;
  other.used_ = other.granted_ = 0;
}

bool MemoryReservation::TryResize(int64_t bytes) {
  if (manager_ == nullptr) {
    used_ = bytes;
    return true;
  }
  int64_t chunk = manager_->chunk_bytes();
  int64_t rounded = RoundUp(bytes, chunk);
  if (bytes > granted_) {
    // A chunk's slack when it is free, else exactly what is asked for.
    if (!Acquire(rounded - granted_) && !Acquire(bytes - granted_)) return false;
  } else if (rounded < granted_) {
    Free(granted_ - rounded);
  }
  used_ = bytes;
  return true;
}

void MemoryReservation::Resize(int64_t bytes) {
  if (TryResize(bytes)) return;
  throw SparkError("UNABLE_TO_ACQUIRE_MEMORY", {{"requestedBytes", std::to_string(bytes - used_)},
                                                {"receivedBytes", "0"}});
}

bool MemoryReservation::Acquire(int64_t bytes) {
  if (!manager_->TryAcquire(pool_, bytes, task_ != nullptr ? &task_->used_ : nullptr)) return false;
  granted_ += bytes;
  query_->Add(bytes);
  return true;
}

void MemoryReservation::Free(int64_t bytes) {
  manager_->Release(pool_, bytes, task_ != nullptr ? &task_->used_ : nullptr);
  granted_ -= bytes;
  query_->Add(-bytes);
}

}  // namespace ember

#include "runtime/local/thread_pool.h"

namespace ember {

ThreadPool::ThreadPool(int threads) {
  for (int i = 0; i < std::max(threads, 1); ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& worker : workers_) worker.join();
}

void ThreadPool::WorkerLoop() {
  while (true) {
    std::function<void()> function;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      function = std::move(queue_.front());
      queue_.pop_front();
    }
    function();
  }
}

void ThreadPool::RunAll(const std::vector<std::function<void()>>& functions) {
  if (functions.empty()) return;
  std::mutex done_mutex;
  std::condition_variable done;
  size_t remaining = functions.size();
  {
    std::lock_guard lock(mutex_);
    for (const auto& function : functions) {
      queue_.push_back([&function, &done_mutex, &done, &remaining] {
        function();
        std::lock_guard done_lock(done_mutex);
        if (--remaining == 0) done.notify_all();
      });
    }
  }
  work_ready_.notify_all();
  std::unique_lock lock(done_mutex);
  done.wait(lock, [&remaining] { return remaining == 0; });
}

}  // namespace ember

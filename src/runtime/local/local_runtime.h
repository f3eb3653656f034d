// The local runtime: master "local" (one thread), "local[N]" and "local[*]" (one thread per core).
// Tasks of a stage run on a thread pool owned by the runtime.
#pragma once

#include <string>

#include "runtime/local/thread_pool.h"
#include "runtime/runtime.h"

namespace ember {

// Worker threads for a local master URL; throws for anything else.
int ParseLocalMaster(const std::string& master);

class LocalRuntime : public Runtime {
 public:
  explicit LocalRuntime(int threads) : pool_(threads) {}
  int parallelism() const override { return pool_.size(); }
  void RunAll(const std::vector<std::function<void()>>& tasks) override { pool_.RunAll(tasks); }

 private:
  ThreadPool pool_;
};

}  // namespace ember

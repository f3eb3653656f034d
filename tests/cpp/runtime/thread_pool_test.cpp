// The local runtime's thread pool: every function runs once, on several threads at a time, and
// batches from several callers share the workers.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "common/error.h"
#include "runtime/local/local_runtime.h"
#include "runtime/local/thread_pool.h"

namespace ember {
namespace {

TEST(ThreadPoolTest, RunsEveryFunctionOnce) {
  ThreadPool pool(3);
  std::vector<std::atomic<int>> runs(500);
  std::vector<std::function<void()>> functions;
  for (size_t i = 0; i < runs.size(); ++i) functions.push_back([&runs, i] { ++runs[i]; });
  pool.RunAll(functions);
  for (const auto& count : runs) EXPECT_EQ(count.load(), 1);
  pool.RunAll({});
}

TEST(ThreadPoolTest, RunsFunctionsInParallel) {
  // Two functions that each wait for the other to start can only finish on two threads.
  ThreadPool pool(2);
  std::atomic<int> started{0};
  auto rendezvous = [&started] {
    ++started;
    while (started.load() < 2) std::this_thread::yield();
  };
  pool.RunAll({rendezvous, rendezvous});
  EXPECT_EQ(started.load(), 2);
}

TEST(ThreadPoolTest, CallersShareTheWorkers) {
  ThreadPool pool(2);
  std::atomic<int> total{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 4; ++c) {
    callers.emplace_back([&pool, &total] {
      std::vector<std::function<void()>> functions(50, [&total] { ++total; });
      pool.RunAll(functions);
    });
  }
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(total.load(), 200);
}

TEST(LocalRuntimeTest, ParsesMasterUrls) {
  EXPECT_EQ(ParseLocalMaster("local"), 1);
  EXPECT_EQ(ParseLocalMaster("local[4]"), 4);
  EXPECT_EQ(ParseLocalMaster("local[2,3]"), 2);
  EXPECT_EQ(ParseLocalMaster("local[*]"), std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
  EXPECT_THROW(ParseLocalMaster("local[0]"), SparkError);
  EXPECT_THROW(ParseLocalMaster("spark://host:7077"), SparkError);
  EXPECT_EQ(LocalRuntime(3).parallelism(), 3);
}

}  // namespace
}  // namespace ember

#include "common/memory_manager.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace ember {
namespace {

constexpr int64_t kMiB = 1 << 20;

TEST(MemoryManagerTest, LimitIsDriverMemoryTimesFraction) {
  Config config;
  config.Set("spark.driver.memory", "2g");
  EXPECT_EQ(MemoryManager::LimitFromConfig(config), static_cast<int64_t>(2048 * kMiB * 0.6));
  config.Set("spark.memory.fraction", "0.5");
  EXPECT_EQ(MemoryManager::LimitFromConfig(config), 1024 * kMiB);
  // A plain number counts MiB, as JVM memory strings do.
  config.Set("spark.driver.memory", "512");
  EXPECT_EQ(MemoryManager::LimitFromConfig(config), 256 * kMiB);
  config.Set("spark.memory.fraction", "1.5");
  EXPECT_THROW(MemoryManager::LimitFromConfig(config), SparkError);
}

TEST(MemoryManagerTest, UnsetDriverMemoryIsAShareOfThePhysicalMemory) {
  int64_t limit = MemoryManager::LimitFromConfig(Config());
  EXPECT_GT(limit, 64 * kMiB);
  Config one_tera;
  one_tera.Set("spark.driver.memory", "1t");
  EXPECT_LT(limit, MemoryManager::LimitFromConfig(one_tera));
}

TEST(MemoryManagerTest, WithoutAManagerEveryGrowthSucceeds) {
  MemoryReservation unlimited;
  EXPECT_TRUE(unlimited.TryResize(int64_t{1} << 50));
  EXPECT_EQ(unlimited.bytes(), int64_t{1} << 50);
  QueryMemory no_manager(nullptr);
  TaskMemory task(&no_manager);
  MemoryReservation reservation(&task);
  EXPECT_TRUE(reservation.TryGrow(int64_t{1} << 50));
}

TEST(MemoryManagerTest, RefusedGrowthLeavesTheReservationAsItWas) {
  MemoryManager manager(10 * kMiB);
  QueryMemory query(&manager);
  MemoryReservation reservation(&query, MemoryPool::kExecution);
  EXPECT_TRUE(reservation.TryResize(6 * kMiB));
  EXPECT_FALSE(reservation.TryGrow(5 * kMiB));
  EXPECT_EQ(reservation.bytes(), 6 * kMiB);
  EXPECT_TRUE(reservation.TryGrow(4 * kMiB));
  EXPECT_EQ(manager.used(MemoryPool::kExecution), 10 * kMiB);
  try {
    reservation.Grow(1);
    FAIL() << "expected UNABLE_TO_ACQUIRE_MEMORY";
  } catch (const SparkError& error) {
    EXPECT_EQ(error.error_class(), "UNABLE_TO_ACQUIRE_MEMORY");
    EXPECT_NE(std::string(error.what()).find("Unable to acquire 1 bytes of memory, got 0"), std::string::npos);
  }
  reservation.Release();
  EXPECT_EQ(manager.used(MemoryPool::kExecution), 0);
}

TEST(MemoryManagerTest, ReservationsGrowInChunksAndGiveBackOnDestruction) {
  MemoryManager manager(256 * kMiB);
  QueryMemory query(&manager);
  {
    MemoryReservation reservation(&query, MemoryPool::kExecution);
    EXPECT_TRUE(reservation.TryResize(1));
    EXPECT_EQ(reservation.bytes(), 1);
    EXPECT_EQ(manager.used(MemoryPool::kExecution), manager.chunk_bytes());
    EXPECT_TRUE(reservation.TryResize(manager.chunk_bytes() * 3 + 1));
    EXPECT_EQ(manager.used(MemoryPool::kExecution), manager.chunk_bytes() * 4);
    EXPECT_TRUE(reservation.TryResize(manager.chunk_bytes()));
    EXPECT_EQ(manager.used(MemoryPool::kExecution), manager.chunk_bytes());
    MemoryReservation moved(std::move(reservation));
    EXPECT_EQ(moved.bytes(), manager.chunk_bytes());
  }
  EXPECT_EQ(manager.used(MemoryPool::kExecution), 0);
  EXPECT_EQ(query.peak(), manager.chunk_bytes() * 4);
}

TEST(MemoryManagerTest, ExecutionAndStorageBorrowEachOthersFreeMemory) {
  MemoryManager manager(10 * kMiB);
  int64_t chunk = manager.chunk_bytes();
  ASSERT_EQ(10 * kMiB % chunk, 0);
  int64_t chunks = 10 * kMiB / chunk;
  QueryMemory query(&manager);
  MemoryReservation storage(&query, MemoryPool::kStorage);
  MemoryReservation execution(&query, MemoryPool::kExecution);
  EXPECT_TRUE(storage.TryResize((chunks - 10) * chunk));
  EXPECT_FALSE(execution.TryResize(11 * chunk));
  EXPECT_TRUE(execution.TryResize(10 * chunk));
  storage.Release();
  EXPECT_TRUE(execution.TryResize((chunks - 5) * chunk));
  EXPECT_FALSE(storage.TryResize(6 * chunk));
  EXPECT_EQ(manager.used(MemoryPool::kStorage), 0);
  EXPECT_EQ(manager.used(MemoryPool::kExecution), (chunks - 5) * chunk);
}

TEST(MemoryManagerTest, ATaskGetsAtMostItsShareOfTheRunningTasks) {
  MemoryManager manager(10 * kMiB);
  QueryMemory query(&manager);
  auto first = std::make_unique<TaskMemory>(&query);
  MemoryReservation first_reservation(first.get());
  {
    TaskMemory second(&query);
    MemoryReservation second_reservation(&second);
    EXPECT_TRUE(first_reservation.TryResize(5 * kMiB));
    EXPECT_FALSE(first_reservation.TryResize(6 * kMiB));
    EXPECT_TRUE(second_reservation.TryResize(5 * kMiB));
  }
  // Alone again: the whole pool.
  EXPECT_TRUE(first_reservation.TryResize(10 * kMiB));
  first_reservation.Release();
  EXPECT_EQ(manager.used(MemoryPool::kExecution), 0);
  EXPECT_EQ(query.peak(), 10 * kMiB);
}

}  // namespace
}  // namespace ember

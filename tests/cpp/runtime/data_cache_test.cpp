#include "runtime/data_cache.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace ember {
namespace {

constexpr int64_t kHandle = 7;

// A held plan (plan id kHandle) under a project that reads it.
PlanPtr DerivedPlan() {
  LogicalPlan held(UnresolvedRelationNode{{"source"}}, {});
  held.plan_id = kHandle;
  return MakePlan(ProjectNode{}, {MakePlan(std::move(held))});
}

CachedData Values(int64_t n) {
  VectorPtr column = Vector::Make(LongType(), n);
  for (int64_t i = 0; i < n; ++i) column->Data<int64_t>()[i] = i * 10;
  return CachedData{{{"v", LongType(), false}}, {Batch({column}, n)}};
}

// The batches of the local relation that stands for the held plan.
const std::vector<Batch>& KeptBatches(const PlanPtr& plan) {
  const LogicalPlan& relation = *plan->children[0];
  EXPECT_TRUE(relation.Is<LocalRelationNode>());
  EXPECT_EQ(relation.plan_id, kHandle);
  return *relation.As<LocalRelationNode>().batches;
}

class DataCacheTest : public ::testing::Test {
 protected:
  std::string dir_ = (std::filesystem::temp_directory_path() / "ember_data_cache_test").string();
  int computed_ = 0;
  std::function<CachedData(const PlanPtr&)> compute_ = [this](const PlanPtr& plan) {
    ++computed_;
    EXPECT_EQ(plan->plan_id, 0);  // the plan itself, not matched again
    return Values(3);
  };
};

TEST_F(DataCacheTest, PlansWithoutPersistedInputsAreUnchanged) {
  DataCache cache(nullptr, dir_);
  PlanPtr plan = DerivedPlan();
  EXPECT_EQ(cache.Substitute(plan, compute_), plan);
  EXPECT_EQ(computed_, 0);
}

TEST_F(DataCacheTest, ComputesOnceThenReadsTheKeptRows) {
  MemoryManager manager(1 << 20);
  DataCache cache(&manager, dir_);
  cache.Persist(kHandle, StorageLevel{true, true});
  EXPECT_EQ(cache.Placement(kHandle), "");
  PlanPtr first = cache.Substitute(DerivedPlan(), compute_);
  PlanPtr second = cache.Substitute(DerivedPlan(), compute_);
  EXPECT_EQ(computed_, 1);
  EXPECT_EQ(cache.Placement(kHandle), "memory");
  EXPECT_GT(manager.used(MemoryPool::kStorage), 0);
  ASSERT_EQ(KeptBatches(second).size(), 1u);
  EXPECT_EQ(KeptBatches(second)[0].columns[0]->Data<int64_t>()[2], 20);
  EXPECT_TRUE(cache.Unpersist(kHandle));
  EXPECT_FALSE(cache.Unpersist(kHandle));
  EXPECT_EQ(manager.used(MemoryPool::kStorage), 0);
  cache.Substitute(DerivedPlan(), compute_);
  EXPECT_EQ(computed_, 1);  // not persisted any more: the plan is left as it is
}

TEST_F(DataCacheTest, DiskLevelsWriteWhatMemoryRefuses) {
  MemoryManager manager(16);  // far too small for the rows
  DataCache cache(&manager, dir_);
  cache.Persist(kHandle, StorageLevel{true, true});
  cache.Substitute(DerivedPlan(), compute_);
  EXPECT_EQ(cache.Placement(kHandle), "disk");
  PlanPtr read = cache.Substitute(DerivedPlan(), compute_);
  EXPECT_EQ(computed_, 1);
  ASSERT_EQ(KeptBatches(read).size(), 1u);
  EXPECT_EQ(KeptBatches(read)[0].num_rows, 3);
  EXPECT_EQ(KeptBatches(read)[0].columns[0]->Data<int64_t>()[1], 10);
}

TEST_F(DataCacheTest, MemoryOnlyWithoutRoomComputesAgain) {
  MemoryManager manager(16);
  DataCache cache(&manager, dir_);
  cache.Persist(kHandle, StorageLevel{false, true});
  PlanPtr first = cache.Substitute(DerivedPlan(), compute_);
  EXPECT_EQ(KeptBatches(first)[0].num_rows, 3);
  EXPECT_EQ(cache.Placement(kHandle), "");
  cache.Substitute(DerivedPlan(), compute_);
  EXPECT_EQ(computed_, 2);
}

TEST_F(DataCacheTest, ClearForgetsEverything) {
  DataCache cache(nullptr, dir_);
  cache.Persist(kHandle, StorageLevel{false, true});
  cache.Persist(kHandle + 1, StorageLevel{true, false});
  EXPECT_EQ(cache.size(), 2u);
  cache.Clear();
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace ember

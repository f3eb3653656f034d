// The range source: Spark's split of the ids over partitions, negative steps, the widest ranges
// without overflow, and batches of at most kBatchRows ids.
#include <limits>

#include "exec/job.h"
#include "exec/task.h"
#include "exec_test_util.h"

namespace ember::exec_test {
namespace {

std::vector<Batch> RunRange(int64_t start, int64_t end, int64_t step, int partitions) {
  RangeNode range;
  range.start = start;
  range.end = end;
  range.step = step;
  range.num_partitions = partitions;
  PhysicalNode node(RangeExec{range});
  node.output = {{"id", LongType(), false}};
  node.partitioning.num_partitions = partitions;
  SerialExecutor executor;
  return CollectJob(MakePhysical(std::move(node)), EvalContext(), JobSettings::FromConfig(Config()), executor);
}

std::vector<int64_t> Ids(const std::vector<Batch>& batches) {
  std::vector<int64_t> ids;
  for (const auto& batch : batches) {
    EXPECT_LE(batch.num_rows, kBatchRows);
    for (int64_t i = 0; i < batch.num_rows; ++i) ids.push_back(batch.columns[0]->Data<int64_t>()[i]);
  }
  return ids;
}

TEST(RangeTest, RowCounts) {
  auto rows = [](int64_t start, int64_t end, int64_t step) {
    RangeNode range;
    range.start = start;
    range.end = end;
    range.step = step;
    return range.NumRows();
  };
  EXPECT_EQ(rows(0, 10, 1), 10u);
  EXPECT_EQ(rows(0, 10, 3), 4u);    // 0 3 6 9
  EXPECT_EQ(rows(10, 0, -4), 3u);   // 10 6 2
  EXPECT_EQ(rows(0, 10, -1), 0u);
  EXPECT_EQ(rows(5, 5, 1), 0u);
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min(), kMax = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(rows(kMin, kMax, 1), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(rows(kMax, kMin, kMin), 2u);  // kMax, -1
}

TEST(RangeTest, IdsInPartitionOrder) {
  EXPECT_EQ(Ids(RunRange(3, 15, 3, 2)), (std::vector<int64_t>{3, 6, 9, 12}));
  EXPECT_EQ(Ids(RunRange(1, -2, -2, 6)), (std::vector<int64_t>{1, -1}));
  EXPECT_EQ(Ids(RunRange(0, 10, 1, 15)).size(), 10u);
}

TEST(RangeTest, SplitsAsSparkAndBatches) {
  // 10 rows over 3 partitions: [0, 3), [3, 6), [6, 10).
  std::vector<Batch> batches = RunRange(0, 10, 1, 3);
  std::vector<int64_t> sizes;
  for (const auto& batch : batches) sizes.push_back(batch.num_rows);
  EXPECT_EQ(sizes, (std::vector<int64_t>{3, 3, 4}));
  std::vector<int64_t> ids = Ids(RunRange(0, 3 * kBatchRows + 5, 1, 1));
  ASSERT_EQ(ids.size(), static_cast<size_t>(3 * kBatchRows + 5));
  for (size_t i = 0; i < ids.size(); ++i) ASSERT_EQ(ids[i], static_cast<int64_t>(i));
}

TEST(RangeTest, EndsNearTheLimitsWithoutOverflow) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(Ids(RunRange(kMax - 5, kMax, 2, 2)), (std::vector<int64_t>{kMax - 5, kMax - 3, kMax - 1}));
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  EXPECT_EQ(Ids(RunRange(kMin + 2, kMin, -1, 1)), (std::vector<int64_t>{kMin + 2, kMin + 1}));
}

}  // namespace
}  // namespace ember::exec_test

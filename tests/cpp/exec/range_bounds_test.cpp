// Range partitioning's bounds and row placement (exec/range_bounds.h): bounds from weighted samples
// split the rows evenly and increase strictly, equal keys get one partition, and every row lands in
// the range between its neighbouring bounds under the keys' directions and null placements.
#include "exec/range_bounds.h"

#include <random>

#include "exec/operators/sort_keys.h"
#include "exec_test_util.h"
#include "sort_test_util.h"

namespace ember::exec_test {
namespace {

// Values 0..range-1 at random, every seventh null.
VectorPtr RandomInts(int64_t rows, int range, std::mt19937_64& random) {
  VectorBuilder builder(IntType());
  for (int64_t i = 0; i < rows; ++i) {
    if (random() % 7 == 0) {
      builder.AppendNull();
    } else {
      builder.Append<int32_t>(static_cast<int32_t>(random() % range));
    }
  }
  return builder.Finish();
}

TEST(RangeBoundsTest, BoundsIncreaseAndRowsFallBetweenThem) {
  std::mt19937_64 random(7);
  const std::vector<ExprPtr> orders = {Order(false, false), Order(true, true)};
  // Two tasks' samples, the second standing for twice as many rows per sampled row.
  std::vector<KeySample> samples(2);
  samples[0].keys = {RandomInts(3000, 40, random), RandomInts(3000, 1000, random)};
  samples[1].keys = {RandomInts(1500, 40, random), RandomInts(1500, 1000, random)};
  samples[1].stride = 2;
  const int partitions = 10;
  Batch bounds = RangeBounds(samples, orders, partitions);
  ASSERT_GT(bounds.num_rows, 0);
  ASSERT_LT(bounds.num_rows, partitions);
  for (int64_t b = 1; b < bounds.num_rows; ++b) {
    EXPECT_LT(CompareSortKeys(bounds.columns, b - 1, bounds.columns, b, orders), 0);
  }

  const int64_t rows = 20000;
  std::vector<VectorPtr> keys = {RandomInts(rows, 40, random), RandomInts(rows, 1000, random)};
  std::vector<uint32_t> partition_of(rows);
  RangePartitions(keys, rows, bounds, orders, partition_of.data());
  std::vector<int64_t> counts(partitions, 0);
  for (int64_t i = 0; i < rows; ++i) {
    const uint32_t p = partition_of[i];
    ASSERT_LE(p, static_cast<uint32_t>(bounds.num_rows));
    if (p > 0) {
      EXPECT_GT(CompareSortKeys(keys, i, bounds.columns, p - 1, orders), 0);
    }
    if (p < bounds.num_rows) {
      EXPECT_LE(CompareSortKeys(keys, i, bounds.columns, p, orders), 0);
    }
    ++counts[p];
  }
  // The same distribution as the sample's: no partition gets much more than its share.
  for (int64_t count : counts) EXPECT_LT(count, 3 * rows / partitions);
}

TEST(RangeBoundsTest, EqualKeysGiveNoBoundAndOnePartition) {
  VectorBuilder builder(IntType());
  for (int i = 0; i < 100; ++i) builder.Append<int32_t>(5);
  std::vector<KeySample> samples(1);
  samples[0].keys = {builder.Finish()};
  const std::vector<ExprPtr> orders = {Order(true, true)};
  Batch bounds = RangeBounds(samples, orders, 8);
  ASSERT_EQ(bounds.num_rows, 1);  // the one key value; all rows equal to it go below
  std::vector<uint32_t> partition_of(100);
  RangePartitions(samples[0].keys, 100, bounds, orders, partition_of.data());
  for (uint32_t p : partition_of) EXPECT_EQ(p, 0u);
}

TEST(RangeBoundsTest, NoSampleGivesNoBounds) {
  std::vector<KeySample> samples(2);
  EXPECT_EQ(RangeBounds(samples, {Order(true, true)}, 4).num_rows, 0);
}

}  // namespace
}  // namespace ember::exec_test

// ChooseJoinStrategy: broadcast under the threshold (the smaller allowed side builds), shuffled
// hash joins building the smaller side where the join type allows, outer joins never building
// their preserved side.
#include <gtest/gtest.h>

#include "exec/join_planning.h"

namespace ember {
namespace {

constexpr int64_t kThreshold = 1000;

TEST(JoinStrategyTest, InnerJoinsBroadcastTheSmallerSideUnderTheThreshold) {
  JoinStrategy small_right = ChooseJoinStrategy(JoinType::kInner, true, 1e9, 500, kThreshold);
  EXPECT_TRUE(small_right.broadcast);
  EXPECT_TRUE(small_right.build_right);
  JoinStrategy small_left = ChooseJoinStrategy(JoinType::kInner, true, 500, 1e9, kThreshold);
  EXPECT_TRUE(small_left.broadcast);
  EXPECT_FALSE(small_left.build_right);
  JoinStrategy both_small = ChooseJoinStrategy(JoinType::kInner, true, 400, 900, kThreshold);
  EXPECT_FALSE(both_small.build_right);
}

TEST(JoinStrategyTest, LargeInnerJoinsShuffleAndBuildTheSmallerSide) {
  JoinStrategy left_smaller = ChooseJoinStrategy(JoinType::kInner, true, 5e6, 9e6, kThreshold);
  EXPECT_FALSE(left_smaller.broadcast);
  EXPECT_FALSE(left_smaller.build_right);
  EXPECT_TRUE(ChooseJoinStrategy(JoinType::kInner, true, 9e6, 5e6, kThreshold).build_right);
  // A negative threshold turns broadcasting off.
  EXPECT_FALSE(ChooseJoinStrategy(JoinType::kInner, true, 1e9, 10, -1).broadcast);
}

TEST(JoinStrategyTest, OuterJoinsNeverBuildTheirPreservedSide) {
  JoinStrategy left = ChooseJoinStrategy(JoinType::kLeftOuter, true, 10, 1e9, kThreshold);
  EXPECT_FALSE(left.broadcast);
  EXPECT_TRUE(left.build_right);
  JoinStrategy right = ChooseJoinStrategy(JoinType::kRightOuter, true, 1e9, 10, kThreshold);
  EXPECT_FALSE(right.broadcast);
  EXPECT_FALSE(right.build_right);
  EXPECT_TRUE(ChooseJoinStrategy(JoinType::kLeftAnti, true, 1e9, 10, kThreshold).broadcast);
  // Without keys a full outer join buffers the right side.
  JoinStrategy full = ChooseJoinStrategy(JoinType::kFullOuter, false, 10, 1e9, kThreshold);
  EXPECT_TRUE(full.broadcast);
  EXPECT_TRUE(full.build_right);
}

TEST(JoinStrategyTest, JoinsWithoutKeysBufferTheSmallerAllowedSide) {
  JoinStrategy cross = ChooseJoinStrategy(JoinType::kCross, false, 1e9, 1e8, kThreshold);
  EXPECT_TRUE(cross.broadcast);
  EXPECT_TRUE(cross.build_right);
  EXPECT_FALSE(ChooseJoinStrategy(JoinType::kCross, false, 1e7, 1e8, kThreshold).build_right);
}

TEST(JoinStrategyTest, BroadcastHintsBroadcastTheHintedSideWhateverItsSize) {
  JoinStrategy hinted_left = ChooseJoinStrategy(JoinType::kInner, true, 1e9, 10, kThreshold, JoinHint::kBroadcast);
  EXPECT_TRUE(hinted_left.broadcast);
  EXPECT_FALSE(hinted_left.build_right);
  JoinStrategy hinted_right =
      ChooseJoinStrategy(JoinType::kInner, true, 5e6, 9e6, kThreshold, JoinHint::kNone, JoinHint::kBroadcast);
  EXPECT_TRUE(hinted_right.broadcast);
  EXPECT_TRUE(hinted_right.build_right);
  // The preserved side of an outer join cannot build: the hint is ignored.
  JoinStrategy preserved = ChooseJoinStrategy(JoinType::kLeftOuter, true, 5e6, 9e6, kThreshold, JoinHint::kBroadcast);
  EXPECT_FALSE(preserved.broadcast);
  EXPECT_TRUE(preserved.build_right);
}

TEST(JoinStrategyTest, ShuffleHintsRuleOutBroadcastsBySize) {
  JoinStrategy merge = ChooseJoinStrategy(JoinType::kInner, true, 1e9, 10, kThreshold, JoinHint::kShuffleMerge);
  EXPECT_FALSE(merge.broadcast);
  EXPECT_TRUE(merge.build_right);
  JoinStrategy hash =
      ChooseJoinStrategy(JoinType::kInner, true, 1e9, 10, kThreshold, JoinHint::kShuffleHash, JoinHint::kNone);
  EXPECT_FALSE(hash.broadcast);
  EXPECT_FALSE(hash.build_right);
  // Without keys there is nothing to shuffle on: the hint does not apply.
  EXPECT_TRUE(ChooseJoinStrategy(JoinType::kInner, false, 1e9, 10, kThreshold, JoinHint::kShuffleHash).broadcast);
}

}  // namespace
}  // namespace ember

// push_semi_joins_down: a semi join whose condition tests one side of an inner join moves into
// that side unless the inner join is estimated to filter that side (then it stays above).
#include <gtest/gtest.h>

#include "statistics_test_util.h"

namespace ember::testing {
namespace {

std::string Eq(const std::string& a, const std::string& b) { return Fn("=", Col(a) + "," + Col(b)); }

const LogicalPlan* FirstJoin(const LogicalPlan* plan) {
  while (plan->kind() != PlanKind::kJoin) plan = plan->children[0].get();
  return plan;
}

TEST(PushSemiJoinsDownTest, SemiJoinFiltersTheSideItTests) {
  std::string inner = Join(Alias(CountedRead(1000, 1000), "f"), Alias(CountedRead(1000, 1000), "d"), "inner",
                           Eq("f.id", "d.id"));
  PlanPtr plan = OptimizeJson(Join(inner, Alias(CountedRead(10, 10), "r"), "semi", Eq("f.score", "r.score")));
  const LogicalPlan* top = FirstJoin(plan.get());
  ASSERT_EQ(top->As<JoinNode>().type, JoinType::kInner) << plan->ToString();
  const LogicalPlan* semi = FirstJoin(top->children[0].get());
  EXPECT_EQ(semi->As<JoinNode>().type, JoinType::kLeftSemi) << plan->ToString();
  EXPECT_EQ(plan->output.size(), 6u);

  Config off;
  off.Set("spark.ember.optimizer.push_semi_joins_down.enabled", "false");
  PlanPtr kept = OptimizeJson(Join(inner, Alias(CountedRead(10, 10), "r"), "semi", Eq("f.score", "r.score")), off);
  EXPECT_EQ(FirstJoin(kept.get())->As<JoinNode>().type, JoinType::kLeftSemi);
}

TEST(PushSemiJoinsDownTest, SemiJoinStaysAboveAJoinThatFiltersTheSide) {
  // d is filtered to about one row, so f joined with d is estimated far smaller than f.
  std::string d = Filter(Alias(CountedRead(1000, 1000), "d"), Fn("=", Col("id") + "," + IntLit(5)));
  std::string inner = Join(Alias(CountedRead(1000, 1000), "f"), d, "inner", Eq("f.id", "d.id"));
  PlanPtr plan = OptimizeJson(Join(inner, Alias(CountedRead(10, 10), "r"), "anti", Eq("f.score", "r.score")));
  EXPECT_EQ(FirstJoin(plan.get())->As<JoinNode>().type, JoinType::kLeftAnti) << plan->ToString();
}

}  // namespace
}  // namespace ember::testing

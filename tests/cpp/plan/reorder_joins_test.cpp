// reorder_joins on a synthetic catalog ("counted" reads of known sizes): connected relations join
// before cross products, the most selective join comes first, and the output keeps its columns.
#include <gtest/gtest.h>

#include <set>

#include "statistics_test_util.h"

namespace ember::testing {
namespace {

std::string Eq(const std::string& a, const std::string& b) { return Fn("=", Col(a) + "," + Col(b)); }
std::string And(const std::string& a, const std::string& b) { return R"({"e": "and", "args": [)" + a + "," + b + "]}"; }
std::string Cross(const std::string& left, const std::string& right) { return Join(left, right, "cross", "null"); }

// The relations under a join tree, leaves left to right, each named by its read's row count.
void Relations(const LogicalPlan& plan, std::vector<std::string>* out) {
  if (plan.kind() == PlanKind::kJoin) {
    Relations(*plan.children[0], out);
    Relations(*plan.children[1], out);
    return;
  }
  const LogicalPlan* read = &plan;
  while (read->kind() != PlanKind::kRead) read = read->children[0].get();
  out->push_back(*GetOption(read->As<ReadNode>().options, "rows"));
}

// The first join below `plan` whose children are both relations.
const LogicalPlan* InnermostJoin(const LogicalPlan* plan) {
  while (plan->kind() != PlanKind::kJoin) plan = plan->children[0].get();
  for (const auto& child : plan->children) {
    if (child->kind() == PlanKind::kJoin) return InnermostJoin(child.get());
  }
  return plan;
}

void ExpectNoCrossJoin(const LogicalPlan& plan) {
  if (plan.kind() == PlanKind::kJoin) {
    EXPECT_TRUE(plan.As<JoinNode>().condition) << plan.ToString();
    EXPECT_EQ(plan.As<JoinNode>().type, JoinType::kInner);
  }
  for (const auto& child : plan.children) ExpectNoCrossJoin(*child);
}

TEST(ReorderJoinsTest, ConnectedRelationsJoinBeforeCrossProducts) {
  // FROM d2, d1, f WHERE f.id = d1.id AND f.name = d2.name: written order starts with d2 x d1.
  std::string from = Cross(Cross(Alias(CountedRead(50, 50), "d2"), Alias(CountedRead(20, 20), "d1")),
                           Alias(CountedRead(10000, 10000), "f"));
  PlanPtr plan = OptimizeJson(Filter(from, And(Eq("f.id", "d1.id"), Eq("f.name", "d2.name"))));
  ExpectNoCrossJoin(*plan);
  ASSERT_EQ(plan->kind(), PlanKind::kProject) << plan->ToString();
  std::vector<std::string> columns;
  for (const auto& attribute : plan->output) columns.push_back(attribute.qualifier + "." + attribute.name);
  EXPECT_EQ(columns, (std::vector<std::string>{"d2.id", "d2.name", "d2.score", "d1.id", "d1.name", "d1.score",
                                               "f.id", "f.name", "f.score"}));

  Config off;
  off.Set("spark.ember.optimizer.reorder_joins.enabled", "false");
  PlanPtr kept = OptimizeJson(Filter(from, And(Eq("f.id", "d1.id"), Eq("f.name", "d2.name"))), off);
  std::vector<std::string> order;
  Relations(*kept, &order);
  EXPECT_EQ(order, (std::vector<std::string>{"50", "20", "10000"}));  // d2, d1, f
}

TEST(ReorderJoinsTest, TheMostSelectiveJoinComesFirst) {
  // f joins big (5000 rows) and small (100 rows filtered to about one by small.id = 5): f with
  // small is estimated at one row, so it comes first and big joins that result.
  std::string small = Filter(Alias(CountedRead(100, 100), "small"), Fn("=", Col("id") + "," + IntLit(5)));
  std::string from = Cross(Cross(Alias(CountedRead(10000, 10000), "f"), Alias(CountedRead(5000, 5000), "big")), small);
  PlanPtr plan = OptimizeJson(Filter(from, And(Eq("f.id", "big.id"), Eq("f.score", "small.score"))));
  ExpectNoCrossJoin(*plan);
  std::vector<std::string> first;
  Relations(*InnermostJoin(plan.get()), &first);
  EXPECT_EQ(std::set<std::string>(first.begin(), first.end()), (std::set<std::string>{"10000", "100"}))  // f, small
      << plan->ToString();
}

}  // namespace
}  // namespace ember::testing

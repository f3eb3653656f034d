// factor_or_conditions: conjuncts shared by every branch of an OR move out of it, so a shared
// equality over both sides of a join becomes a join key and one-sided shared tests reach the sides.
#include <gtest/gtest.h>

#include "plan_test_util.h"

namespace ember::testing {
namespace {

std::string Side(const std::string& prefix) {
  return R"({"op": "local", "schema": [{"name": ")" + prefix + R"(k", "type": "long"},
      {"name": ")" + prefix + R"(v", "type": "long"}], "rows": []})";
}

std::string CrossJoin() {
  return R"({"op": "join", "left": )" + Side("l") + R"(, "right": )" + Side("r") + R"(, "how": "cross"})";
}

std::string Gt(const std::string& column, int value) { return Fn(">", Col(column) + "," + IntLit(value)); }
std::string And(const std::string& a, const std::string& b) { return R"({"e": "and", "args": [)" + a + "," + b + "]}"; }
std::string Or(const std::string& a, const std::string& b) { return R"({"e": "or", "args": [)" + a + "," + b + "]}"; }

TEST(FactorOrConditionsTest, SharedConjunctsLeaveTheOr) {
  // (a > 1 AND c > 2) OR (c > 3 AND a > 1) OR (a > 1 AND c > 4): a > 1 is in every branch.
  std::string condition = Or(Or(And(Gt("a", 1), Gt("c", 2)), And(Gt("c", 3), Gt("a", 1))), And(Gt("a", 1), Gt("c", 4)));
  PlanPtr plan = OptimizeJson(Filter(Local(), condition));
  ASSERT_EQ(plan->kind(), PlanKind::kFilter) << plan->ToString();
  EXPECT_EQ(plan->As<FilterNode>().condition->ToSql(), "((a > 1) AND (((c > 2.0) OR (c > 3.0)) OR (c > 4.0)))");
}

TEST(FactorOrConditionsTest, ABranchOfOnlySharedConjunctsAbsorbsTheOr) {
  PlanPtr plan = OptimizeJson(Filter(Local(), Or(Gt("a", 1), And(Gt("a", 1), Gt("c", 2)))));
  ASSERT_EQ(plan->kind(), PlanKind::kFilter) << plan->ToString();
  EXPECT_EQ(plan->As<FilterNode>().condition->ToSql(), "(a > 1)");
}

TEST(FactorOrConditionsTest, NothingSharedKeepsTheCondition) {
  PlanPtr plan = OptimizeJson(Filter(Local(), Or(And(Gt("a", 1), Gt("c", 2)), Gt("a", 3))));
  ASSERT_EQ(plan->kind(), PlanKind::kFilter) << plan->ToString();
  EXPECT_EQ(plan->As<FilterNode>().condition->ToSql(), "(((a > 1) AND (c > 2.0)) OR (a > 3))");
}

TEST(FactorOrConditionsTest, SharedEqualityBecomesAJoinCondition) {
  std::string keys = Fn("=", Col("lk") + "," + Col("rk"));
  PlanPtr plan = OptimizeJson(Filter(CrossJoin(), Or(And(keys, Gt("lv", 1)), And(keys, Gt("rv", 2)))));
  ASSERT_EQ(plan->kind(), PlanKind::kJoin) << plan->ToString();
  ASSERT_NE(plan->As<JoinNode>().condition, nullptr);
  EXPECT_EQ(plan->As<JoinNode>().condition->ToSql(), "((lk = rk) AND ((lv > 1) OR (rv > 2)))");

  Config off;
  off.Set("spark.ember.optimizer.factor_or_conditions.enabled", "false");
  PlanPtr kept = OptimizeJson(Filter(CrossJoin(), Or(And(keys, Gt("lv", 1)), And(keys, Gt("rv", 2)))), off);
  EXPECT_EQ(kept->Exprs()[0]->ToSql(), "(((lk = rk) AND (lv > 1)) OR ((lk = rk) AND (rv > 2)))");
}

}  // namespace
}  // namespace ember::testing

// Optimizer rules around joins: filters pushed to the side whose columns they read (not below a
// side an outer join pads with nulls), conditions over both sides merged into inner joins, and
// one-sided join conditions pushed below the join.
#include <gtest/gtest.h>

#include "plan_test_util.h"

namespace ember::testing {
namespace {

std::string Side(const std::string& prefix) {
  return R"({"op": "local", "schema": [{"name": ")" + prefix + R"(k", "type": "long"},
      {"name": ")" + prefix + R"(v", "type": "long"}], "rows": []})";
}

std::string JoinOn(const std::string& how, const std::string& on) {
  return R"({"op": "join", "left": )" + Side("l") + R"(, "right": )" + Side("r") + R"(, "how": ")" + how +
         R"(", "on": )" + on + "}";
}

std::string Gt(const std::string& column, int value) { return Fn(">", Col(column) + "," + IntLit(value)); }
std::string And(const std::string& a, const std::string& b) { return R"({"e": "and", "args": [)" + a + "," + b + "]}"; }

const LogicalPlan* FindJoin(const LogicalPlan* plan) {
  while (plan->kind() != PlanKind::kJoin) plan = plan->children[0].get();
  return plan;
}

TEST(JoinOptimizerTest, InnerJoinFiltersGoToTheirSide) {
  std::string keys = Fn("=", Col("lk") + "," + Col("rk"));
  std::string condition = And(And(Gt("lv", 1), Gt("rv", 2)), Fn("<", Col("lv") + "," + Col("rv")));
  PlanPtr plan = OptimizeJson(Filter(JoinOn("inner", keys), condition));
  ASSERT_EQ(plan->kind(), PlanKind::kJoin) << plan->ToString();
  EXPECT_EQ(plan->children[0]->kind(), PlanKind::kFilter);
  EXPECT_EQ(plan->children[1]->kind(), PlanKind::kFilter);
  // The right-side filter reads the right child's ordinals.
  EXPECT_EQ(plan->children[1]->As<FilterNode>().condition->args[0]->index, 1);
  std::string text = plan->ToString();
  EXPECT_NE(text.find("AND (lv"), std::string::npos) << text;
}

TEST(JoinOptimizerTest, OuterJoinsKeepFiltersOnThePaddedSide) {
  std::string keys = Fn("=", Col("lk") + "," + Col("rk"));
  PlanPtr plan = OptimizeJson(Filter(JoinOn("left", keys), And(Gt("lv", 1), Gt("rv", 2))));
  ASSERT_EQ(plan->kind(), PlanKind::kFilter) << plan->ToString();
  const LogicalPlan* join = FindJoin(plan.get());
  EXPECT_EQ(join->children[0]->kind(), PlanKind::kFilter);
  EXPECT_EQ(join->children[1]->kind(), PlanKind::kLocalRelation);

  PlanPtr full = OptimizeJson(Filter(JoinOn("full", keys), Gt("lv", 1)));
  ASSERT_EQ(full->kind(), PlanKind::kFilter);
  EXPECT_EQ(FindJoin(full.get())->children[0]->kind(), PlanKind::kLocalRelation);
}

TEST(JoinOptimizerTest, OneSidedConditionsMoveBelowTheJoin) {
  std::string keys = Fn("=", Col("lk") + "," + Col("rk"));
  // LEFT JOIN ON keys AND rv > 2 AND lv > 1: the right-only part filters the right side; the
  // left-only part must stay (unmatched left rows are kept).
  PlanPtr plan = OptimizeJson(JoinOn("left", And(And(keys, Gt("rv", 2)), Gt("lv", 1))));
  ASSERT_EQ(plan->kind(), PlanKind::kJoin);
  EXPECT_EQ(plan->children[0]->kind(), PlanKind::kLocalRelation);
  EXPECT_EQ(plan->children[1]->kind(), PlanKind::kFilter);
  std::string text = plan->ToString();
  EXPECT_NE(text.find("(lv > "), std::string::npos) << text;

  PlanPtr anti = OptimizeJson(JoinOn("anti", And(keys, Gt("lv", 1))));
  EXPECT_EQ(anti->children[0]->kind(), PlanKind::kLocalRelation);
}

TEST(JoinOptimizerTest, PrunesColumnsThroughJoins) {
  std::string left = Project(Side("l"), Col("lk") + "," + Col("lv"));
  std::string right = Project(Side("r"), Col("rk") + "," + Col("rv"));
  std::string join = R"({"op": "join", "left": )" + left + R"(, "right": )" + right +
                     R"(, "how": "left", "on": )" + Fn("=", Col("lk") + "," + Col("rk")) + "}";
  PlanPtr plan = OptimizeJson(Project(join, Col("lv")));
  const LogicalPlan* pruned = FindJoin(plan.get());
  ASSERT_EQ(pruned->children[1]->output.size(), 1u) << plan->ToString();
  EXPECT_EQ(pruned->children[1]->output[0].name, "rk");
  EXPECT_EQ(pruned->output.size(), 3u);
  EXPECT_EQ(pruned->As<JoinNode>().condition->args[1]->index, 2);
  EXPECT_EQ(plan->As<ProjectNode>().exprs[0]->index, 1);
}

}  // namespace
}  // namespace ember::testing

// Analysis of joins: USING merging per join type, nullability, semi/anti outputs, conditions over
// both sides, ambiguity and join-type errors.
#include <gtest/gtest.h>

#include "plan/join_type.h"
#include "plan_test_util.h"

namespace ember::testing {
namespace {

// id long (not null), v string
std::string Left() {
  return R"({"op": "local", "schema": [{"name": "id", "type": "long", "nullable": false},
      {"name": "v", "type": "string", "nullable": true}], "rows": []})";
}
// id int (not null), w double (not null)
std::string Right() {
  return R"({"op": "local", "schema": [{"name": "w", "type": "double", "nullable": false},
      {"name": "id", "type": "int", "nullable": false}], "rows": []})";
}

std::string Join(const std::string& how, const std::string& on, const std::string& using_names = "[]") {
  return R"({"op": "join", "left": )" + Left() + R"(, "right": )" + Right() + R"(, "how": ")" + how +
         R"(", "on": )" + on + R"(, "using": )" + using_names + "}";
}

std::vector<std::string> Names(const PlanPtr& plan) {
  std::vector<std::string> names;
  for (const auto& a : plan->output) names.push_back(a.name);
  return names;
}
std::vector<bool> Nullables(const PlanPtr& plan) {
  std::vector<bool> result;
  for (const auto& a : plan->output) result.push_back(a.nullable);
  return result;
}

TEST(JoinAnalysisTest, ParsesEveryJoinTypeSparkAccepts) {
  EXPECT_EQ(ParseJoinType("inner"), JoinType::kInner);
  EXPECT_EQ(ParseJoinType("cross"), JoinType::kCross);
  for (const char* how : {"outer", "full", "fullouter", "full_outer", "FULL_OUTER"}) {
    EXPECT_EQ(ParseJoinType(how), JoinType::kFullOuter) << how;
  }
  for (const char* how : {"left", "leftouter", "left_outer"}) EXPECT_EQ(ParseJoinType(how), JoinType::kLeftOuter);
  for (const char* how : {"right", "rightouter", "right_outer"}) EXPECT_EQ(ParseJoinType(how), JoinType::kRightOuter);
  for (const char* how : {"semi", "leftsemi", "left_semi"}) EXPECT_EQ(ParseJoinType(how), JoinType::kLeftSemi);
  for (const char* how : {"anti", "leftanti", "left_anti"}) EXPECT_EQ(ParseJoinType(how), JoinType::kLeftAnti);
  EXPECT_EQ(ErrorOf([] { ParseJoinType("sideways"); }),
            "[UNSUPPORTED_JOIN_TYPE] Unsupported join type 'sideways'. Supported join types include: 'inner', "
            "'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', "
            "'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', "
            "'cross'. SQLSTATE: 0A000");
}

TEST(JoinAnalysisTest, UsingInnerPutsLeftKeyFirst) {
  PlanPtr plan = AnalyzeJson(Join("inner", "null", R"(["ID"])"));
  ASSERT_EQ(plan->kind(), PlanKind::kProject);
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"id", "v", "w"}));
  EXPECT_EQ(plan->output[0].type->id, TypeId::kLong);
  const PlanPtr& join = plan->children[0];
  ASSERT_EQ(join->kind(), PlanKind::kJoin);
  EXPECT_EQ(Names(join), (std::vector<std::string>{"id", "v", "w", "id"}));
  ASSERT_NE(join->As<JoinNode>().condition, nullptr);
  // The int key is widened to long for the comparison.
  EXPECT_EQ(join->As<JoinNode>().condition->args[0]->index, 0);
  EXPECT_EQ(join->As<JoinNode>().condition->args[1]->kind, ExprKind::kCast);
  EXPECT_TRUE(join->As<JoinNode>().using_columns.empty());
}

TEST(JoinAnalysisTest, UsingOuterJoinsPickTheKeySideAndNullability) {
  PlanPtr left = AnalyzeJson(Join("left", "null", R"(["id"])"));
  EXPECT_EQ(Names(left), (std::vector<std::string>{"id", "v", "w"}));
  EXPECT_EQ(Nullables(left), (std::vector<bool>{false, true, true}));
  EXPECT_EQ(left->output[0].type->id, TypeId::kLong);

  PlanPtr right = AnalyzeJson(Join("right_outer", "null", R"(["id"])"));
  EXPECT_EQ(Names(right), (std::vector<std::string>{"id", "v", "w"}));
  EXPECT_EQ(Nullables(right), (std::vector<bool>{false, true, false}));
  EXPECT_EQ(right->output[0].type->id, TypeId::kInt);

  PlanPtr full = AnalyzeJson(Join("full", "null", R"(["id"])"));
  EXPECT_EQ(Names(full), (std::vector<std::string>{"id", "v", "w"}));
  EXPECT_EQ(full->As<ProjectNode>().exprs[0]->kind, ExprKind::kAlias);
  EXPECT_EQ(full->As<ProjectNode>().exprs[0]->args[0]->kind, ExprKind::kCoalesce);
  EXPECT_EQ(full->output[0].type->id, TypeId::kLong);
  // Both join sides may be null, and so may their coalesced key (as in Spark).
  EXPECT_EQ(Nullables(full), (std::vector<bool>{true, true, true}));
}

TEST(JoinAnalysisTest, SemiAndAntiKeepOnlyTheLeft) {
  for (const char* how : {"left_semi", "anti"}) {
    PlanPtr plan = AnalyzeJson(Join(how, "null", R"(["id"])"));
    EXPECT_EQ(Names(plan), (std::vector<std::string>{"id", "v"})) << how;
    PlanPtr on = AnalyzeJson(Join(how, Fn(">", Col("v") + "," + Col("w"))));
    ASSERT_EQ(on->kind(), PlanKind::kJoin);
    EXPECT_EQ(Names(on), (std::vector<std::string>{"id", "v"}));
  }
}

TEST(JoinAnalysisTest, ConditionResolvesOverBothSides) {
  PlanPtr plan = AnalyzeJson(Join("full_outer", Fn("<", Col("v") + "," + Col("w"))));
  ASSERT_EQ(plan->kind(), PlanKind::kJoin);
  EXPECT_EQ(plan->As<JoinNode>().type, JoinType::kFullOuter);
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"id", "v", "w", "id"}));
  EXPECT_EQ(Nullables(plan), (std::vector<bool>{true, true, true, true}));
  std::vector<bool> inner = Nullables(AnalyzeJson(Join("inner", Fn("<", Col("v") + "," + Col("w")))));
  EXPECT_EQ(inner, (std::vector<bool>{false, true, false, false}));
  EXPECT_EQ(plan->As<JoinNode>().condition->type->id, TypeId::kBoolean);
  EXPECT_NE(plan->ToString().find("Join FullOuter"), std::string::npos);
}

TEST(JoinAnalysisTest, AmbiguousAndMissingNames) {
  EXPECT_EQ(ErrorOf([] { AnalyzeJson(Join("inner", Fn("=", Col("id") + "," + Col("id")))); }),
            "[AMBIGUOUS_REFERENCE] Reference `id` is ambiguous, could be: [`id`, `id`]. SQLSTATE: 42704");
  EXPECT_EQ(ErrorOf([] { AnalyzeJson(Join("inner", "null", R"(["v"])")); }),
            "[UNRESOLVED_USING_COLUMN_FOR_JOIN] USING column `v` cannot be resolved on the right side of "
            "the join. The right-side columns: [`w`, `id`]. SQLSTATE: 42703");
  EXPECT_EQ(ErrorOf([] { AnalyzeJson(Join("inner", Col("v"))); }),
            "[JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE] The join condition \"v\" has the invalid type \"STRING\", "
            "expected \"BOOLEAN\". SQLSTATE: 42K0E");
  EXPECT_EQ(ErrorOf([] { AnalyzeJson(Join("bogus", "null")); }).substr(0, 40),
            "[UNSUPPORTED_JOIN_TYPE] Unsupported join");
}

TEST(JoinAnalysisTest, AliasQualifiedNamesPickTheirSide) {
  std::string left = R"({"op": "alias", "name": "a", "input": )" + Left() + "}";
  std::string right = R"({"op": "alias", "name": "b", "input": )" + Right() + "}";
  std::string join = R"({"op": "join", "left": )" + left + R"(, "right": )" + right +
                     R"(, "how": "inner", "on": )" + Fn("=", Col("a.id") + "," + Col("b.id")) + "}";
  PlanPtr plan = AnalyzeJson(Project(join, Col("b.id") + "," + Col("a.v")));
  EXPECT_EQ(plan->As<ProjectNode>().exprs[0]->index, 3);
  EXPECT_EQ(plan->As<ProjectNode>().exprs[1]->index, 1);
  const PlanPtr& resolved = plan->children[0];
  ASSERT_EQ(resolved->kind(), PlanKind::kJoin);
  EXPECT_EQ(resolved->As<JoinNode>().condition->args[0]->index, 0);
  EXPECT_EQ(resolved->output[3].qualifier, "b");
}

TEST(JoinAnalysisTest, JoinWithoutConditionIsACartesianProduct) {
  PlanPtr plan = AnalyzeJson(Join("cross", "null"));
  ASSERT_EQ(plan->kind(), PlanKind::kJoin);
  EXPECT_EQ(plan->As<JoinNode>().condition, nullptr);
  EXPECT_EQ(plan->output.size(), 4u);
}

}  // namespace
}  // namespace ember::testing

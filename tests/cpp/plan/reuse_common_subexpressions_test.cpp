#include <gtest/gtest.h>

#include "plan/optimizer/rules/rules.h"
#include "plan_test_util.h"

namespace ember {
namespace {

using namespace ember::testing;

std::string Reused(const std::string& json) {
  EvalContext eval;
  return ReuseCommonSubexpressions(AnalyzeJson(json), eval)->ToString();
}

std::string Aggregate(const std::string& input, const std::string& exprs) {
  return R"({"op": "aggregate", "input": )" + input + R"(, "groups": [], "aggs": [)" + exprs + "]}";
}

TEST(ReuseCommonSubexpressionsTest, AggregateArgumentsShareOneComputation) {
  std::string product = Fn("*", Col("id") + "," + Col("score"));
  std::string json = Aggregate(FakeRead(), Agg("sum", product) + "," + Agg("max", Fn("+", product + "," + IntLit(1))));
  EXPECT_EQ(Reused(json),
            "Aggregate [], [sum(_common0) AS sum((id * score)), max((_common0 + cast(1 as double))) AS "
            "max(((id * score) + 1))]\n"
            "+- Project [id, name, score, (cast(id as double) * score) AS _common0]\n"
            "   +- Relation [id,name,score] fake");
}

TEST(ReuseCommonSubexpressionsTest, ProjectOutputsShareOneComputation) {
  std::string sum = Fn("+", Col("id") + "," + IntLit(1));
  std::string json = Project(FakeRead(), As(sum, "a") + "," + As(Fn("*", sum + "," + sum), "b"));
  EXPECT_EQ(Reused(json),
            "Project [_common0 AS a, (_common0 * _common0) AS b]\n"
            "+- Project [id, name, score, (id + cast(1 as bigint)) AS _common0]\n"
            "   +- Relation [id,name,score] fake");
}

TEST(ReuseCommonSubexpressionsTest, LazyBranchesAndSingleUsesStay) {
  // 1 div id inside CASE runs only where id <> 0: hoisting it would raise DIVIDE_BY_ZERO.
  std::string div = Fn("div", IntLit(1) + "," + Col("id"));
  std::string guarded = R"({"e": "when", "branches": [[)" + Fn("!=", Col("id") + "," + IntLit(0)) + "," + div + "]]}";
  std::string json = Project(FakeRead(), As(guarded, "a") + "," + As(Fn("+", Col("id") + "," + IntLit(1)), "b"));
  PlanPtr plan = AnalyzeJson(json);
  EvalContext eval;
  EXPECT_EQ(ReuseCommonSubexpressions(plan, eval)->ToString(), plan->ToString());
}

}  // namespace
}  // namespace ember

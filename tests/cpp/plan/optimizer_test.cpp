#include "plan/optimizer.h"

#include <gtest/gtest.h>

#include "plan/optimizer/rules/rules.h"
#include "plan_test_util.h"

namespace ember {
namespace {

using namespace ember::testing;

using RuleFn = PlanPtr (*)(const PlanPtr&, EvalContext&);

// Analyzes `json`, checks its text, applies `rule` and returns the new text.
std::string Apply(RuleFn rule, const std::string& json, const std::string& before) {
  PlanPtr plan = AnalyzeJson(json);
  EXPECT_EQ(plan->ToString(), before);
  EvalContext eval;
  return rule(plan, eval)->ToString();
}

TEST(OptimizerTest, FoldConstants) {
  std::string json = Project(FakeRead(), As(Fn("+", IntLit(1) + "," + IntLit(2)), "x") + "," +
                                             Fn("+", Col("id") + "," + Fn("+", IntLit(3) + "," + IntLit(4))));
  EXPECT_EQ(Apply(FoldConstants, json,
                  "Project [(1 + 2) AS x, (id + cast((3 + 4) as bigint))]\n+- Relation [id,name,score] fake"),
            "Project [3 AS x, (id + 7)]\n+- Relation [id,name,score] fake");
}

TEST(OptimizerTest, FoldConstantsLeavesErrorsForRunTime) {
  // 1 div 0 raises DIVIDE_BY_ZERO in ANSI mode only when a row evaluates it.
  std::string json = Project(FakeRead(), Fn("div", IntLit(1) + "," + IntLit(0)));
  PlanPtr plan = AnalyzeJson(json);
  EXPECT_EQ(plan->ToString(), "Project [(cast(1 as bigint) div cast(0 as bigint))]\n+- Relation [id,name,score] fake");
  EvalContext eval;
  EXPECT_EQ(FoldConstants(plan, eval)->ToString(), "Project [(1 div 0)]\n+- Relation [id,name,score] fake");
}

TEST(OptimizerTest, CombineFilters) {
  std::string json = Filter(Filter(FakeRead(), Fn("isnotnull", Col("id"))), Fn("isnotnull", Col("name")));
  EXPECT_EQ(Apply(CombineFilters, json,
                  "Filter isnotnull(name)\n+- Filter isnotnull(id)\n   +- Relation [id,name,score] fake"),
            "Filter (isnotnull(id) AND isnotnull(name))\n+- Relation [id,name,score] fake");
}

TEST(OptimizerTest, PushDownFiltersThroughProjectsIntoReads) {
  std::string with = R"({"op": "with_columns", "input": )" + FakeRead() + R"(, "names": ["n2"], "exprs": [)" +
                     Fn("+", Col("id") + "," + IntLit(1)) + "]}";
  // Only the conjunct on a passed-through column moves; the one on a computed column stays.
  std::string json = Filter(with, R"({"e": "and", "args": [)" + Fn("isnotnull", Col("name")) + "," +
                                      Fn("isnotnull", Col("n2")) + "]}");
  EXPECT_EQ(Apply(PushDownFilters, json,
                  "Filter (isnotnull(name) AND isnotnull(n2))\n"
                  "+- Project [id, name, score, (id + cast(1 as bigint)) AS n2]\n"
                  "   +- Relation [id,name,score] fake"),
            "Filter isnotnull(n2)\n"
            "+- Project [id, name, score, (id + cast(1 as bigint)) AS n2]\n"
            "   +- Filter isnotnull(name)\n"
            "      +- Relation [id,name,score] fake, PushedFilters: [isnotnull(name)]");
}

TEST(OptimizerTest, PushDownFiltersThroughRenamesAndSorts) {
  std::string renamed = R"({"op": "rename", "input": )" + FakeRead() + R"(, "names": ["name", "who"]})";
  std::string sorted = R"({"op": "sort", "input": )" + renamed + R"(, "orders": [{"e": "sort", "child": )" +
                       Col("id") + R"(, "asc": true}]})";
  std::string json = Filter(sorted, Fn("isnotnull", Col("who")));
  EXPECT_EQ(Apply(PushDownFilters, json,
                  "Filter isnotnull(who)\n"
                  "+- Sort [id ASC NULLS FIRST], true\n"
                  "   +- Project [id, name AS who, score]\n"
                  "      +- Relation [id,name,score] fake"),
            "Sort [id ASC NULLS FIRST], true\n"
            "+- Project [id, name AS who, score]\n"
            "   +- Filter isnotnull(name)\n"
            "      +- Relation [id,name,score] fake, PushedFilters: [isnotnull(name)]");
}

TEST(OptimizerTest, PushDownFiltersThroughAggregatesAndUnions) {
  std::string aggregate = R"({"op": "aggregate", "input": )" + FakeRead() + R"(, "groups": [)" + Col("name") +
                          R"(], "aggs": [)" + As(Agg("max", Col("score")), "top") + "]}";
  std::string json = Filter(aggregate, R"({"e": "and", "args": [)" + Fn("isnotnull", Col("name")) + "," +
                                           Fn("isnotnull", Col("top")) + "]}");
  EXPECT_EQ(Apply(PushDownFilters, json,
                  "Filter (isnotnull(name) AND isnotnull(top))\n"
                  "+- Aggregate [name], [name, max(score) AS top]\n"
                  "   +- Relation [id,name,score] fake"),
            "Filter isnotnull(top)\n"
            "+- Aggregate [name], [name, max(score) AS top]\n"
            "   +- Filter isnotnull(name)\n"
            "      +- Relation [id,name,score] fake, PushedFilters: [isnotnull(name)]");

  std::string both = R"({"op": "union", "inputs": [)" + Local() + "," + Local() + "]}";
  EXPECT_EQ(Apply(PushDownFilters, Filter(both, Fn("isnull", Col("b"))),
                  "Filter isnull(b)\n"
                  "+- Union false, false\n"
                  "   :- LocalRelation [a, b, c]\n"
                  "   +- LocalRelation [a, b, c]"),
            "Union false, false\n"
            ":- Filter isnull(b)\n"
            ":  +- LocalRelation [a, b, c]\n"
            "+- Filter isnull(b)\n"
            "   +- LocalRelation [a, b, c]");
}

TEST(OptimizerTest, PruneColumnsIntoReads) {
  std::string json = Project(Filter(FakeRead(), Fn("isnotnull", Col("score"))), Col("name"));
  PlanPtr plan = AnalyzeJson(json);
  EvalContext eval;
  PlanPtr pruned = PruneColumns(plan, eval);
  EXPECT_EQ(pruned->ToString(),
            "Project [name]\n+- Filter isnotnull(score)\n   +- Relation [name,score] fake");
  const PlanPtr& read = pruned->children[0]->children[0];
  EXPECT_EQ(read->As<ReadNode>().projection, (std::vector<int>{1, 2}));
  // References were renumbered to the pruned columns.
  EXPECT_EQ(pruned->As<ProjectNode>().exprs[0]->index, 0);
  EXPECT_EQ(pruned->children[0]->As<FilterNode>().condition->args[0]->index, 1);
}

TEST(OptimizerTest, PruneColumnsBelowAggregates) {
  std::string json = R"({"op": "aggregate", "input": )" + FakeRead() + R"(, "groups": [)" + Col("name") +
                     R"(], "aggs": [)" + As(Agg("count", IntLit(1)), "n") + "]}";
  PlanPtr plan = AnalyzeJson(json);
  EvalContext eval;
  PlanPtr pruned = PruneColumns(plan, eval);
  EXPECT_EQ(pruned->ToString(), "Aggregate [name], [name, count(1) AS n]\n+- Relation [name] fake");
  EXPECT_EQ(pruned->children[0]->As<ReadNode>().projection, (std::vector<int>{1}));
  EXPECT_EQ(pruned->As<AggregateNode>().groups[0]->index, 0);

  // count(*) alone still reads one column.
  PlanPtr count = PruneColumns(AnalyzeJson(Project(FakeRead(), Agg("count", IntLit(1)))), eval);
  EXPECT_EQ(count->ToString(), "Aggregate [], [count(1)]\n+- Relation [id] fake");
}

TEST(OptimizerTest, RemoveNoopProjects) {
  std::string json = Project(Project(FakeRead(), Col("id") + "," + Col("name")), Col("id") + "," + Col("NAME"));
  EXPECT_EQ(Apply(RemoveNoopProjects, json,
                  "Project [id, name]\n+- Project [id, name]\n   +- Relation [id,name,score] fake"),
            "Project [id, name]\n+- Relation [id,name,score] fake");
}

TEST(OptimizerTest, CollapseProjects) {
  std::string lower = Project(FakeRead(), Col("id") + "," + As(Fn("+", Col("score") + "," + Col("score")), "s2"));
  std::string json = Project(lower, As(Col("s2"), "total") + "," + Fn("+", Col("s2") + "," + Col("id")));
  EXPECT_EQ(Apply(CollapseProjects, json,
                  "Project [s2 AS total, (s2 + cast(id as double))]\n"
                  "+- Project [id, (score + score) AS s2]\n"
                  "   +- Relation [id,name,score] fake"),
            // s2 is read twice above: merging would compute it twice, so nothing changes.
            "Project [s2 AS total, (s2 + cast(id as double))]\n"
            "+- Project [id, (score + score) AS s2]\n"
            "   +- Relation [id,name,score] fake");
  std::string once = Project(lower, Col("s2") + "," + As(Col("id"), "key") + "," + Col("id"));
  EXPECT_EQ(Apply(CollapseProjects, once,
                  "Project [s2, id AS key, id]\n+- Project [id, (score + score) AS s2]\n   +- Relation [id,name,score] fake"),
            "Project [(score + score) AS s2, id AS key, id]\n+- Relation [id,name,score] fake");
}

TEST(OptimizerTest, RunsAllRulesAndHonoursSwitches) {
  std::string with = R"({"op": "with_columns", "input": )" + FakeRead() + R"(, "names": ["d"], "exprs": [)" +
                     Fn("+", Col("score") + "," + Fn("+", IntLit(1) + "," + IntLit(1))) + "]}";
  std::string json = Project(Filter(with, Fn("isnotnull", Col("id"))), Col("d"));
  EXPECT_EQ(OptimizeJson(json)->ToString(),
            "Project [(score + 2.0) AS d]\n"
            "+- Filter isnotnull(id)\n"
            "   +- Relation [id,score] fake, PushedFilters: [isnotnull(id)]");
  Config config;
  config.Set("spark.ember.optimizer.push_down_filters.enabled", "false");
  config.Set("spark.ember.optimizer.fold_constants.enabled", "FALSE");
  EXPECT_EQ(OptimizeJson(json, config)->ToString(),
            "Project [d]\n"
            "+- Filter isnotnull(id)\n"
            "   +- Project [id, (score + cast((1 + 1) as double)) AS d]\n"
            "      +- Relation [id,score] fake");
}

}  // namespace
}  // namespace ember

namespace ember {
namespace {

using namespace ember::testing;

// The ETL of the project goal, as the Python API sends it.
TEST(OptimizerTest, EtlPlan) {
  std::string schema = R"([{"name": "user_id", "type": "string"}, {"name": "account_id", "type": "string"},
      {"name": "event_name", "type": "string"}, {"name": "timestamp", "type": "bigint"}])";
  std::string pattern = R"({"e": "lit", "value": "yyyy-MM-dd HH:mm:ss", "type": "string"})";
  std::string events = FakeRead(schema);
  std::string with_time = R"({"op": "with_columns", "input": )" + events + R"(, "names": ["event_time"], "exprs": [)" +
                          Fn("to_timestamp", Fn("from_unixtime", Col("timestamp") + "," + pattern)) + "]}";
  std::string with_date = R"({"op": "with_columns", "input": )" + with_time +
                          R"(, "names": ["event_date"], "exprs": [)" + Fn("to_date", Col("event_time")) + "]}";
  std::string clean = Filter(with_date, Fn("isnotnull", Col("user_id")));
  std::string daily = R"({"op": "aggregate", "input": )" + clean + R"(, "groups": [)" + Col("account_id") + "," +
                      Col("event_date") + R"(], "aggs": [)" + As(Agg("count", IntLit(1)), "event_count") + "," +
                      As(Agg("count", Col("user_id"), true), "active_users") + "]}";
  PlanPtr analyzed = AnalyzeJson(daily);
  EXPECT_EQ(OutputSchema(analyzed->output).size(), 4u);
  EXPECT_EQ(SchemaToString(OutputSchema(analyzed->output)),
            "struct<account_id:string,event_date:date,event_count:bigint,active_users:bigint>");
  EXPECT_EQ(analyzed->ToString(),
            "Aggregate [account_id, event_date], [account_id, event_date, count(1) AS event_count, "
            "count(distinct user_id) AS active_users]\n"
            "+- Filter isnotnull(user_id)\n"
            "   +- Project [user_id, account_id, event_name, timestamp, event_time, to_date(event_time) AS event_date]\n"
            "      +- Project [user_id, account_id, event_name, timestamp, "
            "to_timestamp(from_unixtime(timestamp, yyyy-MM-dd HH:mm:ss)) AS event_time]\n"
            "         +- Relation [user_id,account_id,event_name,timestamp] fake");
  EXPECT_EQ(OptimizeJson(daily)->ToString(),
            "Aggregate [account_id, event_date], [account_id, event_date, count(1) AS event_count, "
            "count(distinct user_id) AS active_users]\n"
            "+- Project [user_id, account_id, to_date(to_timestamp(from_unixtime(timestamp, yyyy-MM-dd HH:mm:ss))) "
            "AS event_date]\n"
            "   +- Filter isnotnull(user_id)\n"
            "      +- Relation [user_id,account_id,timestamp] fake, PushedFilters: [isnotnull(user_id)]");
}

}  // namespace
}  // namespace ember

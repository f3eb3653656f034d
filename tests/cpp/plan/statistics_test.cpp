// Plan statistics: row counts and distinct bounds from a source's statistics, filter selectivity
// guesses, equi-join and aggregate estimates, a catalog table's statistics before the files', and
// explain("cost")'s texts.
#include <gtest/gtest.h>

#include <cmath>

#include "plan/statistics.h"
#include "statistics_test_util.h"

namespace ember::testing {
namespace {

double Rows(const std::string& json) {
  StatisticsEstimator estimator;
  return estimator.Estimate(AnalyzeJson(json)).rows;
}

TEST(StatisticsTest, ReadsTakeRowCountsFromTheSource) {
  EXPECT_DOUBLE_EQ(Rows(CountedRead(1000, 100)), 1000);
  StatisticsEstimator estimator;
  const PlanStatistics& stats = estimator.Estimate(AnalyzeJson(CountedRead(1000, 100)));
  ASSERT_EQ(stats.columns.size(), 3u);
  EXPECT_DOUBLE_EQ(stats.columns[0].distinct, 100);
  EXPECT_TRUE(stats.columns[0].distinct_known);
  EXPECT_FALSE(stats.columns[1].distinct_known);
  // 8 bytes per row, then id (8), name (20) and score (8).
  EXPECT_DOUBLE_EQ(stats.row_bytes, 44);
}

TEST(StatisticsTest, FiltersUseDistinctCountsOrFixedGuesses) {
  std::string read = CountedRead(1000, 100);
  EXPECT_DOUBLE_EQ(Rows(Filter(read, Fn("=", Col("id") + "," + IntLit(5)))), 10);  // 1 / distinct
  EXPECT_DOUBLE_EQ(Rows(Filter(read, Fn("=", Col("name") + "," + R"({"e": "lit", "value": "x", "type": "string"})"))),
                   100);                                                              // unknown: 0.1
  EXPECT_DOUBLE_EQ(Rows(Filter(read, Fn(">", Col("score") + "," + IntLit(1)))), 330);  // range: 0.33
  std::string either = R"({"e": "or", "args": [)" + Fn("=", Col("id") + "," + IntLit(5)) + "," +
                       Fn("=", Col("id") + "," + IntLit(6)) + "]}";
  EXPECT_NEAR(Rows(Filter(read, either)), 1000 * (0.01 + 0.01 - 0.0001), 1e-9);
}

TEST(StatisticsTest, EquiJoinsMatchEachRowOfTheLargerDistinctSideOnce) {
  std::string facts = Alias(CountedRead(1000, 100), "f");
  std::string dims = Alias(CountedRead(100, 100), "d");
  std::string on = Fn("=", Col("f.id") + "," + Col("d.id"));
  EXPECT_DOUBLE_EQ(Rows(Join(facts, dims, "inner", on)), 1000);
  EXPECT_DOUBLE_EQ(Rows(Join(facts, dims, "cross", "null")), 100000);
  // Two equalities form one composite key: its distinct count on a side is at most that side's rows.
  std::string both = R"({"e": "and", "args": [)" + on + "," + Fn("=", Col("f.name") + "," + Col("d.name")) + "]}";
  EXPECT_DOUBLE_EQ(Rows(Join(facts, dims, "inner", both)), 100);
  // A left join keeps at least its left rows; a semi join at most them.
  std::string filtered = Filter(dims, Fn("=", Col("id") + "," + IntLit(5)));
  EXPECT_DOUBLE_EQ(Rows(Join(facts, filtered, "inner", on)), 10);
  EXPECT_DOUBLE_EQ(Rows(Join(facts, filtered, "left", on)), 1000);
  EXPECT_DOUBLE_EQ(Rows(Join(facts, dims, "semi", Fn("=", Col("f.id") + "," + Col("d.id")))), 1000);
}

TEST(StatisticsTest, AggregatesHaveOneRowPerDistinctGroup) {
  std::string read = CountedRead(1000, 100);
  EXPECT_DOUBLE_EQ(Rows(R"({"op": "aggregate", "input": )" + read + R"(, "groups": [)" + Col("id") +
                        R"(], "aggs": [)" + Agg("count", IntLit(1)) + "]}"),
                   100);
  EXPECT_DOUBLE_EQ(Rows(R"({"op": "aggregate", "input": )" + read + R"(, "groups": [], "aggs": [)" +
                        Agg("count", IntLit(1)) + "]}"),
                   1);
}

// `plan` with the read at its bottom (through single children) carrying a catalog table's statistics.
PlanPtr WithTableStatistics(const PlanPtr& plan, const SourceStatistics& stats) {
  LogicalPlan copy = *plan;
  if (copy.Is<ReadNode>()) {
    copy.As<ReadNode>().table_statistics = stats;
  } else {
    copy.children[0] = WithTableStatistics(copy.children[0], stats);
  }
  return MakePlan(std::move(copy));
}

TEST(StatisticsTest, ATablesSizeComesBeforeTheSourcesRowCount) {
  // 1,000 rows of 44 bytes (8 + id 8 + name 20 + score 8) by the source's row count.
  PlanPtr read = AnalyzeJson(CountedRead(1000, 100));
  StatisticsEstimator estimator;
  // What the physical planner compares with spark.sql.autoBroadcastJoinThreshold (say 10,000).
  auto broadcast = [&](const PlanPtr& side) { return estimator.Estimate(side).bytes() <= 10000; };
  EXPECT_DOUBLE_EQ(estimator.Estimate(read).bytes(), 44000);
  EXPECT_FALSE(broadcast(read));
  // ANALYZE TABLE's size without CBO: 4,400 bytes, so 100 rows of the whole width.
  PlanPtr analyzed = WithTableStatistics(read, {.row_count = std::nullopt, .size_bytes = 4400});
  EXPECT_DOUBLE_EQ(estimator.Estimate(analyzed).rows, 100);
  EXPECT_DOUBLE_EQ(estimator.Estimate(analyzed).bytes(), 4400);
  EXPECT_TRUE(broadcast(analyzed));
  // Reading one column of it takes that column's share of the width: 100 rows of 8 + 8 bytes.
  PlanPtr one_column = WithTableStatistics(AnalyzeJson(Project(CountedRead(1000, 100), Col("id"))),
                                           {.row_count = std::nullopt, .size_bytes = 4400});
  EXPECT_DOUBLE_EQ(estimator.Estimate(one_column).bytes(), 1600);
  // A table grown past the threshold turns it back.
  EXPECT_FALSE(broadcast(WithTableStatistics(read, {.row_count = std::nullopt, .size_bytes = 44000})));
}

TEST(StatisticsTest, ColumnBoundsEstimateRangeFilters) {
  SourceStatistics stats{.row_count = 1000, .size_bytes = 44000};
  stats.columns["score"].min = 0;
  stats.columns["score"].max = 100;
  stats.columns["score"].null_count = 200;
  stats.columns["score"].distinct_bound = 50;
  auto rows = [&](const std::string& condition) {
    StatisticsEstimator estimator;
    return estimator.Estimate(WithTableStatistics(AnalyzeJson(Filter(CountedRead(1, 1), condition)), stats)).rows;
  };
  // A quarter of the range, of the 80% of rows that are not null.
  EXPECT_DOUBLE_EQ(rows(Fn(">", Col("score") + "," + IntLit(75))), 200);
  EXPECT_DOUBLE_EQ(rows(Fn("<", IntLit(75) + "," + Col("score"))), 200);
  EXPECT_DOUBLE_EQ(rows(Fn("<=", Col("score") + "," + IntLit(10))), 80);
  // Outside the bounds nothing (at least one row is kept), or everything that is not null.
  EXPECT_DOUBLE_EQ(rows(Fn("<", Col("score") + "," + IntLit(-5))), 1);
  EXPECT_DOUBLE_EQ(rows(Fn("<", Col("score") + "," + IntLit(500))), 800);
  // Without bounds the fixed guess stays.
  EXPECT_DOUBLE_EQ(rows(Fn(">", Col("id") + "," + IntLit(75))), 330);
}

TEST(StatisticsTest, ExplainCostTextsAreSparks) {
  EXPECT_EQ(BytesText(0), "0.0 B");
  EXPECT_EQ(BytesText(2047), "2047.0 B");
  EXPECT_EQ(BytesText(2048), "2.0 KiB");
  EXPECT_EQ(BytesText(2048 + 256), "2.3 KiB");  // 2.25 rounded half up
  EXPECT_EQ(BytesText(3.0 * (1 << 20)), "3.0 MiB");
  EXPECT_EQ(BytesText(std::ldexp(1.0, 63)), "8.0 EiB");
  EXPECT_EQ(RowCountText(0), "0");
  EXPECT_EQ(RowCountText(999), "999");
  EXPECT_EQ(RowCountText(1000), "1.00E+3");
  EXPECT_EQ(RowCountText(12345), "1.23E+4");
  EXPECT_EQ(RowCountText(12350), "1.24E+4");
  EXPECT_EQ(RowCountText(99960), "1.00E+5");

  PlanPtr plan = AnalyzeJson(Filter(CountedRead(1000, 100), Fn("=", Col("id") + "," + IntLit(5))));
  StatisticsEstimator estimator;
  std::string text = PlanTextWithStatistics(plan, estimator);
  std::string first = text.substr(0, text.find('\n'));
  EXPECT_EQ(first.substr(first.size() - 46), ", Statistics(sizeInBytes=440.0 B, rowCount=10)") << text;
  EXPECT_NE(text.find("\n+- Relation"), std::string::npos) << text;
  EXPECT_NE(text.find("Statistics(sizeInBytes=43.0 KiB, rowCount=1.00E+3)"), std::string::npos) << text;
  // Without CBO: no row counts, and the filter keeps the size of what it reads.
  StatisticsEstimator size_only(false);
  std::string plain = PlanTextWithStatistics(plan, size_only);
  EXPECT_EQ(plain.find("rowCount"), std::string::npos) << plain;
  EXPECT_NE(plain.find(", Statistics(sizeInBytes=43.0 KiB)\n+- Relation"), std::string::npos) << plain;
}

}  // namespace
}  // namespace ember::testing

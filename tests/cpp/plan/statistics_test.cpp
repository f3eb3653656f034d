// Plan statistics: row counts and distinct bounds from a source's statistics, filter selectivity
// guesses, equi-join and aggregate estimates.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace ember::testing

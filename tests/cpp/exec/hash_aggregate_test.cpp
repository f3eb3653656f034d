// Aggregation through the physical planner and the job runner in every mode (partial/final,
// the distinct rewrite with partial-merge, complete mode with distinct accumulators, global),
// checked against a brute-force computation over random data with nulls.
#include <map>
#include <random>
#include <set>

#include "exec_test_util.h"

namespace ember::exec_test {
namespace {

struct Row {
  std::optional<int64_t> k1;
  std::optional<std::string> k2;
  std::optional<int64_t> x;
  std::optional<int64_t> y;
};

std::vector<Row> RandomRows(int n, uint32_t seed) {
  std::mt19937 random(seed);
  std::vector<Row> rows;
  const char* names[] = {"a", "b", "cc"};
  for (int i = 0; i < n; ++i) {
    Row row;
    if (random() % 7 != 0) row.k1 = random() % 5;
    if (random() % 5 != 0) row.k2 = names[random() % 3];
    if (random() % 4 != 0) row.x = random() % 10;
    if (random() % 3 != 0) row.y = random() % 4;
    rows.push_back(row);
  }
  return rows;
}

const Schema kSchema = {{"k1", LongType(), true}, {"k2", StringType(), true},
                        {"x", LongType(), true}, {"y", LongType(), true}};

// Three local relations under a union: three map partitions.
PlanPtr Input(const std::vector<Row>& rows) {
  std::vector<PlanPtr> parts;
  size_t per_part = (rows.size() + 2) / 3;
  for (size_t begin = 0; begin < rows.size() || parts.empty(); begin += per_part) {
    std::vector<std::optional<int64_t>> k1, x, y;
    std::vector<std::optional<std::string>> k2;
    for (size_t i = begin; i < std::min(rows.size(), begin + per_part); ++i) {
      k1.push_back(rows[i].k1);
      k2.push_back(rows[i].k2);
      x.push_back(rows[i].x);
      y.push_back(rows[i].y);
    }
    Batch batch({LongColumn(k1), StringColumn(k2), LongColumn(x), LongColumn(y)},
                static_cast<int64_t>(k1.size()));
    parts.push_back(LocalRelation(kSchema, {batch}));
    if (rows.empty()) break;
  }
  return parts.size() == 1 ? parts[0] : UnionOf(parts);
}

ExprPtr K1() { return Ref(0, LongType(), "k1"); }
ExprPtr K2() { return Ref(1, StringType(), "k2"); }
ExprPtr X() { return Ref(2, LongType(), "x"); }
ExprPtr Y() { return Ref(3, LongType(), "y"); }
ExprPtr One() { return Literal(Value::Int(1)); }

std::string Opt(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "null"; }

struct Expected {
  int64_t count = 0;
  int64_t count_x = 0;
  std::optional<int64_t> sum_x, min_x, max_x;
  std::set<int64_t> distinct_x, distinct_y;
};

std::map<std::pair<std::string, std::string>, Expected> BruteForce(const std::vector<Row>& rows,
                                                                   bool grouped) {
  std::map<std::pair<std::string, std::string>, Expected> groups;
  for (const auto& row : rows) {
    auto key = grouped ? std::make_pair(Opt(row.k1), row.k2 ? *row.k2 : "null")
                       : std::make_pair(std::string(), std::string());
    Expected& e = groups[key];
    ++e.count;
    if (row.x) {
      ++e.count_x;
      e.sum_x = e.sum_x.value_or(0) + *row.x;
      e.min_x = std::min(e.min_x.value_or(*row.x), *row.x);
      e.max_x = std::max(e.max_x.value_or(*row.x), *row.x);
      e.distinct_x.insert(*row.x);
    }
    if (row.y) e.distinct_y.insert(*row.y);
  }
  return groups;
}

Config WithPartitions(int partitions, bool coalesce) {
  Config config;
  config.Set("spark.sql.shuffle.partitions", std::to_string(partitions));
  config.Set("spark.sql.adaptive.coalescePartitions.enabled", coalesce ? "true" : "false");
  return config;
}

class HashAggregateTest : public ::testing::TestWithParam<bool> {};

TEST_P(HashAggregateTest, PlainAggregatesMatchBruteForce) {
  auto rows = RandomRows(5000, 1);
  PlanPtr plan = AggregatePlan(Input(rows), {K1(), K2()},
                               {AggCall("count", {One()}), AggCall("count", {X()}),
                                AggCall("sum", {X()}), AggCall("min", {X()}), AggCall("max", {X()})});
  std::vector<std::string> expected;
  for (const auto& [key, e] : BruteForce(rows, true)) {
    expected.push_back(key.first + "|" + key.second + "|" + std::to_string(e.count) + "|" +
                       std::to_string(e.count_x) + "|" + Opt(e.sum_x) + "|" + Opt(e.min_x) + "|" +
                       Opt(e.max_x));
  }
  EXPECT_EQ(Sorted(RowTexts(RunPlan(plan, WithPartitions(7, GetParam())))), Sorted(expected));
}

TEST_P(HashAggregateTest, DistinctRewriteMatchesBruteForce) {
  auto rows = RandomRows(5000, 2);
  PlanPtr plan = AggregatePlan(Input(rows), {K1(), K2()},
                               {AggCall("count", {One()}), AggCall("count", {X()}, true),
                                AggCall("sum", {X()}), AggCall("sum", {X()}, true)});
  std::vector<std::string> expected;
  for (const auto& [key, e] : BruteForce(rows, true)) {
    int64_t distinct_sum = 0;
    for (int64_t v : e.distinct_x) distinct_sum += v;
    expected.push_back(key.first + "|" + key.second + "|" + std::to_string(e.count) + "|" +
                       std::to_string(e.distinct_x.size()) + "|" + Opt(e.sum_x) + "|" +
                       (e.distinct_x.empty() ? "null" : std::to_string(distinct_sum)));
  }
  EXPECT_EQ(Sorted(RowTexts(RunPlan(plan, WithPartitions(5, GetParam())))), Sorted(expected));
}

TEST_P(HashAggregateTest, SeveralDistinctArgumentSetsUseCompleteMode) {
  auto rows = RandomRows(3000, 3);
  PlanPtr plan = AggregatePlan(Input(rows), {K1()},
                               {AggCall("count", {X()}, true), AggCall("count", {Y()}, true),
                                AggCall("count", {One()})});
  std::map<std::string, Expected> by_k1;
  for (const auto& row : rows) {
    Expected& e = by_k1[Opt(row.k1)];
    ++e.count;
    if (row.x) e.distinct_x.insert(*row.x);
    if (row.y) e.distinct_y.insert(*row.y);
  }
  std::vector<std::string> expected;
  for (const auto& [key, e] : by_k1) {
    expected.push_back(key + "|" + std::to_string(e.distinct_x.size()) + "|" +
                       std::to_string(e.distinct_y.size()) + "|" + std::to_string(e.count));
  }
  EXPECT_EQ(Sorted(RowTexts(RunPlan(plan, WithPartitions(3, GetParam())))), Sorted(expected));
}

TEST_P(HashAggregateTest, GlobalAggregates) {
  auto rows = RandomRows(2000, 4);
  auto e = BruteForce(rows, false)[{"", ""}];
  PlanPtr plan = AggregatePlan(Input(rows), {},
                               {AggCall("count", {One()}), AggCall("count", {X()}, true),
                                AggCall("sum", {X()})});
  EXPECT_EQ(RowTexts(RunPlan(plan, WithPartitions(4, GetParam()))),
            std::vector<std::string>{std::to_string(e.count) + "|" +
                                     std::to_string(e.distinct_x.size()) + "|" + Opt(e.sum_x)});
}

TEST_P(HashAggregateTest, EmptyInput) {
  PlanPtr global = AggregatePlan(Input({}), {}, {AggCall("count", {One()}), AggCall("sum", {X()})});
  EXPECT_EQ(RowTexts(RunPlan(global, WithPartitions(4, GetParam()))), std::vector<std::string>{"0|null"});
  PlanPtr grouped = AggregatePlan(Input({}), {K1()}, {AggCall("count", {One()})});
  EXPECT_TRUE(RowTexts(RunPlan(grouped, WithPartitions(4, GetParam()))).empty());
}

TEST_P(HashAggregateTest, ManyGroupsSpanSeveralOutputBatches) {
  std::vector<Row> rows;
  for (int i = 0; i < 20000; ++i) rows.push_back({i % 9000, std::nullopt, i, std::nullopt});
  PlanPtr plan = AggregatePlan(Input(rows), {K1()}, {AggCall("count", {One()})});
  auto result = RowTexts(RunPlan(plan, WithPartitions(3, GetParam())));
  ASSERT_EQ(result.size(), 9000u);
  std::map<std::string, int> counts;
  for (const auto& row : result) counts[row.substr(row.find('|') + 1)]++;
  EXPECT_EQ(counts["3"], 2000);  // keys 0..1999 appear three times
  EXPECT_EQ(counts["2"], 7000);
}

INSTANTIATE_TEST_SUITE_P(Coalescing, HashAggregateTest, ::testing::Bool());

TEST(PhysicalPlannerTest, DistinctRewriteExplainsLikeSpark) {
  PlanPtr plan = AggregatePlan(Input(RandomRows(10, 5)), {K1()},
                               {AggCall("count", {One()}), AggCall("count", {X()}, true)});
  Config config;
  EvalContext eval;
  std::string text = PlanPhysical(plan, {config, eval, 2})->ToString();
  EXPECT_NE(text.find("HashAggregate(keys=[k1], functions=[count(1), count(distinct x)])\n"
                      "+- HashAggregate(keys=[k1, x], functions=[merge_count(1)])\n"
                      "   +- Exchange hashpartitioning(k1, 200), ENSURE_REQUIREMENTS\n"
                      "      +- HashAggregate(keys=[k1, x], functions=[partial_count(1)])\n"
                      "         +- Union"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace ember::exec_test

// Operators in hand-built physical plans: filter, project, sort (nulls, NaN, multiple keys,
// directions), limits, union and exchanges, run through the job runner one task at a time.
#include <cmath>
#include <limits>
#include <map>

#include "exec/job.h"
#include "exec/row_keys.h"
#include "exec/shuffle_store.h"
#include "exec/task.h"
#include "exec_test_util.h"

namespace ember::exec_test {
namespace {

const Schema kSchema = {{"id", LongType(), true}, {"name", StringType(), true}, {"score", DoubleType(), true}};

PhysicalPtr Local(std::vector<Batch> batches) {
  PhysicalNode node(LocalScanExec{std::make_shared<const std::vector<Batch>>(std::move(batches))});
  node.output = kSchema;
  return MakePhysical(std::move(node));
}

Batch Sample() {
  double nan = std::numeric_limits<double>::quiet_NaN();
  return Batch({LongColumn({1, 2, std::nullopt, 4, 5, 6}),
                StringColumn({"b", std::nullopt, "a", "b", "a", "c"}),
                DoubleColumn({2.5, nan, std::nullopt, -0.0, 0.0, 1.0})},
               6);
}

PhysicalPtr Unary(PhysicalNode node, PhysicalPtr child) {
  node.children = {std::move(child)};
  return MakePhysical(std::move(node));
}

std::vector<std::string> Collect(const PhysicalPtr& plan, const Config& config = Config()) {
  SerialExecutor executor;
  return RowTexts(CollectJob(plan, EvalContext(), JobSettings::FromConfig(config), executor));
}

PhysicalPtr SortBy(std::vector<ExprPtr> orders, PhysicalPtr child) {
  PhysicalNode sort(SortExec{std::move(orders)});
  sort.output = child->output;
  return Unary(std::move(sort), std::move(child));
}

TEST(OperatorsTest, FilterKeepsOnlyTrueRows) {
  PhysicalNode filter(FilterExec{ScalarCall("isnotnull", {Ref(1, StringType(), "name")})});
  filter.output = kSchema;
  EXPECT_EQ(Collect(Unary(filter, Local({Sample()}))).size(), 5u);

  // A boolean column with nulls: null is not true.
  PhysicalNode by_flag(FilterExec{Ref(0, BooleanType(), "flag")});
  Schema flag_schema = {{"flag", BooleanType(), true}};
  by_flag.output = flag_schema;
  PhysicalNode local(LocalScanExec{std::make_shared<const std::vector<Batch>>(
      std::vector<Batch>{Batch({BoolColumn({true, std::nullopt, false, true})}, 4)})});
  local.output = flag_schema;
  EXPECT_EQ(Collect(Unary(by_flag, MakePhysical(local))), (std::vector<std::string>{"1", "1"}));
}

TEST(OperatorsTest, ProjectComputesColumns) {
  PhysicalNode project(ProjectExec{{Ref(1, StringType(), "name"),
                                    Alias(ScalarCall("isnotnull", {Ref(0, LongType(), "id")}), "id_ok")}});
  project.output = {{"name", StringType(), true}, {"id_ok", BooleanType(), false}};
  EXPECT_EQ(Collect(Unary(project, Local({Sample()}))),
            (std::vector<std::string>{"b|1", "null|1", "a|0", "b|1", "a|1", "c|1"}));
}

TEST(OperatorsTest, SortOrdersNullsAndNaNAsSpark) {
  // Ascending: nulls first, then -0.0 and 0.0 equal (stable), ..., NaN last.
  EXPECT_EQ(Collect(SortBy({SortOrder(Ref(2, DoubleType(), "score"), true, true)}, Local({Sample()}))),
            (std::vector<std::string>{"null|a|null", "4|b|-0.000000", "5|a|0.000000", "6|c|1.000000",
                                      "1|b|2.500000", "2|null|nan"}));
  // Descending with nulls last: NaN first.
  auto desc = Collect(SortBy({SortOrder(Ref(2, DoubleType(), "score"), false, false)}, Local({Sample()})));
  EXPECT_EQ(desc.front(), "2|null|nan");
  EXPECT_EQ(desc.back(), "null|a|null");
}

TEST(OperatorsTest, SortByTwoKeysAcrossBatches) {
  Batch more({LongColumn({7, 8}), StringColumn({"a", std::nullopt}), DoubleColumn({9.0, 9.0})}, 2);
  auto rows = Collect(SortBy({SortOrder(Ref(1, StringType(), "name"), false, false),
                              SortOrder(Ref(0, LongType(), "id"), true, true)},
                             Local({Sample(), more})));
  EXPECT_EQ(rows, (std::vector<std::string>{"6|c|1.000000", "1|b|2.500000", "4|b|-0.000000",
                                            "null|a|null", "5|a|0.000000", "7|a|9.000000",
                                            "2|null|nan", "8|null|9.000000"}));
}

TEST(OperatorsTest, LimitsOverSeveralPartitions) {
  LogicalPlan limit(LimitNode{8});
  Batch batch = Sample();
  limit.children = {UnionOf({LocalRelation(kSchema, {batch}), LocalRelation(kSchema, {batch}),
                             LocalRelation(kSchema, {batch})})};
  limit.output = Attributes(kSchema);
  PlanPtr plan = MakePlan(limit);
  Config config;
  EvalContext eval;
  PhysicalPtr physical = PlanPhysical(plan, {config, eval, 2});
  EXPECT_EQ(physical->ToString().rfind("GlobalLimit 8, 0\n+- Exchange SinglePartition, ENSURE_REQUIREMENTS\n"
                                       "   +- LocalLimit 8\n      +- Union\n", 0),
            0u)
      << physical->ToString();
  EXPECT_EQ(RowTexts(RunPlan(plan)).size(), 8u);
}

TEST(OperatorsTest, UnionConcatenatesPartitionsInOrder) {
  Batch first({LongColumn({1}), StringColumn({"x"}), DoubleColumn({1.0})}, 1);
  Batch second({LongColumn({2, 3}), StringColumn({"y", "z"}), DoubleColumn({2.0, 3.0})}, 2);
  PhysicalNode node(UnionExec{});
  node.output = kSchema;
  node.children = {Local({first}), Local({second}), Local({first})};
  node.partitioning.num_partitions = 3;
  PhysicalPtr plan = MakePhysical(node);
  EXPECT_EQ(CountPartitions(*plan, {}), 3);
  EXPECT_EQ(Collect(plan), (std::vector<std::string>{"1|x|1.000000", "2|y|2.000000", "3|z|3.000000",
                                                     "1|x|1.000000"}));
}

TEST(OperatorsTest, HashExchangePutsEqualKeysInOnePartition) {
  std::vector<std::optional<int64_t>> ids;
  std::vector<std::optional<std::string>> names;
  std::vector<std::optional<double>> scores;
  for (int i = 0; i < 10000; ++i) {
    ids.push_back(i);
    names.push_back(i % 13 == 0 ? std::nullopt : std::optional<std::string>("k" + std::to_string(i % 50)));
    scores.push_back(i % 2 ? 0.0 : -0.0);
  }
  Batch batch({LongColumn(ids), StringColumn(names), DoubleColumn(scores)}, 10000);

  PhysicalNode exchange(ExchangeExec{0});
  exchange.output = kSchema;
  exchange.partitioning.kind = PartitioningKind::kHash;
  exchange.partitioning.keys = {Ref(1, StringType(), "name"), Ref(2, DoubleType(), "score")};
  exchange.partitioning.num_partitions = 8;
  exchange.children = {Local({batch})};
  PhysicalPtr plan = MakePhysical(exchange);

  ShuffleStore store;
  store.Create(0, 8, {LongType(), StringType(), DoubleType()});
  std::atomic<bool> cancelled{false};
  TaskContext ctx{EvalContext(), &cancelled, &store};
  RunTask({0, plan, 0, {}}, ctx, nullptr);

  std::map<std::string, std::set<int>> partitions_of_key;
  int64_t rows = 0;
  int used = 0;
  for (int p = 0; p < 8; ++p) {
    std::vector<Batch> batches;
    store.Take(0, p, [&](Batch batch) {
      batches.push_back(std::move(batch));
      return true;
    });
    used += batches.empty() ? 0 : 1;
    for (const auto& text : RowTexts(batches)) {
      ++rows;
      std::string key = text.substr(text.find('|') + 1);
      key = key.substr(0, key.find('|'));  // the name; -0.0 and 0.0 must not split a name
      partitions_of_key[key].insert(p);
    }
  }
  EXPECT_EQ(rows, 10000);
  EXPECT_GT(used, 4);
  for (const auto& [key, partitions] : partitions_of_key) EXPECT_EQ(partitions.size(), 1u) << key;
}

TEST(OperatorsTest, RoundRobinAndSingleExchanges) {
  for (PartitioningKind kind : {PartitioningKind::kRoundRobin, PartitioningKind::kSingle}) {
    PhysicalNode exchange(ExchangeExec{0});
    exchange.output = kSchema;
    exchange.partitioning.kind = kind;
    exchange.partitioning.num_partitions = kind == PartitioningKind::kSingle ? 1 : 3;
    exchange.children = {Local({Sample()})};
    PhysicalNode top(ProjectExec{{Ref(0, LongType(), "id")}});
    top.output = {{"id", LongType(), true}};
    top.children = {MakePhysical(exchange)};
    Config no_coalescing;
    no_coalescing.Set("spark.sql.adaptive.enabled", "false");
    SerialExecutor executor;
    std::vector<Batch> batches =
        CollectJob(MakePhysical(top), EvalContext(), JobSettings::FromConfig(no_coalescing), executor);
    EXPECT_EQ(batches.size(), kind == PartitioningKind::kSingle ? 1u : 3u);
    EXPECT_EQ(Sorted(RowTexts(batches)), Sorted({"1", "2", "null", "4", "5", "6"}));
  }
}

TEST(OperatorsTest, CoalescesSmallPartitions) {
  JobSettings settings;
  settings.advisory_partition_bytes = 100;
  settings.min_partition_bytes = 10;
  auto ranges = CoalescePartitions({30, 30, 30, 0, 90, 5, 5}, settings, 1);
  ASSERT_EQ(ranges.size(), 2u);
  EXPECT_EQ(ranges[0].begin, 0);
  EXPECT_EQ(ranges[0].end, 4);
  EXPECT_EQ(ranges[1].begin, 4);
  EXPECT_EQ(ranges[1].end, 7);
  EXPECT_EQ(CoalescePartitions({30, 30, 30, 0, 90, 50, 5}, settings, 1).size(), 3u);
  // Two cores: the target shrinks to half the total.
  EXPECT_EQ(CoalescePartitions({30, 30, 30, 30}, settings, 2).size(), 2u);
  settings.coalesce_partitions = false;
  EXPECT_EQ(CoalescePartitions({30, 30, 30, 30}, settings, 2).size(), 4u);
}

TEST(RowKeysTest, EncodesDecodesAndGroups) {
  std::vector<TypePtr> types = {LongType(), StringType(), DoubleType()};
  double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<VectorPtr> columns = {LongColumn({1, 1, std::nullopt, 1, std::nullopt}),
                                    StringColumn({"a", "a", "", "a", std::nullopt}),
                                    DoubleColumn({0.0, -0.0, nan, -nan, std::nullopt})};
  RowKeyEncoder encoder(types);
  encoder.Encode(columns, 5);
  EXPECT_EQ(encoder.Key(0), encoder.Key(1));  // -0.0 groups with 0.0
  EXPECT_NE(encoder.Key(0), encoder.Key(3));
  GroupTable table(types);
  std::vector<uint32_t> ids(5);
  table.FindOrInsert(encoder, 5, ids.data());
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 0, 1, 2, 3}));
  Batch decoded(table.Keys(0, table.size()), 4);
  EXPECT_EQ(RowTexts({decoded}),
            (std::vector<std::string>{"1|a|0.000000", "null||nan", "1|a|nan", "null|null|null"}));
}

TEST(RowKeysTest, GroupTableGrowsPastManyKeys) {
  // Byte-string keys and packed keys.
  for (const TypePtr& type : {StringType(), LongType()}) {
    std::vector<std::optional<std::string>> strings;
    std::vector<std::optional<int64_t>> longs;
    for (int i = 0; i < 100000; ++i) {
      strings.push_back(std::to_string(i));
      longs.push_back(i);
    }
    VectorPtr column = type->id == TypeId::kString ? StringColumn(strings) : LongColumn(longs);
    RowKeyEncoder encoder({type});
    encoder.Encode({column}, 100000);
    GroupTable table({type});
    std::vector<uint32_t> ids(100000);
    table.FindOrInsert(encoder, 100000, ids.data());
    table.FindOrInsert(encoder, 100000, ids.data());
    for (int i = 0; i < 100000; i += 997) EXPECT_EQ(ids[i], static_cast<uint32_t>(i));
    EXPECT_EQ(table.size(), 100000);
  }
}

}  // namespace
}  // namespace ember::exec_test

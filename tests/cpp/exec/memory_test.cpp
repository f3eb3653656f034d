// Jobs under a memory budget: what operators, shuffle outputs and collected rows hold is reserved
// while the query runs and given back when it ends; what cannot fit raises UNABLE_TO_ACQUIRE_MEMORY.
#include "common/error.h"
#include "common/memory_manager.h"
#include "exec/job.h"
#include "exec_test_util.h"

namespace ember::exec_test {
namespace {

const Schema kSchema = {{"id", LongType(), true}, {"name", StringType(), true}};

Batch Rows(int64_t begin, int64_t count) {
  std::vector<std::optional<int64_t>> ids;
  std::vector<std::optional<std::string>> names;
  for (int64_t i = begin; i < begin + count; ++i) {
    ids.push_back(i % 11 == 0 ? std::nullopt : std::optional<int64_t>((i * 7919) % 1000));
    names.push_back("name" + std::to_string(i % 97));
  }
  return Batch({LongColumn(ids), StringColumn(names)}, count);
}

// Local rows -> hash exchange on id -> sort by id desc, name.
PhysicalPtr SortedThroughExchange(int64_t rows) {
  PhysicalNode local(LocalScanExec{});
  local.output = kSchema;
  std::vector<Batch> batches;
  for (int64_t begin = 0; begin < rows; begin += kBatchRows) {
    batches.push_back(Rows(begin, std::min<int64_t>(kBatchRows, rows - begin)));
  }
  local.As<LocalScanExec>().batches = std::make_shared<const std::vector<Batch>>(std::move(batches));

  PhysicalNode exchange(ExchangeExec{});
  exchange.output = kSchema;
  exchange.partitioning.kind = PartitioningKind::kHash;
  exchange.partitioning.keys = {Ref(0, LongType(), "id")};
  exchange.partitioning.num_partitions = 4;
  exchange.As<ExchangeExec>().id = 0;
  exchange.children = {MakePhysical(std::move(local))};

  PhysicalNode sort(SortExec{});
  sort.output = kSchema;
  sort.As<SortExec>().orders = {SortOrder(Ref(0, LongType(), "id"), false, false), SortOrder(Ref(1, StringType(), "name"), true, true)};
  sort.children = {MakePhysical(std::move(exchange))};
  return MakePhysical(std::move(sort));
}

std::vector<std::string> RunSorted(const PhysicalPtr& plan, QueryMemory* memory) {
  Config config;
  config.Set("spark.sql.adaptive.enabled", "false");
  JobSettings settings = JobSettings::FromConfig(config);
  settings.memory = memory;
  SerialExecutor executor;
  return RowTexts(CollectJob(plan, EvalContext(), settings, executor));
}

TEST(MemoryTest, ReservationsLastAsLongAsTheQuery) {
  PhysicalPtr plan = SortedThroughExchange(20000);
  std::vector<std::string> unlimited = RunSorted(plan, nullptr);
  MemoryManager manager(int64_t{256} << 20);
  QueryMemory query(&manager);
  EXPECT_EQ(RunSorted(plan, &query), unlimited);
  // The shuffle output and a sorted partition were held at some point; nothing is held after.
  EXPECT_GT(query.peak(), Rows(0, 20000).MemoryBytes());
  EXPECT_EQ(manager.used(MemoryPool::kExecution), 0);
  EXPECT_EQ(manager.used(MemoryPool::kStorage), 0);
}

TEST(MemoryTest, CollectedRowsBeyondTheBudgetRaise) {
  PhysicalPtr plan = SortedThroughExchange(20000);
  MemoryManager manager(Rows(0, 20000).MemoryBytes() / 4);
  QueryMemory query(&manager);
  try {
    RunSorted(plan, &query);
    FAIL() << "expected UNABLE_TO_ACQUIRE_MEMORY";
  } catch (const SparkError& error) {
    EXPECT_EQ(error.error_class(), "UNABLE_TO_ACQUIRE_MEMORY");
  }
  EXPECT_EQ(manager.used(MemoryPool::kExecution), 0);
}

}  // namespace
}  // namespace ember::exec_test

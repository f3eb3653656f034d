// Spill files (round trips of every column layout, checksums, a full disk, the query's folder) and
// the operators that spill: a sort and the shuffle under budgets far smaller than their input give
// the rows of the unlimited run, hold no memory afterwards and leave no file behind. A window under
// such a budget evaluates its complete partitions early, or raises when one partition cannot fit.
// A hash join whose build side does not fit joins grace partitions, split again while too big.
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>

#include "common/error.h"
#include "common/memory_manager.h"
#include "exec/job.h"
#include "exec/shuffle_store.h"
#include "exec/spill_file.h"
#include "exec_test_util.h"
#include "plan/analyzer.h"
#include "plan/optimizer.h"
#include "plan/plan_json.h"
#include "plan/relation_catalog.h"

namespace ember::exec_test {
namespace {

namespace fs = std::filesystem;

const Schema kSchema = {{"id", LongType(), true}, {"name", StringType(), true}, {"score", DoubleType(), true}};

Batch Rows(int64_t begin, int64_t count) {
  std::vector<std::optional<int64_t>> ids;
  std::vector<std::optional<std::string>> names;
  std::vector<std::optional<double>> scores;
  for (int64_t i = begin; i < begin + count; ++i) {
    ids.push_back(i % 11 == 0 ? std::nullopt : std::optional<int64_t>((i * 7919) % 1000));
    names.push_back(i % 17 == 0 ? std::nullopt : std::optional<std::string>("name" + std::to_string(i % 97)));
    scores.push_back(static_cast<double>(i % 5) - 2.0);
  }
  return Batch({LongColumn(ids), StringColumn(names), DoubleColumn(scores)}, count);
}

std::vector<TypePtr> Types() { return {LongType(), StringType(), DoubleType()}; }

// A fresh folder standing for spark.local.dir.
struct LocalDir {
  LocalDir() : path(fs::temp_directory_path() / ("ember-spill-test-" + std::to_string(getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~LocalDir() { fs::remove_all(path); }
  bool Empty() const { return fs::is_empty(path); }
  fs::path path;
};

class SpillFileTest : public ::testing::Test {
 protected:
  LocalDir dir;
  SpillDirectory spills{dir.path.string()};
  std::string path = spills.NewPath("test");
  SpillFile file{path};
};

TEST_F(SpillFileTest, BatchesComeBackAsWritten) {
  Batch first = Rows(0, 1000);
  Batch second = Rows(5000, 3);
  SpillFrame a = file.Append(first);
  SpillFrame b = file.Append(second);
  EXPECT_EQ(b.offset, a.bytes);
  EXPECT_EQ(file.bytes(), a.bytes + b.bytes);
  EXPECT_LT(a.bytes, first.MemoryBytes());  // compressed
  EXPECT_EQ(RowTexts({file.Read(b.offset, Types())}), RowTexts({second}));
  EXPECT_EQ(RowTexts({file.Read(a.offset, Types())}), RowTexts({first}));
}

TEST_F(SpillFileTest, AlteredBytesAreDetected) {
  SpillFrame frame = file.Append(Rows(0, 1000));
  {
    std::fstream out(path, std::ios::in | std::ios::out | std::ios::binary);
    out.seekp(frame.bytes - 10);
    out.put('\x5a');
  }
  try {
    file.Read(frame.offset, Types());
    FAIL() << "expected a checksum error";
  } catch (const SparkError& error) {
    EXPECT_NE(std::string(error.what()).find("checksum"), std::string::npos) << error.what();
  }
}

TEST_F(SpillFileTest, AFullDiskRaisesAndKeepsNoPartialFrame) {
  SpillFrame kept = file.Append(Rows(0, 100));
  // A file size limit stands for the full disk: writes beyond it fail with EFBIG.
  rlimit saved;
  getrlimit(RLIMIT_FSIZE, &saved);
  auto saved_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit limited = saved;
  limited.rlim_cur = static_cast<rlim_t>(kept.bytes + 100);
  setrlimit(RLIMIT_FSIZE, &limited);
  std::string message;
  try {
    file.Append(Rows(0, 20000));
  } catch (const SparkError& error) {
    message = error.what();
  }
  setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, saved_handler);
  EXPECT_NE(message.find("TASK_WRITE_FAILED"), std::string::npos) << message;
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_EQ(static_cast<int64_t>(fs::file_size(path)), kept.bytes);
  EXPECT_EQ(file.bytes(), kept.bytes);
  EXPECT_EQ(RowTexts({file.Read(kept.offset, Types())}), RowTexts({Rows(0, 100)}));
}

TEST(SpillDirectoryTest, TheQueryFolderGoesWithEverythingInIt) {
  LocalDir dir;
  {
    SpillDirectory unused(dir.path.string());
  }
  EXPECT_TRUE(dir.Empty());
  {
    SpillDirectory spills(dir.path.string());
    std::ofstream(spills.NewPath("left-behind")) << "x";
    EXPECT_FALSE(dir.Empty());
  }
  EXPECT_TRUE(dir.Empty());
}

TEST(SpillDirectoryTest, AnEmptyFolderIsRemovedAndMadeAgainOnNextUse) {
  LocalDir dir;
  SpillDirectory spills(dir.path.string());
  std::string first = spills.NewPath("cache");
  {
    SpillFile file(first);
    spills.RemoveIfEmpty();  // the file is still open and present: the folder stays
    EXPECT_FALSE(dir.Empty());
  }
  spills.RemoveIfEmpty();
  EXPECT_TRUE(dir.Empty());
  std::string second = spills.NewPath("cache");
  SpillFile again(second);
  EXPECT_TRUE(fs::exists(second));
}

PhysicalPtr Local(int64_t rows) {
  PhysicalNode local(LocalScanExec{});
  local.output = kSchema;
  std::vector<Batch> batches;
  for (int64_t begin = 0; begin < rows; begin += 1000) batches.push_back(Rows(begin, std::min<int64_t>(1000, rows - begin)));
  local.As<LocalScanExec>().batches = std::make_shared<const std::vector<Batch>>(std::move(batches));
  return MakePhysical(std::move(local));
}

PhysicalPtr HashExchange(PhysicalPtr child, int id) {
  PhysicalNode exchange(ExchangeExec{});
  exchange.output = kSchema;
  exchange.partitioning.kind = PartitioningKind::kHash;
  exchange.partitioning.keys = {Ref(1, StringType(), "name")};
  exchange.partitioning.num_partitions = 3;
  exchange.As<ExchangeExec>().id = id;
  exchange.children = {std::move(child)};
  return MakePhysical(std::move(exchange));
}

// Sorted by id descending with nulls last, then score: many ties, whose input order must stay.
PhysicalPtr SortPlan(PhysicalPtr child) {
  PhysicalNode sort(SortExec{});
  sort.output = kSchema;
  sort.As<SortExec>().orders = {SortOrder(Ref(0, LongType(), "id"), false, false), SortOrder(Ref(2, DoubleType(), "score"), true, true)};
  sort.children = {std::move(child)};
  return MakePhysical(std::move(sort));
}

// Counts the rows of the plan, so that the result holds nothing.
int64_t Count(const PhysicalPtr& plan, QueryMemory* memory, const fs::path& local_dir) {
  JobSettings settings;
  settings.coalesce_partitions = false;
  settings.memory = memory;
  settings.local_dir = local_dir.string();
  SerialExecutor executor;
  return CountJob(plan, EvalContext(), settings, executor);
}

// Running the plan under `budget` raises UNABLE_TO_ACQUIRE_MEMORY, holding nothing afterwards and
// leaving no file behind.
void ExpectUnableToAcquireMemory(const PhysicalPtr& plan, int64_t budget, const LocalDir& dir) {
  MemoryManager manager(budget);
  QueryMemory query(&manager);
  try {
    Count(plan, &query, dir.path);
    FAIL() << "expected UNABLE_TO_ACQUIRE_MEMORY";
  } catch (const SparkError& error) {
    EXPECT_EQ(error.error_class(), "UNABLE_TO_ACQUIRE_MEMORY");
  }
  EXPECT_EQ(manager.used(MemoryPool::kExecution), 0);
  EXPECT_TRUE(dir.Empty());
}

// Runs the plan and keeps its rows in order, through a sink that holds no reservation.
class TextSink : public Operator {
 public:
  bool Push(const Batch& batch) override {
    for (auto& row : RowTexts({batch})) rows.push_back(std::move(row));
    return true;
  }
  void Finish() override {}
  std::vector<std::string> rows;
};

class TextHandler : public ResultHandler {
 public:
  void Prepare(int num_partitions) override { sinks.resize(num_partitions); }
  Operator* Sink(int partition) override { return &sinks[partition]; }
  std::vector<std::string> Rows() const {
    std::vector<std::string> all;
    for (const auto& sink : sinks) all.insert(all.end(), sink.rows.begin(), sink.rows.end());
    return all;
  }
  std::vector<TextSink> sinks;
};

std::vector<std::string> RunToText(const PhysicalPtr& plan, QueryMemory* memory, const fs::path& local_dir,
                                   QueryMetrics* metrics = nullptr) {
  JobSettings settings;
  settings.coalesce_partitions = false;
  settings.memory = memory;
  settings.local_dir = local_dir.string();
  settings.metrics = metrics;
  SerialExecutor executor;
  TextHandler handler;
  RunJob(plan, EvalContext(), settings, executor, &handler);
  return handler.Rows();
}

// The id and score of rows as "id|name|score" text.
std::vector<std::string> SortKeys(const std::vector<std::string>& rows) {
  std::vector<std::string> keys;
  for (const auto& row : rows) keys.push_back(row.substr(0, row.find('|')) + row.substr(row.rfind('|')));
  return keys;
}

TEST(SpillTest, ASortLargerThanTheBudgetSpillsRunsAndMergesThem) {
  LocalDir dir;
  PhysicalPtr plan = SortPlan(HashExchange(Local(60000), 0));
  std::vector<std::string> expected = RunToText(plan, nullptr, dir.path);
  int64_t input_bytes = 0;
  for (int64_t begin = 0; begin < 60000; begin += 1000) input_bytes += Rows(begin, 1000).MemoryBytes();
  // Room for a few of the exchange's batches (4096 rows each), a fraction of every partition.
  MemoryManager manager(input_bytes / 4);
  QueryMemory query(&manager);
  std::vector<std::string> rows = RunToText(plan, &query, dir.path);
  // Spilled shuffle outputs reach the sort in another order: equal keys may come in another order.
  EXPECT_EQ(SortKeys(rows), SortKeys(expected));
  EXPECT_EQ(Sorted(rows), Sorted(expected));
  EXPECT_EQ(manager.used(MemoryPool::kExecution), 0);
  EXPECT_TRUE(dir.Empty());
}

TEST(SpillTest, AMergeWiderThanTheBudgetMergesInSeveralPasses) {
  LocalDir dir;
  PhysicalPtr plan = SortPlan(Local(40000));
  std::vector<std::string> expected = RunToText(plan, nullptr, dir.path);
  // Room for a few batches only: many short runs, and merges of a few runs at a time.
  MemoryManager manager(6 * Rows(0, 1000).MemoryBytes());
  QueryMemory query(&manager);
  EXPECT_EQ(RunToText(plan, &query, dir.path), expected);
  EXPECT_TRUE(dir.Empty());
}

// A shuffle store with room for a few 1000-row batches: the rest of its outputs go to disk.
struct SmallShuffle {
  LocalDir dir;
  SpillDirectory spills{dir.path.string()};
  MemoryManager manager{Rows(0, 1000).MemoryBytes() * 4};
  QueryMemory query{&manager};
  ShuffleStore store{&query, &spills};
};

TEST(SpillTest, ShuffleOutputsBeyondTheBudgetGoToDisk) {
  SmallShuffle shuffle;
  ShuffleStore& store = shuffle.store;
  MemoryManager& manager = shuffle.manager;
  store.Create(0, 2, Types());
  for (int i = 0; i < 20; ++i) store.Append(0, i % 2, Rows(i * 1000, 1000));
  EXPECT_GT(store.Spilled(0).spill_count, 10);
  EXPECT_GT(store.Spilled(0).spill_bytes, 0);
  EXPECT_LE(manager.used(MemoryPool::kExecution), manager.limit() / 2 + manager.chunk_bytes());
  std::vector<std::string> rows;
  for (int p = 0; p < 2; ++p) {
    store.Take(0, p, [&](Batch batch) {
      for (auto& row : RowTexts({batch})) rows.push_back(std::move(row));
      return true;
    });
  }
  std::vector<std::string> expected;
  for (int i = 0; i < 20; ++i) {
    for (auto& row : RowTexts({Rows(i * 1000, 1000)})) expected.push_back(std::move(row));
  }
  EXPECT_EQ(Sorted(rows), Sorted(expected));
  EXPECT_EQ(manager.used(MemoryPool::kExecution), 0);
}

TEST(SpillTest, AShuffleIsReadMapTaskByMapTaskWithSpilledBatchesInTheirPlace) {
  SmallShuffle shuffle;
  ShuffleStore& store = shuffle.store;
  store.Create(0, 3, Types());
  // Map tasks finish in the order 2, 0, 1, each writing to partitions 2 and 0; the later
  // batches go to disk.
  for (int map : {2, 0, 1}) {
    for (int p : {2, 0}) store.Append(0, p, Rows(map * 10000 + p * 1000, 1000), map);
  }
  EXPECT_GT(store.Spilled(0).spill_count, 0);
  std::vector<std::string> rows;
  store.Take(0, 0, 3, [&](Batch batch) {
    for (auto& row : RowTexts({batch})) rows.push_back(std::move(row));
    return true;
  });
  std::vector<std::string> expected;
  for (int map : {0, 1, 2}) {
    for (int p : {0, 2}) {
      for (auto& row : RowTexts({Rows(map * 10000 + p * 1000, 1000)})) expected.push_back(std::move(row));
    }
  }
  EXPECT_EQ(rows, expected);
  EXPECT_EQ(shuffle.manager.used(MemoryPool::kExecution), 0);
}

// Grouped by (id, name): nearly every row is its own group, except the null ids, which are one
// group per name (skewed).
PhysicalPtr AggregateOfManyGroups(int64_t rows) {
  std::vector<Batch> batches;
  for (int64_t begin = 0; begin < rows; begin += 1000) batches.push_back(Rows(begin, 1000));
  PlanPtr plan = AggregatePlan(
      LocalRelation(kSchema, std::move(batches)), {Ref(0, LongType(), "id"), Ref(1, StringType(), "name")},
      {AggCall("count", {Literal(Value::Int(1))}), AggCall("sum", {Ref(2, DoubleType(), "score")}),
       AggCall("avg", {Ref(0, LongType(), "id")}), AggCall("max", {Ref(1, StringType(), "name")})});
  Config config;
  config.Set("spark.sql.shuffle.partitions", "2");
  return PlanPhysical(plan, {config, EvalContext(), 2});
}

TEST(SpillTest, AnAggregateOfManyGroupsSpillsPartitionsAndMergesThem) {
  LocalDir dir;
  PhysicalPtr plan = AggregateOfManyGroups(60000);
  std::vector<std::string> expected = Sorted(RunToText(plan, nullptr, dir.path));
  for (int64_t budget : {int64_t{2} << 20, int64_t{512} << 10}) {
    MemoryManager manager(budget);
    QueryMemory query(&manager);
    QueryMetrics metrics;
    EXPECT_EQ(Sorted(RunToText(plan, &query, dir.path, &metrics)), expected) << budget;
    int64_t final_spills = 0;
    for (const auto& [node, measured] : metrics.operators()) {
      if (node->Is<HashAggregateExec>() && node->As<HashAggregateExec>().OutputsFinalAggregates()) {
        final_spills += measured.spill_count;
      }
    }
    EXPECT_GT(final_spills, 1) << budget;
    EXPECT_EQ(manager.used(MemoryPool::kExecution), 0);
    EXPECT_TRUE(dir.Empty());
  }
}

TEST(SpillTest, AQueryThatCannotFitRaisesAndLeavesNoFile) {
  LocalDir dir;
  PhysicalPtr plan = SortPlan(HashExchange(Local(20000), 0));
  // Less than one batch of the sort's input.
  ExpectUnableToAcquireMemory(plan, Rows(0, 1000).MemoryBytes() / 4, dir);
}

// ---- window -------------------------------------------------------------------------------------

class Tables : public RelationCatalog {
 public:
  explicit Tables(std::map<std::string, PlanPtr> plans) : plans_(std::move(plans)) {}
  PlanPtr FindRelation(const std::vector<std::string>& name) const override {
    auto found = name.size() == 1 ? plans_.find(name[0]) : plans_.end();
    return found == plans_.end() ? nullptr : found->second;
  }

 private:
  std::map<std::string, PlanPtr> plans_;
};

std::string JsonCol(const std::string& name) { return R"({"e":"col","name":")" + name + R"("})"; }
std::string JsonLit(const std::string& value, const std::string& type) {
  return R"({"e":"lit","value":)" + value + R"(,"type":")" + type + R"("})";
}
std::string JsonCall(const std::string& kind, const std::string& name, const std::string& args) {
  return R"({"e":")" + kind + R"(","name":")" + name + R"(","args":[)" + args + R"(],"distinct":false})";
}
std::string JsonAsc(const std::string& column) {
  return R"({"e":"sort","child":)" + JsonCol(column) + R"(,"asc":true,"nulls_first":false})";
}
// `function` over (partition, order, frame) named `name`.
std::string JsonOver(const std::string& name, const std::string& function, const std::string& partition,
                     const std::string& order, const std::string& frame = "null") {
  return R"({"e":"alias","name":")" + name + R"(","child":{"e":"window","function":)" + function +
         R"(,"partition":[)" + partition + R"(],"order":[)" + order + R"(],"frame":)" + frame + "}}";
}

PhysicalPtr PlanOfExprs(int64_t rows, const std::vector<std::string>& exprs);

// Ranking, lag/lead and sliding aggregates over the rows of Rows(): with `partition` "name", 98
// partitions of about 600 rows (one of null names); ties and nulls in id.
PhysicalPtr WindowPlan(int64_t rows, const std::string& partition) {
  const std::string by_id = JsonAsc("id"), by_all = by_id + "," + JsonAsc("score");
  return PlanOfExprs(rows, {
      JsonCol("id"), JsonCol("name"), JsonCol("score"),
      JsonOver("rn", JsonCall("fn", "row_number", ""), partition, by_all),
      JsonOver("rk", JsonCall("fn", "rank", ""), partition, by_id),
      JsonOver("dr", JsonCall("fn", "dense_rank", ""), partition, by_id),
      JsonOver("lg", JsonCall("fn", "lag", JsonCol("score") + "," + JsonLit("2", "int") + "," + JsonLit("null", "void") + "," + JsonLit("false", "boolean")), partition, by_all),
      JsonOver("ld", JsonCall("fn", "lead", JsonCol("id") + "," + JsonLit("1", "int") + "," + JsonLit("-1", "bigint") + "," + JsonLit("true", "boolean")), partition, by_all),
      JsonOver("s", JsonCall("agg", "sum", JsonCol("score")), partition, by_all, R"({"type":"rows","lower":-3,"upper":2})"),
      JsonOver("a", JsonCall("agg", "avg", JsonCol("id")), partition, by_id, R"({"type":"range","lower":-100,"upper":0})"),
      JsonOver("c", JsonCall("agg", "count", JsonCol("id")), partition, "")});
}

// The window expressions that can stream (some in two passes), over one partition of all rows, ordered by id and name
// and score: ties remain (rows 97 * 1000 apart), and a running RANGE frame takes them whole.
PhysicalPtr StreamedWindowPlan(int64_t rows) {
  const std::string order = JsonAsc("id") + "," + JsonAsc("name") + "," + JsonAsc("score");
  const std::string no_default = JsonLit("null", "void") + "," + JsonLit("false", "boolean");
  return PlanOfExprs(rows, {
      JsonCol("id"), JsonCol("name"), JsonCol("score"),
      JsonOver("rk", JsonCall("fn", "rank", ""), "", order),
      JsonOver("dr", JsonCall("fn", "dense_rank", ""), "", order),
      JsonOver("lg", JsonCall("fn", "lag", JsonCol("score") + "," + JsonLit("3", "int") + "," + no_default), "", order),
      JsonOver("ld", JsonCall("fn", "lead", JsonCol("id") + "," + JsonLit("2", "int") + "," + JsonLit("-1", "bigint") + "," + JsonLit("false", "boolean")), "", order),
      JsonOver("s", JsonCall("agg", "sum", JsonCol("score")), "", order, R"({"type":"rows","lower":-3,"upper":2})"),
      JsonOver("m", JsonCall("agg", "max", JsonCol("name")), "", order, R"({"type":"rows","lower":"unbounded_preceding","upper":-1})"),
      JsonOver("r", JsonCall("agg", "sum", JsonCol("id")), "", order),
      // Two passes: the partition's size and an aggregate over all of it.
      JsonOver("nt", JsonCall("fn", "ntile", JsonLit("7", "int")), "", order),
      JsonOver("cd", JsonCall("fn", "cume_dist", ""), "", order),
      JsonOver("pr", JsonCall("fn", "percent_rank", ""), "", order),
      JsonOver("w", JsonCall("agg", "avg", JsonCol("score")), "", order,
               R"({"type":"rows","lower":"unbounded_preceding","upper":"unbounded_following"})")});
}

PhysicalPtr PlanOfExprs(int64_t rows, const std::vector<std::string>& exprs) {
  std::vector<Batch> batches;
  for (int64_t begin = 0; begin < rows; begin += 1000) batches.push_back(Rows(begin, 1000));
  Tables table({{"t", LocalRelation(kSchema, std::move(batches))}});
  std::string list;
  for (const auto& expr : exprs) list += (list.empty() ? "" : ",") + expr;
  Config config;
  config.Set("spark.sql.shuffle.partitions", "2");
  EvalContext eval;
  eval.ansi = config.AnsiEnabled();
  AnalyzerContext analyzer{config, eval, &table};
  PlanPtr plan = Analyze(ParsePlanJson(R"({"op":"project","input":{"op":"table","name":["t"]},"exprs":[)" + list + "]}"), analyzer);
  return PlanPhysical(Optimize(plan, config, eval), {config, eval, 2});
}

// Under `budget`, the plan gives the `rows` rows of the unlimited run, holding nothing afterwards
// and leaving no file behind.
void ExpectRowsOfUnlimitedRun(const PhysicalPtr& plan, int64_t budget, const LocalDir& dir, size_t rows) {
  std::vector<std::string> expected = Sorted(RunToText(plan, nullptr, dir.path));
  ASSERT_EQ(expected.size(), rows);
  MemoryManager manager(budget);
  QueryMemory query(&manager);
  EXPECT_EQ(Sorted(RunToText(plan, &query, dir.path)), expected);
  EXPECT_EQ(manager.used(MemoryPool::kExecution), 0);
  EXPECT_TRUE(dir.Empty());
}

TEST(SpillTest, AWindowBeyondTheBudgetEvaluatesItsPartitionsEarly) {
  LocalDir dir;
  PhysicalPtr plan = WindowPlan(30000, JsonCol("name"));
  // Evaluating a task's 15000 rows at once needs more than this budget (the run raises without
  // early evaluation); the partitions, about 300 rows each, fit.
  ExpectRowsOfUnlimitedRun(plan, int64_t{4} << 20, dir, 30000);
}

TEST(SpillTest, AWindowPartitionBeyondTheBudgetStreamsWhenItsFramesAllow) {
  LocalDir dir;
  PhysicalPtr plan = StreamedWindowPlan(60000);
  // The partition held at once needs about 30 MB.
  ExpectRowsOfUnlimitedRun(plan, int64_t{4} << 20, dir, 60000);
}

// One partition of every row: RANGE offsets stream, the count without ordering takes two passes.
TEST(SpillTest, AWindowPartitionBeyondTheBudgetStreamsRangeOffsets) {
  LocalDir dir;
  PhysicalPtr plan = WindowPlan(60000, "");
  ExpectRowsOfUnlimitedRun(plan, int64_t{4} << 20, dir, 60000);
}

// A RANGE frame over every ordering value needs the partition at once.
TEST(SpillTest, AWindowPartitionThatCannotFitRaises) {
  LocalDir dir;
  PhysicalPtr plan = PlanOfExprs(60000, {JsonCol("id"), JsonOver("a", JsonCall("agg", "avg", JsonCol("id")), "", JsonAsc("id"),
                                                                  R"({"type":"range","lower":-1000,"upper":1000})")});
  ExpectUnableToAcquireMemory(plan, int64_t{2} << 20, dir);
}

// ---- hash join ----------------------------------------------------------------------------------

PlanPtr LocalOf(const std::vector<std::pair<int64_t, int64_t>>& ranges) {
  std::vector<Batch> batches;
  for (auto [begin, end] : ranges) {
    for (int64_t at = begin; at < end; at += 1000) batches.push_back(Rows(at, std::min<int64_t>(1000, end - at)));
  }
  return LocalRelation(kSchema, std::move(batches));
}

// l (rows 0..60000) joined with r (rows 30000..90000 and again 40000..50000) on (id, name), which
// picks a row of Rows() modulo 97000: half the rows match, some twice; a tenth of the keys hold a
// null. With `on` "id": about 55 rows a key on each side, 5 keys (score) for the one-key test.
PhysicalPtr JoinPlan(const std::string& how, const Config& config, const std::string& on = "") {
  Tables tables({{"l", LocalOf({{0, 60000}})}, {"r", LocalOf({{30000, 90000}, {40000, 50000}})}});
  auto eq = [](const std::string& column) {
    return JsonCall("fn", "=", JsonCol("l." + column) + "," + JsonCol("r." + column));
  };
  std::string condition =
      on.empty() ? R"({"e":"and","args":[{"e":"and","args":[)" + eq("id") + "," + eq("name") + "]}," +
                       JsonCall("fn", "<", JsonCol("l.score") + "," + JsonLit("1.0", "double")) + "]}"
                 : eq(on);
  auto side = [](const std::string& name) {
    return R"({"op":"alias","name":")" + name + R"(","input":{"op":"table","name":[")" + name + R"("]}})";
  };
  EvalContext eval;
  eval.ansi = config.AnsiEnabled();
  AnalyzerContext analyzer{config, eval, &tables};
  PlanPtr plan = Analyze(ParsePlanJson(R"({"op":"join","left":)" + side("l") + R"(,"right":)" + side("r") +
                                       R"(,"how":")" + how + R"(","on":)" + condition + "}"),
                         analyzer);
  return PlanPhysical(Optimize(plan, config, eval), {config, eval, 2});
}

const PhysicalNode* FindJoin(const PhysicalNode& node) {
  if (node.Is<HashJoinExec>()) return &node;
  for (const auto& child : node.children) {
    if (const PhysicalNode* found = FindJoin(*child)) return found;
  }
  return nullptr;
}

int64_t JoinSpills(const QueryMetrics& metrics) {
  int64_t spills = 0;
  for (const auto& [node, measured] : metrics.operators()) {
    if (node->Is<HashJoinExec>()) spills += measured.spill_count;
  }
  return spills;
}

const std::vector<std::string> kJoinTypes = {"inner", "left", "right", "full", "left_semi", "left_anti"};

TEST(SpillTest, AJoinWhoseBuildSideDoesNotFitJoinsPartitionsSplitAgainWhenTooBig) {
  LocalDir dir;
  Config config;
  config.Set("spark.sql.shuffle.partitions", "2");
  config.Set("spark.sql.autoBroadcastJoinThreshold", "-1");
  for (const auto& how : kJoinTypes) {
    PhysicalPtr plan = JoinPlan(how, config);
    ASSERT_FALSE(FindJoin(*plan)->Join().broadcast);
    std::vector<std::string> expected = Sorted(RunToText(plan, nullptr, dir.path));
    ASSERT_GT(expected.size(), 10000u) << how;
    // Each task builds 0.5 to 1 MB of rows, a partition of them 30 to 60 KB: more than the budget
    // leaves beside the shuffle outputs it holds.
    MemoryManager manager(int64_t{64} << 10);
    QueryMemory query(&manager);
    QueryMetrics metrics;
    EXPECT_EQ(Sorted(RunToText(plan, &query, dir.path, &metrics)), expected) << how;
    // Both sides of both tasks in 16 partitions, and more where split again.
    EXPECT_GT(JoinSpills(metrics), 4 * 16) << how;
    EXPECT_EQ(manager.used(MemoryPool::kExecution), 0);
    EXPECT_TRUE(dir.Empty());
  }
}

TEST(SpillTest, ABroadcastThatDoesNotFitIsJoinedInPartitionsByEveryTask) {
  LocalDir dir;
  Config config;
  config.Set("spark.sql.shuffle.partitions", "2");
  config.Set("spark.sql.autoBroadcastJoinThreshold", "1g");
  for (const auto& how : {"inner", "left", "right", "left_anti"}) {
    PhysicalPtr plan = JoinPlan(how, config);
    ASSERT_TRUE(FindJoin(*plan)->Join().broadcast) << how;
    std::vector<std::string> expected = Sorted(RunToText(plan, nullptr, dir.path));
    MemoryManager manager(int64_t{256} << 10);
    QueryMemory query(&manager);
    QueryMetrics metrics;
    EXPECT_EQ(Sorted(RunToText(plan, &query, dir.path, &metrics)), expected) << how;
    EXPECT_GT(JoinSpills(metrics), 16) << how;
    EXPECT_EQ(manager.used(MemoryPool::kExecution), 0);
    EXPECT_EQ(manager.used(MemoryPool::kStorage), 0);
    EXPECT_TRUE(dir.Empty());
  }
}

TEST(SpillTest, ABroadcastSideBeyondTheBudgetIsPlannedAsAShuffledJoin) {
  Config config;
  config.Set("spark.sql.autoBroadcastJoinThreshold", "1g");
  config.Set("spark.driver.memory", "1m");
  EXPECT_FALSE(FindJoin(*JoinPlan("inner", config))->Join().broadcast);
  config.Set("spark.driver.memory", "1g");
  EXPECT_TRUE(FindJoin(*JoinPlan("inner", config))->Join().broadcast);
}

TEST(SpillTest, AJoinPartitionOfOneKeyBeyondTheBudgetRaises) {
  LocalDir dir;
  Config config;
  config.Set("spark.sql.shuffle.partitions", "1");
  config.Set("spark.sql.autoBroadcastJoinThreshold", "-1");
  PhysicalPtr plan = JoinPlan("inner", config, "score");  // 14000 rows a key on the build side
  ExpectUnableToAcquireMemory(plan, int64_t{256} << 10, dir);
}

}  // namespace
}  // namespace ember::exec_test

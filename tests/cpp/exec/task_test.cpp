// Task descriptions survive their JSON round trip and still compute the same rows; stages are cut
// at exchanges; a failing task cancels the job and its SparkError reaches the caller unchanged.
#include <atomic>

#include "common/error.h"
#include "exec/physical_plan_json.h"
#include "exec/task.h"
#include "exec_test_util.h"
#include "plan/data_source.h"

namespace ember::exec_test {
namespace {

const Schema kSchema = {{"k", StringType(), true}, {"v", LongType(), true}, {"d", DoubleType(), true}};

PlanPtr Input() {
  Batch batch({StringColumn({"a", "b", std::nullopt, "a", "b\"\n\\", "a"}),
               LongColumn({1, 2, 3, std::nullopt, 5, 6}),
               DoubleColumn({0.5, std::nullopt, -1e300, 2.0, 0.1, 7.25})},
              6);
  return UnionOf({LocalRelation(kSchema, {batch}), LocalRelation(kSchema, {batch})});
}

PhysicalPtr PlanOf(const PlanPtr& plan) {
  Config config;
  EvalContext eval;
  return PlanPhysical(plan, {config, eval, 2});
}

PlanPtr FilteredAggregate() {
  LogicalPlan filter(FilterNode{ScalarCall("isnotnull", {Ref(1, LongType(), "v")})}, {Input()});
  filter.output = Attributes(kSchema);
  return AggregatePlan(MakePlan(filter), {Ref(0, StringType(), "k")},
                       {AggCall("count", {Literal(Value::Int(1))}), AggCall("sum", {Ref(1, LongType(), "v")}),
                        AggCall("count", {Ref(2, DoubleType(), "d")}, true)});
}

TEST(TaskTest, PhysicalPlanJsonRoundTrip) {
  PhysicalPtr plan = PlanOf(FilteredAggregate());
  std::string json = PhysicalPlanToJson(*plan);
  PhysicalPtr copy = PhysicalPlanFromJson(json, EvalContext());
  EXPECT_EQ(PhysicalPlanToJson(*copy), json);
  EXPECT_EQ(copy->ToString(), plan->ToString());

  SerialExecutor executor;
  auto original_rows = RowTexts(CollectJob(plan, EvalContext(), JobSettings(), executor));
  auto copy_rows = RowTexts(CollectJob(copy, EvalContext(), JobSettings(), executor));
  EXPECT_EQ(Sorted(copy_rows), Sorted(original_rows));
  EXPECT_EQ(Sorted(copy_rows), Sorted({"a|4|14|2", "b\"\n\\|2|10|1", "b|2|4|0", "null|2|6|1"}));
}

TEST(TaskTest, ScanNodesAndTasksRoundTrip) {
  FileScanExec fields;
  fields.format = "json";
  fields.splits = {{"/data/a.json", 0, 100, 300}, {"/data/a.json", 100, 200, 300}};
  fields.data_schema = kSchema;
  fields.read_schema = {kSchema[0], kSchema[2]};
  fields.filters = {ScalarCall("isnotnull", {Ref(0, StringType(), "k")})};
  fields.options = {{"mode", "PERMISSIVE"}};
  fields.input_files = 1;
  PhysicalNode scan(fields);
  scan.output = fields.read_schema;
  scan.partitioning.num_partitions = 2;

  TaskDescription task;
  task.stage_id = 3;
  task.partition = 1;
  task.fragment = MakePhysical(scan);
  task.reads[0] = {{0, 4}, {4, 9}};
  std::string json = TaskToJson(task);
  TaskDescription copy = TaskFromJson(json, EvalContext());
  EXPECT_EQ(copy.stage_id, 3);
  EXPECT_EQ(copy.partition, 1);
  ASSERT_EQ(copy.reads[0].size(), 2u);
  EXPECT_EQ(copy.reads[0][1].begin, 4);
  EXPECT_EQ(copy.reads[0][1].end, 9);
  EXPECT_EQ(copy.fragment->As<FileScanExec>().splits[1].offset, 100);
  EXPECT_EQ(copy.fragment->As<FileScanExec>().options.at("mode"), "PERMISSIVE");
  EXPECT_EQ(TaskToJson(copy), json);
}

TEST(TaskTest, ExpressionsRoundTripWithLiteralsOfEveryKind) {
  std::vector<Value> literals = {Value::Long(-5), Value::Double(std::numeric_limits<double>::infinity()),
                                 Value::String("x\ty"), Value::Decimal(-12345, 10, 2),
                                 Value::Null(DateType()), Value::Timestamp(1700000000000000)};
  for (const auto& value : literals) {
    ExprPtr literal = Literal(value);
    ExprPtr copy = ExprFromJson(ExprToJson(*literal), EvalContext());
    EXPECT_EQ(ExprToJson(*copy), ExprToJson(*literal));
    EXPECT_EQ(copy->literal.is_null, value.is_null);
    EXPECT_EQ(copy->literal.i64, value.i64);
    EXPECT_EQ(copy->literal.str, value.str);
  }
}

TEST(TaskTest, StagesAreCutAtExchanges) {
  auto stages = SplitStages(PlanOf(FilteredAggregate()));
  // count(distinct d) with plain aggregates: one exchange, so a map stage and the result stage.
  ASSERT_EQ(stages.size(), 2u);
  EXPECT_FALSE(stages[0].is_result);
  EXPECT_EQ(stages[0].fragment->kind(), PhysicalKind::kExchange);
  EXPECT_TRUE(stages[1].is_result);
  EXPECT_EQ(stages[1].inputs, std::vector<int>{stages[0].id});
  // The result stage reads the exchange as a leaf.
  const PhysicalNode* node = stages[1].fragment.get();
  while (!node->children.empty()) node = node->children[0].get();
  EXPECT_EQ(node->kind(), PhysicalKind::kExchange);
}

// A format whose splits fail when their path says so, counting how many splits were opened.
class FailingFormat : public FileFormat {
 public:
  static std::atomic<int> opened;
  std::string name() const override { return "failing_test"; }
  Schema InferSchema(const std::vector<std::string>&, const Options&, const EvalContext&) override {
    return {{"v", LongType(), true}};
  }
  std::vector<FileSplit> PlanSplits(const std::vector<std::string>& files, const Options&, int64_t) override {
    std::vector<FileSplit> splits;
    for (const auto& file : files) splits.push_back({file, 0, 1, 1});
    return splits;
  }
  std::unique_ptr<BatchReader> Open(const FileSplit& split, const Schema&, const Schema&,
                                    const std::vector<ExprPtr>&, const Options&, const EvalContext&) override {
    ++opened;
    if (split.path == "bad") throw SparkError("DIVIDE_BY_ZERO", {{"config", "\"spark.sql.ansi.enabled\""}});
    struct OneBatch : BatchReader {
      bool done = false;
      bool Next(Batch* out) override {
        if (done) return false;
        done = true;
        *out = Batch({LongColumn({1, 2})}, 2);
        return true;
      }
    };
    return std::make_unique<OneBatch>();
  }
  std::unique_ptr<FileWriter> CreateWriter(const std::string&, const Schema&, const Options&,
                                           const EvalContext&) override {
    return nullptr;
  }
  std::string FileExtension(const Options&) const override { return ".x"; }
};
std::atomic<int> FailingFormat::opened{0};

TEST(TaskTest, FirstErrorCancelsTheJobAndPropagatesUnchanged) {
  RegisterFileFormat(std::make_shared<FailingFormat>());
  FileScanExec fields;
  fields.format = "failing_test";
  fields.splits = {{"ok", 0, 1, 1}, {"bad", 0, 1, 1}, {"ok", 0, 1, 1}, {"ok", 0, 1, 1}};
  fields.data_schema = fields.read_schema = {{"v", LongType(), true}};
  PhysicalNode scan(fields);
  scan.output = fields.read_schema;
  PhysicalPtr plan = MakePhysical(scan);

  SerialExecutor executor;
  FailingFormat::opened = 0;
  try {
    CollectJob(plan, EvalContext(), JobSettings(), executor);
    FAIL() << "expected the task's error";
  } catch (const SparkError& error) {
    EXPECT_EQ(error.error_class(), "DIVIDE_BY_ZERO");
  }
  EXPECT_EQ(FailingFormat::opened.load(), 2);  // the tasks after the failure never started

  scan.As<FileScanExec>().splits = {{"ok", 0, 1, 1}, {"ok", 0, 1, 1}};
  EXPECT_EQ(CountJob(MakePhysical(scan), EvalContext(), JobSettings(), executor), 4);
}

}  // namespace
}  // namespace ember::exec_test

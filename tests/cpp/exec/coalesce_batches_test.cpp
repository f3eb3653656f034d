// Operators evaluating a function bound with coalesce_input (pandas UDFs) see their input re-cut
// into batches of EvalContext::coalesced_batch_rows rows, whatever the sizes of the input batches;
// other operators keep the batches they get.
#include <mutex>

#include "exec/task.h"
#include "exec_test_util.h"
#include "functions/external_function.h"

namespace ember::exec_test {
namespace {

// Returns its argument plus one and records the number of rows of each call.
class CountingFunction : public ExternalFunction {
 public:
  VectorPtr Call(const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) const override {
    {
      std::lock_guard lock(mutex_);
      calls.push_back(rows);
    }
    VectorBuilder out(LongType());
    for (int64_t i = 0; i < rows; ++i) {
      args[0]->IsNull(i) ? out.AppendNull() : out.Append<int64_t>(args[0]->Data<int64_t>()[i] + 1);
    }
    return out.Finish();
  }
  mutable std::mutex mutex_;
  mutable std::vector<int64_t> calls;
};

struct Counted {
  std::shared_ptr<CountingFunction> function = std::make_shared<CountingFunction>();
  ExprPtr call;
};

Counted PlusOne(bool coalesce) {
  Counted counted;
  auto info = std::make_shared<ExternalFunctionInfo>();
  info->name = "plus_one";
  info->result_type = LongType();
  info->coalesce_input = coalesce;
  info->function = counted.function;
  Expr call;
  call.kind = ExprKind::kFunction;
  call.name = "plus_one";
  call.args = {Ref(0, LongType(), "id")};
  call.scalar = std::make_shared<const BoundScalar>(BindExternal(info, {LongType()}));
  call.type = LongType();
  counted.call = MakeExpr(std::move(call));
  return counted;
}

// Batches of the given sizes holding ids 0, 1, 2, ... (every seventh a null).
PhysicalPtr Ids(const std::vector<int64_t>& sizes) {
  std::vector<Batch> batches;
  int64_t next = 0;
  for (int64_t size : sizes) {
    std::vector<std::optional<int64_t>> ids;
    for (int64_t i = 0; i < size; ++i, ++next) ids.push_back(next % 7 == 3 ? std::nullopt : std::optional(next));
    batches.push_back(Batch({LongColumn(ids)}, size));
  }
  PhysicalNode node(LocalScanExec{std::make_shared<const std::vector<Batch>>(std::move(batches))});
  node.output = {{"id", LongType(), true}};
  return MakePhysical(std::move(node));
}

PhysicalPtr ProjectOver(const ExprPtr& expr, PhysicalPtr child) {
  PhysicalNode project(ProjectExec{{expr}});
  project.output = {{"r", LongType(), true}};
  project.children = {std::move(child)};
  return MakePhysical(std::move(project));
}

std::vector<Batch> RunWithBound(const PhysicalPtr& plan, int64_t batch_rows) {
  EvalContext eval;
  eval.coalesced_batch_rows = batch_rows;
  SerialExecutor executor;
  return CollectJob(plan, eval, JobSettings::FromConfig(Config()), executor);
}

std::vector<std::string> ExpectedPlusOne(int64_t rows) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < rows; ++i) out.push_back(i % 7 == 3 ? "null" : std::to_string(i + 1));
  return out;
}

TEST(CoalesceBatchesTest, ProjectCallsOverBatchesOfTheBound) {
  Counted plus_one = PlusOne(true);
  std::vector<Batch> out = RunWithBound(ProjectOver(plus_one.call, Ids({3, 3, 3, 4, 12, 1})), 5);
  EXPECT_EQ(plus_one.function->calls, (std::vector<int64_t>{5, 5, 5, 5, 5, 1}));
  EXPECT_EQ(RowTexts(out), ExpectedPlusOne(26));
}

TEST(CoalesceBatchesTest, BatchesOfTheBoundPassAsTheyAre) {
  Counted plus_one = PlusOne(true);
  EXPECT_EQ(RowTexts(RunWithBound(ProjectOver(plus_one.call, Ids({4, 4, 2})), 4)), ExpectedPlusOne(10));
  EXPECT_EQ(plus_one.function->calls, (std::vector<int64_t>{4, 4, 2}));
}

TEST(CoalesceBatchesTest, FilterAndAggregateInputsAreCoalesced) {
  Counted in_filter = PlusOne(true);
  PhysicalNode filter(FilterExec{ScalarCall("isnotnull", {in_filter.call})});
  filter.output = {{"id", LongType(), true}};
  filter.children = {Ids({2, 2, 2, 2, 2})};
  EXPECT_EQ(RowTexts(RunWithBound(MakePhysical(std::move(filter)), 4)),
            (std::vector<std::string>{"0", "1", "2", "4", "5", "6", "7", "8", "9"}));
  EXPECT_EQ(in_filter.function->calls, (std::vector<int64_t>{4, 4, 2}));

  // sum(plus_one(id)) over ids 0..8 with id 3 null: 1 + 2 + 3 + 5 + ... + 9.
  Counted in_sum = PlusOne(true);
  HashAggregateExec aggregate;
  aggregate.aggregates.push_back({AggCall("sum", {in_sum.call}), false, {in_sum.call}, nullptr, false});
  PhysicalNode sum(std::move(aggregate));
  sum.output = {{"s", LongType(), true}};
  sum.children = {Ids({3, 3, 3})};
  EXPECT_EQ(RowTexts(RunWithBound(MakePhysical(std::move(sum)), 4)), (std::vector<std::string>{"41"}));
  EXPECT_EQ(in_sum.function->calls, (std::vector<int64_t>{4, 4, 1}));
}

TEST(CoalesceBatchesTest, ALimitOverHeldRowsStillFinishes) {
  // The rows held until Finish go out then; the limit takes some and the task still ends.
  Counted plus_one = PlusOne(true);
  PhysicalNode limit(LimitExec{2, false, 0});
  limit.output = {{"r", LongType(), true}};
  limit.children = {ProjectOver(plus_one.call, Ids({3}))};
  EXPECT_EQ(RowTexts(RunWithBound(MakePhysical(std::move(limit)), 5)), (std::vector<std::string>{"1", "2"}));
}

TEST(CoalesceBatchesTest, OtherFunctionsAndNoBoundKeepTheBatches) {
  Counted plain = PlusOne(false);
  RunWithBound(ProjectOver(plain.call, Ids({3, 3})), 5);
  EXPECT_EQ(plain.function->calls, (std::vector<int64_t>{3, 3}));
  Counted unbounded = PlusOne(true);
  RunWithBound(ProjectOver(unbounded.call, Ids({3, 3})), 0);
  EXPECT_EQ(unbounded.function->calls, (std::vector<int64_t>{3, 3}));
}

}  // namespace
}  // namespace ember::exec_test

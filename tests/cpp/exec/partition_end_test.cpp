// Functions over whole partitions: a generator whose kernel adds a PartitionEnd gets one run per
// task, fed every batch of the task's partition, and its end's rows come after the last batch's,
// with the last input row's columns.
#include <mutex>

#include "exec/task.h"
#include "exec_test_util.h"
#include "functions/external_function.h"
#include "functions/partition_end.h"

namespace ember::exec_test {
namespace {

TypePtr Rows() { return ArrayType(StructType({{"n", LongType(), true}})); }

// One array per row: [id]; at the end of the partition [rows seen, batches seen].
class Counter : public PartitionEnd {
 public:
  VectorPtr Finish(EvalContext&) override { return Arrays({rows, batches}); }
  static VectorPtr Arrays(const std::vector<int64_t>& values) {
    VectorPtr structs = Vector::Make(StructType({{"n", LongType(), true}}), static_cast<int64_t>(values.size()));
    VectorBuilder numbers(LongType());
    for (int64_t v : values) numbers.Append<int64_t>(v);
    structs->children() = {numbers.Finish()};
    VectorPtr arrays = Vector::Make(Rows(), 1);
    arrays->Offsets()[0] = 0;
    arrays->Offsets()[1] = static_cast<int32_t>(values.size());
    arrays->children() = {structs};
    return arrays;
  }
  int64_t rows = 0;
  int64_t batches = 0;
};

class CountingGenerator : public ExternalFunction {
 public:
  VectorPtr Call(const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) const override {
    std::shared_ptr<void>& slot = ctx.task_state[this];
    if (slot == nullptr) {
      auto counter = std::make_shared<Counter>();
      slot = counter;
      AddPartitionEnd(ctx, counter);
    }
    auto* counter = static_cast<Counter*>(slot.get());
    counter->rows += rows;
    counter->batches += 1;
    VectorPtr structs = Vector::Make(StructType({{"n", LongType(), true}}), rows);
    structs->children() = {args[0]};
    VectorPtr arrays = Vector::Make(Rows(), rows);
    for (int64_t i = 0; i <= rows; ++i) arrays->Offsets()[i] = static_cast<int32_t>(i);
    arrays->children() = {structs};
    return arrays;
  }
};

TEST(PartitionEndTest, GenerateFinishesTheRunAfterTheLastBatch) {
  auto info = std::make_shared<ExternalFunctionInfo>();
  info->name = "counting";
  info->result_type = Rows();
  info->function = std::make_shared<CountingGenerator>();
  Expr call;
  call.kind = ExprKind::kFunction;
  call.name = "counting";
  call.args = {Ref(0, LongType(), "id")};
  call.scalar = std::make_shared<const BoundScalar>(BindExternal(info, {LongType()}));
  call.type = Rows();
  std::vector<Batch> batches;
  for (int64_t start : {10, 20, 30}) {
    batches.push_back(Batch({LongColumn({start, start + 1})}, 2));
  }
  PhysicalNode scan(LocalScanExec{std::make_shared<const std::vector<Batch>>(std::move(batches))});
  scan.output = {{"id", LongType(), true}};
  PhysicalNode generate(GenerateExec{MakeExpr(std::move(call)), false});
  generate.output = {{"id", LongType(), true}, {"n", LongType(), true}};
  generate.children = {MakePhysical(std::move(scan))};
  EvalContext eval;
  SerialExecutor executor;
  std::vector<Batch> out = CollectJob(MakePhysical(std::move(generate)), eval, JobSettings::FromConfig(Config()), executor);
  EXPECT_EQ(RowTexts(out), (std::vector<std::string>{"10|10", "11|11", "20|20", "21|21", "30|30", "31|31",
                                                     "31|6", "31|3"}));
}

}  // namespace
}  // namespace ember::exec_test

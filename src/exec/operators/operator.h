// Operator instances: the per-task, stateful side of a physical plan. A task's pipeline is a chain
// of operators fed by one source; batches are pushed downstream one at a time. Pipeline breakers
// (aggregate, sort) keep their input state until Finish and then push their output. An operator
// owns none of its neighbours; the task that builds the chain owns them all.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "common/memory_manager.h"
#include "common/vector.h"
#include "exec/physical_plan.h"
#include "expr/expr.h"
#include "functions/eval_context.h"

namespace ember {

class ShuffleStore;
class SpillDirectory;
class QueryMetrics;

// Thrown inside a task when its job was cancelled; the job reports the error that caused it.
struct TaskCancelled {};

struct TaskContext {
  EvalContext eval;
  const std::atomic<bool>* cancelled = nullptr;
  ShuffleStore* shuffles = nullptr;
  TaskMemory* memory = nullptr;  // where operators reserve what they hold (null: unlimited)
  SpillDirectory* spills = nullptr;  // where they spill what does not fit (null: they cannot)
  QueryMetrics* metrics = nullptr;   // what they report, by node of the task's fragment (nullable)

  void CheckCancelled() const {
    if (cancelled != nullptr && cancelled->load(std::memory_order_relaxed)) throw TaskCancelled{};
  }
};

class Operator {
 public:
  virtual ~Operator() = default;
  // Consumes a batch (num_rows > 0). Returns false when no more input is wanted.
  virtual bool Push(const Batch& batch) = 0;
  // Called once after the last batch.
  virtual void Finish() = 0;
};

// Produces a task's input and pushes it into the pipeline (ending with Finish).
class Source {
 public:
  virtual ~Source() = default;
  virtual void Run(Operator& downstream) = 0;
};

// The column an expression gives over a batch; column references and literals skip the evaluator.
VectorPtr EvaluateColumn(const Expr& expr, const Batch& batch, EvalContext& ctx);

// ---- operators (each in its own file) ------------------------------------------------------

std::unique_ptr<Operator> MakeFilterOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next);
std::unique_ptr<Operator> MakeProjectOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next);
std::unique_ptr<Operator> MakeHashAggregateOperator(const PhysicalNode& node, TaskContext& ctx,
                                                    Operator& next);
std::unique_ptr<Operator> MakeSortOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next);
// Re-cuts the input into batches of `rows` rows (see CoalescedBatchRows).
std::unique_ptr<Operator> MakeCoalesceOperator(int64_t rows, TaskContext& ctx, Operator& next);
// The rows per batch a filter, project or aggregate node wants its input coalesced into: the
// context's coalesced_batch_rows when it evaluates a function bound with coalesce_input, else 0.
int64_t CoalescedBatchRows(const PhysicalNode& node, const EvalContext& ctx);
std::unique_ptr<Operator> MakeLimitOperator(const PhysicalNode& node, Operator& next);
std::unique_ptr<Operator> MakeReplicateRowsOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next);
std::unique_ptr<Operator> MakeGenerateOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next);
std::unique_ptr<Operator> MakeWindowOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next);
std::unique_ptr<Operator> MakeWindowGroupLimitOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next);
std::unique_ptr<Operator> MakeExpandOperator(const PhysicalNode& node, TaskContext& ctx, Operator& next);
// A kHashJoin or kNestedLoopJoin fed with probe batches; the build side is map-output partitions
// [build_begin, build_end) of the build exchange (shared by all tasks when broadcast).
std::unique_ptr<Operator> MakeJoinOperator(const PhysicalNode& node, TaskContext& ctx, int build_begin,
                                           int build_end, Operator& next);

// ---- sinks -----------------------------------------------------------------------------------

// Appends every batch to `out`, reserving its bytes from `memory` (nullable).
std::unique_ptr<Operator> MakeCollectSink(std::vector<Batch>* out, QueryMemory* memory);
// Adds the number of rows to `count`.
std::unique_ptr<Operator> MakeCountSink(int64_t* count);
// Partitions batches by the exchange node's partitioning into the shuffle store; `task_index`
// seeds round-robin partitioning.
std::unique_ptr<Operator> MakeExchangeSink(const PhysicalNode& exchange, TaskContext& ctx, int task_index);
// Writes the batches of partition `partition` as one part file (only when some row arrives).
std::unique_ptr<Operator> MakeFileWriteSink(const PhysicalNode& write, TaskContext& ctx, int partition);

// ---- sources ---------------------------------------------------------------------------------

std::unique_ptr<Source> MakeFileScanSource(const PhysicalNode& scan, TaskContext& ctx, int partition);
// The held batches of one partition of local rows.
std::unique_ptr<Source> MakeLocalScanSource(const PhysicalNode& local, TaskContext& ctx, int partition);
// Generates the ids of one partition of a range.
std::unique_ptr<Source> MakeRangeSource(const PhysicalNode& range, TaskContext& ctx, int partition);
// Reads map-output partitions [begin, end) of an exchange.
std::unique_ptr<Source> MakeExchangeReadSource(const PhysicalNode& exchange, TaskContext& ctx,
                                               int begin, int end);

}  // namespace ember

// Runs a physical plan as a job: its stages in dependency order, every stage's tasks through a
// TaskExecutor (the runtime's threads), and the in-memory shuffle between them. Before a stage
// that reads an exchange starts, adjacent small map-output partitions are coalesced as Spark's
// adaptive execution does (spark.sql.adaptive.coalescePartitions.*): with the defaults, the reduce
// side gets about one task per core, each reading at most 64 MB, instead of
// spark.sql.shuffle.partitions tasks. The first failing task cancels the others and its error is
// rethrown to the caller unchanged.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "common/config.h"
#include "exec/metrics.h"
#include "exec/operators/operator.h"
#include "exec/physical_plan.h"
#include "exec/task.h"
#include "functions/eval_context.h"

namespace ember {

class TaskExecutor {
 public:
  virtual ~TaskExecutor() = default;
  virtual int parallelism() const = 0;
  // Runs every function (possibly in parallel) and returns when all have returned. The functions
  // do not throw.
  virtual void RunAll(const std::vector<std::function<void()>>& tasks) = 0;
};

// Runs tasks one after another on the calling thread.
class SerialExecutor : public TaskExecutor {
 public:
  int parallelism() const override { return 1; }
  void RunAll(const std::vector<std::function<void()>>& tasks) override {
    for (const auto& task : tasks) task();
  }
};

struct JobSettings {
  bool coalesce_partitions = true;             // spark.sql.adaptive.enabled && ...coalescePartitions.enabled
  int64_t advisory_partition_bytes = 64 << 20;  // spark.sql.adaptive.advisoryPartitionSizeInBytes
  int64_t min_partition_bytes = 1 << 20;        // spark.sql.adaptive.coalescePartitions.minPartitionSize
  QueryMemory* memory = nullptr;                // the query's share of the memory budget (null: unlimited)
  std::string local_dir;                        // spark.local.dir, for spill files ("": the temp folder)
  QueryMetrics* metrics = nullptr;              // receives what the plan's operators measured (nullable)

  static JobSettings FromConfig(const Config& config);
};

// Gives the result stage its sinks: Prepare is told the number of result tasks, then each task
// asks for the sink of its partition (from its own thread).
class ResultHandler {
 public:
  virtual ~ResultHandler() = default;
  virtual void Prepare(int num_partitions) = 0;
  virtual Operator* Sink(int partition) = 0;
  // Called when a task of the job failed, before the job waits for its other tasks: sinks that
  // wait for something (a streaming consumer) must stop waiting.
  virtual void Abort() {}
};

void RunJob(const PhysicalPtr& plan, const EvalContext& eval, const JobSettings& settings,
            TaskExecutor& executor, ResultHandler* results);

// The rows of the plan, partitions in order; `partition_ends` (when given) gets the batch each
// partition ends before.
std::vector<Batch> CollectJob(const PhysicalPtr& plan, const EvalContext& eval,
                              const JobSettings& settings, TaskExecutor& executor,
                              std::vector<size_t>* partition_ends = nullptr);
int64_t CountJob(const PhysicalPtr& plan, const EvalContext& eval, const JobSettings& settings,
                 TaskExecutor& executor);

// The coalesced read ranges for map-output partitions of the given sizes.
std::vector<PartitionRange> CoalescePartitions(const std::vector<int64_t>& bytes,
                                               const JobSettings& settings, int parallelism);

}  // namespace ember

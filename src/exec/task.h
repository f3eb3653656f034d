// Stages and tasks. SplitStages cuts a physical plan at its exchanges: every exchange roots the
// stage that feeds it, and the plan's root roots the result stage. In a stage's fragment, inner
// exchanges appear without children: they are read, not computed. A task is one partition of a
// stage; everything it needs is in TaskDescription, which serializes to JSON.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "exec/operators/operator.h"
#include "exec/physical_plan.h"
#include "functions/eval_context.h"

namespace ember {

// Map-output partitions [begin, end) of an exchange that one reading task consumes.
struct PartitionRange {
  int begin = 0;
  int end = 0;
};
// Per exchange id: the ranges of its reading tasks (one per task, after coalescing).
using ShuffleReads = std::map<int, std::vector<PartitionRange>>;

struct Stage {
  int id = 0;                  // the exchange id it feeds; the result stage comes last
  PhysicalPtr fragment;
  std::vector<int> inputs;     // exchange ids the stage reads
  bool is_result = false;
};

// Stages in an order where every stage comes after the stages it reads.
std::vector<Stage> SplitStages(const PhysicalPtr& root);

struct TaskDescription {
  int stage_id = 0;
  PhysicalPtr fragment;
  int partition = 0;
  ShuffleReads reads;  // for the exchanges the fragment reads
};

std::string TaskToJson(const TaskDescription& task);
TaskDescription TaskFromJson(const std::string& json, const EvalContext& ctx);

// Number of tasks of a fragment, given how its exchange inputs are read.
int CountPartitions(const PhysicalNode& fragment, const ShuffleReads& reads);

// Runs one task. A fragment rooted at an exchange or a file write has its own sink; other
// fragments push their rows into `result_sink`.
void RunTask(const TaskDescription& task, TaskContext& ctx, Operator* result_sink);

}  // namespace ember

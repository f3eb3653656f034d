#include "exec/job.h"

#include <atomic>
#include <exception>
#include <map>
#include <mutex>
#include <set>

#include "common/error.h"
#include "exec/range_bounds.h"
#include "exec/shuffle_store.h"
#include "exec/spill_file.h"

namespace ember {
namespace {

bool ConfigBool(const Config& config, const std::string& key, bool fallback) {
  auto value = config.Get(key);
  return value ? ParseConfigBool(key, *value) : fallback;
}

class CollectHandler : public ResultHandler {
 public:
  explicit CollectHandler(QueryMemory* memory) : memory_(memory) {}
  void Prepare(int num_partitions) override {
    parts_.assign(num_partitions, {});
    sinks_.clear();
    for (auto& part : parts_) sinks_.push_back(MakeCollectSink(&part, memory_));
  }
  Operator* Sink(int partition) override { return sinks_[partition].get(); }
  std::vector<Batch> Take(std::vector<size_t>* partition_ends) {
    std::vector<Batch> all;
    for (auto& part : parts_) {
      for (auto& batch : part) all.push_back(std::move(batch));
      if (partition_ends != nullptr) partition_ends->push_back(all.size());
    }
    return all;
  }

 private:
  QueryMemory* memory_;
  std::vector<std::vector<Batch>> parts_;
  std::vector<std::unique_ptr<Operator>> sinks_;
};

class CountHandler : public ResultHandler {
 public:
  void Prepare(int num_partitions) override {
    counts_.assign(num_partitions, 0);
    sinks_.clear();
    for (auto& count : counts_) sinks_.push_back(MakeCountSink(&count));
  }
  Operator* Sink(int partition) override { return sinks_[partition].get(); }
  int64_t Total() const {
    int64_t total = 0;
    for (int64_t count : counts_) total += count;
    return total;
  }

 private:
  std::vector<int64_t> counts_;
  std::vector<std::unique_ptr<Operator>> sinks_;
};

void FindExchanges(const PhysicalNode& node, std::map<int, const PhysicalNode*>* exchanges) {
  if (node.kind() == PhysicalKind::kExchange) (*exchanges)[node.As<ExchangeExec>().id] = &node;
  for (const auto& child : node.children) FindExchanges(*child, exchanges);
}

// Fragments are copies of the plan's subtrees (cut at exchanges): pairs each fragment node with
// the plan's node.
void MapToPlan(const PhysicalNode& fragment, const PhysicalNode& plan,
               std::map<const PhysicalNode*, const PhysicalNode*>* plan_nodes) {
  (*plan_nodes)[&fragment] = &plan;
  for (size_t i = 0; i < fragment.children.size(); ++i) MapToPlan(*fragment.children[i], *plan.children[i], plan_nodes);
}

// Moves what the fragments' operators measured to the plan's nodes.
void ReportMetrics(const PhysicalNode& plan, const std::vector<Stage>& stages, const QueryMetrics& measured,
                   QueryMetrics* out) {
  std::map<int, const PhysicalNode*> exchanges;
  FindExchanges(plan, &exchanges);
  std::map<const PhysicalNode*, const PhysicalNode*> plan_nodes;
  for (const Stage& stage : stages) {
    MapToPlan(*stage.fragment, stage.is_result ? plan : *exchanges.at(stage.id), &plan_nodes);
  }
  for (const auto& [node, metrics] : measured.operators()) {
    out->AddSpill(*plan_nodes.at(node), metrics.spill_count, metrics.spill_bytes);
  }
}

using SinkOf = std::function<Operator*(int partition, TaskContext& ctx)>;
using RunTasks = std::function<void(int stage_id, const PhysicalPtr& fragment, int num_tasks, const ShuffleReads& reads,
                                    const SinkOf& sink_of)>;

// Sampled sort keys per output partition of a range exchange (Spark takes 20).
constexpr int64_t kRangeSampleRowsPerPartition = 100;

// The bounds of a range exchange's partitions, from a sample of its input's keys taken by tasks of
// their own (range_bounds.h).
Batch SampleRangeBounds(const Stage& stage, int num_tasks, const ShuffleReads& reads, const RunTasks& run_tasks) {
  std::vector<ExprPtr> orders;
  PhysicalPtr fragment = KeySampleFragment(*stage.fragment, &orders);
  const int partitions = stage.fragment->partitioning.num_partitions;
  const int64_t target = kRangeSampleRowsPerPartition * partitions / std::max(num_tasks, 1) + 1;
  std::vector<KeySample> samples(num_tasks);
  std::vector<std::unique_ptr<Operator>> samplers(num_tasks);
  run_tasks(stage.id, fragment, num_tasks, reads, [&](int p, TaskContext& ctx) {
    ctx.metrics = nullptr;
    samplers[p] = MakeKeySampler(orders, target, ctx, &samples[p]);
    return samplers[p].get();
  });
  return RangeBounds(samples, orders, partitions);
}

}  // namespace

JobSettings JobSettings::FromConfig(const Config& config) {
  JobSettings settings;
  settings.coalesce_partitions =
      ConfigBool(config, "spark.sql.adaptive.enabled", true) &&
      ConfigBool(config, "spark.sql.adaptive.coalescePartitions.enabled", true);
  if (auto value = config.Get("spark.sql.adaptive.advisoryPartitionSizeInBytes")) {
    settings.advisory_partition_bytes = ParseByteSize(*value);
  }
  if (auto value = config.Get("spark.sql.adaptive.coalescePartitions.minPartitionSize")) {
    settings.min_partition_bytes = ParseByteSize(*value);
  }
  settings.local_dir = config.GetOr("spark.local.dir", "");
  return settings;
}

std::vector<PartitionRange> CoalescePartitions(const std::vector<int64_t>& bytes,
                                               const JobSettings& settings, int parallelism) {
  int n = static_cast<int>(bytes.size());
  std::vector<PartitionRange> ranges;
  if (!settings.coalesce_partitions) {
    for (int p = 0; p < n; ++p) ranges.push_back({p, p + 1});
    return ranges;
  }
  int64_t total = 0;
  for (int64_t b : bytes) total += b;
  int64_t per_core = (total + std::max(parallelism, 1) - 1) / std::max(parallelism, 1);
  int64_t target = std::max(settings.min_partition_bytes,
                            std::min(settings.advisory_partition_bytes, per_core));
  int begin = 0;
  int64_t size = 0;
  for (int p = 0; p < n; ++p) {
    if (p > begin && size + bytes[p] > target) {
      ranges.push_back({begin, p});
      begin = p;
      size = 0;
    }
    size += bytes[p];
  }
  if (n > 0) ranges.push_back({begin, n});
  return ranges;
}

void RunJob(const PhysicalPtr& plan, const EvalContext& eval, const JobSettings& settings,
            TaskExecutor& executor, ResultHandler* results) {
  SpillDirectory spills(settings.local_dir);  // declared first: removed after every spill file is closed
  ShuffleStore shuffles(settings.memory, &spills);
  ShuffleReads reads;
  std::atomic<bool> cancelled{false};
  std::mutex error_mutex;
  std::exception_ptr first_error;

  QueryMetrics measured;
  // Runs tasks 0..num_tasks-1 of `fragment`, each pushing into sink_of(its partition, its context)
  // when the fragment has no sink of its own; rethrows the first task's error.
  RunTasks run_tasks = [&](int stage_id, const PhysicalPtr& fragment, int num_tasks, const ShuffleReads& stage_reads,
                           const SinkOf& sink_of) {
    std::vector<std::function<void()>> tasks;
    for (int p = 0; p < num_tasks; ++p) {
      tasks.push_back([&, p] {
        if (cancelled.load()) return;
        try {
          TaskDescription task{stage_id, fragment, p, stage_reads};
          TaskMemory memory(settings.memory);
          TaskContext ctx{eval, &cancelled, &shuffles, &memory, &spills, &measured};
          ctx.eval.partition_index = p;
          RunTask(task, ctx, sink_of(p, ctx));
        } catch (const TaskCancelled&) {
        } catch (...) {
          std::lock_guard lock(error_mutex);
          if (!first_error) first_error = std::current_exception();
          cancelled.store(true);
          if (results != nullptr) results->Abort();
        }
      });
    }
    executor.RunAll(tasks);
    if (first_error) std::rethrow_exception(first_error);
  };
  std::vector<Stage> stages = SplitStages(plan);
  std::set<int> fixed_inputs;  // exchanges whose partitions are read one per task
  for (const Stage& stage : stages) {
    ShuffleReads stage_reads;
    // Inputs with the same number of map partitions (the two sides of a shuffled join) are
    // coalesced together, so that their reading tasks get the same ranges.
    std::map<int, std::vector<int>> unread_by_count;
    for (int input : stage.inputs) {
      if (!reads.count(input)) unread_by_count[shuffles.NumPartitions(input)].push_back(input);
    }
    for (const auto& [count, inputs] : unread_by_count) {
      std::vector<int64_t> bytes(count, 0);
      for (int input : inputs) {
        std::vector<int64_t> sizes = shuffles.PartitionBytes(input);
        for (int p = 0; p < count; ++p) bytes[p] += sizes[p];
      }
      JobSettings read_settings = settings;
      for (int input : inputs) read_settings.coalesce_partitions &= !fixed_inputs.count(input);
      std::vector<PartitionRange> ranges = CoalescePartitions(bytes, read_settings, executor.parallelism());
      for (int input : inputs) reads[input] = ranges;
    }
    for (int input : stage.inputs) stage_reads[input] = reads[input];
    int num_tasks = CountPartitions(*stage.fragment, stage_reads);
    if (!stage.is_result) {
      if (stage.fragment->As<ExchangeExec>().fixed_partitions) fixed_inputs.insert(stage.id);
      std::vector<TypePtr> types;
      for (const auto& field : stage.fragment->output) types.push_back(field.type);
      shuffles.Create(stage.id, stage.fragment->partitioning.num_partitions, std::move(types));
    } else if (results != nullptr) {
      results->Prepare(num_tasks);
    }

    if (!stage.is_result && stage.fragment->partitioning.kind == PartitioningKind::kRange) {
      shuffles.SetRangeBounds(stage.id, SampleRangeBounds(stage, num_tasks, stage_reads, run_tasks));
    }
    run_tasks(stage.id, stage.fragment, num_tasks, stage_reads, [&](int p, TaskContext&) -> Operator* {
      return stage.is_result && results != nullptr ? results->Sink(p) : nullptr;
    });
    if (!stage.is_result) {
      OperatorMetrics spilled = shuffles.Spilled(stage.id);
      if (spilled.spill_count > 0) measured.AddSpill(*stage.fragment, spilled.spill_count, spilled.spill_bytes);
    }
    for (int input : stage.inputs) shuffles.Drop(input);
  }
  if (settings.metrics != nullptr) ReportMetrics(*plan, stages, measured, settings.metrics);
}

std::vector<Batch> CollectJob(const PhysicalPtr& plan, const EvalContext& eval,
                              const JobSettings& settings, TaskExecutor& executor,
                              std::vector<size_t>* partition_ends) {
  CollectHandler handler(settings.memory);
  RunJob(plan, eval, settings, executor, &handler);
  return handler.Take(partition_ends);
}

int64_t CountJob(const PhysicalPtr& plan, const EvalContext& eval, const JobSettings& settings,
                 TaskExecutor& executor) {
  CountHandler handler;
  RunJob(plan, eval, settings, executor, &handler);
  return handler.Total();
}

}  // namespace ember

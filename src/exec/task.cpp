#include "exec/task.h"

#include <simdjson.h>

#include <algorithm>

#include "common/error.h"
#include "exec/json_writer.h"
#include "exec/physical_plan_json.h"
#include "exec/shuffle_store.h"

namespace ember {
namespace {

// A copy of the subtree under a stage root in which inner exchanges lose their children.
PhysicalPtr CutAtExchanges(const PhysicalPtr& node, bool is_root, std::vector<int>* inputs) {
  if (node->kind() == PhysicalKind::kExchange && !is_root) {
    inputs->push_back(node->As<ExchangeExec>().id);
    PhysicalNode leaf = *node;
    leaf.children.clear();
    return MakePhysical(std::move(leaf));
  }
  PhysicalNode copy = *node;
  for (auto& child : copy.children) child = CutAtExchanges(child, false, inputs);
  return MakePhysical(std::move(copy));
}

void CollectStages(const PhysicalPtr& node, std::vector<Stage>* stages) {
  for (const auto& child : node->children) CollectStages(child, stages);
  if (node->kind() == PhysicalKind::kExchange) {
    Stage stage;
    stage.id = node->As<ExchangeExec>().id;
    stage.fragment = CutAtExchanges(node, true, &stage.inputs);
    stages->push_back(std::move(stage));
  }
}

using Pipeline = std::pair<std::unique_ptr<Source>, Operator*>;

// Builds the operators of `node` for `partition`, pushing into `downstream`; returns the source
// and the operator it feeds.
Pipeline BuildPipeline(const PhysicalNode& node, int partition, const ShuffleReads& reads,
                                      TaskContext& ctx, Operator& downstream,
                                      std::vector<std::unique_ptr<Operator>>& owned) {
  switch (node.kind()) {
    case PhysicalKind::kFileScan:
      return {MakeFileScanSource(node, ctx, partition), &downstream};
    case PhysicalKind::kLocalScan:
      return {MakeLocalScanSource(node, ctx, partition), &downstream};
    case PhysicalKind::kRange:
      return {MakeRangeSource(node, ctx, partition), &downstream};
    case PhysicalKind::kExchange: {
      auto it = reads.find(node.As<ExchangeExec>().id);
      EMBER_CHECK(it != reads.end(), "no read ranges for an exchange");
      const PartitionRange& range = it->second.at(partition);
      return {MakeExchangeReadSource(node, ctx, range.begin, range.end), &downstream};
    }
    case PhysicalKind::kUnion:
      for (const auto& child : node.children) {
        int count = CountPartitions(*child, reads);
        if (partition < count) return BuildPipeline(*child, partition, reads, ctx, downstream, owned);
        partition -= count;
      }
      throw InternalError("union partition out of range");
    case PhysicalKind::kHashJoin:
    case PhysicalKind::kNestedLoopJoin: {
      const PhysicalNode& build = *node.children[node.Join().build_right ? 1 : 0];
      PartitionRange range{0, 0};
      if (node.Join().broadcast) {
        range.end = ctx.shuffles->NumPartitions(build.As<ExchangeExec>().id);
      } else {
        auto it = reads.find(build.As<ExchangeExec>().id);
        EMBER_CHECK(it != reads.end(), "no read ranges for a join's build side");
        range = it->second.at(partition);
      }
      owned.push_back(MakeJoinOperator(node, ctx, range.begin, range.end, downstream));
      return BuildPipeline(*node.children[node.Join().build_right ? 0 : 1], partition, reads, ctx, *owned.back(), owned);
    }
    case PhysicalKind::kFilter:
      owned.push_back(MakeFilterOperator(node, ctx, downstream));
      break;
    case PhysicalKind::kProject:
      owned.push_back(MakeProjectOperator(node, ctx, downstream));
      break;
    case PhysicalKind::kHashAggregate:
      owned.push_back(MakeHashAggregateOperator(node, ctx, downstream));
      break;
    case PhysicalKind::kSort:
      owned.push_back(MakeSortOperator(node, ctx, downstream));
      break;
    case PhysicalKind::kLimit:
      owned.push_back(MakeLimitOperator(node, downstream));
      break;
    case PhysicalKind::kReplicateRows:
      owned.push_back(MakeReplicateRowsOperator(node, ctx, downstream));
      break;
    case PhysicalKind::kWindow:
      owned.push_back(MakeWindowOperator(node, ctx, downstream));
      break;
    case PhysicalKind::kWindowGroupLimit:
      owned.push_back(MakeWindowGroupLimitOperator(node, ctx, downstream));
      break;
    case PhysicalKind::kGenerate:
      owned.push_back(MakeGenerateOperator(node, ctx, downstream));
      break;
    case PhysicalKind::kExpand:
      owned.push_back(MakeExpandOperator(node, ctx, downstream));
      break;
    case PhysicalKind::kFileWrite:
      throw InternalError("a file write inside a stage");
  }
  if (int64_t rows = CoalescedBatchRows(node, ctx.eval); rows > 0) {
    owned.push_back(MakeCoalesceOperator(rows, ctx, *owned.back()));
  }
  Operator& op = *owned.back();
  return BuildPipeline(*node.children[0], partition, reads, ctx, op, owned);
}

}  // namespace

std::vector<Stage> SplitStages(const PhysicalPtr& root) {
  std::vector<Stage> stages;
  CollectStages(root, &stages);
  if (root->kind() != PhysicalKind::kExchange) {
    Stage result;
    result.id = static_cast<int>(stages.size());
    for (const auto& stage : stages) result.id = std::max(result.id, stage.id + 1);
    result.fragment = CutAtExchanges(root, false, &result.inputs);
    result.is_result = true;
    stages.push_back(std::move(result));
  }
  return stages;
}

int CountPartitions(const PhysicalNode& node, const ShuffleReads& reads) {
  switch (node.kind()) {
    case PhysicalKind::kFileScan:
      return static_cast<int>(node.As<FileScanExec>().splits.size());
    case PhysicalKind::kLocalScan:
      return std::max<int>(1, static_cast<int>(node.As<LocalScanExec>().partition_ends.size()));
    case PhysicalKind::kRange:
      return node.As<RangeExec>().range.num_partitions;
    case PhysicalKind::kExchange:
      if (!node.children.empty()) return CountPartitions(*node.children[0], reads);
      {
        auto it = reads.find(node.As<ExchangeExec>().id);
        EMBER_CHECK(it != reads.end(), "no read ranges for an exchange");
        return static_cast<int>(it->second.size());
      }
    case PhysicalKind::kUnion: {
      int total = 0;
      for (const auto& child : node.children) total += CountPartitions(*child, reads);
      return total;
    }
    case PhysicalKind::kHashJoin:
    case PhysicalKind::kNestedLoopJoin:
      return CountPartitions(*node.children[node.Join().build_right ? 0 : 1], reads);
    default:
      return CountPartitions(*node.children[0], reads);
  }
}

void RunTask(const TaskDescription& task, TaskContext& ctx, Operator* result_sink) {
  const PhysicalNode& root = *task.fragment;
  std::vector<std::unique_ptr<Operator>> owned;
  Operator* sink = result_sink;
  const PhysicalNode* top = &root;
  if (root.kind() == PhysicalKind::kExchange && !root.children.empty()) {
    owned.push_back(MakeExchangeSink(root, ctx, task.partition));
    sink = owned.back().get();
    top = root.children[0].get();
  } else if (root.kind() == PhysicalKind::kFileWrite) {
    owned.push_back(MakeFileWriteSink(root, ctx, task.partition));
    sink = owned.back().get();
    top = root.children[0].get();
  }
  EMBER_CHECK(sink != nullptr, "a result task without a sink");
  Pipeline pipeline = BuildPipeline(*top, task.partition, task.reads, ctx, *sink, owned);
  pipeline.first->Run(*pipeline.second);
}

std::string TaskToJson(const TaskDescription& task) {
  JsonWriter out;
  out.BeginObject();
  out.Key("stage");
  out.Int(task.stage_id);
  out.Key("partition");
  out.Int(task.partition);
  out.Key("reads");
  out.BeginArray();
  for (const auto& [exchange, ranges] : task.reads) {
    out.BeginArray();
    out.Int(exchange);
    for (const auto& range : ranges) {
      out.Int(range.begin);
      out.Int(range.end);
    }
    out.EndArray();
  }
  out.EndArray();
  out.Key("fragment");
  out.Raw(PhysicalPlanToJson(*task.fragment));
  out.EndObject();
  return out.text();
}

TaskDescription TaskFromJson(const std::string& json, const EvalContext& ctx) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  EMBER_CHECK(!parser.parse(json).get(root), "malformed task description");
  TaskDescription task;
  try {
    task.stage_id = static_cast<int>(root["stage"].get_int64().value());
    task.partition = static_cast<int>(root["partition"].get_int64().value());
    for (simdjson::dom::element read : root["reads"].get_array()) {
      std::vector<int64_t> numbers;
      for (simdjson::dom::element number : read.get_array()) numbers.push_back(number.get_int64().value());
      auto& ranges = task.reads[static_cast<int>(numbers.at(0))];
      for (size_t i = 1; i + 1 < numbers.size(); i += 2) {
        ranges.push_back({static_cast<int>(numbers[i]), static_cast<int>(numbers[i + 1])});
      }
    }
    task.fragment = PhysicalPlanFromJson(std::string(simdjson::to_string(root["fragment"].value())), ctx);
  } catch (const simdjson::simdjson_error& error) {
    throw InternalError(std::string("malformed task description: ") + error.what());
  }
  return task;
}

}  // namespace ember

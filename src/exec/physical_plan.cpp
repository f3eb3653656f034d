#include "exec/physical_plan.h"

#include <set>

#include "common/error.h"
#include "plan/expr_text.h"
#include "plan/join_type.h"

namespace ember {
namespace {

std::string JoinTexts(const std::vector<std::string>& parts, const std::string& separator) {
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += separator;
    text += parts[i];
  }
  return text;
}

std::string ExprList(const std::vector<ExprPtr>& exprs, const std::string& separator = ", ") {
  std::vector<std::string> parts;
  for (const auto& expr : exprs) parts.push_back(ExprText(*expr));
  return JoinTexts(parts, separator);
}

std::string FormatDisplayName(const std::string& format) {
  if (format == "json") return "JSON";
  if (format == "csv") return "CSV";
  if (format == "parquet") return "Parquet";
  return format;
}

std::string AggregateText(AggregateMode mode, const PhysicalAggregate& aggregate) {
  std::string sql = ExprText(*aggregate.call);
  switch (mode) {
    case AggregateMode::kPartial:
      return "partial_" + sql;
    case AggregateMode::kPartialMerge:
      return "merge_" + sql;
    case AggregateMode::kFinal:
    case AggregateMode::kComplete:
      return sql;
  }
  return sql;
}

void AppendTree(const PhysicalNode& node, const std::string& prefix, const std::string& child_prefix,
                std::string* out) {
  *out += prefix + node.Describe() + "\n";
  for (size_t i = 0; i < node.children.size(); ++i) {
    bool last = i + 1 == node.children.size();
    AppendTree(*node.children[i], child_prefix + (last ? "+- " : ":- "),
               child_prefix + (last ? "   " : ":  "), out);
  }
}

// The kinds sit in PhysicalPayload in PhysicalKind's order (kind() is the payload's index).
template <PhysicalKind kind, typename Payload>
constexpr bool KindIs =
    std::is_same_v<std::variant_alternative_t<static_cast<size_t>(kind), PhysicalPayload>, Payload>;
static_assert(KindIs<PhysicalKind::kFileScan, FileScanExec> && KindIs<PhysicalKind::kLocalScan, LocalScanExec> &&
              KindIs<PhysicalKind::kFilter, FilterExec> && KindIs<PhysicalKind::kProject, ProjectExec> &&
              KindIs<PhysicalKind::kHashAggregate, HashAggregateExec> && KindIs<PhysicalKind::kSort, SortExec> &&
              KindIs<PhysicalKind::kLimit, LimitExec> && KindIs<PhysicalKind::kUnion, UnionExec> &&
              KindIs<PhysicalKind::kExchange, ExchangeExec> && KindIs<PhysicalKind::kFileWrite, FileWriteExec> &&
              KindIs<PhysicalKind::kHashJoin, HashJoinExec> &&
              KindIs<PhysicalKind::kNestedLoopJoin, NestedLoopJoinExec> &&
              KindIs<PhysicalKind::kReplicateRows, ReplicateRowsExec> && KindIs<PhysicalKind::kWindow, WindowExec> &&
              KindIs<PhysicalKind::kRange, RangeExec> && KindIs<PhysicalKind::kGenerate, GenerateExec> &&
              KindIs<PhysicalKind::kExpand, ExpandExec> &&
              KindIs<PhysicalKind::kWindowGroupLimit, WindowGroupLimitExec> &&
              std::variant_size_v<PhysicalPayload> == static_cast<size_t>(PhysicalKind::kWindowGroupLimit) + 1);

}  // namespace

const JoinExec& PhysicalNode::Join() const {
  if (const auto* hash = std::get_if<HashJoinExec>(&payload)) return *hash;
  return As<NestedLoopJoinExec>();
}

JoinExec& PhysicalNode::Join() {
  if (auto* hash = std::get_if<HashJoinExec>(&payload)) return *hash;
  return As<NestedLoopJoinExec>();
}

std::string PhysicalNode::Describe() const {
  switch (kind()) {
    case PhysicalKind::kFileScan: {
      const auto& scan = As<FileScanExec>();
      std::vector<std::string> columns;
      for (const auto& field : scan.output_sources.empty() ? scan.read_schema : output) columns.push_back(field.name);
      std::set<std::string> paths;
      for (const auto& split : scan.splits) paths.insert(split.path);
      std::string location = "InMemoryFileIndex(" + std::to_string(scan.input_files) + " paths)";
      if (!paths.empty()) location += "[file:" + *paths.begin() + (paths.size() > 1 ? ", ..." : "") + "]";
      return "FileScan " + scan.format + " [" + JoinTexts(columns, ",") + "] Batched: false, DataFilters: [" +
             ExprList(scan.filters) + "], Format: " + FormatDisplayName(scan.format) + ", Location: " + location +
             ", PartitionFilters: [], PushedFilters: [" + ExprList(scan.filters) +
             "], ReadSchema: " + SchemaToString(scan.read_schema);
    }
    case PhysicalKind::kLocalScan: {
      std::vector<std::string> columns;
      for (const auto& field : output) columns.push_back(field.name);
      return "LocalTableScan [" + JoinTexts(columns, ", ") + "]";
    }
    case PhysicalKind::kRange: {
      const RangeNode& range = As<RangeExec>().range;
      return "Range (" + std::to_string(range.start) + ", " + std::to_string(range.end) + ", step=" +
             std::to_string(range.step) + ", splits=" + std::to_string(range.num_partitions) + ")";
    }
    case PhysicalKind::kFilter:
      return "Filter " + ExprText(*As<FilterExec>().predicate);
    case PhysicalKind::kProject:
      return "Project [" + ExprList(As<ProjectExec>().exprs) + "]";
    case PhysicalKind::kHashAggregate: {
      const auto& aggregate = As<HashAggregateExec>();
      std::vector<std::string> functions;
      for (const auto& call : aggregate.aggregates) functions.push_back(AggregateText(aggregate.mode, call));
      return "HashAggregate(keys=[" + ExprList(aggregate.groups) + "], functions=[" + JoinTexts(functions, ", ") + "])";
    }
    case PhysicalKind::kSort:
      return "Sort [" + ExprList(As<SortExec>().orders) + "], " + (As<SortExec>().global ? "true" : "false") + ", 0";
    case PhysicalKind::kLimit: {
      const auto& limit = As<LimitExec>();
      return limit.global ? "GlobalLimit " + std::to_string(limit.limit) + ", " + std::to_string(limit.offset)
                          : "LocalLimit " + std::to_string(limit.limit);
    }
    case PhysicalKind::kUnion:
      return "Union";
    case PhysicalKind::kExchange:
      switch (partitioning.kind) {
        case PartitioningKind::kHash:
          return "Exchange hashpartitioning(" + ExprList(partitioning.keys) + ", " +
                 std::to_string(partitioning.num_partitions) + "), ENSURE_REQUIREMENTS";
        case PartitioningKind::kSingle:
          return "Exchange SinglePartition, ENSURE_REQUIREMENTS";
        case PartitioningKind::kPartitionId:
          return "Exchange rangepartitioning(" + ExprList(partitioning.keys) + ", " +
                 std::to_string(partitioning.num_partitions) + "), REPARTITION_BY_NUM";
        case PartitioningKind::kRange:
          return "Exchange rangepartitioning(" + ExprList(partitioning.keys) + ", " +
                 std::to_string(partitioning.num_partitions) + "), ENSURE_REQUIREMENTS";
        case PartitioningKind::kRoundRobin:
          return "Exchange RoundRobinPartitioning(" + std::to_string(partitioning.num_partitions) +
                 "), REPARTITION_BY_NUM";
        case PartitioningKind::kBroadcast:
          return partitioning.keys.empty()
                     ? "BroadcastExchange IdentityBroadcastMode"
                     : "BroadcastExchange HashedRelationBroadcastMode(List(" + ExprList(partitioning.keys) +
                           "),false)";
        case PartitioningKind::kUnknown:
          break;
      }
      return "Exchange UnknownPartitioning(" + std::to_string(partitioning.num_partitions) + ")";
    case PhysicalKind::kFileWrite:
      return "WriteFiles";
    case PhysicalKind::kHashJoin: {
      const JoinExec& join = Join();
      std::string text = std::string(join.broadcast ? "BroadcastHashJoin" : "ShuffledHashJoin") + " [" +
                         ExprList(join.left_keys) + "], [" + ExprList(join.right_keys) + "], " +
                         JoinTypeName(join.type) + (join.build_right ? ", BuildRight" : ", BuildLeft");
      if (join.condition) text += ", " + ExprText(*join.condition);
      return join.broadcast ? text + ", false" : text;
    }
    case PhysicalKind::kReplicateRows:
      return "Generate replicaterows(" + ExprText(*As<ReplicateRowsExec>().count) + ")";
    case PhysicalKind::kGenerate: {
      const auto& generate = As<GenerateExec>();
      std::vector<std::string> names;
      for (size_t i = output.size() - generate.generator->type->element->fields.size(); i < output.size(); ++i) {
        names.push_back(output[i].name);
      }
      return "Generate " + ExprText(*generate.generator) + ", " + (generate.outer ? "true" : "false") + ", [" +
             JoinTexts(names, ", ") + "]";
    }
    case PhysicalKind::kWindow: {
      const auto& exprs = As<WindowExec>().exprs;
      size_t width = output.size() - exprs.size();
      std::vector<std::string> items;
      for (size_t i = 0; i < exprs.size(); ++i) items.push_back(ExprText(*exprs[i]) + " AS " + output[width + i].name);
      return "Window [" + JoinTexts(items, ", ") + "], " + WindowKeysText(*exprs[0]);
    }
    case PhysicalKind::kWindowGroupLimit: {
      const auto& limit = As<WindowGroupLimitExec>();
      return "WindowGroupLimit " + WindowGroupLimitText(*limit.window, limit.limit) + ", Final";
    }
    case PhysicalKind::kExpand: {
      std::vector<std::string> projections;
      for (const auto& projection : As<ExpandExec>().projections) projections.push_back("[" + ExprList(projection) + "]");
      std::vector<std::string> names;
      for (const auto& field : output) names.push_back(field.name);
      return "Expand [" + JoinTexts(projections, ", ") + "], [" + JoinTexts(names, ", ") + "]";
    }
    case PhysicalKind::kNestedLoopJoin: {
      const JoinExec& join = Join();
      std::string text = std::string("BroadcastNestedLoopJoin ") + (join.build_right ? "BuildRight" : "BuildLeft") +
                         ", " + JoinTypeName(join.type);
      if (join.condition) text += ", " + ExprText(*join.condition);
      return text;
    }
  }
  throw InternalError("unknown physical node kind");
}

std::string PhysicalNode::ToString() const {
  std::string text;
  AppendTree(*this, "", "", &text);
  if (!text.empty()) text.pop_back();
  return text;
}

PhysicalPtr MakePhysical(PhysicalNode node) {
  return std::make_shared<const PhysicalNode>(std::move(node));
}

}  // namespace ember

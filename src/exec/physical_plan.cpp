#include "exec/physical_plan.h"

#include <set>

#include "common/error.h"
#include "plan/expr_text.h"
#include "plan/join_type.h"

namespace ember {
namespace {

std::string Join(const std::vector<std::string>& parts, const std::string& separator) {
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
  return Join(parts, separator);
}

std::string FormatDisplayName(const std::string& format) {
  if (format == "json") return "JSON";
  if (format == "csv") return "CSV";
  if (format == "parquet") return "Parquet";
  return format;
}

std::string AggregateText(const PhysicalNode& node, const PhysicalAggregate& aggregate) {
  std::string sql = ExprText(*aggregate.call);
  switch (node.aggregate_mode) {
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

}  // namespace

std::string PhysicalNode::Describe() const {
  switch (kind) {
    case PhysicalKind::kFileScan: {
      std::vector<std::string> columns;
      for (const auto& field : read_schema) columns.push_back(field.name);
      std::set<std::string> paths;
      for (const auto& split : splits) paths.insert(split.path);
      std::string location = "InMemoryFileIndex(" + std::to_string(input_files) + " paths)";
      if (!paths.empty()) location += "[file:" + *paths.begin() + (paths.size() > 1 ? ", ..." : "") + "]";
      return "FileScan " + format + " [" + Join(columns, ",") + "] Batched: false, DataFilters: [" +
             ExprList(filters) + "], Format: " + FormatDisplayName(format) + ", Location: " + location +
             ", PartitionFilters: [], PushedFilters: [" + ExprList(filters) +
             "], ReadSchema: " + SchemaToString(read_schema);
    }
    case PhysicalKind::kLocalScan: {
      std::vector<std::string> columns;
      for (const auto& field : output) columns.push_back(field.name);
      return "LocalTableScan [" + Join(columns, ", ") + "]";
    }
    case PhysicalKind::kFilter:
      return "Filter " + ExprText(*exprs[0]);
    case PhysicalKind::kProject:
      return "Project [" + ExprList(exprs) + "]";
    case PhysicalKind::kHashAggregate: {
      std::vector<std::string> functions;
      for (const auto& aggregate : aggregates) functions.push_back(AggregateText(*this, aggregate));
      return "HashAggregate(keys=[" + ExprList(groups) + "], functions=[" + Join(functions, ", ") + "])";
    }
    case PhysicalKind::kSort:
      return "Sort [" + ExprList(exprs) + "], true, 0";
    case PhysicalKind::kLimit:
      return global_limit ? "GlobalLimit " + std::to_string(limit) + ", " + std::to_string(offset)
                          : "LocalLimit " + std::to_string(limit);
    case PhysicalKind::kUnion:
      return "Union";
    case PhysicalKind::kExchange:
      switch (partitioning.kind) {
        case PartitioningKind::kHash:
          return "Exchange hashpartitioning(" + ExprList(partitioning.keys) + ", " +
                 std::to_string(partitioning.num_partitions) + "), ENSURE_REQUIREMENTS";
        case PartitioningKind::kSingle:
          return "Exchange SinglePartition, ENSURE_REQUIREMENTS";
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
      std::string text = std::string(broadcast ? "BroadcastHashJoin" : "ShuffledHashJoin") + " [" +
                         ExprList(left_keys) + "], [" + ExprList(right_keys) + "], " +
                         JoinTypeName(join_type) + (build_right ? ", BuildRight" : ", BuildLeft");
      if (join_condition) text += ", " + ExprText(*join_condition);
      return broadcast ? text + ", false" : text;
    }
    case PhysicalKind::kReplicateRows:
      return "Generate replicaterows(" + ExprText(*exprs[0]) + ")";
    case PhysicalKind::kNestedLoopJoin: {
      std::string text = std::string("BroadcastNestedLoopJoin ") + (build_right ? "BuildRight" : "BuildLeft") +
                         ", " + JoinTypeName(join_type);
      if (join_condition) text += ", " + ExprText(*join_condition);
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

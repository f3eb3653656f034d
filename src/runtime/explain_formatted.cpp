#include "runtime/explain_formatted.h"

#include <cstdio>
#include <map>
#include <vector>

#include "plan/expr_text.h"
#include "plan/join_type.h"

namespace ember {
namespace {

std::string ListText(const std::vector<std::string>& items) {
  std::string text = "[";
  for (size_t i = 0; i < items.size(); ++i) text += (i > 0 ? ", " : "") + items[i];
  return text + "]";
}

// Spark's "Name [n]: [a, b]" line, or "Name: []" when there is nothing.
std::string FieldLine(const std::string& name, const std::vector<std::string>& items) {
  if (items.empty()) return name + ": []\n";
  return name + " [" + std::to_string(items.size()) + "]: " + ListText(items) + "\n";
}

std::vector<std::string> Names(const Schema& schema) {
  std::vector<std::string> names;
  for (const auto& field : schema) names.push_back(field.name);
  return names;
}

std::vector<std::string> Texts(const std::vector<ExprPtr>& exprs) {
  std::vector<std::string> texts;
  for (const auto& expr : exprs) texts.push_back(ExprText(*expr));
  return texts;
}

// The operator's name as Spark's formatted tree shows it: the first word of its one-line text,
// except file scans ("Scan parquet").
std::string NodeName(const PhysicalNode& node) {
  if (node.kind() == PhysicalKind::kFileScan) return "Scan " + node.As<FileScanExec>().format;
  std::string line = node.Describe();
  return line.substr(0, line.find_first_of(" ("));
}

// What the one-line text says after the operator's name.
std::string Arguments(const PhysicalNode& node) {
  std::string line = node.Describe();
  size_t space = line.find(' ');
  return space == std::string::npos ? "" : line.substr(space + 1);
}

std::string Details(const PhysicalNode& node) {
  std::vector<std::string> input = node.children.empty() ? std::vector<std::string>{} : Names(node.children[0]->output);
  switch (node.kind()) {
    case PhysicalKind::kFileScan: {
      std::string arguments = Arguments(node);
      size_t location = arguments.find("Location: ");
      std::string text = FieldLine("Output", Names(node.output)) + "Batched: false\n";
      if (location != std::string::npos) {
        text += arguments.substr(location, arguments.find(", PartitionFilters", location) - location) + "\n";
      }
      return text + "PushedFilters: " + ListText(Texts(node.As<FileScanExec>().filters)) + "\n" +
             "ReadSchema: " + SchemaToString(node.As<FileScanExec>().read_schema) + "\n";
    }
    case PhysicalKind::kLocalScan:
      return FieldLine("Output", Names(node.output)) + "Arguments: " + ListText(Names(node.output)) + "\n";
    case PhysicalKind::kRange:
      return FieldLine("Output", Names(node.output)) + "Arguments: " + Arguments(node) + "\n";
    case PhysicalKind::kFilter:
      return FieldLine("Input", input) + "Condition : " + ExprText(*node.As<FilterExec>().predicate) + "\n";
    case PhysicalKind::kProject:
      return FieldLine("Output", Texts(node.As<ProjectExec>().exprs)) + FieldLine("Input", input);
    case PhysicalKind::kHashAggregate: {
      const auto& aggregate = node.As<HashAggregateExec>();
      std::vector<std::string> functions;
      // Spark names the partial steps of an aggregate partial_f and merge_f.
      std::string step = aggregate.mode == AggregateMode::kPartial        ? "partial_"
                         : aggregate.mode == AggregateMode::kPartialMerge ? "merge_"
                                                                          : "";
      for (const auto& call : aggregate.aggregates) functions.push_back(step + ExprText(*call.call));
      std::vector<std::string> results = Names(node.output);
      std::vector<std::string> attributes(results.begin() + static_cast<long>(std::min(aggregate.groups.size(), results.size())),
                                          results.end());
      return FieldLine("Input", input) + FieldLine("Keys", Texts(aggregate.groups)) +
             FieldLine("Functions", functions) + FieldLine("Aggregate Attributes", attributes) +
             FieldLine("Results", results);
    }
    case PhysicalKind::kHashJoin:
    case PhysicalKind::kNestedLoopJoin: {
      const JoinExec& join = node.Join();
      std::string condition = join.condition ? ExprText(*join.condition) : "None";
      std::string keys = node.kind() == PhysicalKind::kHashJoin
                             ? FieldLine("Left keys", Texts(join.left_keys)) + FieldLine("Right keys", Texts(join.right_keys))
                             : "";
      return keys + "Join type: " + JoinTypeName(join.type) + "\nJoin condition: " + condition + "\n";
    }
    case PhysicalKind::kUnion:
    case PhysicalKind::kFileWrite:
      return "";
    default: {
      std::string arguments = Arguments(node);
      return FieldLine("Input", input) + (arguments.empty() ? "" : "Arguments: " + arguments + "\n");
    }
  }
}

// Numbers the operators children first, from the first child on.
void NumberOperators(const PhysicalNode& node, std::map<const PhysicalNode*, int>* ids,
                     std::vector<const PhysicalNode*>* order) {
  for (const auto& child : node.children) NumberOperators(*child, ids, order);
  ids->emplace(&node, static_cast<int>(order->size()) + 1);
  order->push_back(&node);
}

void AppendTree(const PhysicalNode& node, const std::map<const PhysicalNode*, int>& ids, const std::string& prefix,
                const std::string& child_prefix, std::string* out) {
  *out += prefix + NodeName(node) + " (" + std::to_string(ids.at(&node)) + ")\n";
  for (size_t i = 0; i < node.children.size(); ++i) {
    bool last = i + 1 == node.children.size();
    AppendTree(*node.children[i], ids, child_prefix + (last ? "+- " : ":- "), child_prefix + (last ? "   " : ":  "),
               out);
  }
}

std::string SpillLines(const QueryMetrics& metrics, const PhysicalNode* node) {
  auto it = metrics.operators().find(node);
  if (it == metrics.operators().end() || it->second.spill_count == 0) return "";
  return "Spill count: " + std::to_string(it->second.spill_count) + "\nSpill size: " +
         ByteSizeText(it->second.spill_bytes) + "\n";
}

}  // namespace

std::string ByteSizeText(int64_t bytes) {
  static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int unit = 0;
  while (unit < 6 && static_cast<double>(bytes) >= 2.0 * static_cast<double>(int64_t{1} << (10 * (unit + 1)))) ++unit;
  char text[64];
  std::snprintf(text, sizeof text, "%.1f %s", static_cast<double>(bytes) / static_cast<double>(int64_t{1} << (10 * unit)),
                kUnits[unit]);
  return text;
}

std::string FormattedPlanText(const PhysicalNode& plan, bool adaptive, const QueryMetrics* metrics) {
  std::map<const PhysicalNode*, int> ids;
  std::vector<const PhysicalNode*> order;
  NumberOperators(plan, &ids, &order);
  std::string tree;
  if (adaptive) {
    int id = static_cast<int>(order.size()) + 1;
    tree = "AdaptiveSparkPlan (" + std::to_string(id) + ")\n";
    AppendTree(plan, ids, "+- ", "   ", &tree);
  } else {
    AppendTree(plan, ids, "", "", &tree);
  }
  std::string text = tree + "\n";
  for (const PhysicalNode* node : order) {
    text += "\n(" + std::to_string(ids.at(node)) + ") " + NodeName(*node) + "\n" + Details(*node);
    if (metrics != nullptr) text += SpillLines(*metrics, node);
  }
  if (adaptive) {
    text += "\n(" + std::to_string(order.size() + 1) + ") AdaptiveSparkPlan\n" + FieldLine("Output", Names(plan.output)) +
            "Arguments: isFinalPlan=false\n";
  }
  return text;
}

}  // namespace ember

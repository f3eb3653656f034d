#include "common/value.h"
#include "expr/evaluator.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

// The files whose partition values pass every pushed filter that reads partition columns only.
PlanPtr PruneRead(const PlanPtr& plan, EvalContext& eval) {
  const ReadNode& read = plan->As<ReadNode>();
  if (read.partition_schema.empty() || read.pushed_filters.empty() || read.files.empty()) return plan;
  size_t first_partition = read.data_schema.size() - read.partition_schema.size();
  std::vector<int> columns = read.projection;  // output column -> data_schema ordinal
  if (columns.empty()) {
    for (size_t i = 0; i < plan->output.size(); ++i) columns.push_back(static_cast<int>(i));
  }
  std::vector<ExprPtr> filters;
  for (const auto& filter : read.pushed_filters) {
    std::vector<bool> used(columns.size(), false);
    CollectReferences(*filter, used);
    bool any = false, only_partitions = true;
    for (size_t i = 0; i < used.size(); ++i) {
      if (!used[i]) continue;
      any = true;
      only_partitions &= static_cast<size_t>(columns[i]) >= first_partition;
    }
    if (any && only_partitions) filters.push_back(filter);
  }
  if (filters.empty()) return plan;
  // One row per file: its partition values, nulls for the file columns (which no filter reads).
  int64_t rows = static_cast<int64_t>(read.files.size());
  Batch batch;
  batch.num_rows = rows;
  for (size_t i = 0; i < columns.size(); ++i) {
    const TypePtr& type = plan->output[i].type;
    if (static_cast<size_t>(columns[i]) < first_partition) {
      batch.columns.push_back(Vector::MakeNulls(type, rows));
      continue;
    }
    VectorBuilder builder(type, rows);
    for (const auto& values : read.partition_values) AppendValue(builder, values[columns[i] - first_partition]);
    batch.columns.push_back(builder.Finish());
  }
  std::vector<bool> keep(read.files.size(), true);
  try {
    for (const auto& filter : filters) {
      VectorPtr result = Evaluate(*filter, batch, eval);
      for (int64_t f = 0; f < rows; ++f) {
        Value value = GetValue(*result, f);
        if (value.is_null || value.i64 == 0) keep[f] = false;
      }
    }
  } catch (const SparkError&) {
    return plan;  // the rows raise it when they are read
  }
  LogicalPlan node = *plan;
  ReadNode& pruned = node.As<ReadNode>();
  pruned.files.clear();
  pruned.partition_values.clear();
  for (size_t f = 0; f < keep.size(); ++f) {
    if (!keep[f]) continue;
    pruned.files.push_back(read.files[f]);
    pruned.partition_values.push_back(read.partition_values[f]);
  }
  // The table's statistics describe every partition: estimates go by the files left (as Spark).
  if (pruned.files.size() < read.files.size()) pruned.table_statistics.reset();
  return MakePlan(std::move(node));
}

}  // namespace

PlanPtr PrunePartitions(const PlanPtr& plan, EvalContext& eval) {
  return TransformPlanUp(plan, [&](const PlanPtr& node) { return node->Is<ReadNode>() ? PruneRead(node, eval) : node; });
}

}  // namespace ember

// Helpers for exec tests: columns from optional values, resolved aggregate calls, resolved logical
// plans over local relations, and rows of results as comparable text.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "common/value.h"
#include "common/vector.h"
#include "exec/job.h"
#include "exec/physical_planner.h"
#include "functions/registry.h"
#include "plan/logical_plan.h"

namespace ember::exec_test {

inline VectorPtr LongColumn(const std::vector<std::optional<int64_t>>& values) {
  VectorBuilder builder(LongType());
  for (const auto& v : values) v ? builder.Append<int64_t>(*v) : builder.AppendNull();
  return builder.Finish();
}

inline VectorPtr DoubleColumn(const std::vector<std::optional<double>>& values) {
  VectorBuilder builder(DoubleType());
  for (const auto& v : values) v ? builder.Append<double>(*v) : builder.AppendNull();
  return builder.Finish();
}

inline VectorPtr StringColumn(const std::vector<std::optional<std::string>>& values) {
  VectorBuilder builder(StringType());
  for (const auto& v : values) v ? builder.AppendString(*v) : builder.AppendNull();
  return builder.Finish();
}

inline VectorPtr BoolColumn(const std::vector<std::optional<bool>>& values) {
  VectorBuilder builder(BooleanType());
  for (const auto& v : values) v ? builder.AppendBool(*v) : builder.AppendNull();
  return builder.Finish();
}

inline std::string CellText(const Vector& column, int64_t row) {
  if (column.IsNull(row)) return "null";
  Value value = GetValue(column, row);
  switch (value.type->id) {
    case TypeId::kString:
      return value.str;
    case TypeId::kDouble:
    case TypeId::kFloat:
      return std::to_string(value.f64);
    default:
      return std::to_string(value.i64);
  }
}

// Rows as "a|b|c" text, in result order.
inline std::vector<std::string> RowTexts(const std::vector<Batch>& batches) {
  std::vector<std::string> rows;
  for (const auto& batch : batches) {
    for (int64_t r = 0; r < batch.num_rows; ++r) {
      std::string row;
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        if (c > 0) row += "|";
        row += CellText(*batch.columns[c], r);
      }
      rows.push_back(row);
    }
  }
  return rows;
}

inline std::vector<std::string> Sorted(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

inline ExprPtr Ref(int index, TypePtr type, std::string name) {
  return BoundRef(index, std::move(type), true, std::move(name));
}

inline ExprPtr SortOrder(ExprPtr child, bool ascending, bool nulls_first) {
  Expr order;
  order.kind = ExprKind::kSortOrder;
  order.type = child->type;
  order.args = {std::move(child)};
  order.ascending = ascending;
  order.nulls_first = nulls_first;
  return MakeExpr(std::move(order));
}

inline ExprPtr AggCall(const std::string& name, std::vector<ExprPtr> args, bool distinct = false) {
  EvalContext ctx;
  const AggregateFunction* function = FunctionRegistry::Instance().FindAggregate(name);
  EXPECT_NE(function, nullptr) << name;
  std::vector<BindArg> bind_args;
  for (const auto& arg : args) {
    bind_args.push_back({arg->type, arg->kind == ExprKind::kLiteral ? &arg->literal : nullptr});
  }
  Expr call;
  call.kind = ExprKind::kAggregate;
  call.name = name;
  call.args = std::move(args);
  call.distinct = distinct;
  call.aggregate = std::make_shared<const BoundAggregate>(function->bind(bind_args, distinct, ctx));
  call.type = call.aggregate->result_type;
  call.nullable = call.aggregate->result_nullable;
  return MakeExpr(std::move(call));
}

inline ExprPtr ScalarCall(const std::string& name, std::vector<ExprPtr> args) {
  EvalContext ctx;
  const ScalarFunction* function = FunctionRegistry::Instance().FindScalar(name);
  EXPECT_NE(function, nullptr) << name;
  std::vector<BindArg> bind_args;
  for (const auto& arg : args) {
    bind_args.push_back({arg->type, arg->kind == ExprKind::kLiteral ? &arg->literal : nullptr});
  }
  Expr call;
  call.kind = ExprKind::kFunction;
  call.name = name;
  call.args = std::move(args);
  call.scalar = std::make_shared<const BoundScalar>(function->bind(bind_args, ctx));
  call.type = call.scalar->result_type;
  return MakeExpr(std::move(call));
}

inline std::vector<Attribute> Attributes(const Schema& schema) {
  std::vector<Attribute> output;
  for (const auto& field : schema) output.push_back({field.name, field.type, field.nullable, ""});
  return output;
}

inline PlanPtr LocalRelation(const Schema& schema, std::vector<Batch> batches) {
  LogicalPlan node(LocalRelationNode{schema, std::make_shared<const std::vector<Batch>>(std::move(batches))});
  node.output = Attributes(schema);
  return MakePlan(std::move(node));
}

inline PlanPtr UnionOf(std::vector<PlanPtr> children) {
  LogicalPlan node(UnionNode{}, children);
  node.output = children[0]->output;
  return MakePlan(std::move(node));
}

inline PlanPtr AggregatePlan(PlanPtr child, std::vector<ExprPtr> groups, std::vector<ExprPtr> calls) {
  LogicalPlan node(AggregateNode{}, {std::move(child)});
  for (const auto& group : groups) node.output.push_back({group->OutputName(), group->type, true, ""});
  for (const auto& call : calls) node.output.push_back({call->ToSql(), call->type, call->nullable, ""});
  node.As<AggregateNode>().groups = std::move(groups);
  node.As<AggregateNode>().exprs = std::move(calls);
  return MakePlan(std::move(node));
}

// Plans and runs a resolved logical plan one task at a time.
inline std::vector<Batch> RunPlan(const PlanPtr& plan, const Config& config = Config()) {
  EvalContext eval;
  PhysicalPtr physical = PlanPhysical(plan, {config, eval, 2});
  SerialExecutor executor;
  return CollectJob(physical, eval, JobSettings::FromConfig(config), executor);
}

}  // namespace ember::exec_test

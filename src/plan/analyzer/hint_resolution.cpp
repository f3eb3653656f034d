#include "plan/analyzer/hint_resolution.h"

#include <algorithm>
#include <cctype>

#include "common/error.h"

namespace ember {
namespace {

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string ParamText(const Expr& param) {
  if (param.kind == ExprKind::kColumn && !param.name_parts.empty()) return param.name_parts.back();
  if (param.kind == ExprKind::kLiteral && param.literal.type->id == TypeId::kString) return param.literal.str;
  return param.ToSql();
}

bool IsIntegerLiteral(const Expr& param) {
  return param.kind == ExprKind::kLiteral && !param.literal.is_null &&
         (param.literal.type->id == TypeId::kInt || param.literal.type->id == TypeId::kLong);
}

// The name a relation answers to in a join strategy hint: its alias or its table name.
std::string RelationName(const LogicalPlan& plan) {
  if (plan.kind() == PlanKind::kSubqueryAlias) return plan.As<SubqueryAliasNode>().alias;
  if (plan.kind() == PlanKind::kUnresolvedRelation) return plan.As<UnresolvedRelationNode>().name.back();
  return "";
}

bool Names(const std::vector<std::string>& names, const std::string& name) {
  return !name.empty() && std::any_of(names.begin(), names.end(), [&](const std::string& n) {
    return Upper(n) == Upper(name);
  });
}

// `plan` with every relation named in `names` under a parameterless hint `hint_name`.
PlanPtr MarkRelations(const PlanPtr& plan, const std::string& hint_name, const std::vector<std::string>& names) {
  if (Names(names, RelationName(*plan))) return MakePlan(HintNode{hint_name, {}}, {plan});
  LogicalPlan node = *plan;
  for (auto& child : node.children) child = MarkRelations(child, hint_name, names);
  return MakePlan(std::move(node));
}

PlanPtr PartitioningHint(const LogicalPlan& hint, const std::string& name) {
  const auto& params = hint.As<HintNode>().params;
  RepartitionNode repartition;
  size_t first_column = 0;
  if (!params.empty() && IsIntegerLiteral(*params[0])) {
    repartition.num_partitions = static_cast<int>(params[0]->literal.i64);
    first_column = 1;
  }
  if (name == "COALESCE") {
    if (first_column == 0 || params.size() != 1) throw SparkError("_LEGACY_ERROR_TEMP_1048", {{"hintName", name}});
    repartition.coalesce = true;
  }
  std::string invalid;
  for (size_t i = first_column; i < params.size(); ++i) {
    if (params[i]->kind == ExprKind::kColumn) {
      repartition.keys.push_back(params[i]);
    } else {
      invalid += (invalid.empty() ? "" : ", ") + params[i]->ToSql();
    }
  }
  if (!invalid.empty()) throw SparkError("_LEGACY_ERROR_TEMP_1047", {{"hintName", name}, {"invalidParams", invalid}});
  return MakePlan(std::move(repartition), {hint.children[0]});
}

ExprPtr WindowCall(const ExprPtr& function, const std::vector<ExprPtr>& orders) {
  Expr window;
  window.kind = ExprKind::kWindow;
  window.args = {function};
  window.args.insert(window.args.end(), orders.begin(), orders.end());
  window.window = std::make_shared<WindowSpec>();
  return MakeExpr(std::move(window));
}

// Each row's partition: (rank - 1) * n / rows under the columns' ascending order, so the partitions
// hold consecutive ranges of about rows / n rows and equal keys share one.
PlanPtr RangePartitioningHint(const PlanPtr& repartition, int default_partitions) {
  const auto& node = repartition->As<RepartitionNode>();
  const int64_t partitions = node.num_partitions > 0 ? node.num_partitions : default_partitions;
  std::vector<ExprPtr> orders;
  for (const auto& key : node.keys) {
    Expr order;
    order.kind = ExprKind::kSortOrder;
    order.args = {key};
    orders.push_back(MakeExpr(std::move(order)));
  }
  ExprPtr rank = Cast(WindowCall(Call("rank", {}), orders), LongType());
  ExprPtr rows = WindowCall(AggregateCall("count", {Literal(Value::Int(1))}), {});
  ExprPtr position = Call("div", {Call("*", {Call("-", {rank, Literal(Value::Long(1))}), Literal(Value::Long(partitions))}), rows});
  const std::string column = "__range_partition";
  PlanPtr numbered = MakePlan(WithColumnsNode{{column}, {Cast(position, IntType())}}, {repartition->children[0]});
  RepartitionNode by_id;
  by_id.num_partitions = static_cast<int>(partitions);
  by_id.keys = {ColumnRef({column})};
  by_id.by_partition_id = true;
  PlanPtr dealt = MakePlan(std::move(by_id), {numbered});
  return MakePlan(DropNode{{column}}, {dealt});
}

}  // namespace

PlanPtr RewriteHint(const LogicalPlan& hint, int default_partitions) {
  const auto& node = hint.As<HintNode>();
  std::string name = Upper(node.name);
  if (name == "REPARTITION" || name == "COALESCE" || name == "REBALANCE") return PartitioningHint(hint, name);
  if (name == "REPARTITION_BY_RANGE") {
    PlanPtr repartition = PartitioningHint(hint, name);
    if (repartition->As<RepartitionNode>().keys.empty()) return repartition;
    return RangePartitioningHint(repartition, default_partitions);
  }
  if (ParseJoinHint(name) == JoinHint::kNone || node.params.empty()) return hint.children[0];
  std::vector<std::string> names;
  for (const auto& param : node.params) names.push_back(ParamText(*param));
  return MarkRelations(hint.children[0], node.name, names);
}

JoinHint SideJoinHint(const PlanPtr& side) {
  for (const LogicalPlan* plan = side.get(); plan != nullptr;) {
    switch (plan->kind()) {
      case PlanKind::kHint:
        if (plan->As<HintNode>().params.empty() && ParseJoinHint(plan->As<HintNode>().name) != JoinHint::kNone) {
          return ParseJoinHint(plan->As<HintNode>().name);
        }
        break;
      case PlanKind::kSubqueryAlias:
      case PlanKind::kProject:
      case PlanKind::kFilter:
        break;
      default:
        return JoinHint::kNone;
    }
    plan = plan->children[0].get();
  }
  return JoinHint::kNone;
}

}  // namespace ember

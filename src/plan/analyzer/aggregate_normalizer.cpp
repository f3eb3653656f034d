#include "plan/analyzer/aggregate_normalizer.h"

#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/expr_resolver.h"
#include "plan/expr_key.h"
#include "plan/plan_builders.h"

namespace ember {
namespace {

const Expr& StripAlias(const ExprPtr& expr) {
  const Expr* node = expr.get();
  while (node->kind == ExprKind::kAlias) node = node->args[0].get();
  return *node;
}

ExprPtr StripAliasPtr(const ExprPtr& expr) {
  ExprPtr node = expr;
  while (node->kind == ExprKind::kAlias) node = node->args[0];
  return node;
}

class Normalizer {
 public:
  Normalizer(const std::vector<ExprPtr>& groups, const GroupingIdColumns* grouping) : grouping_(grouping) {
    for (size_t i = 0; i < groups.size(); ++i) {
      ExprPtr plain = StripAliasPtr(groups[i]);
      bool stands_for = grouping && i < grouping->named.size();
      const ExprPtr& named = stands_for ? grouping->named[i] : groups[i];
      // The grouping id (and other added keys) match no expression of the outputs.
      group_keys_.push_back(grouping && !stands_for ? std::string() : ExprKey(*StripAliasPtr(named)));
      groups_.push_back(plain);
      output_.push_back({named->OutputName(), plain->type, plain->nullable, ""});
    }
  }

  // Registers an aliased aggregate call first, so that its accumulator carries the alias name.
  void NameAccumulator(const ExprPtr& output) {
    if (output->kind != ExprKind::kAlias || output->args[0]->kind != ExprKind::kAggregate) return;
    AccumulatorIndex(output->args[0], output->name);
  }

  ExprPtr Rewrite(const ExprPtr& expr) {
    if (IsGroupingCall(*expr)) return GroupingValue(*expr);
    std::string key = ExprKey(*expr);
    for (size_t i = 0; i < group_keys_.size(); ++i) {
      if (group_keys_[i] == key) return BoundAttribute(static_cast<int>(i), output_[i]);
    }
    if (expr->kind == ExprKind::kAggregate) {
      size_t index = AccumulatorIndex(expr, expr->OutputName());
      return BoundAttribute(static_cast<int>(index), output_[index]);
    }
    if (expr->kind == ExprKind::kBoundRef) {
      if (groups_.empty()) ThrowMissingGroupBy();
      ThrowMissingAggregation(expr->name);
    }
    if (expr->args.empty()) return expr;
    Expr copy = *expr;
    for (auto& arg : copy.args) arg = Rewrite(arg);
    return std::make_shared<const Expr>(std::move(copy));
  }

  const std::vector<ExprPtr>& groups() const { return groups_; }
  const std::vector<ExprPtr>& accumulators() const { return accumulators_; }
  const std::vector<Attribute>& output() const { return output_; }

 private:
  // grouping(c): the bit of c in the grouping id (1: c is not grouped in this row's set), as a
  // tinyint; grouping_id(): the id itself (its columns, when given, must be all grouping columns).
  ExprPtr GroupingValue(const Expr& call) {
    if (!grouping_) throw SparkError("UNSUPPORTED_GROUPING_EXPRESSION", {});
    ExprPtr id = BoundAttribute(grouping_->grouping_id, output_[grouping_->grouping_id]);
    size_t n = grouping_->named.size();
    std::string columns;
    for (size_t i = 0; i < n; ++i) columns += (i ? "," : "") + grouping_->named[i]->ToSql();
    if (call.name == "grouping_id") {
      bool same = call.args.empty() || call.args.size() == n;
      for (size_t i = 0; same && i < call.args.size(); ++i) same = ExprKey(*call.args[i]) == group_keys_[i];
      if (!same) {
        std::string given;
        for (size_t i = 0; i < call.args.size(); ++i) given += (i ? "," : "") + call.args[i]->ToSql();
        throw SparkError("GROUPING_ID_COLUMN_MISMATCH", {{"groupingIdColumn", given}, {"groupByColumns", columns}});
      }
      return id;
    }
    std::string key = ExprKey(*call.args[0]);
    for (size_t i = 0; i < n; ++i) {
      if (group_keys_[i] != key) continue;
      ExprPtr bit = Call("&", {Call("shiftright", {id, Literal(Value::Int(static_cast<int32_t>(n - 1 - i)))}),
                              Literal(Value::Long(1))});
      std::vector<Attribute> no_input;
      return ExprResolver(*grouping_->ctx, no_input).Resolve(Cast(bit, ByteType()));
    }
    throw SparkError("GROUPING_COLUMN_MISMATCH", {{"grouping", call.args[0]->ToSql()}, {"groupingColumns", columns}});
  }

  // The output ordinal of the accumulator computing `call`, added if new.
  size_t AccumulatorIndex(const ExprPtr& call, const std::string& name) {
    std::string key = ExprKey(*call);
    for (size_t i = 0; i < accumulator_keys_.size(); ++i) {
      if (accumulator_keys_[i] == key) return groups_.size() + i;
    }
    accumulator_keys_.push_back(key);
    accumulators_.push_back(call);
    output_.push_back({name, call->type, call->nullable, ""});
    return output_.size() - 1;
  }

  const GroupingIdColumns* grouping_;
  std::vector<std::string> group_keys_;
  std::vector<ExprPtr> groups_;
  std::vector<std::string> accumulator_keys_;
  std::vector<ExprPtr> accumulators_;
  std::vector<Attribute> output_;
};

}  // namespace

PlanPtr BuildAggregate(const PlanPtr& child, const std::vector<ExprPtr>& groups,
                       const std::vector<ExprPtr>& outputs, const GroupingIdColumns* grouping) {
  for (const auto& group : groups) {
    if (ContainsAggregate(*group)) {
      throw SparkError("GROUP_BY_AGGREGATE", "42903",
                       "Aggregate functions are not allowed in GROUP BY, but found " +
                           StripAlias(group).ToSql() + ".",
                       {{"sqlExpr", StripAlias(group).ToSql()}});
    }
  }
  CheckGroupable(groups);
  Normalizer normalizer(groups, grouping);
  for (const auto& output : outputs) normalizer.NameAccumulator(output);
  std::vector<ExprPtr> projection;
  for (const auto& output : outputs) {
    bool aliased = output->kind == ExprKind::kAlias;
    std::string name = aliased ? output->name : output->OutputName();
    ExprPtr rewritten = normalizer.Rewrite(aliased ? output->args[0] : output);
    if (rewritten->kind != ExprKind::kBoundRef || rewritten->name != name) rewritten = AliasAs(rewritten, name);
    projection.push_back(std::move(rewritten));
  }

  LogicalPlan aggregate(AggregateNode{normalizer.groups(), normalizer.accumulators()}, {child});
  aggregate.output = normalizer.output();
  PlanPtr plan = MakePlan(std::move(aggregate));
  if (IsIdentityProjection(projection, plan->output)) return plan;
  return MakeProjectNode(plan, std::move(projection));
}

}  // namespace ember

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
  Normalizer(const std::vector<ExprPtr>& groups) {
    for (const auto& group : groups) {
      ExprPtr plain = StripAliasPtr(group);
      group_keys_.push_back(ExprKey(*plain));
      groups_.push_back(plain);
      output_.push_back({group->OutputName(), plain->type, plain->nullable, ""});
    }
  }

  // Registers an aliased aggregate call first, so that its accumulator carries the alias name.
  void NameAccumulator(const ExprPtr& output) {
    if (output->kind != ExprKind::kAlias || output->args[0]->kind != ExprKind::kAggregate) return;
    AccumulatorIndex(output->args[0], output->name);
  }

  ExprPtr Rewrite(const ExprPtr& expr) {
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

  std::vector<std::string> group_keys_;
  std::vector<ExprPtr> groups_;
  std::vector<std::string> accumulator_keys_;
  std::vector<ExprPtr> accumulators_;
  std::vector<Attribute> output_;
};

}  // namespace

PlanPtr BuildAggregate(const PlanPtr& child, const std::vector<ExprPtr>& groups,
                       const std::vector<ExprPtr>& outputs) {
  for (const auto& group : groups) {
    if (ContainsAggregate(*group)) {
      throw SparkError("GROUP_BY_AGGREGATE", "42903",
                       "Aggregate functions are not allowed in GROUP BY, but found " +
                           StripAlias(group).ToSql() + ".",
                       {{"sqlExpr", StripAlias(group).ToSql()}});
    }
  }
  CheckGroupable(groups);
  Normalizer normalizer(groups);
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

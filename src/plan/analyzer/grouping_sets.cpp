#include "plan/analyzer/grouping_sets.h"

#include <algorithm>
#include <set>

#include "common/error.h"
#include "plan/analyzer/aggregate_normalizer.h"
#include "plan/expr_key.h"
#include "plan/plan_builders.h"

namespace ember {
namespace {

constexpr size_t kMaxGroupingColumns = 64;

ExprPtr StripAlias(const ExprPtr& expr) { return expr->kind == ExprKind::kAlias ? expr->args[0] : expr; }

}  // namespace

PlanPtr BuildGroupingSetsAggregate(const PlanPtr& child, const std::vector<ExprPtr>& groups,
                                   const std::vector<std::vector<int>>& sets, const std::vector<ExprPtr>& outputs,
                                   const AnalyzerContext& ctx) {
  // The distinct grouping expressions, in order of first appearance, and each set as positions
  // among them.
  std::vector<ExprPtr> distinct;
  std::vector<std::string> keys;
  std::vector<int> position(groups.size());
  for (size_t g = 0; g < groups.size(); ++g) {
    std::string key = ExprKey(*StripAlias(groups[g]));
    auto found = std::find(keys.begin(), keys.end(), key);
    position[g] = static_cast<int>(found - keys.begin());
    if (found == keys.end()) {
      keys.push_back(key);
      distinct.push_back(groups[g]);
    }
  }
  const size_t n = distinct.size();
  if (n > kMaxGroupingColumns) {
    throw SparkError("GROUPING_SIZE_LIMIT_EXCEEDED", {{"maxSize", std::to_string(kMaxGroupingColumns)}});
  }
  std::vector<std::set<int>> members;
  for (const auto& set : sets) {
    std::set<int> member;
    for (int g : set) member.insert(position[g]);
    members.push_back(std::move(member));
  }
  bool repeated = std::set<std::set<int>>(members.begin(), members.end()).size() != members.size();

  // Expand: the child's columns, the grouping columns (nullable), the id, and the set's position
  // when two sets are equal (so their rows stay apart).
  const size_t width = child->output.size();
  LogicalPlan expand(ExpandNode{}, {child});
  expand.output = child->output;
  for (const auto& group : distinct) {
    ExprPtr plain = StripAlias(group);
    expand.output.push_back({group->OutputName(), plain->type, true, ""});
  }
  expand.output.push_back({"spark_grouping_id", LongType(), false, ""});
  if (repeated) expand.output.push_back({"_gen_grouping_pos", IntType(), false, ""});
  for (size_t s = 0; s < members.size(); ++s) {
    std::vector<ExprPtr> projection;
    for (size_t c = 0; c < width; ++c) projection.push_back(BoundAttribute(static_cast<int>(c), child->output[c]));
    int64_t id = 0;
    for (size_t g = 0; g < n; ++g) {
      ExprPtr plain = StripAlias(distinct[g]);
      if (members[s].count(static_cast<int>(g))) {
        projection.push_back(plain);
      } else {
        projection.push_back(Literal(Value::Null(plain->type)));
        id |= int64_t{1} << (n - 1 - g);
      }
    }
    projection.push_back(Literal(Value::Long(id)));
    if (repeated) projection.push_back(Literal(Value::Int(static_cast<int32_t>(s))));
    expand.As<ExpandNode>().projections.push_back(std::move(projection));
  }
  PlanPtr expanded = MakePlan(std::move(expand));

  std::vector<ExprPtr> keys_over_expand;
  for (size_t c = width; c < expanded->output.size(); ++c) {
    keys_over_expand.push_back(BoundAttribute(static_cast<int>(c), expanded->output[c]));
  }
  GroupingIdColumns grouping{distinct, static_cast<int>(n), &ctx};
  return BuildAggregate(expanded, keys_over_expand, outputs, &grouping);
}

}  // namespace ember

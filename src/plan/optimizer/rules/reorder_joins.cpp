// Greedy join ordering over trees of inner joins: the relations under a tree of inner and cross
// joins and the conjuncts of their conditions form a join graph; the pair of (groups of)
// relations whose join is estimated smallest (plan/statistics.h) joins first, preferring pairs a
// conjunct connects, so that cross products come last and selective joins early. The result may
// be bushy. A project on top restores the original column order and names.
#include <cstdint>
#include <functional>

#include "plan/conjuncts.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"
#include "plan/statistics.h"

namespace ember {
namespace {

// Joins over more relations are left as they are (relation sets are bit masks).
constexpr size_t kMaxRelations = 64;

// A conjunct over the relations' concatenated outputs ("global" ordinals).
struct Conjunct {
  ExprPtr expr;
  uint64_t relations = 0;  // the relations it reads
  bool applied = false;
};

// A joined group of relations: its plan, which global column each output column is, its estimate.
struct Group {
  PlanPtr plan;
  std::vector<int> columns;
  uint64_t relations = 0;
  PlanStatistics stats;
};

class JoinGraph {
 public:
  explicit JoinGraph(StatisticsEstimator& estimator) : estimator_(estimator) {}

  // Collects the relations and conjuncts under `join`; false when it cannot be reordered.
  bool Collect(const PlanPtr& join) {
    std::vector<ExprPtr> conditions;
    Flatten(join, 0, conditions);
    if (relations_.size() < 3 || relations_.size() > kMaxRelations) return false;
    for (const auto& condition : conditions) {
      for (const auto& part : SplitConjuncts(condition)) {
        if (!IsPlainDeterministic(*part)) return false;
        conjuncts_.push_back({part, RelationsRead(*part)});
      }
    }
    return true;
  }

  // The reordered join with a project restoring `original`'s output.
  PlanPtr Reorder(const PlanPtr& original, const std::function<PlanPtr(const PlanPtr&)>& reorder_child) {
    std::vector<Group> groups;
    for (size_t r = 0; r < relations_.size(); ++r) {
      Group group;
      group.plan = reorder_child(relations_[r]);
      group.stats = estimator_.Estimate(group.plan);
      for (size_t c = 0; c < group.plan->output.size(); ++c) {
        group.columns.push_back(first_column_[r] + static_cast<int>(c));
        column_estimates_.push_back(group.stats.columns[c]);
      }
      group.relations = uint64_t{1} << r;
      groups.push_back(std::move(group));
    }
    // Conjuncts over one relation (or none) filter it before any join.
    for (auto& conjunct : conjuncts_) {
      if ((conjunct.relations & (conjunct.relations - 1)) != 0) continue;
      size_t r = conjunct.relations == 0 ? 0 : static_cast<size_t>(__builtin_ctzll(conjunct.relations));
      groups[r] = Filtered(groups[r], conjunct);
    }
    while (groups.size() > 1) {
      auto [a, b] = CheapestPair(groups);
      Group joined = JoinPair(groups[a], groups[b]);
      groups.erase(groups.begin() + b);  // b > a
      groups[a] = std::move(joined);
    }
    return RestoreOutput(original, groups[0]);
  }

 private:
  void Flatten(const PlanPtr& plan, int offset, std::vector<ExprPtr>& conditions) {
    if (!IsInnerJoin(*plan)) {
      relations_.push_back(plan);
      first_column_.push_back(offset);
      return;
    }
    int left_width = static_cast<int>(plan->children[0]->output.size());
    Flatten(plan->children[0], offset, conditions);
    Flatten(plan->children[1], offset + left_width, conditions);
    const ExprPtr& condition = plan->As<JoinNode>().condition;
    if (!condition) return;
    std::vector<int> to_global(plan->output.size());
    for (size_t i = 0; i < to_global.size(); ++i) to_global[i] = offset + static_cast<int>(i);
    conditions.push_back(RemapReferences(condition, to_global));
  }

  uint64_t RelationsRead(const Expr& expr) const {
    int width = first_column_.back() + static_cast<int>(relations_.back()->output.size());
    std::vector<bool> used(width, false);
    CollectReferences(expr, used);
    uint64_t relations = 0;
    for (size_t r = 0; r < relations_.size(); ++r) {
      for (size_t c = 0; c < relations_[r]->output.size(); ++c) {
        if (used[first_column_[r] + c]) relations |= uint64_t{1} << r;
      }
    }
    return relations;
  }

  // `expr` (global ordinals) over a plan whose output columns are `columns`.
  static ExprPtr ToLocal(const ExprPtr& expr, const std::vector<int>& columns, size_t width) {
    std::vector<int> mapping(width, -1);
    for (size_t i = 0; i < columns.size(); ++i) mapping[columns[i]] = static_cast<int>(i);
    return RemapReferences(expr, mapping);
  }

  size_t Width() const { return column_estimates_.size(); }

  // Later selectivities see the columns as `group` left them (fewer distinct values after a filter).
  void Track(const Group& group) {
    for (size_t i = 0; i < group.columns.size(); ++i) column_estimates_[group.columns[i]] = group.stats.columns[i];
  }

  Group Filtered(const Group& group, Conjunct& conjunct) {
    conjunct.applied = true;
    Group result = group;
    result.plan = MakeFilterNode(group.plan, ToLocal(conjunct.expr, group.columns, Width()));
    result.stats = estimator_.Estimate(result.plan);
    Track(result);
    return result;
  }

  // The unapplied conjuncts a join of `a` and `b` can evaluate (global ordinals).
  std::vector<ExprPtr> JoinConjuncts(const Group& a, const Group& b, bool mark_applied) {
    uint64_t both = a.relations | b.relations;
    std::vector<ExprPtr> parts;
    for (auto& conjunct : conjuncts_) {
      if (conjunct.applied || (conjunct.relations & ~both) != 0) continue;
      parts.push_back(conjunct.expr);
      conjunct.applied = conjunct.applied || mark_applied;
    }
    return parts;
  }

  double JoinedRows(const Group& a, const Group& b) {
    std::vector<int> side(Width(), -1);
    for (int column : a.columns) side[column] = 0;
    for (int column : b.columns) side[column] = 1;
    return a.stats.rows * b.stats.rows *
           StatisticsEstimator::JoinSelectivity(JoinConjuncts(a, b, false), column_estimates_, side, a.stats.rows,
                                                b.stats.rows);
  }

  // The connected pair with the smallest estimated join; without one, the smallest cross product.
  std::pair<size_t, size_t> CheapestPair(const std::vector<Group>& groups) {
    std::pair<size_t, size_t> best{0, 1};
    double best_rows = -1;
    bool best_connected = false;
    for (size_t a = 0; a < groups.size(); ++a) {
      for (size_t b = a + 1; b < groups.size(); ++b) {
        bool connected = !JoinConjuncts(groups[a], groups[b], false).empty();
        double rows = JoinedRows(groups[a], groups[b]);
        bool better = best_rows < 0 || (connected && !best_connected) ||
                      (connected == best_connected && rows < best_rows);
        if (!better) continue;
        best = {a, b};
        best_rows = rows;
        best_connected = connected;
      }
    }
    return best;
  }

  // Joins two groups, the larger (in bytes) on the left, the smaller on the right.
  Group JoinPair(const Group& first, const Group& second) {
    bool swap = first.stats.bytes() < second.stats.bytes();
    const Group& left = swap ? second : first;
    const Group& right = swap ? first : second;
    Group joined;
    joined.columns = left.columns;
    joined.columns.insert(joined.columns.end(), right.columns.begin(), right.columns.end());
    joined.relations = left.relations | right.relations;

    std::vector<ExprPtr> parts = JoinConjuncts(left, right, true);
    JoinNode node;
    node.type = parts.empty() ? JoinType::kCross : JoinType::kInner;
    if (!parts.empty()) node.condition = ToLocal(CombineConjuncts(parts), joined.columns, Width());
    LogicalPlan join(std::move(node), {left.plan, right.plan});
    join.output = left.plan->output;
    join.output.insert(join.output.end(), right.plan->output.begin(), right.plan->output.end());
    joined.plan = MakePlan(std::move(join));
    joined.stats = estimator_.Estimate(joined.plan);
    Track(joined);
    return joined;
  }

  static PlanPtr RestoreOutput(const PlanPtr& original, const Group& group) {
    std::vector<int> position(group.columns.size());
    for (size_t i = 0; i < group.columns.size(); ++i) position[group.columns[i]] = static_cast<int>(i);
    LogicalPlan project(ProjectNode{}, {group.plan});
    for (size_t g = 0; g < original->output.size(); ++g) {
      const Attribute& attribute = original->output[g];
      project.As<ProjectNode>().exprs.push_back(BoundRef(position[g], attribute.type, attribute.nullable, attribute.name));
    }
    project.output = original->output;
    return MakePlan(std::move(project));
  }

  StatisticsEstimator& estimator_;
  std::vector<PlanPtr> relations_;
  std::vector<int> first_column_;  // global ordinal of each relation's first column
  std::vector<Conjunct> conjuncts_;
  std::vector<ColumnEstimate> column_estimates_;  // by global ordinal, as of the latest join
};

PlanPtr Reorder(const PlanPtr& plan, StatisticsEstimator& estimator) {
  auto reorder_child = [&](const PlanPtr& child) { return Reorder(child, estimator); };
  if (IsInnerJoin(*plan)) {
    JoinGraph graph(estimator);
    if (graph.Collect(plan)) return graph.Reorder(plan, reorder_child);
  }
  return MapChildren(plan, reorder_child);
}

}  // namespace

PlanPtr ReorderJoins(const PlanPtr& plan, EvalContext& eval) {
  StatisticsEstimator estimator;
  return Reorder(plan, estimator);
}

}  // namespace ember

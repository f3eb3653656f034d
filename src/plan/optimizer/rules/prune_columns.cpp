#include <algorithm>

#include "plan/optimizer/rules/rules.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

// A pruned subtree and where each of its old output columns went (-1: dropped).
struct Pruned {
  PlanPtr plan;
  std::vector<int> mapping;
};

std::vector<int> IdentityMapping(size_t n) {
  std::vector<int> mapping(n);
  for (size_t i = 0; i < n; ++i) mapping[i] = static_cast<int>(i);
  return mapping;
}

// Every node keeps at least one column: a relation of rows without columns cannot be expressed
// (an empty kRead.projection means "all columns").
void KeepOne(std::vector<bool>& required) {
  for (bool r : required) {
    if (r) return;
  }
  if (!required.empty()) required[0] = true;
}

std::vector<ExprPtr> Remap(const std::vector<ExprPtr>& exprs, const std::vector<int>& mapping) {
  std::vector<ExprPtr> result;
  for (const auto& expr : exprs) result.push_back(RemapReferences(expr, mapping));
  return result;
}

// A copy of `plan` with its expressions' input ordinals renumbered by `mapping`.
LogicalPlan Remapped(const LogicalPlan& plan, const std::vector<int>& mapping) {
  LogicalPlan node = plan;
  node.ForEachExpr([&](ExprPtr& expr) { expr = RemapReferences(expr, mapping); });
  return node;
}

void CollectAllReferences(const LogicalPlan& plan, std::vector<bool>& used) {
  for (const auto& expr : plan.Exprs()) CollectReferences(*expr, used);
}

Pruned Prune(const PlanPtr& plan, std::vector<bool> required);

// Nodes whose output is their child's output (filter, sort, limit): the child must keep what the
// parent needs plus what the node itself reads.
Pruned PrunePassThrough(const PlanPtr& plan, std::vector<bool> required) {
  CollectAllReferences(*plan, required);
  Pruned child = Prune(plan->children[0], std::move(required));
  LogicalPlan node = Remapped(*plan, child.mapping);
  node.children = {child.plan};
  node.output = child.plan->output;
  return {MakePlan(std::move(node)), child.mapping};
}

Pruned PruneProject(const PlanPtr& plan, std::vector<bool> required) {
  KeepOne(required);
  std::vector<bool> child_required(plan->children[0]->output.size(), false);
  const auto& exprs = plan->As<ProjectNode>().exprs;
  std::vector<int> mapping(exprs.size(), -1);
  std::vector<ExprPtr> kept;
  std::vector<Attribute> output;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (!required[i]) continue;
    CollectReferences(*exprs[i], child_required);
    mapping[i] = static_cast<int>(kept.size());
    kept.push_back(exprs[i]);
    output.push_back(plan->output[i]);
  }
  Pruned child = Prune(plan->children[0], std::move(child_required));
  LogicalPlan node(ProjectNode{Remap(kept, child.mapping)}, {child.plan});
  node.output = std::move(output);
  node.plan_id = plan->plan_id;
  return {MakePlan(std::move(node)), mapping};
}

Pruned PruneAggregate(const PlanPtr& plan) {
  std::vector<bool> child_required(plan->children[0]->output.size(), false);
  CollectAllReferences(*plan, child_required);
  Pruned child = Prune(plan->children[0], std::move(child_required));
  LogicalPlan node = Remapped(*plan, child.mapping);
  node.children = {child.plan};
  return {MakePlan(std::move(node)), IdentityMapping(plan->output.size())};
}

Pruned PruneRead(const PlanPtr& plan, std::vector<bool> required) {
  CollectAllReferences(*plan, required);
  KeepOne(required);
  LogicalPlan node = *plan;
  ReadNode& read = node.As<ReadNode>();
  // Output column i is data_schema column columns[i].
  std::vector<int> columns = read.projection;
  if (columns.empty()) columns = IdentityMapping(read.data_schema.size());
  read.projection.clear();
  std::vector<int> mapping(plan->output.size(), -1);
  node.output.clear();
  for (size_t i = 0; i < plan->output.size(); ++i) {
    if (!required[i]) continue;
    mapping[i] = static_cast<int>(node.output.size());
    read.projection.push_back(columns[i]);
    node.output.push_back(plan->output[i]);
  }
  read.pushed_filters = Remap(read.pushed_filters, mapping);
  return {MakePlan(std::move(node)), mapping};
}

Pruned PruneUnion(const PlanPtr& plan) {
  LogicalPlan node = *plan;
  node.children.clear();
  for (const auto& child : plan->children) {
    node.children.push_back(Prune(child, std::vector<bool>(child->output.size(), true)).plan);
  }
  return {MakePlan(std::move(node)), IdentityMapping(plan->output.size())};
}

// Expand: drops the output columns no one reads (in every projection), and the child keeps what
// the remaining ones read.
Pruned PruneExpand(const PlanPtr& plan, std::vector<bool> required) {
  KeepOne(required);
  const auto& projections = plan->As<ExpandNode>().projections;
  std::vector<bool> child_required(plan->children[0]->output.size(), false);
  std::vector<int> mapping(plan->output.size(), -1);
  LogicalPlan node(ExpandNode{std::vector<std::vector<ExprPtr>>(projections.size())}, {});
  for (size_t c = 0; c < plan->output.size(); ++c) {
    if (!required[c]) continue;
    mapping[c] = static_cast<int>(node.output.size());
    node.output.push_back(plan->output[c]);
    for (size_t p = 0; p < projections.size(); ++p) {
      CollectReferences(*projections[p][c], child_required);
      node.As<ExpandNode>().projections[p].push_back(projections[p][c]);
    }
  }
  Pruned child = Prune(plan->children[0], std::move(child_required));
  for (auto& projection : node.As<ExpandNode>().projections) projection = Remap(projection, child.mapping);
  node.children = {child.plan};
  node.plan_id = plan->plan_id;
  return {MakePlan(std::move(node)), mapping};
}

// Window: the child keeps what the parent reads of it plus what the window expressions read (all
// of them stay: the node computes at least one).
Pruned PruneWindow(const PlanPtr& plan, std::vector<bool> required) {
  const size_t width = plan->children[0]->output.size();
  required.resize(width);
  CollectAllReferences(*plan, required);
  Pruned child = Prune(plan->children[0], std::move(required));
  LogicalPlan node = Remapped(*plan, child.mapping);
  node.children = {child.plan};
  node.output = child.plan->output;
  std::vector<int> mapping = child.mapping;
  for (size_t i = width; i < plan->output.size(); ++i) {
    mapping.push_back(static_cast<int>(node.output.size()));
    node.output.push_back(plan->output[i]);
  }
  return {MakePlan(std::move(node)), mapping};
}

// Generate: the child keeps what the parent reads of it plus what the generator reads; columns
// only the generator reads are dropped from the output rows, so explode(split(text, ' ')) does not
// copy the text once per word. The generated columns all stay.
Pruned PruneGenerate(const PlanPtr& plan, const std::vector<bool>& required) {
  const auto& dropped = plan->As<GenerateNode>().dropped_child_columns;
  // passed[k]: the child column output column k repeats.
  std::vector<int> passed;
  for (int c = 0; c < static_cast<int>(plan->children[0]->output.size()); ++c) {
    if (!std::binary_search(dropped.begin(), dropped.end(), c)) passed.push_back(c);
  }
  std::vector<bool> child_required(plan->children[0]->output.size(), false);
  for (size_t k = 0; k < passed.size(); ++k) child_required[passed[k]] = required[k];
  std::vector<bool> kept_child = child_required;
  CollectAllReferences(*plan, child_required);
  Pruned child = Prune(plan->children[0], std::move(child_required));
  LogicalPlan node = Remapped(*plan, child.mapping);
  node.children = {child.plan};
  node.output.clear();
  std::vector<bool> repeated(child.plan->output.size(), false);
  std::vector<int> mapping(plan->output.size(), -1);
  for (size_t k = 0; k < passed.size(); ++k) {
    if (!kept_child[passed[k]]) continue;
    repeated[child.mapping[passed[k]]] = true;
    mapping[k] = static_cast<int>(node.output.size());
    node.output.push_back(plan->output[k]);
  }
  auto& new_dropped = node.As<GenerateNode>().dropped_child_columns;
  new_dropped.clear();
  for (size_t c = 0; c < repeated.size(); ++c) {
    if (!repeated[c]) new_dropped.push_back(static_cast<int>(c));
  }
  for (size_t i = passed.size(); i < plan->output.size(); ++i) {
    mapping[i] = static_cast<int>(node.output.size());
    node.output.push_back(plan->output[i]);
  }
  return {MakePlan(std::move(node)), mapping};
}

// Joins: each side keeps what the parent reads of it plus what the condition reads.
Pruned PruneJoin(const PlanPtr& plan, const std::vector<bool>& required) {
  const PlanPtr& left = plan->children[0];
  const PlanPtr& right = plan->children[1];
  size_t nl = left->output.size(), nr = right->output.size();
  std::vector<bool> used(nl + nr, false);
  for (size_t i = 0; i < required.size(); ++i) used[i] = required[i];
  CollectAllReferences(*plan, used);
  Pruned pruned_left = Prune(left, std::vector<bool>(used.begin(), used.begin() + nl));
  Pruned pruned_right = Prune(right, std::vector<bool>(used.begin() + nl, used.end()));
  std::vector<int> mapping = pruned_left.mapping;
  int new_left = static_cast<int>(pruned_left.plan->output.size());
  for (int m : pruned_right.mapping) mapping.push_back(m < 0 ? -1 : new_left + m);
  LogicalPlan node = Remapped(*plan, mapping);
  node.children = {pruned_left.plan, pruned_right.plan};
  node.output.clear();
  mapping.resize(plan->output.size());
  for (size_t i = 0; i < plan->output.size(); ++i) {
    if (mapping[i] >= 0) node.output.push_back(plan->output[i]);
  }
  return {MakePlan(std::move(node)), mapping};
}

Pruned Prune(const PlanPtr& plan, std::vector<bool> required) {
  switch (plan->kind()) {
    case PlanKind::kProject:
      return PruneProject(plan, std::move(required));
    case PlanKind::kFilter:
    case PlanKind::kSort:
    case PlanKind::kLimit:
    case PlanKind::kWindowGroupLimit:
      return PrunePassThrough(plan, std::move(required));
    case PlanKind::kWindow:
      return PruneWindow(plan, std::move(required));
    case PlanKind::kGenerate:
      return PruneGenerate(plan, required);
    case PlanKind::kAggregate:
      return PruneAggregate(plan);
    case PlanKind::kRead:
      return PruneRead(plan, std::move(required));
    case PlanKind::kUnion:
      return PruneUnion(plan);
    case PlanKind::kJoin:
      return PruneJoin(plan, required);
    case PlanKind::kExpand:
      return PruneExpand(plan, std::move(required));
    default:
      return {plan, IdentityMapping(plan->output.size())};
  }
}

}  // namespace

PlanPtr PruneColumns(const PlanPtr& plan, EvalContext& eval) {
  return Prune(plan, std::vector<bool>(plan->output.size(), true)).plan;
}

}  // namespace ember

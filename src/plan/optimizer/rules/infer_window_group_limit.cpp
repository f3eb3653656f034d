#include <optional>

#include "plan/conjuncts.h"
#include "plan/optimizer/rules/rules.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

// Spark's spark.sql.optimizer.windowGroupLimitThreshold default: larger limits keep the filter alone.
constexpr int64_t kWindowGroupLimitThreshold = 1000;

bool IsRankLike(const Expr& window) {
  const std::string& name = window.args[0]->name;
  return window.args[0]->kind != ExprKind::kAggregate &&
         (name == "row_number" || name == "rank" || name == "dense_rank");
}

// A frame from the partition's first row to the current row, over a function that does not need
// the partition's size: its values on a partition's first rows do not depend on the rows after.
bool IsExpanding(const Expr& window) {
  const Expr& function = *window.args[0];
  const std::string& name = function.name;
  if (function.kind != ExprKind::kAggregate &&
      (name == "percent_rank" || name == "cume_dist" || name == "ntile" || name == "lag" || name == "lead")) {
    return false;
  }
  return window.window->lower.kind == FrameBound::kUnboundedPreceding &&
         window.window->upper.kind == FrameBound::kCurrentRow;
}

bool IsColumn(const Expr& expr, int column) {
  const Expr* e = &expr;
  while (e->kind == ExprKind::kCast && e->implicit_cast && e->type->IsIntegral()) e = e->args[0].get();
  return e->kind == ExprKind::kBoundRef && e->index == column;
}

bool IsIntegerLiteral(const Expr& expr) {
  return expr.kind == ExprKind::kLiteral && !expr.literal.is_null && expr.type->IsIntegral();
}

// The largest value of the column at `column` that `conjunct` keeps when it is `c <= k`, `c < k`,
// `c = k` or the same with the sides swapped.
std::optional<int64_t> LimitOf(const Expr& conjunct, int column) {
  if (conjunct.kind != ExprKind::kFunction || conjunct.args.size() != 2) return std::nullopt;
  std::string op = conjunct.name;
  const Expr* a = conjunct.args[0].get();
  const Expr* b = conjunct.args[1].get();
  if (IsColumn(*b, column) && IsIntegerLiteral(*a)) {
    std::swap(a, b);
    op = op == ">=" ? "<=" : op == ">" ? "<" : op;
  }
  if (!IsColumn(*a, column) || !IsIntegerLiteral(*b)) return std::nullopt;
  const int64_t k = b->literal.i64;
  if (op == "<=" || op == "=" || op == "==") return k;
  if (op == "<") return k - 1;
  return std::nullopt;
}

// Filter(Window) where the filter limits a rank-like column of the window: the window's rows are
// first cut to those the filter can keep. Prefers a row_number limit (it keeps the fewest rows),
// then the smallest one.
PlanPtr Infer(const PlanPtr& node) {
  if (!node->Is<FilterNode>() || !node->children[0]->Is<WindowNode>()) return node;
  const PlanPtr& window = node->children[0];
  const auto& exprs = window->As<WindowNode>().exprs;
  const Expr& first = *exprs[0];
  if (window->children[0]->Is<WindowGroupLimitNode>() || first.args.size() == first.window->num_partition + 1) {
    return node;
  }
  for (const auto& expr : exprs) {
    if (!IsExpanding(*expr)) return node;
  }
  const int width = static_cast<int>(window->output.size() - exprs.size());
  std::optional<std::pair<int64_t, ExprPtr>> chosen;
  bool chosen_row_number = false;
  for (const auto& conjunct : SplitConjuncts(node->As<FilterNode>().condition)) {
    for (size_t i = 0; i < exprs.size(); ++i) {
      if (!IsRankLike(*exprs[i])) continue;
      std::optional<int64_t> limit = LimitOf(*conjunct, width + static_cast<int>(i));
      if (!limit) continue;
      const bool row_number = exprs[i]->args[0]->name == "row_number";
      if (!chosen || (row_number && !chosen_row_number) ||
          (row_number == chosen_row_number && *limit < chosen->first)) {
        chosen = std::make_pair(*limit, exprs[i]);
        chosen_row_number = row_number;
      }
    }
  }
  if (!chosen || chosen->first >= kWindowGroupLimitThreshold) return node;
  if (chosen->first <= 0) {
    LogicalPlan empty(LocalRelationNode{OutputSchema(node->output), std::make_shared<const std::vector<Batch>>()});
    empty.output = node->output;
    return MakePlan(std::move(empty));
  }
  LogicalPlan limited(WindowGroupLimitNode{chosen->second, chosen->first}, {window->children[0]});
  limited.output = window->children[0]->output;
  return WithChildren(node, {WithChildren(window, {MakePlan(std::move(limited))})});
}

}  // namespace

PlanPtr InferWindowGroupLimit(const PlanPtr& plan, EvalContext& eval) { return TransformPlanUp(plan, Infer); }

}  // namespace ember

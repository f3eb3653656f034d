#include "plan/analyzer/time_window_resolution.h"

#include "plan/analyzer/generate_resolution.h"
#include "plan/plan_builders.h"

namespace ember {
namespace {

bool IsTimeWindowCall(const Expr& expr) { return expr.kind == ExprKind::kFunction && expr.name == "window"; }

void CollectCalls(const ExprPtr& expr, std::vector<ExprPtr>& calls) {
  if (IsTimeWindowCall(*expr)) {
    calls.push_back(expr);
    return;
  }
  for (const auto& arg : expr->args) {
    if (arg) CollectCalls(arg, calls);
  }
}

ExprPtr ReplaceCalls(const ExprPtr& expr, const ExprPtr& column) {
  if (IsTimeWindowCall(*expr)) return column;
  std::vector<ExprPtr> args;
  bool changed = false;
  for (const auto& arg : expr->args) {
    args.push_back(arg ? ReplaceCalls(arg, column) : arg);
    changed = changed || args.back() != arg;
  }
  if (!changed) return expr;
  auto copy = std::make_shared<Expr>(*expr);
  copy->args = std::move(args);
  return copy;
}

}  // namespace

std::optional<TimeWindowInput> PlanTimeWindow(const TimeWindowInput& input, const AnalyzerContext& ctx) {
  std::vector<ExprPtr> calls;
  for (const auto& list : input.lists) {
    for (const auto& expr : list) CollectCalls(expr, calls);
  }
  if (calls.empty()) return std::nullopt;
  for (const auto& call : calls) {
    if (call->ToSql() != calls[0]->ToSql()) {
      throw SparkError("UNSUPPORTED_FEATURE",
                       {{"feature", "several different time window expressions in one query node (they would give a "
                                    "cartesian product of rows)"}});
    }
  }
  GenerateNode node;
  node.generator = calls[0];
  node.names = {"window"};
  TimeWindowInput result;
  result.child = ResolveGenerate(node, input.child, ctx);
  size_t index = input.child->output.size();
  const Attribute& window = result.child->output[index];
  ExprPtr column = BoundRef(static_cast<int>(index), window.type, window.nullable, window.name);
  for (const auto& list : input.lists) {
    std::vector<ExprPtr> replaced;
    for (const auto& expr : list) {
      if (expr->kind == ExprKind::kStar && expr->name_parts.empty()) {
        // `*` means the child's columns, not the window column added under them.
        for (size_t c = 0; c < index; ++c) replaced.push_back(BoundAttribute(static_cast<int>(c), input.child->output[c]));
      } else {
        replaced.push_back(ReplaceCalls(expr, column));
      }
    }
    result.lists.push_back(std::move(replaced));
  }
  return result;
}

}  // namespace ember

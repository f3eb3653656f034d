#include "plan/analyzer/time_window_resolution.h"

#include "plan/analyzer/expr_resolver.h"
#include "plan/analyzer/generate_resolution.h"
#include "plan/analyzer/window_resolution.h"
#include "plan/plan_builders.h"
#include "plan/sql_text.h"

namespace ember {
namespace {

bool IsCall(const Expr& expr, const char* name) { return expr.kind == ExprKind::kFunction && expr.name == name; }

void CollectCalls(const ExprPtr& expr, const char* name, std::vector<ExprPtr>& calls) {
  if (IsCall(*expr, name)) {
    calls.push_back(expr);
    return;
  }
  for (const auto& arg : expr->args) {
    if (arg) CollectCalls(arg, name, calls);
  }
}

ExprPtr ReplaceCalls(const ExprPtr& expr, const char* name, const ExprPtr& column) {
  if (IsCall(*expr, name)) return column;
  std::vector<ExprPtr> args;
  bool changed = false;
  for (const auto& arg : expr->args) {
    args.push_back(arg ? ReplaceCalls(arg, name, column) : arg);
    changed = changed || args.back() != arg;
  }
  if (!changed) return expr;
  auto copy = std::make_shared<Expr>(*expr);
  copy->args = std::move(args);
  return copy;
}

// The calls of `name` in the lists; all the same one, as Spark requires.
std::vector<ExprPtr> SameCalls(const TimeWindowInput& input, const char* name) {
  std::vector<ExprPtr> calls;
  for (const auto& list : input.lists) {
    for (const auto& expr : list) CollectCalls(expr, name, calls);
  }
  for (const auto& call : calls) {
    if (call->ToSql() != calls[0]->ToSql()) {
      throw SparkError("UNSUPPORTED_FEATURE",
                       {{"feature", "several different time window expressions in one query node (they would give a "
                                    "cartesian product of rows)"}});
    }
  }
  return calls;
}

// The lists over `child` (the input's child plus one column at `index`) with the calls replaced by
// that column.
TimeWindowInput WithWindowColumn(const TimeWindowInput& input, const char* name, PlanPtr child, size_t index) {
  TimeWindowInput result;
  result.child = std::move(child);
  const Attribute& window = result.child->output[index];
  ExprPtr column = BoundRef(static_cast<int>(index), window.type, window.nullable, window.name);
  for (const auto& list : input.lists) {
    std::vector<ExprPtr> replaced;
    for (const auto& expr : list) {
      if (expr->kind == ExprKind::kStar && expr->name_parts.empty()) {
        // `*` means the child's columns, not the window column added under them.
        for (size_t c = 0; c < index; ++c) replaced.push_back(BoundAttribute(static_cast<int>(c), input.child->output[c]));
      } else {
        replaced.push_back(ReplaceCalls(expr, name, column));
      }
    }
    result.lists.push_back(std::move(replaced));
  }
  return result;
}

std::vector<ExprPtr> AllColumnsOf(const PlanPtr& plan) {
  std::vector<ExprPtr> columns;
  for (size_t c = 0; c < plan->output.size(); ++c) columns.push_back(BoundAttribute(static_cast<int>(c), plan->output[c]));
  return columns;
}

// `plan` with one more column: the SQL expression `sql` over it, named `name`.
PlanPtr WithColumn(const PlanPtr& plan, const std::string& sql, const std::string& name, const AnalyzerContext& ctx) {
  std::vector<ExprPtr> exprs = AllColumnsOf(plan);
  exprs.push_back(AliasAs(ExprResolver(ctx, plan->output).Resolve(ParseSqlExpressionText(sql)), name));
  return ContainsWindow(*exprs.back()) ? PlanWindows(plan, exprs) : MakeProjectNode(plan, std::move(exprs));
}

}  // namespace

std::optional<TimeWindowInput> PlanTimeWindow(const TimeWindowInput& input, const AnalyzerContext& ctx) {
  std::vector<ExprPtr> calls = SameCalls(input, "window");
  if (calls.empty()) return std::nullopt;
  GenerateNode node;
  node.generator = calls[0];
  node.names = {"window"};
  return WithWindowColumn(input, "window", ResolveGenerate(node, input.child, ctx), input.child->output.size());
}

std::optional<TimeWindowInput> PlanSessionWindow(const TimeWindowInput& input, size_t groups, const AnalyzerContext& ctx) {
  std::vector<ExprPtr> calls = SameCalls(input, "session_window");
  if (calls.empty()) return std::nullopt;
  const PlanPtr& child = input.child;
  size_t width = child->output.size();
  // The child's columns, the other grouping keys and each event's own session [time, time + gap).
  ExprResolver resolver(ctx, child->output);
  std::vector<ExprPtr> exprs = AllColumnsOf(child);
  std::string keys;
  for (const auto& group : input.lists[groups]) {
    std::vector<ExprPtr> inner;
    CollectCalls(group, "session_window", inner);
    if (!inner.empty()) continue;
    std::string name = "__session_key" + std::to_string(exprs.size() - width);
    exprs.push_back(AliasAs(resolver.Resolve(group), name));
    keys += "`" + name + "`, ";
  }
  exprs.push_back(AliasAs(resolver.Resolve(calls[0]), "__session_event"));
  PlanPtr plan = MakeProjectNode(child, std::move(exprs));
  plan = MakeFilterNode(plan, ExprResolver(ctx, plan->output).Resolve(ParseSqlExpressionText("`__session_event` IS NOT NULL")));
  // Sorted by start within the keys, an event opens a session when it starts after every earlier
  // event's end (Spark merges a start equal to the session's end); the running count of openings
  // numbers the sessions, whose bounds are their events' first start and last end.
  std::string by_keys = keys.empty() ? "" : "PARTITION BY " + keys.substr(0, keys.size() - 2);
  std::string order = " ORDER BY `__session_event`.`start`, `__session_event`.`end`";
  plan = WithColumn(plan, "max(`__session_event`.`end`) OVER (" + by_keys + order + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)",
                    "__session_previous_end", ctx);
  plan = WithColumn(plan,
                    "sum(CASE WHEN `__session_previous_end` IS NULL OR `__session_event`.`start` > `__session_previous_end` "
                    "THEN 1 ELSE 0 END) OVER (" + by_keys + order + ")",
                    "__session_number", ctx);
  std::string by_session = "PARTITION BY " + keys + "`__session_number`";
  plan = WithColumn(plan,
                    "named_struct('start', min(`__session_event`.`start`) OVER (" + by_session + "), 'end', max(`__session_event`.`end`) OVER (" +
                        by_session + "))",
                    "session_window", ctx);
  std::vector<ExprPtr> columns = AllColumnsOf(plan);
  std::vector<ExprPtr> kept(columns.begin(), columns.begin() + static_cast<std::ptrdiff_t>(width));
  kept.push_back(columns.back());
  return WithWindowColumn(input, "session_window", MakeProjectNode(plan, std::move(kept)), width);
}

}  // namespace ember

#include "plan/analyzer/window_resolution.h"

#include <algorithm>
#include <functional>

#include "expr/evaluator.h"
#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/expr_resolver.h"
#include "plan/expr_key.h"
#include "plan/expr_text.h"
#include "plan/plan_builders.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

bool IsLagLead(const std::string& name) { return name == "lag" || name == "lead"; }

ExprPtr Resolved(Expr node) { return std::make_shared<const Expr>(std::move(node)); }

ExprPtr IntLiteral(int64_t value) { return Literal(Value::Int(static_cast<int32_t>(value))); }

// The value of a constant argument; throws when the argument is not constant.
Value ConstantArg(const ExprPtr& arg, const std::string& function, const EvalContext& ctx) {
  if (!IsFoldable(*arg)) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
                     "Cannot resolve \"" + function + "\" due to data type mismatch: the input offset should be a "
                     "foldable \"INT\" expression; however, got " + SqlExpr(*arg) + ".",
                     {{"inputName", "offset"}, {"inputType", "\"INT\""}, {"inputExpr", SqlExpr(*arg)}});
  }
  EvalContext eval = ctx;
  return EvaluateConstant(*arg, eval);
}

[[noreturn]] void ThrowFrameMismatch(const std::string& subclass, const Expr& window, const std::string& text,
                                     ErrorParams params) {
  std::string sql = "\"" + std::string(window.window->rows ? "ROWS" : "RANGE") + " BETWEEN ...\"";
  params.insert(params.begin(), {"sqlExpr", sql});
  throw SparkError("DATATYPE_MISMATCH." + subclass, "42K09",
                   "Cannot resolve " + sql + " due to data type mismatch: " + text, params);
}

// The frame's text as Spark prints it in errors and explain: specifiedwindowframe(RowFrame, ...).
std::string FrameString(bool rows, const FrameBound& lower, const FrameBound& upper) {
  WindowSpec spec;
  spec.rows = rows;
  spec.lower = lower;
  spec.upper = upper;
  Expr window;
  window.kind = ExprKind::kWindow;
  window.window = std::make_shared<const WindowSpec>(spec);
  window.args = {Literal(Value::Int(0))};
  std::string text = ExprText(window);
  size_t start = text.find("specifiedwindowframe(");
  return text.substr(start, text.size() - start - 1);
}

int64_t SignedOffset(const FrameBound& bound) {
  int64_t value = bound.offset->literal.i64;
  return bound.kind == FrameBound::kPreceding ? -value : value;
}

}  // namespace

bool ContainsWindow(const Expr& expr) {
  if (expr.kind == ExprKind::kWindow) return true;
  return std::any_of(expr.args.begin(), expr.args.end(), [](const ExprPtr& arg) { return ContainsWindow(*arg); });
}

ExprPtr ExprResolver::ResolveWindow(const Expr& expr) {
  const WindowSpec& spec = *expr.window;
  std::vector<ExprPtr> partition, order;
  for (size_t i = 1; i < expr.args.size(); ++i) {
    ExprPtr resolved = Resolve(expr.args[i]);
    if (i <= spec.num_partition) {
      partition.push_back(std::move(resolved));
      continue;
    }
    order.push_back(AsSortOrder(resolved));
  }
  ExprPtr function = ResolveWindowFunction(*expr.args[0]);
  auto window = std::make_shared<WindowSpec>(spec);
  Expr node;
  node.kind = ExprKind::kWindow;
  node.args = {function};
  node.args.insert(node.args.end(), partition.begin(), partition.end());
  node.args.insert(node.args.end(), order.begin(), order.end());
  node.window = window;
  ResolveFrame(node, *window, order);
  node.type = function->type;
  node.nullable = function->nullable;
  return Resolved(std::move(node));
}

ExprPtr ExprResolver::ResolveWindowFunction(const Expr& call) {
  if (call.kind != ExprKind::kFunction || !IsWindowFunctionName(call.name)) {
    ExprPtr resolved = Resolve(std::make_shared<const Expr>(call));
    if (resolved->kind != ExprKind::kAggregate) {
      throw SparkError("UNSUPPORTED_EXPR_FOR_WINDOW", "42P20",
                       "Expression " + SqlExpr(*resolved) + " not supported within a window function.",
                       {{"sqlExpr", SqlExpr(*resolved)}});
    }
    if (resolved->distinct) {
      throw SparkError("DISTINCT_WINDOW_FUNCTION_UNSUPPORTED", "0A000",
                       "Distinct window functions are not supported: " + resolved->ToSql() + ".",
                       {{"windowExpr", resolved->ToSql()}});
    }
    if (resolved->has_filter) {
      throw SparkError("_LEGACY_ERROR_TEMP_1030", "",
                       "Window aggregate function with filter predicate is not supported yet.", {});
    }
    return resolved;
  }
  std::vector<ExprPtr> args = ResolveArgs(call);
  Expr node;
  node.kind = ExprKind::kFunction;
  node.name = call.name;
  auto wrong_args = [&](const std::string& expected) {
    throw SparkError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "42605",
                     "The `" + call.name + "` requires " + expected + " parameters but the actual number is " +
                         std::to_string(args.size()) + ".",
                     {{"functionName", "`" + call.name + "`"}, {"expectedNum", expected},
                      {"actualNum", std::to_string(args.size())}});
  };
  if (IsRankingFunction(call.name)) {
    bool ntile = call.name == "ntile";
    if (args.size() != (ntile ? 1u : 0u)) wrong_args(ntile ? "1" : "0");
    if (ntile) {
      Value buckets = ConstantArg(args[0], call.name, ctx_.eval);
      if (buckets.is_null || !args[0]->type->IsIntegral() || buckets.i64 <= 0) {
        throw SparkError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
                         "Cannot resolve \"ntile(" + args[0]->ToSql() + ")\" due to data type mismatch: The "
                         "`buckets` must be between (0, 2147483647]; however, got " + args[0]->ToSql() + ".",
                         {{"exprName", "buckets"}, {"valueRange", "(0, 2147483647]"},
                          {"currentValue", args[0]->ToSql()}});
      }
      node.args = {IntLiteral(buckets.i64)};
    }
    bool fraction = call.name == "percent_rank" || call.name == "cume_dist";
    node.type = fraction ? DoubleType() : IntType();
    node.nullable = false;
    return Resolved(std::move(node));
  }
  bool lag_lead = IsLagLead(call.name);
  size_t min_args = lag_lead ? 1 : 2, max_args = lag_lead ? 4 : 3;
  if (args.size() < min_args || args.size() > max_args) {
    wrong_args(lag_lead ? "[1, 2, 3, 4]" : "[2, 3]");
  }
  ExprPtr input = args[0];
  int64_t offset = 1;
  if (args.size() > 1) {
    Value value = ConstantArg(args[1], call.name, ctx_.eval);
    if (value.is_null || !args[1]->type->IsIntegral()) ThrowUnexpectedInputType(call, 1, "\"INT\"", *args[1]);
    offset = value.i64;
  }
  if (!lag_lead && offset <= 0) {
    throw SparkError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
                     "Cannot resolve \"nth_value(" + input->ToSql() + ", " + args[1]->ToSql() +
                         ")\" due to data type mismatch: The `offset` must be between (0, 9223372036854775807]; "
                         "however, got " + args[1]->ToSql() + ".",
                     {{"exprName", "offset"}, {"valueRange", "(0, 9223372036854775807]"},
                      {"currentValue", args[1]->ToSql()}});
  }
  size_t ignore_slot = lag_lead ? 3 : 2;
  bool ignore_nulls = false;
  if (args.size() > ignore_slot) ignore_nulls = ConstantArg(args[ignore_slot], call.name, ctx_.eval).i64 != 0;
  ExprPtr fallback = Literal(Value::Null(input->type));
  if (lag_lead && args.size() > 2) fallback = CastTo(args[2], input->type);
  node.args = {input, Literal(Value::Long(offset))};
  if (lag_lead) node.args.push_back(fallback);
  node.args.push_back(Literal(Value::Boolean(ignore_nulls)));
  node.type = input->type;
  node.nullable = true;
  return Resolved(std::move(node));
}

// Spark's frame rules: ranking functions and lag/lead need an ORDER BY and run in their own frame
// (a different explicit frame is an error); aggregates default to RANGE UNBOUNDED PRECEDING ..
// CURRENT ROW when ordered and to the whole partition otherwise; explicit frames are checked.
void ExprResolver::ResolveFrame(const Expr& window, WindowSpec& spec, const std::vector<ExprPtr>& order) {
  const Expr& function = *window.args[0];
  bool special = function.kind == ExprKind::kFunction && function.name != "nth_value";
  if (special && order.empty()) {
    std::string wf = function.name + "()";
    throw SparkError("_LEGACY_ERROR_TEMP_1037", "",
                     "Window function " + wf + " requires window to be ordered, please add ORDER BY clause. For "
                     "example SELECT " + wf + "(value_expr) OVER (PARTITION BY window_partition ORDER BY "
                     "window_ordering) from table.",
                     {{"wf", wf}});
  }
  if (special) {
    bool rows = function.name != "cume_dist";
    FrameBound lower{FrameBound::kUnboundedPreceding, nullptr}, upper{FrameBound::kCurrentRow, nullptr};
    if (IsLagLead(function.name)) {
      int64_t offset = function.args[1]->literal.i64 * (function.name == "lag" ? -1 : 1);
      FrameBound at{FrameBound::kFollowing, Literal(Value::Int(static_cast<int32_t>(offset)))};
      lower = upper = at;
    }
    if (spec.frame_specified) {
      bool same = spec.rows == rows && spec.lower.kind == lower.kind && spec.upper.kind == upper.kind;
      if (!same || (lower.offset && SignedOffset(spec.lower) != SignedOffset(lower))) {
        std::string given = FrameString(spec.rows, spec.lower, spec.upper);
        std::string required = FrameString(rows, lower, upper);
        throw SparkError("_LEGACY_ERROR_TEMP_1036", "",
                         "Window Frame " + given + " must match the required frame " + required + ".",
                         {{"wf", given}, {"required", required}});
      }
    }
    spec.frame_specified = true;
    spec.rows = rows;
    spec.lower = lower;
    spec.upper = upper;
    return;
  }
  if (!spec.frame_specified) {
    spec.frame_specified = true;
    spec.rows = order.empty();
    spec.lower = {FrameBound::kUnboundedPreceding, nullptr};
    spec.upper = {order.empty() ? FrameBound::kUnboundedFollowing : FrameBound::kCurrentRow, nullptr};
    return;
  }
  if (spec.lower.kind == FrameBound::kUnboundedFollowing || spec.upper.kind == FrameBound::kUnboundedPreceding) {
    std::string lower = spec.lower.kind == FrameBound::kUnboundedFollowing ? "UNBOUNDED FOLLOWING" : "lower";
    std::string upper = spec.upper.kind == FrameBound::kUnboundedPreceding ? "UNBOUNDED PRECEDING" : "upper";
    ThrowFrameMismatch("SPECIFIED_WINDOW_FRAME_INVALID_BOUND", window,
                       "Window frame upper bound \"" + upper + "\" does not follow the lower bound \"" + lower + "\".",
                       {{"upper", "\"" + upper + "\""}, {"lower", "\"" + lower + "\""}});
  }
  bool has_value = spec.lower.offset != nullptr || spec.upper.offset != nullptr;
  TypePtr key_type = order.empty() ? nullptr : order[0]->type;
  for (FrameBound* bound : {&spec.lower, &spec.upper}) {
    if (!bound->offset) continue;
    ExprPtr offset = Resolve(bound->offset);
    Value value = ConstantArg(offset, "window frame", ctx_.eval);
    TypeId id = offset->type->id;
    bool accepted = spec.rows ? offset->type->IsIntegral()
                              : offset->type->IsNumeric() || id == TypeId::kDayTimeInterval ||
                                    id == TypeId::kYearMonthInterval;
    if (!accepted) {
      std::string location = bound == &spec.lower ? "lower" : "upper";
      std::string expected = spec.rows ? "\"INT\"" : "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\")";
      ThrowFrameMismatch("SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE", window,
                         "The data type of the " + location + " bound " + SqlType(*offset->type) +
                             " does not match the expected data type " + expected + ".",
                         {{"location", location}, {"exprType", SqlType(*offset->type)}, {"expectedType", expected}});
    }
    if (spec.rows) value = Value::Int(static_cast<int32_t>(value.i64));
    bound->offset = Literal(value);
  }
  if (!spec.rows && has_value) {
    if (order.empty()) {
      ThrowFrameMismatch("RANGE_FRAME_WITHOUT_ORDER", window,
                         "A range window frame cannot be used in an unordered window specification.", {});
    }
    if (order.size() > 1) {
      std::string specs;
      for (size_t i = 0; i < order.size(); ++i) specs += (i ? ", " : "") + order[i]->ToSql();
      ThrowFrameMismatch("RANGE_FRAME_MULTI_ORDER", window,
                         "A range window frame with value boundaries cannot be used in a window specification with "
                         "multiple order by expressions: " + specs + ".",
                         {{"orderSpec", specs}});
    }
    for (const FrameBound* bound : {&spec.lower, &spec.upper}) {
      if (!bound->offset) continue;
      TypeId offset_id = bound->offset->type->id;
      bool fits = key_type->IsNumeric() ? bound->offset->type->IsNumeric()
                  : key_type->id == TypeId::kDate ? bound->offset->type->IsIntegral() || offset_id == TypeId::kDayTimeInterval
                  : key_type->id == TypeId::kTimestamp || key_type->id == TypeId::kTimestampNtz
                      ? offset_id == TypeId::kDayTimeInterval
                      : key_type->id == offset_id;
      if (!fits) {
        ThrowFrameMismatch("RANGE_FRAME_INVALID_TYPE", window,
                           "The data type " + SqlType(*key_type) +
                               " used in the order specification does not match the data type " +
                               SqlType(*bound->offset->type) + " which is used in the range frame.",
                           {{"orderSpecType", SqlType(*key_type)}, {"valueBoundaryType", SqlType(*bound->offset->type)}});
      }
    }
  }
  // Both bounds are offsets of one kind of value: the lower must not lie after the upper.
  auto position = [](const FrameBound& bound) -> double {
    switch (bound.kind) {
      case FrameBound::kPreceding: return -bound.offset->literal.f64 - static_cast<double>(bound.offset->literal.i64);
      case FrameBound::kFollowing: return bound.offset->literal.f64 + static_cast<double>(bound.offset->literal.i64);
      default: return 0;
    }
  };
  bool comparable = spec.lower.kind != FrameBound::kUnboundedPreceding && spec.upper.kind != FrameBound::kUnboundedFollowing &&
                    (spec.lower.offset || spec.upper.offset);
  if (comparable && position(spec.lower) > position(spec.upper)) {
    ThrowFrameMismatch("SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON", window,
                       "The lower bound of a window frame must be less than or equal to the upper bound.",
                       {{"comparison", "less than or equal"}});
  }
}

PlanPtr PlanWindows(const PlanPtr& child, const std::vector<ExprPtr>& exprs) {
  // Each distinct window expression gets a column after the child's; expressions sharing a
  // partitioning and ordering share a Window node.
  std::vector<ExprPtr> windows;
  std::vector<std::string> keys;
  std::function<ExprPtr(const ExprPtr&)> extract = [&](const ExprPtr& expr) -> ExprPtr {
    if (expr->kind != ExprKind::kWindow) {
      if (!ContainsWindow(*expr)) return expr;
      Expr copy = *expr;
      for (auto& arg : copy.args) arg = extract(arg);
      return Resolved(std::move(copy));
    }
    std::string key = ExprKey(*expr);
    auto found = std::find(keys.begin(), keys.end(), key);
    size_t index = found - keys.begin();
    if (found == keys.end()) {
      keys.push_back(key);
      windows.push_back(expr);
    }
    return BoundRef(static_cast<int>(child->output.size() + index), expr->type, expr->nullable, expr->ToSql());
  };
  std::vector<ExprPtr> outputs;
  for (const auto& expr : exprs) {
    bool aliased = expr->kind == ExprKind::kAlias;
    ExprPtr body = extract(aliased ? expr->args[0] : expr);
    outputs.push_back(aliased || body->kind != ExprKind::kBoundRef || body->name != expr->OutputName()
                          ? AliasAs(body, expr->OutputName())
                          : body);
  }
  // Window nodes in order of first use; each appends its expressions' columns, so the columns end up
  // in `windows` order only when grouped expressions are adjacent: a project restores references.
  std::vector<std::string> specs;
  std::vector<std::vector<size_t>> groups;
  for (size_t i = 0; i < windows.size(); ++i) {
    std::string spec;
    for (size_t a = 1; a < windows[i]->args.size(); ++a) spec += ExprKey(*windows[i]->args[a]) + ";";
    spec += std::to_string(windows[i]->window->num_partition);
    auto found = std::find(specs.begin(), specs.end(), spec);
    if (found == specs.end()) {
      specs.push_back(spec);
      groups.push_back({i});
    } else {
      groups[found - specs.begin()].push_back(i);
    }
  }
  const size_t width = child->output.size();
  std::vector<int> column_of(windows.size());
  PlanPtr plan = child;
  for (const auto& group : groups) {
    LogicalPlan node(WindowNode{}, {plan});
    node.output = plan->output;
    for (size_t i : group) {
      column_of[i] = static_cast<int>(node.output.size());
      node.As<WindowNode>().exprs.push_back(windows[i]);
      node.output.push_back({windows[i]->ToSql(), windows[i]->type, windows[i]->nullable, ""});
    }
    plan = MakePlan(std::move(node));
  }
  std::vector<int> mapping(width + windows.size());
  for (size_t i = 0; i < width; ++i) mapping[i] = static_cast<int>(i);
  for (size_t i = 0; i < windows.size(); ++i) mapping[width + i] = column_of[i];
  for (auto& output : outputs) output = RemapReferences(output, mapping);
  return MakeProjectNode(plan, std::move(outputs));
}

}  // namespace ember

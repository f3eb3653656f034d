#include "plan/analyzer/expr_resolver.h"

#include <algorithm>
#include <optional>
#include <set>

#include "common/collation.h"
#include "functions/executor.h"
#include "functions/generators.h"
#include "functions/registry.h"
#include "functions/type_coercion.h"
#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/default_arguments.h"
#include "plan/analyzer/collation_coercion.h"
#include "plan/analyzer/name_resolution.h"
#include "plan/analyzer/null_functions.h"
#include "plan/analyzer/struct_field.h"
#include "plan/analyzer/window_resolution.h"
#include "plan/fold_constants.h"
#include "plan/plan_builders.h"
#include "plan/relation_catalog.h"

namespace ember {
namespace {

ExprPtr Finish(Expr node) { return std::make_shared<const Expr>(std::move(node)); }

// A copy of `expr` with `args` as arguments: used to name the expression in error messages.
Expr WithArgs(const Expr& expr, std::vector<ExprPtr> args) {
  Expr copy = expr;
  copy.args = std::move(args);
  return copy;
}

bool AnyNullable(const std::vector<ExprPtr>& exprs) {
  for (const auto& expr : exprs) {
    if (expr->nullable) return true;
  }
  return false;
}

// What a binder sees of the arguments: BindArgsOf's description, with the values of those that
// fold to a literal (`constants` keeps the folded literals alive).
std::vector<BindArg> BindArgs(const std::vector<ExprPtr>& args, const EvalContext& eval,
                              std::vector<ExprPtr>& constants) {
  std::vector<BindArg> bind_args = BindArgsOf(args);
  std::optional<EvalContext> fold_eval;
  for (size_t i = 0; i < args.size(); ++i) {
    const ExprPtr& arg = args[i];
    if (arg->kind == ExprKind::kLiteral || arg->args.empty()) continue;
    if (!fold_eval) fold_eval.emplace(eval);
    ExprPtr constant = FoldConstantExpr(arg, *fold_eval);
    if (constant->kind != ExprKind::kLiteral) continue;
    constants.push_back(constant);
    bind_args[i].literal = &constant->literal;
  }
  return bind_args;
}

void CastArgs(std::vector<ExprPtr>& args, const std::vector<TypePtr>& types) {
  if (types.size() != args.size()) {
    throw InternalError("binding returned " + std::to_string(types.size()) + " argument types for " +
                        std::to_string(args.size()) + " arguments");
  }
  for (size_t i = 0; i < args.size(); ++i) args[i] = CastTo(args[i], types[i]);
}

// A boolean operand: NULL literals become boolean, other types are an error.
ExprPtr RequireBoolean(const ExprPtr& arg, size_t index, const Expr& call) {
  if (arg->type->id == TypeId::kBoolean) return arg;
  if (arg->type->id == TypeId::kNull) return CastTo(arg, BooleanType());
  ThrowUnexpectedInputType(call, index, "\"BOOLEAN\"", *arg);
}

}  // namespace

bool IsGroupingCall(const Expr& expr) {
  return expr.kind == ExprKind::kFunction && (expr.name == "grouping" || expr.name == "grouping_id");
}

bool ContainsAggregate(const Expr& expr) {
  if (expr.kind == ExprKind::kAggregate || IsGroupingCall(expr)) return true;
  for (size_t i = 0; i < expr.args.size(); ++i) {
    const Expr& arg = *expr.args[i];
    if (expr.kind == ExprKind::kWindow && i == 0) {
      for (const auto& inner : arg.args) {
        if (ContainsAggregate(*inner)) return true;
      }
    } else if (ContainsAggregate(arg)) {
      return true;
    }
  }
  return false;
}

std::vector<ExprPtr> ExprResolver::ResolveList(const std::vector<ExprPtr>& exprs) {
  std::vector<ExprPtr> resolved;
  for (const auto& expr : exprs) {
    if (expr->kind == ExprKind::kStar) {
      for (auto& item : ExpandStar(*expr)) resolved.push_back(std::move(item));
      continue;
    }
    ExprPtr result = Resolve(expr);
    if (expr->kind == ExprKind::kColumn && result->kind != ExprKind::kBoundRef) {
      result = AliasAs(result, expr->name_parts.back());
    }
    resolved.push_back(std::move(result));
  }
  return resolved;
}

std::vector<ExprPtr> ExprResolver::ExpandStar(const Expr& star) {
  std::vector<ExprPtr> items;
  if (star.name_parts.empty()) {
    for (size_t i = 0; i < input_.size(); ++i) items.push_back(BoundAttribute(static_cast<int>(i), input_[i]));
    return items;
  }
  if (star.name_parts.size() == 1) {
    for (size_t i = 0; i < input_.size(); ++i) {
      if (!input_[i].qualifier.empty() && NamesEqual(input_[i].qualifier, star.name_parts[0], case_sensitive_)) {
        items.push_back(BoundAttribute(static_cast<int>(i), input_[i]));
      }
    }
    if (!items.empty()) return items;
  }
  if (auto match = FindColumn(star.name_parts, input_, case_sensitive_)) {
    ExprPtr base = BoundAttribute(match->index, input_[match->index]);
    for (size_t p = match->consumed; p < star.name_parts.size(); ++p) {
      base = GetStructField(base, star.name_parts[p], case_sensitive_);
    }
    if (base->type->id == TypeId::kStruct) {
      for (const auto& field : base->type->fields) {
        items.push_back(AliasAs(GetStructField(base, field.name, true), field.name));
      }
      return items;
    }
  }
  std::string columns;
  for (size_t i = 0; i < input_.size(); ++i) {
    if (i > 0) columns += ", ";
    columns += QuoteIdentifier(input_[i].name);
  }
  std::string target = SqlId(star.name_parts);
  throw SparkError("CANNOT_RESOLVE_STAR_EXPAND", "42704",
                   "Cannot resolve " + target + ".* given input columns " + columns +
                       ". Please check that the specified table or struct exists and is accessible "
                       "in the input columns.",
                   {{"targetString", target}, {"columns", columns}});
}

ExprPtr ExprResolver::Resolve(const ExprPtr& expr) {
  switch (expr->kind) {
    case ExprKind::kColumn:
      return ResolveColumn(*expr);
    case ExprKind::kStar:
      throw SparkError("INVALID_USAGE_OF_STAR_OR_REGEX", "42000",
                       "Invalid usage of '*' in expression.", {{"elem", "'*'"}, {"prettyName", "expression"}});
    case ExprKind::kLiteral:
    case ExprKind::kBoundRef:
    case ExprKind::kOuterRef:
      return expr;
    case ExprKind::kSubquery:
      return ResolveSubquery(*expr);
    case ExprKind::kFunction:
      return ResolveFunction(*expr);
    case ExprKind::kAggregate:
      return ResolveAggregate(*expr);
    case ExprKind::kAlias:
      return AliasAs(Resolve(expr->args[0]), expr->name);
    case ExprKind::kCast:
      return ResolveCast(*expr);
    case ExprKind::kCaseWhen:
      return ResolveCaseWhen(*expr);
    case ExprKind::kAnd:
    case ExprKind::kOr:
      return ResolveLogic(*expr);
    case ExprKind::kCoalesce:
      return ResolveCoalesce(*expr);
    case ExprKind::kWindow:
      return ResolveWindow(*expr);
    case ExprKind::kLambda:
      ThrowLambdaOutsideHigherOrderFunction("lambdafunction");
    case ExprKind::kLambdaVar: {
      if (auto variable = FindLambdaVariable({expr->name})) return *variable;
      ThrowUnresolvedColumn({expr->name}, {});
    }
    case ExprKind::kSortOrder: {
      Expr node = *expr;
      node.args = {Resolve(expr->args[0])};
      node.type = node.args[0]->type;
      node.nullable = node.args[0]->nullable;
      return Finish(std::move(node));
    }
  }
  throw InternalError("unknown expression kind");
}

// df.col: the column of that name among the input columns that came through `df`, when any did.
static std::optional<ColumnMatch> FindColumnOfPlan(const Expr& expr, const std::vector<Attribute>& input, bool case_sensitive) {
  std::vector<Attribute> candidates;
  std::vector<int> positions;
  for (size_t i = 0; i < input.size(); ++i) {
    const auto& origins = input[i].origins;
    if (std::find(origins.begin(), origins.end(), expr.plan_id) == origins.end()) continue;
    candidates.push_back(input[i]);
    positions.push_back(static_cast<int>(i));
  }
  std::optional<ColumnMatch> match = FindColumn(expr.name_parts, candidates, case_sensitive);
  if (match) match->index = positions[match->index];
  return match;
}

ExprPtr ExprResolver::ResolveColumn(const Expr& expr) {
  if (!lambda_scope_.empty() && expr.plan_id == 0) {
    if (auto variable = FindLambdaVariable(expr.name_parts)) return *variable;
  }
  std::optional<ColumnMatch> local;
  if (expr.outer) {
    // Column.outer(): only the enclosing query's columns.
    if (ctx_.outer == nullptr) ThrowUnresolvedColumn(expr.name_parts, {});
    std::optional<ColumnMatch> outer;
    if (expr.plan_id != 0) outer = FindColumnOfPlan(expr, *ctx_.outer, case_sensitive_);
    if (!outer) outer = FindColumn(expr.name_parts, *ctx_.outer, case_sensitive_);
    ColumnMatch match = outer ? *outer : ::ember::ResolveColumn(expr.name_parts, *ctx_.outer, case_sensitive_);
    ExprPtr result = OuterAttribute(match.index, (*ctx_.outer)[match.index]);
    for (size_t p = match.consumed; p < expr.name_parts.size(); ++p) {
      result = GetStructField(result, expr.name_parts[p], case_sensitive_);
    }
    return result;
  }
  if (expr.plan_id != 0) local = FindColumnOfPlan(expr, input_, case_sensitive_);
  if (!local) local = FindColumn(expr.name_parts, input_, case_sensitive_);
  std::optional<ColumnMatch> outer;
  if (!local && ctx_.outer != nullptr) outer = FindColumn(expr.name_parts, *ctx_.outer, case_sensitive_);
  ColumnMatch match = local ? *local : outer ? *outer : ::ember::ResolveColumn(expr.name_parts, input_, case_sensitive_);
  ExprPtr result = outer ? OuterAttribute(match.index, (*ctx_.outer)[match.index])
                         : BoundAttribute(match.index, input_[match.index]);
  for (size_t p = match.consumed; p < expr.name_parts.size(); ++p) {
    result = GetStructField(result, expr.name_parts[p], case_sensitive_);
  }
  return result;
}

std::vector<ExprPtr> ExprResolver::ResolveArgs(const Expr& expr) {
  std::vector<ExprPtr> args;
  for (const auto& arg : expr.args) {
    if (arg->kind == ExprKind::kStar && arg->name_parts.empty() && expr.kind == ExprKind::kAggregate &&
        expr.name == "count" && expr.FunctionArgs().size() == 1) {
      args.push_back(Literal(Value::Int(1)));  // count(*) counts rows, as Spark's analyzer makes it count(1)
    } else if (arg->kind == ExprKind::kStar) {
      for (auto& item : ExpandStar(*arg)) args.push_back(std::move(item));
    } else {
      args.push_back(Resolve(arg));
    }
  }
  return args;
}

// The external function (Python UDF) a call names: by id, or by a name the session gave one.
static std::shared_ptr<const ExternalFunctionInfo> FindExternal(const Expr& call, const ExternalFunctions* functions) {
  if (functions == nullptr) {
    EMBER_CHECK(call.function_id == 0, "an external function call outside a session");
    return nullptr;
  }
  if (call.function_id != 0) {
    auto found = functions->Find(call.function_id);
    EMBER_CHECK(found != nullptr, "no external function of id " + std::to_string(call.function_id));
    return found;
  }
  std::optional<int64_t> id = functions->FindName(call.name);
  return id ? functions->Find(*id) : nullptr;
}

static int64_t ExternalId(const Expr& call, const ExternalFunctions& functions) {
  return call.function_id != 0 ? call.function_id : functions.FindName(call.name).value_or(0);
}

ExprPtr ExprResolver::ResolveFunction(const Expr& expr) {
  if (expr.name == kExtractValue && expr.args.size() == 2) {
    return ExtractValue(Resolve(expr.args[0]), Resolve(expr.args[1]), ctx_.eval, case_sensitive_);
  }
  if (ExprPtr lowered = LowerNullFunction(expr)) return Resolve(lowered);
  if (auto external = FindExternal(expr, ctx_.functions)) {
    std::vector<ExprPtr> args = ResolveArgs(expr);
    std::vector<TypePtr> types;
    for (const auto& arg : args) types.push_back(arg->type);
    if (external->grouped) return ExternalAggregate(*external, std::move(args), BindExternalAggregate(external, types));
    auto call = std::make_shared<Expr>(*BoundFunctionCall(external->name, std::move(args), BindExternal(external, std::move(types))));
    call->function_id = ExternalId(expr, *ctx_.functions);  // names its keyword arguments `name => value`
    return call;
  }
  const FunctionRegistry& registry = FunctionRegistry::Instance();
  const ScalarFunction* function = registry.FindScalar(expr.name);
  if (function == nullptr && IsWindowFunctionName(expr.name)) {
    throw SparkError("WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE", "42601",
                     "Window function \"" + expr.name + "\" requires an OVER clause.", {{"funcName", "\"" + expr.name + "\""}});
  }
  if (function == nullptr && (expr.name == "current_database" || expr.name == "current_schema" || expr.name == "current_catalog")) {
    // Fixed when the query is analyzed: the session's database, or its one catalog.
    if (!expr.args.empty()) {
      throw SparkError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                       {{"functionName", QuoteIdentifier(expr.name)}, {"expectedNum", "0"},
                        {"actualNum", std::to_string(expr.args.size())}, {"docroot", "https://spark.apache.org/docs/latest"}});
    }
    Value name = Value::String(expr.name == "current_catalog"  ? "spark_catalog"
                               : ctx_.relations != nullptr ? ctx_.relations->CurrentDatabase()
                                                           : "default");
    BoundScalar bound = FixedBinding({}, StringType(), [name](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
      return MakeConstantVector(name, rows);
    });
    bound.result_nullable = false;
    return BoundFunctionCall(expr.name, {}, std::move(bound));
  }
  if (function == nullptr && IsGroupingCall(expr)) {
    if (expr.name == "grouping" && expr.args.size() != 1) {
      throw SparkError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                       {{"functionName", "`grouping`"}, {"expectedNum", "1"},
                        {"actualNum", std::to_string(expr.args.size())}, {"docroot", "https://spark.apache.org/docs/latest"}});
    }
    Expr node = WithArgs(expr, ResolveArgs(expr));
    node.type = expr.name == "grouping" ? ByteType() : LongType();
    node.nullable = false;
    return Finish(std::move(node));
  }
  if (function == nullptr && expr.args.size() == 1) {
    // Spark's cast aliases: float(x) is CAST(x AS FLOAT), and so on for each of these types.
    static const std::set<std::string> kCastAliases = {"boolean", "tinyint", "smallint", "int",    "bigint", "float",
                                                       "double",  "decimal", "binary",   "string", "date",   "timestamp"};
    if (kCastAliases.count(expr.name)) return Resolve(Cast(expr.args[0], ParseDataType(expr.name)));
  }
  if (function == nullptr) {
    if (registry.FindAggregate(expr.name) != nullptr) {
      Expr aggregate = expr;
      aggregate.kind = ExprKind::kAggregate;
      return ResolveAggregate(aggregate);
    }
    ThrowUnresolvedRoutine(expr.name);
  }
  if (IsGeneratorFunction(expr.name)) {
    throw SparkError("UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS", "42K0E",
                     "The generator is not supported: nested in expressions " + SqlExpr(expr) + ".",
                     {{"expression", SqlExpr(expr)}});
  }
  if (function->lambda_parameters) return ResolveHigherOrder(expr, *function);
  for (const auto& arg : expr.args) {
    if (arg->kind == ExprKind::kLambda) ThrowLambdaOutsideHigherOrderFunction(expr.name);
  }
  return BindFunction(expr, *function);
}

ExprPtr ExprResolver::ResolveGenerator(const Expr& call) {
  const ScalarFunction* function = FunctionRegistry::Instance().FindScalar(call.name);
  EMBER_CHECK(function != nullptr && IsGeneratorFunction(call.name), "not a generator: " + call.name);
  return BindFunction(call, *function);
}

ExprPtr ExprResolver::BindFunction(const Expr& expr, const ScalarFunction& function) {
  std::vector<ExprPtr> args = ResolveArgs(expr);
  AddDefaultArguments(expr.name, args);
  uint16_t collation = CoerceCollations(expr.name, args);
  CompareNestedByKeys(expr.name, args, ctx_.eval);
  std::vector<ExprPtr> constants;
  BoundScalar bound = function.bind(BindArgs(args, ctx_.eval, constants), ctx_.eval);
  if (collation != kUtf8BinaryCollation) {
    std::vector<ExprPtr> uncast = args;
    CastArgs(args, bound.arg_types);
    return CollatedCall(expr.name, std::move(uncast), std::move(args), std::move(bound), collation, ctx_.eval);
  }
  CastArgs(args, bound.arg_types);
  return BoundFunctionCall(expr.name, std::move(args), std::move(bound));
}

ExprPtr ExprResolver::ResolveAggregate(const Expr& expr) {
  const AggregateFunction* function = FunctionRegistry::Instance().FindAggregate(expr.name);
  if (function == nullptr) ThrowUnresolvedRoutine(expr.name);
  std::vector<ExprPtr> args = ResolveArgs(expr);
  std::string name = expr.name;
  if ((name == "min" || name == "max") && args.size() == 1 && IsCollatedString(*args[0]->type)) {
    // The value of the smallest or largest collation key (expr.cpp shows it as min/max again).
    name += "_by";
    args.push_back(CollationKeyOf(args[0], ctx_.eval));
    function = FunctionRegistry::Instance().FindAggregate(name);
  }
  for (const auto& arg : args) {
    if (ContainsAggregate(*arg)) ThrowNestedAggregate();
  }
  ExprPtr filter;
  if (expr.has_filter) {
    filter = args.back();
    args.pop_back();
    if (filter->type->id == TypeId::kNull) filter = CastTo(filter, BooleanType());
    if (filter->type->id != TypeId::kBoolean) ThrowFilterNotBoolean(*filter);
  }
  if ((expr.distinct && name == "count") || name == "approx_count_distinct") {
    // Distinct under the collation: count the distinct collation keys.
    for (auto& arg : args) arg = CollationKeyOf(arg, ctx_.eval);
  }
  CheckCollatedAggregate(name, args, expr.distinct);
  std::vector<ExprPtr> constants;
  BoundAggregate bound = function->bind(BindArgs(args, ctx_.eval, constants), expr.distinct, ctx_.eval);
  CastArgs(args, bound.arg_types);
  Expr node;
  node.kind = ExprKind::kAggregate;
  node.name = name;
  node.distinct = expr.distinct;
  if (filter) {
    args.push_back(filter);
    node.has_filter = true;
  }
  node.args = std::move(args);
  node.type = bound.result_type;
  node.nullable = bound.result_nullable;
  node.aggregate = std::make_shared<const BoundAggregate>(std::move(bound));
  return Finish(std::move(node));
}

ExprPtr ExprResolver::ExternalAggregate(const ExternalFunctionInfo& info, std::vector<ExprPtr> args, BoundAggregate bound) {
  for (const auto& arg : args) {
    if (ContainsAggregate(*arg)) ThrowNestedAggregate();
  }
  Expr node;
  node.kind = ExprKind::kAggregate;
  node.name = info.name;
  node.args = std::move(args);
  node.type = bound.result_type;
  node.nullable = bound.result_nullable;
  node.aggregate = std::make_shared<const BoundAggregate>(std::move(bound));
  return Finish(std::move(node));
}

ExprPtr ExprResolver::ResolveCast(const Expr& expr) {
  ExprPtr child = Resolve(expr.args[0]);
  Expr node = WithArgs(expr, {child});
  if (!CanCast(*child->type, *expr.type)) ThrowCastMismatch(node, *child->type);
  if (expr.try_cast) {
    node.nullable = true;
  } else if (ctx_.eval.ansi) {
    node.nullable = child->nullable;
  } else {
    node.nullable = child->nullable || !TypesEqual(child->type, expr.type);
  }
  return Finish(std::move(node));
}

ExprPtr ExprResolver::ResolveCaseWhen(const Expr& expr) {
  std::vector<ExprPtr> args = ResolveArgs(expr);
  Expr node = WithArgs(expr, args);
  size_t pairs = (args.size() - (expr.has_else ? 1 : 0)) / 2;
  std::vector<size_t> value_slots;
  for (size_t p = 0; p < pairs; ++p) {
    args[2 * p] = RequireBoolean(args[2 * p], 2 * p, node);
    value_slots.push_back(2 * p + 1);
  }
  if (expr.has_else) value_slots.push_back(args.size() - 1);
  std::vector<TypePtr> types;
  for (size_t slot : value_slots) types.push_back(args[slot]->type);
  TypePtr common = FindWiderCommonType(types, ctx_.eval.ansi);
  if (!common) ThrowDataDiffTypes(node, "casewhen", types);
  bool nullable = !expr.has_else;
  for (size_t slot : value_slots) {
    args[slot] = CastTo(args[slot], common);
    nullable = nullable || args[slot]->nullable;
  }
  node.args = std::move(args);
  node.type = common;
  node.nullable = nullable;
  return Finish(std::move(node));
}

ExprPtr ExprResolver::ResolveLogic(const Expr& expr) {
  std::vector<ExprPtr> args = ResolveArgs(expr);
  Expr node = WithArgs(expr, args);
  for (size_t i = 0; i < args.size(); ++i) args[i] = RequireBoolean(args[i], i, node);
  node.nullable = AnyNullable(args);
  node.args = std::move(args);
  node.type = BooleanType();
  return Finish(std::move(node));
}

ExprPtr ExprResolver::ResolveCoalesce(const Expr& expr) {
  std::vector<ExprPtr> args = ResolveArgs(expr);
  Expr node = WithArgs(expr, args);
  std::vector<TypePtr> types;
  for (const auto& arg : args) types.push_back(arg->type);
  TypePtr common = FindWiderCommonType(types, ctx_.eval.ansi);
  if (!common) ThrowDataDiffTypes(node, "coalesce", types);
  bool nullable = true;
  for (auto& arg : args) {
    arg = CastTo(arg, common);
    nullable = nullable && arg->nullable;
  }
  node.args = std::move(args);
  node.type = common;
  node.nullable = nullable;
  return Finish(std::move(node));
}

// The subquery is analyzed on its own, with this node's input as the scope for correlated names.
// IN compares its values with the subquery's columns in their common type.
ExprPtr ExprResolver::ResolveSubquery(const Expr& expr) {
  AnalyzerContext inner = ctx_;
  inner.outer = &input_;
  Expr node = expr;
  PlanPtr plan = Analyze(expr.subquery, inner);
  const size_t width = plan->output.size();
  switch (expr.subquery_type) {
    case SubqueryType::kScalar:
      if (width != 1) {
        throw SparkError("INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
                         {{"number", std::to_string(width)}});
      }
      node.type = plan->output[0].type;
      node.nullable = true;
      break;
    case SubqueryType::kExists:
      node.type = BooleanType();
      node.nullable = false;
      break;
    case SubqueryType::kIn: {
      node.args = ResolveArgs(expr);
      if (node.args.size() != width) ThrowInSubqueryLengthMismatch(node, plan->output);
      std::vector<ExprPtr> columns;
      for (size_t i = 0; i < width; ++i) {
        ExprPtr column = BoundAttribute(static_cast<int>(i), plan->output[i]);
        TypePtr common = CommonTypeForComparison(node.args[i]->type, column->type, ctx_.eval.ansi);
        if (!common) ThrowInSubqueryTypeMismatch(node, plan->output);
        node.args[i] = CastTo(node.args[i], common);
        columns.push_back(AliasAs(CastTo(column, common), plan->output[i].name));
      }
      if (!IsIdentityProjection(columns, plan->output)) plan = MakeProjectNode(plan, std::move(columns));
      node.type = BooleanType();
      node.nullable = true;
      break;
    }
  }
  node.subquery = std::move(plan);
  return Finish(std::move(node));
}

}  // namespace ember

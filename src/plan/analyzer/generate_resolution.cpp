#include "plan/analyzer/generate_resolution.h"

#include "functions/generators.h"
#include "functions/table_call.h"
#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/expr_resolver.h"
#include "plan/fold_constants.h"

namespace ember {
namespace {

const Expr* GeneratorCall(const ExprPtr& item) {
  const Expr* node = item.get();
  if (node->kind == ExprKind::kAlias) node = node->args[0].get();
  return node->kind == ExprKind::kFunction && IsGeneratorFunction(node->name) ? node : nullptr;
}

[[noreturn]] void ThrowUnresolvableTableFunction(const std::string& name) {
  std::string quoted = QuoteIdentifier(name);
  throw SparkError("UNRESOLVABLE_TABLE_VALUED_FUNCTION", "42883",
                   "Could not resolve " + quoted + " to a table-valued function. Please make sure that " + quoted +
                       " is defined as a table-valued function and that all required parameters are provided "
                       "correctly. If " + quoted + " is not defined, please create the table-valued function "
                       "before using it. For more information about defining table-valued functions, please "
                       "refer to the Apache Spark documentation.",
                   {{"name", quoted}});
}

// A table function in FROM (the parser's Generate node over its call): a generator as it is, or a
// user-defined table function, a session function returning an array of structs per row (the
// rows each input row gives), whose elements become rows as inline makes them.
ExprPtr TableFunctionGenerator(const ExprPtr& call, const AnalyzerContext& ctx) {
  if (call->kind != ExprKind::kFunction || IsGeneratorFunction(call->name)) return call;
  std::optional<int64_t> id = ctx.functions ? ctx.functions->FindName(call->name) : std::nullopt;
  auto info = id ? ctx.functions->Find(*id) : nullptr;
  if (!info || info->grouped || info->result_type->id != TypeId::kArray ||
      info->result_type->element->id != TypeId::kStruct) {
    ThrowUnresolvableTableFunction(call->name);
  }
  return Call("inline", {call});
}

// A resolved node over `child` with the child's output.
PlanPtr Over(LogicalPlan node, const PlanPtr& child) {
  node.children = {child};
  node.output = child->output;
  return MakePlan(std::move(node));
}

// The TABLE argument's rows as an analysis asks: repartitioned by its keys (or into one
// partition), each partition sorted by the keys and then its order.
PlanPtr PartitionAsAnalyzed(const TableCallAnalysis& analysis, const PlanPtr& child, const AnalyzerContext& ctx) {
  ExprResolver resolver(ctx, child->output);
  std::vector<ExprPtr> keys;
  for (const auto& name : analysis.partition_by) keys.push_back(resolver.Resolve(ColumnRef({name})));
  PlanPtr plan = child;
  if (!keys.empty() || analysis.single_partition) {
    RepartitionNode repartition;
    repartition.num_partitions = analysis.single_partition ? 1 : 0;
    repartition.keys = keys;
    plan = Over(LogicalPlan(std::move(repartition), {}), plan);
  }
  SortNode sort;
  sort.global = false;
  auto add = [&](ExprPtr key, bool ascending, std::optional<bool> nulls_first) {
    Expr order;
    order.kind = ExprKind::kSortOrder;
    order.args = {std::move(key)};
    order.ascending = ascending;
    order.nulls_first = nulls_first.value_or(ascending);
    order.type = order.args[0]->type;
    order.nullable = order.args[0]->nullable;
    sort.orders.push_back(MakeExpr(std::move(order)));
  };
  for (const auto& key : keys) add(key, true, std::nullopt);
  for (const auto& order : analysis.order_by) {
    add(resolver.Resolve(ColumnRef({order.column})), order.ascending, order.nulls_first);
  }
  if (sort.orders.empty()) return plan;
  return Over(LogicalPlan(std::move(sort), {}), plan);
}

// A call of a table function with an analyze step (a Python UDTF's `analyze`), rewritten as its
// analysis says: the function registered for the call, the TABLE argument's rows partitioned and
// ordered, its selected columns passed, the partitioning keys after the arguments. Nothing for
// other calls.
std::optional<std::pair<GenerateNode, PlanPtr>> AnalyzeTableCall(const GenerateNode& node, const PlanPtr& child,
                                                                 const AnalyzerContext& ctx) {
  const Expr& call = *node.generator;
  if (call.kind != ExprKind::kFunction || call.function_id != 0 || ctx.functions == nullptr) return std::nullopt;
  std::optional<int64_t> id = ctx.functions->FindName(call.name);
  auto info = id ? ctx.functions->Find(*id) : nullptr;
  const auto* function = info ? dynamic_cast<const AnalyzedTableFunction*>(info->function.get()) : nullptr;
  if (function == nullptr) return std::nullopt;
  std::vector<ExprPtr> args = call.args;
  TableCallShape shape;
  if (!args.empty() && args[0]->kind == ExprKind::kLiteral) {
    if (auto given = ParseTableCallShape(args[0]->literal)) {
      shape = *given;
      args.erase(args.begin());
    }
  }
  args.resize(args.size() - shape.keys);
  ExprResolver resolver(ctx, child->output);
  EvalContext fold_eval = ctx.eval;
  std::vector<TableCallArgument> described;
  for (size_t i = 0; i < args.size(); ++i) {
    TableCallArgument arg;
    size_t first_named = args.size() - shape.names.size();
    if (i >= first_named) arg.name = shape.names[i - first_named];
    ExprPtr resolved = FoldConstantExpr(resolver.Resolve(args[i]), fold_eval);
    arg.type = resolved->type;
    if (resolved->kind == ExprKind::kLiteral) arg.constant = resolved->literal;
    arg.is_table = static_cast<int>(i) == shape.table;
    described.push_back(std::move(arg));
  }
  TableCallAnalysis analysis = function->Analyze(described);
  bool partitions = analysis.single_partition || !analysis.partition_by.empty();
  if (partitions && (shape.table < 0 || shape.keys > 0)) {
    std::string text = shape.table < 0 ? "does not include a TABLE argument"
                                       : "included a PARTITION BY or WITH SINGLE PARTITION clause already";
    throw SparkError("TABLE_VALUED_FUNCTION_REQUIRED_METADATA_INCOMPATIBLE_WITH_CALL", "22023",
                     "Failed to evaluate the table function " + QuoteIdentifier(call.name) +
                         " because its table metadata requested partitioning, but the function call " + text + ".",
                     {{"functionName", QuoteIdentifier(call.name)}, {"requestedMetadata", "partitioning"},
                      {"invalidFunctionCallProperty", text}});
  }
  if (shape.table >= 0 && !analysis.select.empty()) {
    std::vector<ExprPtr> fields;
    for (const auto& [column, alias] : analysis.select) {
      fields.push_back(Alias(ColumnRef({column}), alias.empty() ? column : alias));
    }
    args[shape.table] = Call("struct", std::move(fields));
  }
  std::vector<ExprPtr> keys(call.args.end() - static_cast<std::ptrdiff_t>(shape.keys), call.args.end());
  for (const auto& key : analysis.partition_by) keys.push_back(ColumnRef({key}));
  shape.keys = keys.size();
  args.insert(args.begin(), Literal(Value::String(FormatTableCallShape(shape))));
  args.insert(args.end(), keys.begin(), keys.end());
  Expr rewritten = call;
  rewritten.function_id = analysis.function_id;
  rewritten.args = std::move(args);
  GenerateNode analyzed = node;
  analyzed.generator = MakeExpr(std::move(rewritten));
  return std::make_pair(std::move(analyzed), PartitionAsAnalyzed(analysis, child, ctx));
}

}  // namespace

std::optional<size_t> FindGeneratorItem(const std::vector<ExprPtr>& items) {
  std::optional<size_t> found;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!GeneratorCall(items[i])) continue;
    if (found) {
      std::string list = "\"" + GeneratorCall(items[*found])->ToSql() + "\", \"" + GeneratorCall(items[i])->ToSql() + "\"";
      throw SparkError("UNSUPPORTED_GENERATOR.MULTI_GENERATOR", "42K0E",
                       "The generator is not supported: only one generator allowed per SELECT clause but found 2: " + list + ".",
                       {{"num", "2"}, {"generators", list}});
    }
    found = i;
  }
  return found;
}

PlanPtr ResolveGenerate(const GenerateNode& node, const PlanPtr& child, const AnalyzerContext& ctx) {
  if (auto analyzed = AnalyzeTableCall(node, child, ctx)) {
    return ResolveGenerate(analyzed->first, analyzed->second, ctx);
  }
  ExprResolver resolver(ctx, child->output);
  ExprPtr generator = resolver.ResolveGenerator(*TableFunctionGenerator(node.generator, ctx));
  const auto& fields = generator->type->element->fields;
  if (!node.names.empty() && node.names.size() != fields.size()) {
    throw SparkError("UDTF_ALIAS_NUMBER_MISMATCH", "42802",
                     "The number of aliases supplied in the AS clause does not match the number of columns output by the "
                     "UDTF. Expected " + std::to_string(fields.size()) + " aliases but got " +
                         std::to_string(node.names.size()) + ".",
                     {{"aliasesSize", std::to_string(node.names.size())}, {"aliasesNames", std::to_string(fields.size())}});
  }
  LogicalPlan plan(GenerateNode{generator, node.outer, node.names, node.qualifier}, {child});
  plan.output = child->output;
  for (size_t f = 0; f < fields.size(); ++f) {
    std::string name = node.names.empty() ? fields[f].name : node.names[f];
    plan.output.push_back({name, fields[f].type, fields[f].nullable || node.outer, node.qualifier});
  }
  return MakePlan(std::move(plan));
}

GeneratorSelect PlanGeneratorSelect(const std::vector<ExprPtr>& items, size_t generator, const PlanPtr& child,
                                    const AnalyzerContext& ctx) {
  const ExprPtr& item = items[generator];
  GenerateNode node;
  node.generator = item->kind == ExprKind::kAlias ? item->args[0] : item;
  node.outer = IsOuterGenerator(node.generator->name);
  if (item->kind == ExprKind::kAlias) {
    node.names = item->name_parts.empty() ? std::vector<std::string>{item->name} : item->name_parts;
  }
  GeneratorSelect result;
  result.generate = ResolveGenerate(node, child, ctx);
  const auto& output = result.generate->output;
  ExprResolver over_child(ctx, child->output);
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i]->kind == ExprKind::kStar) {
      // `*` means the child's columns, not the generated ones the Generate adds after them.
      for (auto& column : over_child.ResolveList({items[i]})) result.items.push_back(std::move(column));
      continue;
    }
    if (i != generator) {
      result.items.push_back(items[i]);
      continue;
    }
    for (size_t c = child->output.size(); c < output.size(); ++c) {
      result.items.push_back(BoundRef(static_cast<int>(c), output[c].type, output[c].nullable, output[c].name));
    }
  }
  return result;
}

}  // namespace ember

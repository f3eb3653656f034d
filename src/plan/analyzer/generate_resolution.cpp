#include "plan/analyzer/generate_resolution.h"

#include "functions/generators.h"
#include "plan/analyzer/analysis_errors.h"
#include "plan/analyzer/expr_resolver.h"

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
  for (size_t i = 0; i < items.size(); ++i) {
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

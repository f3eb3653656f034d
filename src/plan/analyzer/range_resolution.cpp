#include "plan/analyzer/range_resolution.h"

#include "expr/evaluator.h"
#include "plan/analyzer/expr_resolver.h"
#include "plan/plan_rewrite.h"

namespace ember {
namespace {

// Spark's error for arguments range() cannot take (its text lists the four signatures).
[[noreturn]] void ThrowRangeArguments(const std::vector<ExprPtr>& args, const std::string& details) {
  std::string arguments;
  for (size_t i = 0; i < args.size(); ++i) arguments += (i ? ", " : "") + args[i]->type->TypeName();
  std::string usage =
      "\n    range(start: long, end: long, step: long, numSlices: integer)"
      "\n    range(start: long, end: long, step: long)\n    range(start: long, end: long)\n    range(end: long)";
  throw SparkError("_LEGACY_ERROR_TEMP_1179", "",
                   "Table-valued function range with alternatives: " + usage + "\ncannot be applied to (" +
                       arguments + "): " + details + ".",
                   {{"name", "range"}, {"usage", usage}, {"arguments", arguments}, {"details", details}});
}

// The value of a constant integral argument.
int64_t IntegralArg(const ExprPtr& arg, const std::vector<ExprPtr>& args, const AnalyzerContext& ctx) {
  if (!arg->type->IsIntegral()) {
    ThrowRangeArguments(args, "Incompatible input data type.\nExpected: long; Found: " + arg->type->TypeName());
  }
  if (!IsFoldable(*arg)) ThrowRangeArguments(args, "The arguments must be constant");
  EvalContext eval = ctx.eval;
  Value value = EvaluateConstant(*arg, eval);
  if (value.is_null) ThrowRangeArguments(args, "The arguments must not be null");
  return value.i64;
}

}  // namespace

PlanPtr ResolveRange(const LogicalPlan& plan, const AnalyzerContext& ctx) {
  LogicalPlan node = plan;
  RangeNode& range = node.As<RangeNode>();
  if (!range.args.empty()) {
    std::vector<Attribute> no_input;
    ExprResolver resolver(ctx, no_input);
    std::vector<ExprPtr> args;
    for (const auto& arg : range.args) args.push_back(resolver.Resolve(arg));
    std::vector<int64_t> values;
    for (const auto& arg : args) values.push_back(IntegralArg(arg, args, ctx));
    range.start = values.size() == 1 ? 0 : values[0];
    range.end = values.size() == 1 ? values[0] : values[1];
    range.step = values.size() >= 3 ? values[2] : 1;
    range.num_partitions = values.size() == 4 ? static_cast<int>(values[3]) : 0;
    if (range.step == 0) ThrowRangeArguments(args, "requirement failed: step (0) cannot be 0");
    if (values.size() == 4 && values[3] <= 0) {
      ThrowRangeArguments(args, "requirement failed: numSlices (" + std::to_string(values[3]) + ") must be positive");
    }
    range.args.clear();
  }
  EMBER_CHECK(range.step != 0 && range.num_partitions >= 0, "range with step 0 or negative partitions");
  node.output = {Attribute{"id", LongType(), false}};
  return MakePlan(std::move(node));
}

}  // namespace ember

// Resolves the expressions of one plan node against its input attributes: names become
// kBoundRef ordinals, functions are bound from the registry with casts inserted where the binding
// asks for other argument types, CASE WHEN / COALESCE branches are widened to a common type, casts
// are checked, and every node gets its type and nullability. Aggregate calls are bound too (their
// placement is checked by the plan-level code).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plan/analyzer.h"
#include "plan/logical_plan.h"

namespace ember {

class ExprResolver {
 public:
  ExprResolver(const AnalyzerContext& ctx, const std::vector<Attribute>& input)
      : ctx_(ctx), input_(input), case_sensitive_(ctx.config.CaseSensitive()) {}

  ExprPtr Resolve(const ExprPtr& expr);
  // A generator call (explode(a), ...), which Resolve rejects: only a Generate node holds one.
  ExprPtr ResolveGenerator(const Expr& call);
  // Resolves a select list: `*` and `t.*` expand to input columns (`s.*` to a struct's fields),
  // and a top-level struct field access is named after its field, as Spark names it.
  std::vector<ExprPtr> ResolveList(const std::vector<ExprPtr>& exprs);

 private:
  ExprPtr ResolveColumn(const Expr& expr);
  ExprPtr ResolveFunction(const Expr& expr);
  ExprPtr BindFunction(const Expr& expr, const ScalarFunction& function);
  ExprPtr ResolveAggregate(const Expr& expr);
  // A grouped external function's call (a grouped aggregate pandas UDF).
  ExprPtr ExternalAggregate(const ExternalFunctionInfo& info, std::vector<ExprPtr> args, BoundAggregate bound);
  ExprPtr ResolveCast(const Expr& expr);
  ExprPtr ResolveCaseWhen(const Expr& expr);
  ExprPtr ResolveLogic(const Expr& expr);
  ExprPtr ResolveCoalesce(const Expr& expr);
  ExprPtr ResolveSubquery(const Expr& expr);
  // Window expressions (window_resolution.cpp).
  ExprPtr ResolveWindow(const Expr& expr);
  ExprPtr ResolveWindowFunction(const Expr& call);
  void ResolveFrame(const Expr& window, WindowSpec& spec, const std::vector<ExprPtr>& order);
  std::vector<ExprPtr> ExpandStar(const Expr& star);
  std::vector<ExprPtr> ResolveArgs(const Expr& expr);
  // Higher-order functions and their lambdas (lambda_resolution.cpp).
  ExprPtr ResolveHigherOrder(const Expr& expr, const ScalarFunction& function);
  ExprPtr ResolveLambda(const Expr& lambda, const std::vector<TypePtr>& types);
  // The lambda parameter `parts[0]` names (innermost first), with the struct fields after it.
  std::optional<ExprPtr> FindLambdaVariable(const std::vector<std::string>& parts) const;

  struct LambdaParameter {
    std::string name;
    TypePtr type;
  };

  const AnalyzerContext& ctx_;
  const std::vector<Attribute>& input_;
  bool case_sensitive_;
  std::vector<LambdaParameter> lambda_scope_;  // parameters of the lambdas being resolved, outermost first
};

// INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION: a lambda given to `function`.
[[noreturn]] void ThrowLambdaOutsideHigherOrderFunction(const std::string& function);

// Whether the tree holds an aggregate call (a window's own function does not count: it is computed
// by the window, not by an aggregation) or grouping()/grouping_id(), which only an aggregation
// computes.
bool ContainsAggregate(const Expr& expr);

// grouping(col) or grouping_id(cols...): resolved to a kFunction without a kernel (tinyint and
// bigint, as Spark types them) that the aggregate normalizer replaces by bits of the grouping id.
bool IsGroupingCall(const Expr& expr);

}  // namespace ember

// The function registry: every scalar and aggregate function by its lower-case name (aliases
// included). Registration rejects duplicate names and functions without docs. Category files
// (functions/scalar/*, functions/aggregate/*) each contribute one Register* function.
#pragma once

#include <string>
#include <vector>

#include "functions/function.h"

namespace ember {

class FunctionRegistry {
 public:
  // The registry with every built-in function.
  static const FunctionRegistry& Instance();

  const ScalarFunction* FindScalar(const std::string& name) const;
  const AggregateFunction* FindAggregate(const std::string& name) const;
  std::vector<std::string> Names() const;

  void Add(ScalarFunction function);
  void Add(AggregateFunction function);
  void AddAlias(const std::string& alias, const std::string& name);

 private:
  std::vector<ScalarFunction> scalars_;
  std::vector<AggregateFunction> aggregates_;
  std::vector<std::pair<std::string, size_t>> scalar_index_;     // sorted by name
  std::vector<std::pair<std::string, size_t>> aggregate_index_;  // sorted by name
};

// Casts `input` to `target` with Spark's cast semantics (ANSI errors or nulls per ctx.ansi, or
// always nulls when `try_cast`). Used by the cast expression and by implicit coercion.
VectorPtr CastVector(const VectorPtr& input, const TypePtr& target, EvalContext& ctx,
                     bool try_cast = false);
// Whether Spark allows casting `from` to `to` at all (analysis-time check).
bool CanCast(const DataType& from, const DataType& to);
// Spark's rendering of values for show(): like cast to string, except nested values, binary and
// nulls ("NULL") are shown as show() prints them.
VectorPtr ToPrettyString(const VectorPtr& input, EvalContext& ctx);

}  // namespace ember

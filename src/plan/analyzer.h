// The analyzer: resolves an unresolved logical plan. It lists input files and infers source schemas,
// resolves column names (case-insensitively unless spark.sql.caseSensitive), expands stars, binds
// functions from the registry and inserts the casts their bindings ask for, checks aggregates, and
// raises Spark's analysis errors (UNRESOLVED_COLUMN.WITH_SUGGESTION, UNRESOLVED_ROUTINE, ...).
#pragma once

#include "common/config.h"
#include "functions/eval_context.h"
#include "functions/external_function.h"
#include "plan/logical_plan.h"

namespace ember {

class RelationCatalog;

struct AnalyzerContext {
  const Config& config;
  const EvalContext& eval;
  const RelationCatalog* relations = nullptr;  // what table names stand for (none when null)
  // Inside a subquery expression: the input of the enclosing query's node, where names that the
  // subquery cannot resolve are looked up next (correlated references become kOuterRef).
  const std::vector<Attribute>* outer = nullptr;
  // The session's external functions (Python UDFs): by id from the DataFrame API, by name from
  // SQL, where a name hides a built-in function of the same name (none when null).
  const ExternalFunctions* functions = nullptr;
};

PlanPtr Analyze(const PlanPtr& plan, const AnalyzerContext& ctx);
// Resolves one expression over `input` (for rewrites after analysis that build new calls).
ExprPtr AnalyzeExpression(const ExprPtr& expr, const std::vector<Attribute>& input, const AnalyzerContext& ctx);

}  // namespace ember

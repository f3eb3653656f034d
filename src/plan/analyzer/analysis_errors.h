// Spark's analysis errors as the analyzer raises them, with Spark 4's exact wording, and the
// quoting helpers their parameters use (toSQLId: `a`.`b`; toSQLType: "INT"; toSQLExpr: "a").
// Classes not in the shared error table are composed here with SparkError's explicit-text form.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "common/types.h"
#include "expr/expr.h"
#include "plan/logical_plan.h"

namespace ember {

// `a`.`b` for {"a", "b"}.
std::string SqlId(const std::vector<std::string>& parts);
// "INT", "DECIMAL(10,2)", "ARRAY<STRING>" in double quotes.
std::string SqlType(const DataType& type);
// The expression's SQL in double quotes.
std::string SqlExpr(const Expr& expr);
// An attribute name as Spark's Attribute.sql prints it: plain when it is a simple identifier,
// backquoted otherwise.
std::string AttributeSql(const std::string& name);
// "first", "second", ... as Spark's ordinalNumber gives them.
std::string OrdinalWord(size_t index);

[[noreturn]] void ThrowUnresolvedColumn(const std::vector<std::string>& parts,
                                        const std::vector<std::vector<std::string>>& candidates);
[[noreturn]] void ThrowAmbiguousReference(const std::vector<std::string>& parts,
                                          const std::vector<std::vector<std::string>>& matches);
[[noreturn]] void ThrowUnresolvedRoutine(const std::string& name);
[[noreturn]] void ThrowMissingAggregation(const std::string& attribute_name);
// A column outside aggregate calls in an aggregation without grouping expressions.
[[noreturn]] void ThrowMissingGroupBy();
[[noreturn]] void ThrowNestedAggregate();
[[noreturn]] void ThrowCastMismatch(const Expr& cast, const DataType& from);
[[noreturn]] void ThrowUnexpectedInputType(const Expr& call, size_t param_index,
                                           const std::string& required, const Expr& input);
[[noreturn]] void ThrowDataDiffTypes(const Expr& call, const std::string& function_name,
                                     const std::vector<TypePtr>& types);
[[noreturn]] void ThrowFilterNotBoolean(const Expr& condition);
// `in` is the resolved IN subquery expression (its values resolved), `columns` the subquery's output.
[[noreturn]] void ThrowInSubqueryLengthMismatch(const Expr& in, const std::vector<Attribute>& columns);
[[noreturn]] void ThrowInSubqueryTypeMismatch(const Expr& in, const std::vector<Attribute>& columns);
[[noreturn]] void ThrowFieldNotFound(const std::string& field, const DataType& struct_type);
// Maps are neither orderable nor groupable in Spark: GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE for a
// grouping key, DATATYPE_MISMATCH.INVALID_ORDERING_TYPE for a sort key,
// UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE for DISTINCT and set operations. Variants likewise
// (SET_OPERATION_ON_VARIANT_TYPE for a column with variants and no map).
void CheckGroupable(const std::vector<ExprPtr>& groups);
void CheckSortable(const std::vector<ExprPtr>& orders);
void CheckNoMapColumns(const std::vector<Attribute>& columns);

}  // namespace ember

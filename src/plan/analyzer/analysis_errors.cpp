#include "plan/analyzer/analysis_errors.h"

#include <algorithm>

#include "common/variant.h"
#include "functions/value_ordering.h"

namespace ember {
namespace {

const char* kMismatch = "Cannot resolve ";
const char* kMismatchTail = " due to data type mismatch: ";

}  // namespace

std::string SqlId(const std::vector<std::string>& parts) {
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += ".";
    text += QuoteIdentifier(parts[i]);
  }
  return text;
}

std::string SqlType(const DataType& type) { return "\"" + type.Sql() + "\""; }

std::string SqlExpr(const Expr& expr) { return "\"" + expr.ToSql() + "\""; }

std::string AttributeSql(const std::string& name) { return QuoteIdentifierIfNeeded(name); }

std::string OrdinalWord(size_t index) {
  static const char* const kWords[] = {"first", "second", "third", "fourth", "fifth",
                                       "sixth", "seventh", "eighth", "ninth", "tenth"};
  if (index < 10) return kWords[index];
  return std::to_string(index + 1) + "th";
}

void ThrowUnresolvedColumn(const std::vector<std::string>& parts,
                           const std::vector<std::vector<std::string>>& candidates) {
  std::string name = SqlId(parts);
  if (candidates.empty()) {
    throw SparkError("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", {{"objectName", name}});
  }
  std::string proposal;
  for (size_t i = 0; i < candidates.size() && i < 5; ++i) {
    if (i > 0) proposal += ", ";
    proposal += SqlId(candidates[i]);
  }
  throw SparkError("UNRESOLVED_COLUMN.WITH_SUGGESTION", {{"objectName", name}, {"proposal", proposal}});
}

void ThrowAmbiguousReference(const std::vector<std::string>& parts,
                             const std::vector<std::vector<std::string>>& matches) {
  std::vector<std::string> names;
  for (const auto& match : matches) names.push_back(SqlId(match));
  std::sort(names.begin(), names.end());
  std::string list = "[";
  for (size_t i = 0; i < names.size(); ++i) list += (i > 0 ? ", " : "") + names[i];
  list += "]";
  throw SparkError("AMBIGUOUS_REFERENCE", {{"name", SqlId(parts)}, {"referenceNames", list}});
}

void ThrowUnresolvedRoutine(const std::string& name) {
  throw SparkError("UNRESOLVED_ROUTINE",
                   {{"routineName", QuoteIdentifier(name)},
                    {"searchPath", "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"}});
}

void ThrowMissingAggregation(const std::string& attribute_name) {
  std::string sql = AttributeSql(attribute_name);
  throw SparkError("MISSING_AGGREGATION", {{"expression", "\"" + sql + "\""},
                                           {"expressionAnyValue", "\"any_value(" + sql + ")\""}});
}

void ThrowMissingGroupBy() {
  throw SparkError("MISSING_GROUP_BY", "42803",
                   "The query does not include a GROUP BY clause. Add GROUP BY or turn it into the "
                   "window functions using OVER clauses.",
                   {});
}

void ThrowNestedAggregate() {
  throw SparkError("NESTED_AGGREGATE_FUNCTION", "42607",
                   "It is not allowed to use an aggregate function in the argument of another "
                   "aggregate function. Please use the inner aggregate function in a sub-query.",
                   {});
}

void ThrowCastMismatch(const Expr& cast, const DataType& from) {
  throw SparkError("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
                   {{"sqlExpr", SqlExpr(cast)},
                    {"srcType", SqlType(from)},
                    {"targetType", SqlType(*cast.type)}});
}

void ThrowUnexpectedInputType(const Expr& call, size_t param_index, const std::string& required,
                              const Expr& input) {
  throw SparkError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                   {{"sqlExpr", SqlExpr(call)},
                    {"paramIndex", OrdinalWord(param_index)},
                    {"requiredType", required},
                    {"inputSql", SqlExpr(input)},
                    {"inputType", SqlType(*input.type)}});
}

void ThrowDataDiffTypes(const Expr& call, const std::string& function_name,
                        const std::vector<TypePtr>& types) {
  std::string list = "[";
  for (size_t i = 0; i < types.size(); ++i) list += (i > 0 ? ", " : "") + SqlType(*types[i]);
  list += "]";
  std::string sql = SqlExpr(call);
  std::string fn = QuoteIdentifier(function_name);
  throw SparkError("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "42K09",
                   kMismatch + sql + kMismatchTail + "Input to " + fn +
                       " should all be the same type, but it's " + list + ".",
                   {{"sqlExpr", sql}, {"functionName", fn}, {"dataType", list}});
}

void ThrowFilterNotBoolean(const Expr& condition) {
  std::string sql = SqlExpr(condition);
  std::string type = SqlType(*condition.type);
  throw SparkError("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", "42K09",
                   kMismatch + sql + kMismatchTail + "Filter expression " + sql + " of type " + type +
                       " is not a boolean.",
                   {{"sqlExpr", sql}, {"filter", sql}, {"type", type}});
}

namespace {

std::string JoinedList(const std::vector<std::string>& items) {
  std::string text;
  for (size_t i = 0; i < items.size(); ++i) text += (i > 0 ? ", " : "") + items[i];
  return text;
}

}  // namespace

void ThrowInSubqueryLengthMismatch(const Expr& in, const std::vector<Attribute>& columns) {
  std::vector<std::string> left, right;
  for (const auto& arg : in.args) left.push_back(SqlExpr(*arg));
  for (const auto& column : columns) right.push_back(AttributeSql(column.name));
  throw SparkError("DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH",
                   {{"sqlExpr", SqlExpr(in)},
                    {"leftLength", std::to_string(left.size())},
                    {"leftColumns", JoinedList(left)},
                    {"rightLength", std::to_string(right.size())},
                    {"rightColumns", JoinedList(right)}});
}

void ThrowInSubqueryTypeMismatch(const Expr& in, const std::vector<Attribute>& columns) {
  std::vector<std::string> mismatched, left, right;
  for (size_t i = 0; i < in.args.size(); ++i) {
    left.push_back(SqlType(*in.args[i]->type));
    right.push_back(SqlType(*columns[i].type));
    if (!TypesEqual(in.args[i]->type, columns[i].type)) {
      mismatched.push_back("(" + in.args[i]->ToSql() + ":" + left.back() + ", " + columns[i].name + ":" +
                           right.back() + ")");
    }
  }
  throw SparkError("DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH",
                   {{"sqlExpr", SqlExpr(in)},
                    {"mismatchedColumns", JoinedList(mismatched)},
                    {"leftType", JoinedList(left)},
                    {"rightType", JoinedList(right)}});
}

void ThrowFieldNotFound(const std::string& field, const DataType& struct_type) {
  std::string fields;
  for (size_t i = 0; i < struct_type.fields.size(); ++i) {
    if (i > 0) fields += ", ";
    fields += QuoteIdentifier(struct_type.fields[i].name);
  }
  throw SparkError("FIELD_NOT_FOUND", "42704",
                   "No such struct field " + QuoteIdentifier(field) + " in " + fields + ".",
                   {{"fieldName", QuoteIdentifier(field)}, {"fields", fields}});
}

void CheckGroupable(const std::vector<ExprPtr>& groups) {
  for (const auto& group : groups) {
    if (IsOrderable(*group->type)) continue;
    const Expr& plain = group->kind == ExprKind::kAlias ? *group->args[0] : *group;
    throw SparkError("GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE", "42822",
                     "The expression " + SqlExpr(plain) + " cannot be used as a grouping expression because its data type " +
                         SqlType(*group->type) + " is not an orderable data type.",
                     {{"sqlExpr", SqlExpr(plain)}, {"dataType", SqlType(*group->type)}});
  }
}

void CheckSortable(const std::vector<ExprPtr>& orders) {
  for (const auto& order : orders) {
    if (IsOrderable(*order->type)) continue;
    throw SparkError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "42K09",
                     "Cannot resolve " + SqlExpr(*order) + " due to data type mismatch: The `sortorder` does not support ordering on type " +
                         SqlType(*order->type) + ".",
                     {{"sqlExpr", SqlExpr(*order)}, {"functionName", "`sortorder`"}, {"dataType", SqlType(*order->type)}});
  }
}

namespace {

bool ContainsMap(const DataType& type) {
  if (type.id == TypeId::kMap) return true;
  if (type.id == TypeId::kArray) return ContainsMap(*type.element);
  for (const auto& field : type.fields) {
    if (ContainsMap(*field.type)) return true;
  }
  return false;
}

}  // namespace

void CheckNoMapColumns(const std::vector<Attribute>& columns) {
  for (const auto& column : columns) {
    if (IsOrderable(*column.type)) continue;
    if (!ContainsMap(*column.type) && ContainsVariant(*column.type)) {
      throw SparkError("UNSUPPORTED_FEATURE.SET_OPERATION_ON_VARIANT_TYPE", "0A000",
                       "The feature is not supported: Cannot have VARIANT type columns in DataFrame which calls set "
                       "operations (INTERSECT, EXCEPT, etc.), but the type of column " + QuoteIdentifier(column.name) +
                           " is " + SqlType(*column.type) + ".",
                       {{"colName", QuoteIdentifier(column.name)}, {"dataType", SqlType(*column.type)}});
    }
    throw SparkError("UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE", "0A000",
                     "The feature is not supported: Cannot have MAP type columns in DataFrame which calls set operations "
                     "(INTERSECT, EXCEPT, etc.), but the type of column " + QuoteIdentifier(column.name) + " is " +
                         SqlType(*column.type) + ".",
                     {{"colName", QuoteIdentifier(column.name)}, {"dataType", SqlType(*column.type)}});
  }
}

}  // namespace ember

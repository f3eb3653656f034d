// Expression trees. One node type serves both the unresolved form (built from the Python API's
// JSON or from SQL text: names not yet looked up, functions by name) and the resolved form the
// analyzer produces (column references bound to input ordinals, functions bound to kernels, every
// node typed). Trees are immutable once built and shared through ExprPtr.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/value.h"
#include "functions/function.h"

namespace ember {

enum class ExprKind : uint8_t {
  kColumn,     // unresolved attribute: name_parts = {"t", "a"} for t.a
  kStar,       // * or t.* (name_parts holds the qualifier)
  kLiteral,    // literal value (type = literal.type)
  kFunction,   // scalar call by name; resolved when `scalar` is set
  kAggregate,  // aggregate call by name; resolved when `aggregate` is set; `distinct` flag
  kAlias,      // args[0] AS name
  kCast,       // CAST(args[0] AS type); try_cast when `try_cast`
  kBoundRef,   // resolved column: input ordinal `index`
  kCaseWhen,   // args = cond1, value1, cond2, value2, ..., [else]; has_else tells
  kAnd,        // three-valued, short-circuits right side per row
  kOr,
  kCoalesce,   // first non-null, evaluates later arguments only where needed
  kSortOrder,  // args[0] with ascending / nulls_first (ORDER BY items)
  kSubquery,   // a query inside an expression: `subquery` with `subquery_type`; args = IN's values
  kOuterRef,   // resolved column of the enclosing query (correlated subquery): its input ordinal `index`
  kWindow,     // function OVER (window): args = {function, partition exprs..., order kSortOrders...}
  kLambda,     // a higher-order function's lambda: args[0] is the body, name_parts the parameter
               // names; resolved, `index` is the scope slot of its first parameter
  kLambdaVar,  // a lambda parameter by `name`; resolved, `index` is its scope slot
};

// kSubquery forms: (SELECT ...) yields one value; EXISTS (...) and `args IN (SELECT ...)` a boolean.
enum class SubqueryType : uint8_t { kScalar, kExists, kIn };

// Subquery expressions hold a plan. Only the plan layer builds or reads it; this layer just carries
// the pointer, so a declaration is enough (the dependency still points downward).
struct LogicalPlan;

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

// One end of a window frame. kPreceding/kFollowing carry an `offset` expression: a row count for
// ROWS frames, a value to subtract from or add to the ordering value for RANGE frames.
struct FrameBound {
  enum Kind : uint8_t { kUnboundedPreceding, kPreceding, kCurrentRow, kFollowing, kUnboundedFollowing };
  Kind kind = kCurrentRow;
  ExprPtr offset;
};

// What a kWindow node's args mean and its frame. Without a frame, Spark's default applies: with an
// ORDER BY, RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW, else the whole partition.
struct WindowSpec {
  size_t num_partition = 0;  // args[1 .. num_partition] partition the rows; the rest order them
  bool frame_specified = false;
  bool rows = false;  // ROWS (else RANGE)
  FrameBound lower{FrameBound::kUnboundedPreceding, nullptr};
  FrameBound upper{FrameBound::kCurrentRow, nullptr};
  // Spark's text of the window: "PARTITION BY k ORDER BY v ASC NULLS FIRST ROWS BETWEEN ..." (the
  // partition and order texts given).
  std::string Sql(const std::vector<std::string>& partition, const std::vector<std::string>& order) const;
};

struct Expr {
  ExprKind kind;
  std::vector<std::string> name_parts;  // kColumn, kStar
  std::string name;                     // function name (lower case), alias name, bound column name
  std::vector<ExprPtr> args;
  Value literal;                        // kLiteral
  TypePtr type;                         // result type (resolved nodes; kCast: the target type)
  bool nullable = true;
  int index = -1;                       // kBoundRef
  bool distinct = false;                // kAggregate
  bool has_filter = false;              // kAggregate: args.back() is its FILTER (WHERE ...) condition
  bool outer = false;                   // kColumn from Column.outer(): a column of the enclosing query
  bool try_cast = false;                // kCast
  bool implicit_cast = false;           // kCast inserted by type coercion: hidden in ToSql names
  bool has_else = false;                // kCaseWhen
  bool ascending = true;                // kSortOrder
  bool nulls_first = true;              // kSortOrder
  SubqueryType subquery_type = SubqueryType::kScalar;  // kSubquery
  std::shared_ptr<const LogicalPlan> subquery;         // kSubquery
  int64_t plan_id = 0;  // kColumn from df.col / df["col"]: the column of that DataFrame's output
  int64_t function_id = 0;  // unresolved kFunction: the session's external function of that id
  std::shared_ptr<const BoundScalar> scalar;        // kFunction once resolved
  std::shared_ptr<const BoundAggregate> aggregate;  // kAggregate once resolved
  std::shared_ptr<const WindowSpec> window;         // kWindow

  bool resolved() const { return type != nullptr; }
  // A kAggregate's function arguments (args without the FILTER condition) and that condition (null
  // without one).
  std::vector<ExprPtr> FunctionArgs() const;
  ExprPtr Filter() const { return has_filter ? args.back() : nullptr; }
  // Spark's SQL text of the expression, which also names unaliased columns:
  // "(a + 1)", "count(1)", "count(DISTINCT user_id)", "CAST(x AS DATE)", "to_date(t)".
  std::string ToSql() const;
  // The output column name: the alias, the column's own name, or ToSql().
  std::string OutputName() const;
};

// Builders for the common shapes.
ExprPtr ColumnRef(std::vector<std::string> name_parts);
ExprPtr Literal(Value value);
ExprPtr Call(std::string name, std::vector<ExprPtr> args);
ExprPtr AggregateCall(std::string name, std::vector<ExprPtr> args, bool distinct = false);
ExprPtr Alias(ExprPtr child, std::string name);
ExprPtr Cast(ExprPtr child, TypePtr type, bool try_cast = false);
// A resolved cast that type coercion inserted (implicit_cast set, so names show only the child).
ExprPtr ImplicitCast(ExprPtr child, TypePtr type);
ExprPtr BoundRef(int index, TypePtr type, bool nullable, std::string name);
ExprPtr MakeExpr(Expr node);
// `params -> body` (unresolved).
ExprPtr LambdaFunctionExpr(std::vector<std::string> params, ExprPtr body);

// The unresolved call `extract_value(base, key)` that `base[key]`, `expr.field` and
// Column.getItem/getField build; the analyzer resolves it to a struct field, array element or
// map value read.
constexpr const char* kExtractValue = "extract_value";

// What a function's binder learns about resolved arguments: types, literal values, names (of
// columns, aliases and struct fields), nullability and the parameter counts of lambdas.
std::vector<BindArg> BindArgsOf(const std::vector<ExprPtr>& args);

// Parses a column name as PySpark's col() does: dots split parts, backquotes quote them
// ("a.b" -> {"a","b"}, "`a.b`" -> {"a.b"}).
std::vector<std::string> ParseColumnName(const std::string& text);

}  // namespace ember

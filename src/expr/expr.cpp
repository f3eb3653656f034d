#include "expr/expr.h"

#include <cctype>
#include <set>

#include "common/error.h"
#include "common/interval.h"
#include "functions/cast/java_number_format.h"
#include "functions/datetime/datetime_util.h"
#include "functions/string/collation_key.h"

namespace ember {
namespace {

std::string UpperTypeName(const DataType& type) {
  std::string text = type.id == TypeId::kTimestampNtz ? "timestamp_ntz" : type.ToString();
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// A literal as Spark names it (usePrettyExpression): strings unquoted, numbers as their Java
// text, null as NULL, dates and timestamps in SQL literal form.
std::string LiteralSql(const Value& v) {
  if (v.is_null) return "NULL";
  std::string out;
  switch (v.type->id) {
    case TypeId::kNull: return "NULL";
    case TypeId::kBoolean: return v.i64 ? "true" : "false";
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kLong: return std::to_string(v.i64);
    case TypeId::kFloat: AppendJavaFloat(static_cast<float>(v.f64), &out); return out;
    case TypeId::kDouble: AppendJavaDouble(v.f64, &out); return out;
    case TypeId::kDecimal: return DecimalToString(v.DecimalUnscaled(), v.type->scale);
    case TypeId::kString: return v.str;
    case TypeId::kBinary: {
      static const char* hex = "0123456789ABCDEF";
      out = "X'";
      for (unsigned char c : v.str) {
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
      }
      return out + "'";
    }
    case TypeId::kDate:
      AppendDate(static_cast<int32_t>(v.i64), &out);
      return "DATE '" + out + "'";
    case TypeId::kTimestamp:
      AppendTimestamp(v.i64, absl::UTCTimeZone(), &out);
      return "TIMESTAMP '" + out + "'";
    case TypeId::kTimestampNtz:
      AppendTimestamp(v.i64, absl::UTCTimeZone(), &out);
      return "TIMESTAMP_NTZ '" + out + "'";
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval: return IntervalToString(v.i64, *v.type);
    case TypeId::kArray:
    case TypeId::kMap:
    case TypeId::kStruct: {
      std::string name = v.type->id == TypeId::kArray ? "array(" : v.type->id == TypeId::kMap ? "map(" : "struct(";
      // A map's children are its keys, then its values: map(k1, v1, k2, v2) pairs them up.
      size_t n = v.children.size(), half = n / 2;
      for (size_t i = 0; i < n; ++i) {
        if (i) name += ", ";
        size_t k = v.type->id != TypeId::kMap ? i : i % 2 == 0 ? i / 2 : half + i / 2;
        name += LiteralSql(v.children[k]);
      }
      return name + ")";
    }
  }
  return "";
}

std::string JoinArgs(const std::vector<ExprPtr>& args, size_t begin = 0) {
  std::string out;
  for (size_t i = begin; i < args.size(); ++i) {
    if (i > begin) out += ", ";
    out += args[i]->ToSql();
  }
  return out;
}

// An external function's arguments, where an alias names its argument (a Python UDF's keyword
// argument, Spark's NamedArgumentExpression): `b => value`. Elsewhere an alias shows `value AS b`.
std::string ExternalCallArgs(const std::vector<ExprPtr>& args) {
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ", ";
    const Expr& arg = *args[i];
    out += arg.kind == ExprKind::kAlias ? arg.name + " => " + arg.args[0]->ToSql() : arg.ToSql();
  }
  return out;
}

bool IsInfixOperator(const std::string& name) {
  static const char* ops[] = {"+", "-", "*", "/", "%", "div", "=", "<", "<=", ">", ">=", "<=>", "&", "|", "^"};
  for (const char* op : ops) {
    if (name == op) return true;
  }
  return false;
}

// name(args) with the name in upper case.
std::string UpperCall(const Expr& e) {
  std::string name = e.name;
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name + "(" + JoinArgs(e.args) + ")";
}

std::string FunctionSql(const Expr& e) {
  const std::string& n = e.name;
  const auto& a = e.args;
  if (a.size() == 2 && n == kGetStructField && a[0]->type) {
    return a[0]->ToSql() + "." + a[0]->type->fields[a[1]->literal.i64].name;
  }
  if (a.size() == 2 && (n == kGetArrayItem || n == kGetMapValue)) return a[0]->ToSql() + "[" + a[1]->ToSql() + "]";
  if (a.size() == 2 && (IsInfixOperator(n) || n == "==")) {
    return "(" + a[0]->ToSql() + " " + (n == "==" ? "=" : n) + " " + a[1]->ToSql() + ")";
  }
  if (a.size() == 2 && (n == "!=" || n == "<>")) return "(NOT (" + a[0]->ToSql() + " = " + a[1]->ToSql() + "))";
  if (a.size() == 2 && n == "like") return a[0]->ToSql() + " LIKE " + a[1]->ToSql();
  if (a.size() == 3 && n == "like") return a[0]->ToSql() + " LIKE " + a[1]->ToSql() + " ESCAPE '" + a[2]->ToSql() + "'";
  // rlike and its aliases print their name in upper case (Spark's RLike.sql).
  if (a.size() == 2 && (n == "rlike" || n == "regexp" || n == "regexp_like")) return UpperCall(e);
  if (a.size() == 2 && (n == "trim" || n == "ltrim" || n == "rtrim")) {
    const char* side = n == "trim" ? "BOTH" : n == "ltrim" ? "LEADING" : "TRAILING";
    return std::string("TRIM(") + side + " " + a[1]->ToSql() + " FROM " + a[0]->ToSql() + ")";
  }
  if (a.size() == 1) {
    if (n == "not") return "(NOT " + a[0]->ToSql() + ")";
    if (n == "isnull") return "(" + a[0]->ToSql() + " IS NULL)";
    if (n == "isnotnull") return "(" + a[0]->ToSql() + " IS NOT NULL)";
    if (n == "-") return "(- " + a[0]->ToSql() + ")";
    if (n == "positive") return "(+ " + a[0]->ToSql() + ")";
    if (n == "~") return "~" + a[0]->ToSql();
  }
  // Spark's math expressions (and spark_partition_id) print their names in upper case; aliases
  // registered to keep their own name (ceiling, sign, pow...) and the scale forms of ceil/floor do not.
  static const std::set<std::string> kUpper = {
      "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "cos", "cosh", "cot", "csc",
      "degrees", "e", "exp", "expm1", "hypot", "log10", "log1p", "log2", "pi", "power", "radians", "sec",
      "signum", "sin", "sinh", "spark_partition_id", "sqrt", "tan", "tanh"};
  bool upper = kUpper.count(n) > 0 || ((n == "ceil" || n == "floor") && a.size() == 1) ||
               (n == "log" && a.size() == 2);
  if (upper) return UpperCall(e);
  // Schemas and options are not arguments of Spark's expressions for these: only the value shows.
  static const std::set<std::string> kValueOnly = {"from_json", "from_csv", "from_xml", "schema_of_json",
                                                   "schema_of_csv", "schema_of_xml", "to_json", "to_csv", "to_xml"};
  if (a.size() > 1 && kValueOnly.count(n)) return n + "(" + a[0]->ToSql() + ")";
  // try_make_timestamp's time zone is not among the arguments its text shows.
  if (n == "try_make_timestamp" && a.size() == 7) {
    return n + "(" + JoinArgs(std::vector<ExprPtr>(a.begin(), a.end() - 1)) + ")";
  }
  // Aliases whose expression prints its own name, as Spark's prettyName does.
  if (n == "dateadd") return "date_add(" + JoinArgs(a) + ")";
  if (n == "current_database") return "current_schema(" + JoinArgs(a) + ")";
  return n + "(" + (e.function_id != 0 ? ExternalCallArgs(a) : JoinArgs(a)) + ")";
}

std::string AggregateSql(const Expr& e) {
  if (e.has_filter) {
    Expr plain = e;
    plain.args.pop_back();
    plain.has_filter = false;
    return AggregateSql(plain) + " FILTER (WHERE " + e.args.back()->ToSql() + ")";
  }
  const auto& a = e.args;
  // first/last carry ignoreNulls as a second, literal argument, which Spark's SQL text leaves out.
  bool first_last = e.name == "first" || e.name == "last" || e.name == "first_value" ||
                    e.name == "last_value" || e.name == "any_value";
  if (first_last && a.size() == 2 && a[1]->kind == ExprKind::kLiteral) {
    return e.name + "(" + std::string(e.distinct ? "DISTINCT " : "") + a[0]->ToSql() + ")";
  }
  // min/max of a collated string, which the analyzer made min_by/max_by of its collation key.
  bool by_key = (e.name == "min_by" || e.name == "max_by") && a.size() == 2 && a[1]->kind == ExprKind::kFunction &&
                a[1]->name == kCollationKeyFunction;
  if (by_key) return e.name.substr(0, 3) + "(" + a[0]->ToSql() + ")";
  // listagg's delimiter defaults to NULL, which Spark's text shows.
  if ((e.name == "listagg" || e.name == "string_agg") && a.size() == 1) {
    return e.name + "(" + (e.distinct ? "DISTINCT " : "") + a[0]->ToSql() + ", NULL)";
  }
  // mode(x) leaves its default deterministic = false out; Spark builds mode(x, true) as its ordered
  // form and shows that.
  if (e.name == "mode" && a.size() == 2 && a[1]->kind == ExprKind::kLiteral && a[1]->literal.type &&
      a[1]->literal.type->id == TypeId::kBoolean && !a[1]->literal.is_null) {
    return a[1]->literal.i64 == 0 ? "mode(" + a[0]->ToSql() + ")"
                                  : "mode() WITHIN GROUP (ORDER BY " + a[0]->ToSql() + " DESC)";
  }
  return e.name + "(" + (e.distinct ? "DISTINCT " : "") + JoinArgs(a) + ")";
}

std::string JoinNameParts(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += ".";
    out += parts[i];
  }
  return out;
}

}  // namespace

std::vector<ExprPtr> Expr::FunctionArgs() const {
  if (!has_filter) return args;
  return std::vector<ExprPtr>(args.begin(), args.end() - 1);
}

std::string Expr::ToSql() const {
  switch (kind) {
    case ExprKind::kColumn: return JoinNameParts(name_parts);
    case ExprKind::kStar: return name_parts.empty() ? "*" : JoinNameParts(name_parts) + ".*";
    case ExprKind::kLiteral: return LiteralSql(literal);
    case ExprKind::kFunction:
      if (name == kCollationKeyFunction) return args[0]->ToSql();  // the analyzer's, not the user's
      return FunctionSql(*this);
    case ExprKind::kAggregate: return AggregateSql(*this);
    case ExprKind::kAlias: return args[0]->ToSql() + " AS " + QuoteIdentifier(name);
    case ExprKind::kCast:
      if (implicit_cast) return args[0]->ToSql();
      return std::string(try_cast ? "TRY_CAST(" : "CAST(") + args[0]->ToSql() + " AS " + UpperTypeName(*type) + ")";
    case ExprKind::kBoundRef: return name;
    case ExprKind::kCaseWhen: {
      // nullif(a, b) stands for CASE WHEN a = b THEN NULL ELSE a END (while rewrites left it so).
      if (name == "nullif" && args.size() == 3 && args[0]->args.size() == 2)
        return "nullif(" + args[2]->ToSql() + ", " + args[0]->args[1]->ToSql() + ")";
      std::string out = "CASE";
      size_t pairs = (args.size() - (has_else ? 1 : 0)) / 2;
      for (size_t p = 0; p < pairs; ++p)
        out += " WHEN " + args[2 * p]->ToSql() + " THEN " + args[2 * p + 1]->ToSql();
      if (has_else) out += " ELSE " + args.back()->ToSql();
      return out + " END";
    }
    case ExprKind::kAnd: return "(" + args[0]->ToSql() + " AND " + args[1]->ToSql() + ")";
    case ExprKind::kOr: return "(" + args[0]->ToSql() + " OR " + args[1]->ToSql() + ")";
    case ExprKind::kCoalesce: return (name.empty() ? "coalesce" : name) + "(" + JoinArgs(args) + ")";
    case ExprKind::kSortOrder:
      return args[0]->ToSql() + (ascending ? " ASC" : " DESC") + (nulls_first ? " NULLS FIRST" : " NULLS LAST");
    case ExprKind::kSubquery:
      // Spark names subquery columns by the expression's pretty name, without the query text.
      if (subquery_type == SubqueryType::kScalar) return "scalarsubquery()";
      if (subquery_type == SubqueryType::kExists) return "exists()";
      return "(" + (args.size() == 1 ? args[0]->ToSql() : "named_struct(" + JoinArgs(args) + ")") + " IN (listquery()))";
    case ExprKind::kOuterRef: return "outer(" + name + ")";
    case ExprKind::kLambda: {
      // Spark's text: lambdafunction((namedlambdavariable() + 1), namedlambdavariable())
      std::string text = "lambdafunction(" + args[0]->ToSql();
      for (size_t i = 0; i < name_parts.size(); ++i) text += ", namedlambdavariable()";
      return text + ")";
    }
    case ExprKind::kLambdaVar: return "namedlambdavariable()";
    case ExprKind::kWindow: {
      std::vector<std::string> partition, order;
      for (size_t i = 1; i < args.size(); ++i) (i <= window->num_partition ? partition : order).push_back(args[i]->ToSql());
      return args[0]->ToSql() + " OVER (" + window->Sql(partition, order) + ")";
    }
  }
  return "";
}

namespace {

std::string BoundSql(const FrameBound& bound) {
  switch (bound.kind) {
    case FrameBound::kUnboundedPreceding: return "UNBOUNDED PRECEDING";
    case FrameBound::kPreceding: return bound.offset->ToSql() + " PRECEDING";
    case FrameBound::kCurrentRow: return "CURRENT ROW";
    case FrameBound::kFollowing: return bound.offset->ToSql() + " FOLLOWING";
    case FrameBound::kUnboundedFollowing: return "UNBOUNDED FOLLOWING";
  }
  return "";
}

}  // namespace

std::string WindowSpec::Sql(const std::vector<std::string>& partition, const std::vector<std::string>& order) const {
  std::vector<std::string> parts;
  auto list = [](const std::vector<std::string>& items) {
    std::string text;
    for (size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + items[i];
    return text;
  };
  if (!partition.empty()) parts.push_back("PARTITION BY " + list(partition));
  if (!order.empty()) parts.push_back("ORDER BY " + list(order));
  if (frame_specified) {
    parts.push_back(std::string(rows ? "ROWS" : "RANGE") + " BETWEEN " + BoundSql(lower) + " AND " + BoundSql(upper));
  }
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) text += (i ? " " : "") + parts[i];
  return text;
}

std::string Expr::OutputName() const {
  switch (kind) {
    case ExprKind::kAlias: return name;
    case ExprKind::kColumn: return name_parts.empty() ? "" : name_parts.back();
    case ExprKind::kBoundRef: return name;
    case ExprKind::kFunction:
      if (name == "window") return name;  // Spark names a time window column `window`
      return ToSql();
    default: return ToSql();
  }
}

ExprPtr MakeExpr(Expr node) { return std::make_shared<const Expr>(std::move(node)); }

ExprPtr LambdaFunctionExpr(std::vector<std::string> params, ExprPtr body) {
  Expr e;
  e.kind = ExprKind::kLambda;
  e.name_parts = std::move(params);
  e.args = {std::move(body)};
  return MakeExpr(std::move(e));
}

ExprPtr ColumnRef(std::vector<std::string> name_parts) {
  Expr e;
  e.kind = ExprKind::kColumn;
  e.name_parts = std::move(name_parts);
  return MakeExpr(std::move(e));
}

ExprPtr Literal(Value value) {
  Expr e;
  e.kind = ExprKind::kLiteral;
  e.type = value.type;
  e.nullable = value.is_null;
  e.literal = std::move(value);
  return MakeExpr(std::move(e));
}

ExprPtr Call(std::string name, std::vector<ExprPtr> args) {
  Expr e;
  e.kind = ExprKind::kFunction;
  e.name = std::move(name);
  e.args = std::move(args);
  return MakeExpr(std::move(e));
}

ExprPtr AggregateCall(std::string name, std::vector<ExprPtr> args, bool distinct) {
  Expr e;
  e.kind = ExprKind::kAggregate;
  e.name = std::move(name);
  e.args = std::move(args);
  e.distinct = distinct;
  return MakeExpr(std::move(e));
}

ExprPtr Alias(ExprPtr child, std::string name) {
  Expr e;
  e.kind = ExprKind::kAlias;
  e.name = std::move(name);
  if (child->resolved()) {
    e.type = child->type;
    e.nullable = child->nullable;
  }
  e.args = {std::move(child)};
  return MakeExpr(std::move(e));
}

ExprPtr Cast(ExprPtr child, TypePtr type, bool try_cast) {
  Expr e;
  e.kind = ExprKind::kCast;
  e.type = std::move(type);
  e.try_cast = try_cast;
  e.nullable = true;
  e.args = {std::move(child)};
  return MakeExpr(std::move(e));
}

ExprPtr ImplicitCast(ExprPtr child, TypePtr type) {
  Expr e;
  e.kind = ExprKind::kCast;
  e.type = std::move(type);
  e.implicit_cast = true;
  e.nullable = child->nullable || child->type->id == TypeId::kString;
  e.args = {std::move(child)};
  return MakeExpr(std::move(e));
}

ExprPtr BoundRef(int index, TypePtr type, bool nullable, std::string name) {
  Expr e;
  e.kind = ExprKind::kBoundRef;
  e.index = index;
  e.type = std::move(type);
  e.nullable = nullable;
  e.name = std::move(name);
  return MakeExpr(std::move(e));
}

namespace {

// The name a struct field takes from an argument of struct(): a column's, an alias's or a read
// field's own name.
std::string ArgName(const Expr& arg) {
  if (arg.kind == ExprKind::kAlias || arg.kind == ExprKind::kBoundRef) return arg.name;
  if (arg.kind == ExprKind::kColumn && !arg.name_parts.empty()) return arg.name_parts.back();
  if (arg.kind == ExprKind::kFunction && arg.name == kGetStructField && arg.args.size() == 2 && arg.args[0]->type) {
    return arg.args[0]->type->fields[arg.args[1]->literal.i64].name;
  }
  return "";
}

}  // namespace

std::vector<BindArg> BindArgsOf(const std::vector<ExprPtr>& args) {
  std::vector<BindArg> bind_args;
  bind_args.reserve(args.size());
  for (const auto& arg : args) {
    bind_args.push_back({arg->type, arg->kind == ExprKind::kLiteral ? &arg->literal : nullptr, ArgName(*arg), arg->nullable,
                         arg->kind == ExprKind::kLambda ? arg->name_parts.size() : 0});
  }
  return bind_args;
}

std::vector<std::string> ParseColumnName(const std::string& text) {
  auto fail = [&]() {
    throw SparkError("INVALID_ATTRIBUTE_NAME_SYNTAX", "42601",
                     "Syntax error in the attribute name: " + text +
                         ". Check that backticks appear in pairs, a quoted string is a complete name "
                         "part and use a backtick only inside quoted name parts.",
                     {{"name", text}});
  };
  std::vector<std::string> parts;
  std::string current;
  bool in_quotes = false;
  bool quoted_part = false;  // the current part was backquoted: only '.' or the end may follow
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '`') {
        if (i + 1 < text.size() && text[i + 1] == '`') {
          current.push_back('`');
          ++i;
        } else {
          in_quotes = false;
          quoted_part = true;
        }
      } else {
        current.push_back(c);
      }
      continue;
    }
    if (c == '`') {
      if (!current.empty() || quoted_part) fail();
      in_quotes = true;
    } else if (c == '.') {
      if (current.empty() && !quoted_part) fail();
      parts.push_back(std::move(current));
      current.clear();
      quoted_part = false;
    } else {
      if (quoted_part) fail();
      current.push_back(c);
    }
  }
  if (in_quotes) fail();
  if (current.empty() && !quoted_part && !parts.empty()) fail();
  parts.push_back(std::move(current));
  return parts;
}

}  // namespace ember

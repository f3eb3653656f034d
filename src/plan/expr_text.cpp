#include "plan/expr_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "absl/time/civil_time.h"

namespace ember {
namespace {

std::string DoubleText(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  if (v == std::trunc(v) && std::fabs(v) < 1e7) {
    std::snprintf(buffer, sizeof(buffer), "%.1f", v);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%.17g", v);
    // Shortest text that reads back to the same double.
    for (int precision = 1; precision <= 17; ++precision) {
      char shorter[64];
      std::snprintf(shorter, sizeof(shorter), "%.*g", precision, v);
      if (std::strtod(shorter, nullptr) == v) {
        std::snprintf(buffer, sizeof(buffer), "%s", shorter);
        break;
      }
    }
  }
  return buffer;
}

std::string DateText(int64_t days) {
  absl::CivilDay day = absl::CivilDay(1970, 1, 1) + days;
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", static_cast<int>(day.year()), day.month(),
                day.day());
  return buffer;
}

std::string TimestampText(int64_t micros) {
  int64_t seconds = micros / 1000000;
  int64_t fraction = micros % 1000000;
  if (fraction < 0) {
    fraction += 1000000;
    seconds -= 1;
  }
  absl::CivilSecond second = absl::CivilSecond(1970, 1, 1, 0, 0, 0) + seconds;
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d %02d:%02d:%02d",
                static_cast<int>(second.year()), second.month(), second.day(), second.hour(),
                second.minute(), second.second());
  std::string text = buffer;
  if (fraction != 0) {
    std::snprintf(buffer, sizeof(buffer), ".%06d", static_cast<int>(fraction));
    std::string digits = buffer;
    while (digits.back() == '0') digits.pop_back();
    text += digits;
  }
  return text;
}

std::string ValueText(const Value& value) {
  if (value.is_null) return "null";
  const DataType& type = *value.type;
  switch (type.id) {
    case TypeId::kNull:
      return "null";
    case TypeId::kBoolean:
      return value.i64 ? "true" : "false";
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kLong:
      return std::to_string(value.i64);
    case TypeId::kFloat:
    case TypeId::kDouble:
      return DoubleText(value.f64);
    case TypeId::kDecimal:
      return DecimalToString(value.DecimalUnscaled(), type.scale);
    case TypeId::kString:
      return value.str;
    case TypeId::kBinary: {
      static const char* kHex = "0123456789ABCDEF";
      std::string text = "0x";
      for (unsigned char c : value.str) {
        text.push_back(kHex[c >> 4]);
        text.push_back(kHex[c & 15]);
      }
      return text;
    }
    case TypeId::kDate:
      return DateText(value.i64);
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      return TimestampText(value.i64);
    case TypeId::kArray:
    case TypeId::kStruct: {
      std::string text = type.id == TypeId::kArray ? "[" : "{";
      for (size_t i = 0; i < value.children.size(); ++i) {
        if (i > 0) text += ",";
        text += ValueText(value.children[i]);
      }
      return text + (type.id == TypeId::kArray ? "]" : "}");
    }
    case TypeId::kMap: {
      size_t n = value.children.size() / 2;
      std::string text = "map(";
      for (size_t i = 0; i < n; ++i) {
        if (i > 0) text += ", ";
        text += ValueText(value.children[i]) + " -> " + ValueText(value.children[n + i]);
      }
      return text + ")";
    }
  }
  return "?";
}

// Operators Spark prints infix, by the function name the plan format uses.
const char* InfixSymbol(const std::string& name) {
  static const char* const kInfix[] = {"+", "-", "*", "/", "%", "div", "=", "<", "<=", ">", ">=",
                                       "<=>", "&", "|", "^"};
  for (const char* symbol : kInfix) {
    if (name == symbol) return symbol;
  }
  return nullptr;
}

std::string NameText(const std::vector<std::string>& parts) {
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += ".";
    text += parts[i];
  }
  return text;
}

std::string FunctionText(const Expr& expr) {
  std::string mark = expr.resolved() ? "" : "'";
  const auto& args = expr.args;
  if (expr.name == kGetStructField && args.size() == 2 && args[0]->type) {
    return ExprText(*args[0]) + "." + args[0]->type->fields[args[1]->literal.i64].name;
  }
  if ((expr.name == kGetArrayItem || expr.name == kGetMapValue) && args.size() == 2) {
    return ExprText(*args[0]) + "[" + ExprText(*args[1]) + "]";
  }
  if (args.size() == 2) {
    // Operators print the same resolved or not; only named calls carry the unresolved mark.
    if (const char* symbol = InfixSymbol(expr.name)) {
      return "(" + ExprText(*args[0]) + " " + symbol + " " + ExprText(*args[1]) + ")";
    }
    if (expr.name == "!=") return "NOT (" + ExprText(*args[0]) + " = " + ExprText(*args[1]) + ")";
    if (expr.name == "like") return ExprText(*args[0]) + " LIKE " + ExprText(*args[1]);
    if (expr.name == "rlike") return mark + "RLIKE(" + ExprListText(args) + ")";
  }
  if (args.size() == 1) {
    if (expr.name == "not") return "NOT " + ExprText(*args[0]);
    if (expr.name == "negative" || expr.name == "-") return "-" + ExprText(*args[0]);
  }
  return mark + expr.name + "(" + ExprListText(args) + ")";
}

}  // namespace

std::string ExprListText(const std::vector<ExprPtr>& exprs) {
  std::string text;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) text += ", ";
    text += ExprText(*exprs[i]);
  }
  return text;
}

std::string WindowKeysText(const Expr& window) {
  auto split = window.args.begin() + 1 + static_cast<long>(window.window->num_partition);
  return "[" + ExprListText({window.args.begin() + 1, split}) + "], [" + ExprListText({split, window.args.end()}) + "]";
}

std::string WindowGroupLimitText(const Expr& window, int64_t limit) {
  return WindowKeysText(window) + ", " + ExprText(*window.args[0]) + ", " + std::to_string(limit);
}

namespace {

std::string BoundText(const FrameBound& bound) {
  switch (bound.kind) {
    case FrameBound::kUnboundedPreceding: return "unboundedpreceding$()";
    case FrameBound::kPreceding: return "-" + ExprText(*bound.offset);
    case FrameBound::kCurrentRow: return "currentrow$()";
    case FrameBound::kFollowing: return ExprText(*bound.offset);
    case FrameBound::kUnboundedFollowing: return "unboundedfollowing$()";
  }
  return "";
}

// Spark's text of a frame in plans: specifiedwindowframe(RowFrame, -1, currentrow$()).
std::string FrameText(const WindowSpec& window) {
  return std::string("specifiedwindowframe(") + (window.rows ? "RowFrame" : "RangeFrame") + ", " +
         BoundText(window.lower) + ", " + BoundText(window.upper) + ")";
}

}  // namespace

std::string ExprText(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kColumn:
      return "'" + NameText(expr.name_parts);
    case ExprKind::kStar:
      return expr.name_parts.empty() ? "*" : NameText(expr.name_parts) + ".*";
    case ExprKind::kLiteral:
      return ValueText(expr.literal);
    case ExprKind::kFunction:
      return FunctionText(expr);
    case ExprKind::kAggregate: {
      std::string mark = expr.aggregate ? "" : "'";
      std::string text = mark + expr.name + "(" + (expr.distinct ? "distinct " : "") + ExprListText(expr.FunctionArgs()) + ")";
      if (expr.has_filter) text += " FILTER (WHERE " + ExprText(*expr.args.back()) + ")";
      return text;
    }
    case ExprKind::kAlias:
      return ExprText(*expr.args[0]) + " AS " + expr.name;
    case ExprKind::kCast:
      return std::string(expr.try_cast ? "try_cast(" : "cast(") + ExprText(*expr.args[0]) + " as " +
             expr.type->ToString() + ")";
    case ExprKind::kBoundRef:
      return expr.name;
    case ExprKind::kCaseWhen: {
      std::string text = "CASE";
      size_t pairs = (expr.args.size() - (expr.has_else ? 1 : 0)) / 2;
      for (size_t p = 0; p < pairs; ++p) {
        text += " WHEN " + ExprText(*expr.args[2 * p]) + " THEN " + ExprText(*expr.args[2 * p + 1]);
      }
      if (expr.has_else) text += " ELSE " + ExprText(*expr.args.back());
      return text + " END";
    }
    case ExprKind::kAnd:
    case ExprKind::kOr:
      return "(" + ExprText(*expr.args[0]) + (expr.kind == ExprKind::kAnd ? " AND " : " OR ") +
             ExprText(*expr.args[1]) + ")";
    case ExprKind::kCoalesce:
      return "coalesce(" + ExprListText(expr.args) + ")";
    case ExprKind::kSortOrder:
      return ExprText(*expr.args[0]) + (expr.ascending ? " ASC" : " DESC") +
             (expr.nulls_first ? " NULLS FIRST" : " NULLS LAST");
    case ExprKind::kSubquery:
    case ExprKind::kOuterRef:
      return expr.ToSql();
    case ExprKind::kLambda: {
      std::string params;
      for (size_t i = 0; i < expr.name_parts.size(); ++i) params += (i ? ", " : "") + expr.name_parts[i];
      return "lambdafunction(" + ExprText(*expr.args[0]) + ", " + params + ")";
    }
    case ExprKind::kLambdaVar:
      return "lambda " + expr.name;
    case ExprKind::kWindow: {
      std::vector<ExprPtr> partition(expr.args.begin() + 1, expr.args.begin() + 1 + expr.window->num_partition);
      std::vector<ExprPtr> order(expr.args.begin() + 1 + expr.window->num_partition, expr.args.end());
      std::vector<std::string> parts;
      if (!partition.empty()) parts.push_back(ExprListText(partition));
      if (!order.empty()) parts.push_back(ExprListText(order));
      parts.push_back(FrameText(*expr.window));
      std::string spec;
      for (size_t i = 0; i < parts.size(); ++i) spec += (i ? ", " : "") + parts[i];
      return ExprText(*expr.args[0]) + " windowspecdefinition(" + spec + ")";
    }
  }
  return "?";
}

}  // namespace ember

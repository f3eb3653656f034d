// Boolean predicates: not, isnull, isnotnull, SQL LIKE / ILIKE (RLIKE is in functions/regex).
// (AND, OR and CASE are special forms of the evaluator, not functions.)
#include "common/collation.h"
#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"
#include "functions/string/collation_key.h"

namespace ember {
namespace {

BoundScalar BindNot(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("not", args, 1, 1);
  const DataType& t = *args[0].type;
  if (t.id != TypeId::kBoolean && t.id != TypeId::kNull && t.id != TypeId::kString)
    ThrowUnexpectedType("not", 0, "\"BOOLEAN\"", t);
  BoundScalar bound;
  bound.arg_types = {BooleanType()};
  bound.result_type = BooleanType();
  bound.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(BooleanType(), rows);
    const uint8_t* a = args[0]->Data<uint8_t>();
    uint8_t* o = out->Data<uint8_t>();
    for (int64_t i = 0; i < rows; ++i) o[i] = a[i] ^ 1;
    PropagateNulls(*out, args);
    return out;
  };
  return bound;
}

BoundScalar BindNullTest(const char* name, bool want_null, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  BoundScalar bound;
  bound.arg_types = {args[0].type};
  bound.result_type = BooleanType();
  bound.result_nullable = false;
  bound.kernel = [want_null](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(BooleanType(), rows);
    uint8_t* o = out->Data<uint8_t>();
    const Vector& in = *args[0];
    if (in.type()->id == TypeId::kNull) {
      std::fill_n(o, rows, uint8_t{want_null});
    } else if (!in.MayHaveNulls()) {
      std::fill_n(o, rows, uint8_t{!want_null});
    } else {
      for (int64_t i = 0; i < rows; ++i) o[i] = in.IsNull(i) == want_null;
    }
    return out;
  };
  return bound;
}

// LIKE with % (any run), _ (one character) and `escape` (\ by default) escaping the next
// character. Works on UTF-8 by treating continuation bytes as part of the preceding character for `_`.
bool LikeMatch(std::string_view s, std::string_view p, char escape = '\\') {
  size_t si = 0, pi = 0, star_p = std::string_view::npos, star_s = 0;
  auto char_len = [](std::string_view text, size_t at) {
    size_t n = 1;
    while (at + n < text.size() && (static_cast<uint8_t>(text[at + n]) & 0xC0) == 0x80) ++n;
    return n;
  };
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '%') {
      star_p = pi++;
      star_s = si;
      continue;
    }
    if (pi < p.size()) {
      if (p[pi] == '_') {
        si += char_len(s, si);
        ++pi;
        continue;
      }
      size_t lit = pi;
      if (p[pi] == escape && pi + 1 < p.size()) lit = pi + 1;
      if (p[lit] == s[si]) {
        pi = lit + 1;
        ++si;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p + 1;
    star_s += char_len(s, star_s);
    si = star_s;
  }
  while (pi < p.size() && p[pi] == '%') ++pi;
  return pi == p.size();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string SparkLower(std::string_view s) {
  std::string out;
  AppendSparkLowercase(s, out);
  return out;
}

// like(str, pattern[, escapeChar]): the escape character a string literal of one character
// (INVALID_ESCAPE_CHAR otherwise), as Spark takes it.
char LikeEscape(const std::vector<BindArg>& args) {
  if (args.size() < 3) return '\\';
  const BindArg& arg = args[2];
  bool single = arg.literal && !arg.literal->is_null && arg.type->id == TypeId::kString && arg.literal->str.size() == 1;
  if (!single) {
    std::string text = arg.literal && !arg.literal->is_null ? "'" + arg.literal->str + "'" : "\"escapeChar\"";
    throw SparkError("INVALID_ESCAPE_CHAR", "42604",
                     "`EscapeChar` should be a string literal of length one, but got " + text + ".", {{"sqlExpr", text}});
  }
  return arg.literal->str[0];
}

// Over UTF8_LCASE strings LIKE ignores case, as Spark's case-insensitive pattern does.
BoundScalar BindLike(const std::string& name, bool ignore_case, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 2, 3);
  char escape = LikeEscape(args);
  bool lowercase = args[0].type->id == TypeId::kString && CollationOf(args[0].type->collation).family == CollationFamily::kLowercase;
  BoundScalar bound;
  bound.arg_types = {StringType(), StringType()};
  if (args.size() == 3) bound.arg_types.push_back(StringType());
  bound.result_type = BooleanType();
  bound.kernel = [ignore_case, lowercase, escape](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(BooleanType(), rows);
    uint8_t* o = out->Data<uint8_t>();
    for (int64_t i = 0; i < rows; ++i) {
      if (!args[0]->IsValid(i) || !args[1]->IsValid(i)) {
        o[i] = 0;
      } else if (lowercase) {
        o[i] = LikeMatch(SparkLower(args[0]->GetString(i)), SparkLower(args[1]->GetString(i)), escape);
      } else if (ignore_case) {
        o[i] = LikeMatch(Lower(args[0]->GetString(i)), Lower(args[1]->GetString(i)), escape);
      } else {
        o[i] = LikeMatch(args[0]->GetString(i), args[1]->GetString(i), escape);
      }
    }
    PropagateNulls(*out, {args[0], args[1]});
    return out;
  };
  return bound;
}

}  // namespace

void RegisterPredicateFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("not", "not(b): logical negation; null stays null. not(true) = false", BindNot));
  registry.Add(MakeScalar("isnull", "isnull(x): whether x is null. isnull(NULL) = true",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            return BindNullTest("isnull", true, args);
                          }));
  registry.Add(MakeScalar("isnotnull", "isnotnull(x): whether x is not null. isnotnull(1) = true",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            return BindNullTest("isnotnull", false, args);
                          }));
  registry.Add(MakeScalar("like", "s like p: SQL pattern match with % and _. 'abc' like 'a%' = true",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindLike("like", false, a); }));
  registry.Add(MakeScalar("ilike", "s ilike p: case-insensitive LIKE. 'ABC' ilike 'a%' = true",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindLike("ilike", true, a); }));
}

}  // namespace ember

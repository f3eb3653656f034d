// rlike / regexp / regexp_like, regexp_replace, regexp_extract, regexp_extract_all, regexp_count,
// regexp_instr, regexp_substr: regular expressions with Java's semantics (java_regex.h).
#include <memory>

#include "common/collation.h"
#include "functions/executor.h"
#include "functions/regex/java_regex.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

using SV = std::string_view;

const std::string* LiteralPattern(const BindArg& arg) {
  return arg.literal && !arg.literal->is_null && arg.type->id == TypeId::kString ? &arg.literal->str : nullptr;
}

// The pattern of name(str, regexp, ...): over UTF8_LCASE strings it matches ignoring case.
RegexArg PatternOf(const std::string& name, const std::vector<BindArg>& args) {
  bool lowercase = args[0].type->id == TypeId::kString && CollationOf(args[0].type->collation).family == CollationFamily::kLowercase;
  return RegexArg(name, LiteralPattern(args[1]), lowercase);
}

// A matcher for the pattern of each row, rebuilt only when the pattern changes.
class Matchers {
 public:
  explicit Matchers(const RegexArg& pattern) : pattern_(pattern) {}
  const JavaRegex& Regex(SV pattern_text) { return pattern_.Get(pattern_text); }
  RegexMatcher& For(SV pattern_text) {
    const JavaRegex& regex = pattern_.Get(pattern_text);
    if (&regex != current_) {
      matcher_ = std::make_unique<RegexMatcher>(regex);
      current_ = &regex;
    }
    return *matcher_;
  }

 private:
  RegexArg pattern_;
  const JavaRegex* current_ = nullptr;
  std::unique_ptr<RegexMatcher> matcher_;
};

[[noreturn]] void ThrowGroupIndex(const std::string& function, int groups, int64_t index) {
  throw SparkError("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX", "22023",
                   "The value of parameter(s) `idx` in `" + function + "` is invalid: Expects group index between 0 and " +
                       std::to_string(groups) + ", but got " + std::to_string(index) + ".",
                   {{"parameter", "`idx`"}, {"functionName", "`" + function + "`"}});
}

// Binds name(str, regexp, extra...): arguments are cast to `types`; missing trailing arguments
// take `defaults` (the trailing entries of `types`), so the row lambda always sees every argument.
// `make(matchers)` returns the row lambda for ExecuteRows<Signature>.
template <typename Signature, typename Make>
BoundScalar BindRegex(const std::string& name, const std::vector<BindArg>& args, size_t min, std::vector<TypePtr> types,
                      std::vector<Value> defaults, TypePtr result, Make make) {
  CheckArgCount(name, args, min, types.size());
  RejectNestedArgs(name, args, "\"STRING\"");
  RegexArg pattern = PatternOf(name, args);
  size_t given = args.size();
  std::vector<TypePtr> arg_types(types.begin(), types.begin() + given);
  BoundScalar bound = FixedBinding(arg_types, result, nullptr);
  bound.kernel = [pattern, result, make, defaults, given, total = types.size()](const std::vector<VectorPtr>& a, int64_t rows,
                                                                                 EvalContext&) {
    std::vector<VectorPtr> all = a;
    for (size_t k = given; k < total; ++k) all.push_back(MakeConstantVector(defaults[k - (total - defaults.size())], rows));
    Matchers matchers(pattern);
    return ExecuteRows<Signature>(result, all, rows, make(matchers));
  };
  return bound;
}

BoundScalar BindRlike(const std::string& name, const std::vector<BindArg>& args) {
  return BindRegex<uint8_t(SV, SV)>(name, args, 2, {StringType(), StringType()}, {}, BooleanType(), [](Matchers& m) {
    return [&m](SV s, SV p) {
      RegexMatcher& matcher = m.For(p);
      matcher.Reset(s);
      return matcher.Find();
    };
  });
}

// regexp_replace(str, regexp, rep[, pos]): every match from 1-based character pos on replaced.
BoundScalar BindReplace(const std::vector<BindArg>& args, const EvalContext&) {
  return BindRegex<StringResult(SV, SV, SV, int32_t)>(
      "regexp_replace", args, 3, {StringType(), StringType(), StringType(), IntType()}, {Value::Int(1)}, StringType(),
      [](Matchers& m) {
        return [&m](std::string& out, SV s, SV p, SV rep, int32_t pos) {
          if (pos <= 0) {
            throw SparkError("INVALID_PARAMETER_VALUE.REGEX_POSITION", "22023",
                             "The value of parameter(s) `position` in `regexp_replace` is invalid: Expects a positive value, but got " +
                                 std::to_string(pos) + ".",
                             {{"parameter", "`position`"}, {"functionName", "`regexp_replace`"}});
          }
          if (pos - 1 > utf8::Length(s)) return out.append(s), void();
          RegexMatcher& matcher = m.For(p);
          matcher.Reset(s, utf8::ByteOffset(s, pos - 1));
          size_t copied = 0;
          while (matcher.Find()) {
            out.append(s.substr(copied, matcher.GroupStart(0) - copied));
            matcher.AppendReplacement(out, rep);
            copied = matcher.GroupEnd(0);
          }
          out.append(s.substr(copied));
        };
      });
}

void CheckGroup(const std::string& function, const JavaRegex& regex, int64_t idx) {
  if (idx < 0 || idx > regex.group_count()) ThrowGroupIndex(function, regex.group_count(), idx);
}

// regexp_extract(str, regexp[, idx]): group idx (default 1) of the first match; empty when none.
BoundScalar BindExtract(const std::vector<BindArg>& args, const EvalContext&) {
  return BindRegex<StringResult(SV, SV, int32_t)>(
      "regexp_extract", args, 2, {StringType(), StringType(), IntType()}, {Value::Int(1)}, StringType(), [](Matchers& m) {
        return [&m](std::string& out, SV s, SV p, int32_t idx) {
          RegexMatcher& matcher = m.For(p);
          matcher.Reset(s);
          bool found = matcher.Find();
          CheckGroup("regexp_extract", m.Regex(p), idx);
          if (found) out.append(matcher.Group(idx));
        };
      });
}

// Binds name(str, regexp[, n]) returning array<string>: `append(matchers, parts, str, regexp, n)`
// fills one row's elements (n is `default_n` when absent); a null argument gives a null array.
template <typename Append>
BoundScalar BindRegexToStrings(const char* name, const std::vector<BindArg>& args, int64_t default_n, Append append) {
  CheckArgCount(name, args, 2, 3);
  RejectNestedArgs(name, args, "\"STRING\"");
  RegexArg pattern = PatternOf(name, args);
  std::vector<TypePtr> types = {StringType(), StringType()};
  if (args.size() == 3) types.push_back(IntType());
  TypePtr result = ArrayType(StringType());
  BoundScalar bound = FixedBinding(types, result, nullptr);
  bound.kernel = [pattern, result, default_n, append](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    Matchers m(pattern);
    VectorBuilder builder(result, rows);
    for (int64_t i = 0; i < rows; ++i) {
      bool valid = true;
      for (const auto& v : a) valid &= v->IsValid(i);
      if (!valid) {
        builder.AppendNull();
        continue;
      }
      int64_t n = a.size() > 2 ? a[2]->Data<int32_t>()[i] : default_n;
      append(m, builder.Child(0), a[0]->GetString(i), a[1]->GetString(i), n);
      builder.FinishNested();
    }
    return builder.Finish();
  };
  return bound;
}

// regexp_extract_all(str, regexp[, idx]): group idx (default 1) of every match, as an array.
BoundScalar BindExtractAll(const std::vector<BindArg>& args, const EvalContext&) {
  return BindRegexToStrings("regexp_extract_all", args, 1, [](Matchers& m, VectorBuilder& parts, SV s, SV p, int64_t idx) {
    RegexMatcher& matcher = m.For(p);
    CheckGroup("regexp_extract_all", m.Regex(p), idx);
    matcher.Reset(s);
    while (matcher.Find()) parts.AppendString(matcher.Group(static_cast<int>(idx)));
  });
}

// regexp_count(str, regexp): the number of matches.
BoundScalar BindCount(const std::vector<BindArg>& args, const EvalContext&) {
  return BindRegex<int32_t(SV, SV)>("regexp_count", args, 2, {StringType(), StringType()}, {}, IntType(), [](Matchers& m) {
    return [&m](SV s, SV p) {
      RegexMatcher& matcher = m.For(p);
      matcher.Reset(s);
      int32_t n = 0;
      while (matcher.Find()) ++n;
      return n;
    };
  });
}

// regexp_instr(str, regexp[, idx]): 1-based character position of the first match; 0 when there
// is none. Spark takes idx but neither checks nor uses it: the position is the whole match's.
BoundScalar BindInstr(const std::vector<BindArg>& args, const EvalContext&) {
  return BindRegex<int32_t(SV, SV, int32_t)>(
      "regexp_instr", args, 2, {StringType(), StringType(), IntType()}, {Value::Int(0)}, IntType(), [](Matchers& m) {
        return [&m](SV s, SV p, int32_t) {
          RegexMatcher& matcher = m.For(p);
          matcher.Reset(s);
          if (!matcher.Find()) return 0;
          return static_cast<int32_t>(utf8::Length(s.substr(0, matcher.GroupStart(0))) + 1);
        };
      });
}

// regexp_substr(str, regexp): the first match, or null when there is none.
BoundScalar BindSubstr(const std::vector<BindArg>& args, const EvalContext&) {
  return BindRegex<StringResult(SV, SV)>("regexp_substr", args, 2, {StringType(), StringType()}, {}, StringType(), [](Matchers& m) {
    return [&m](std::string& out, SV s, SV p) {
      RegexMatcher& matcher = m.For(p);
      matcher.Reset(s);
      if (!matcher.Find()) return false;
      out.append(matcher.Group(0));
      return true;
    };
  });
}

// An empty pattern splits into characters (at most limit parts, the last holding the rest), with
// no trailing empty part, as Spark does.
void SplitCharacters(VectorBuilder& parts, SV s, int64_t limit) {
  int64_t n = utf8::Length(s);
  int64_t count = limit <= 0 || limit > n ? n : limit;
  size_t at = 0;
  for (int64_t k = 0; k + 1 < count; ++k) {
    size_t bytes = utf8::CharBytes(s, at);
    parts.AppendString(s.substr(at, bytes));
    at += bytes;
  }
  parts.AppendString(s.substr(at));
}

// split(str, regexp[, limit]): the parts of str between matches, as Java's String.split with
// limit > 0 keeping at most limit parts and limit <= 0 keeping all (trailing empty ones too); a
// zero-width match at the start makes no empty first part.
BoundScalar BindSplit(const std::vector<BindArg>& args, const EvalContext&) {
  return BindRegexToStrings("split", args, -1, [](Matchers& m, VectorBuilder& parts, SV s, SV p, int64_t limit) {
    if (p.empty() && !s.empty()) return SplitCharacters(parts, s, limit);
    RegexMatcher& matcher = m.For(p);
    matcher.Reset(s);
    size_t index = 0;
    int64_t count = 0;
    while ((limit <= 0 || count < limit - 1) && matcher.Find()) {
      size_t start = matcher.GroupStart(0), end = matcher.GroupEnd(0);
      if (start == 0 && end == 0) continue;
      parts.AppendString(s.substr(index, start - index));
      index = end;
      ++count;
    }
    parts.AppendString(s.substr(index));
  });
}

}  // namespace

void RegisterRegexpFunctions(FunctionRegistry& registry) {
  for (const char* name : {"rlike", "regexp", "regexp_like"}) {
    std::string n = name;
    registry.Add(MakeScalar(n, n + "(str, regexp): whether the Java regular expression regexp matches part of str.",
                            [n](const std::vector<BindArg>& a, const EvalContext&) { return BindRlike(n, a); },
                            // rlike and regexp are also infix operators in SQL; regexp_like is a call.
                            {{n == "regexp_like" ? "regexp_like('Spark SQL', 'S[a-z]+ S')" : "'Spark SQL' " + n + " 'S[a-z]+ S'", "true"}}));
  }
  registry.Add(MakeScalar("regexp_replace", "regexp_replace(str, regexp, rep[, pos]): every match from pos on replaced by rep ($1, ${name} insert groups).",
                          BindReplace, {{"regexp_replace('100-200', '(\\\\d+)', '<$1>')", "<100>-<200>"}, {"regexp_replace('aaa', 'a', 'b', 2)", "abb"}}));
  registry.Add(MakeScalar("regexp_extract", "regexp_extract(str, regexp[, idx]): group idx (default 1) of the first match; empty when none.",
                          BindExtract, {{"regexp_extract('id=42;', 'id=(\\\\d+)', 1)", "42"}, {"regexp_extract('x', '(y)')", ""}}));
  registry.Add(MakeScalar("regexp_extract_all", "regexp_extract_all(str, regexp[, idx]): group idx (default 1) of every match.",
                          BindExtractAll, {{"regexp_extract_all('a1b22', '(\\\\d+)')", "[1, 22]"}}));
  registry.Add(MakeScalar("split", "split(str, regexp[, limit]): the parts of str around matches of regexp (at most limit parts when limit > 0).",
                          BindSplit, {{"split('a,b,,', ',')", "[a, b, , ]"}, {"split('a1b2c', '\\\\d', 2)", "[a, b2c]"}}));
  registry.Add(MakeScalar("regexp_count", "regexp_count(str, regexp): the number of matches.", BindCount,
                          {{"regexp_count('a1b22c333', '\\\\d+')", "3"}}));
  registry.Add(MakeScalar("regexp_instr", "regexp_instr(str, regexp[, idx]): 1-based position of the first match (of group idx); 0 when none.",
                          BindInstr, {{"regexp_instr('abc123', '\\\\d')", "4"}}));
  registry.Add(MakeScalar("regexp_substr", "regexp_substr(str, regexp): the first match; null when none.", BindSubstr,
                          {{"regexp_substr('abc123def', '[0-9]+')", "123"}, {"regexp_substr('abc', '[0-9]+')", "NULL"}}));
}

}  // namespace ember

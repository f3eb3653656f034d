// String functions: upper, lower, length, concat, substring, trim/ltrim/rtrim, concat_ws,
// contains, startswith, endswith. Lengths and positions count UTF-8
// characters, as Spark does; case mapping covers ASCII (other characters are kept).
#include <algorithm>

#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

bool IsContinuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

int64_t Utf8Length(std::string_view s) {
  int64_t n = 0;
  for (char c : s) n += !IsContinuation(c);
  return n;
}

// Byte offset of character `chars` in s (s.size() when past the end).
size_t ByteOffset(std::string_view s, int64_t chars) {
  size_t i = 0;
  while (i < s.size() && chars > 0) {
    ++i;
    while (i < s.size() && IsContinuation(s[i])) ++i;
    --chars;
  }
  return i;
}

// Builds a string vector row by row with `fn(row, builder)`; null input rows stay null.
template <typename Fn>
VectorPtr MapStrings(const std::vector<VectorPtr>& args, int64_t rows, Fn fn) {
  VectorBuilder builder(StringType(), rows);
  for (int64_t i = 0; i < rows; ++i) {
    bool valid = true;
    for (const auto& a : args) valid &= a->IsValid(i);
    if (!valid) {
      builder.AppendNull();
    } else {
      fn(i, builder);
    }
  }
  return builder.Finish();
}

BoundScalar BindCase(const std::string& name, bool upper, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  BoundScalar bound;
  bound.arg_types = {StringType()};
  bound.result_type = StringType();
  bound.kernel = [upper](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    std::string scratch;
    return MapStrings(args, rows, [&](int64_t i, VectorBuilder& b) {
      std::string_view s = args[0]->GetString(i);
      scratch.assign(s);
      for (auto& c : scratch) c = static_cast<char>(upper ? ::toupper(c) : ::tolower(c));
      b.AppendString(scratch);
    });
  };
  return bound;
}

BoundScalar BindLength(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("length", args, 1, 1);
  bool binary = args[0].type->id == TypeId::kBinary;
  BoundScalar bound;
  bound.arg_types = {binary ? BinaryType() : StringType()};
  bound.result_type = IntType();
  bound.kernel = [binary](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(IntType(), rows);
    int32_t* o = out->Data<int32_t>();
    for (int64_t i = 0; i < rows; ++i) {
      std::string_view s = args[0]->GetString(i);
      o[i] = static_cast<int32_t>(binary ? s.size() : Utf8Length(s));
    }
    PropagateNulls(*out, args);
    return out;
  };
  return bound;
}

BoundScalar BindConcat(const std::vector<BindArg>& args, const EvalContext&) {
  BoundScalar bound;
  bound.arg_types.assign(args.size(), StringType());
  bound.result_type = StringType();
  bound.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    std::string scratch;
    return MapStrings(args, rows, [&](int64_t i, VectorBuilder& b) {
      scratch.clear();
      for (const auto& a : args) scratch.append(a->GetString(i));
      b.AppendString(scratch);
    });
  };
  return bound;
}

// substring(s, pos[, len]): 1-based pos; 0 acts as 1; negative counts from the end.
BoundScalar BindSubstring(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("substring", args, 2, 3);
  BoundScalar bound;
  bound.arg_types = {StringType(), IntType()};
  if (args.size() == 3) bound.arg_types.push_back(IntType());
  bound.result_type = StringType();
  bound.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    return MapStrings(args, rows, [&](int64_t i, VectorBuilder& b) {
      std::string_view s = args[0]->GetString(i);
      int64_t pos = args[1]->Data<int32_t>()[i];
      int64_t len = args.size() > 2 ? args[2]->Data<int32_t>()[i] : INT32_MAX;
      int64_t n = Utf8Length(s);
      int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? n + pos : 0);
      int64_t end = len < 0 ? start : start + len;
      start = std::clamp<int64_t>(start, 0, n);
      end = std::clamp<int64_t>(end, 0, n);
      if (end <= start) {
        b.AppendString("");
        return;
      }
      size_t from = ByteOffset(s, start);
      size_t to = from + ByteOffset(s.substr(from), end - start);
      b.AppendString(s.substr(from, to - from));
    });
  };
  return bound;
}

// trim / ltrim / rtrim: removes spaces (only ' ', as Spark) from the chosen ends.
BoundScalar BindTrim(const std::string& name, bool left, bool right, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  BoundScalar bound;
  bound.arg_types = {StringType()};
  bound.result_type = StringType();
  bound.kernel = [left, right](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    return MapStrings(args, rows, [&](int64_t i, VectorBuilder& b) {
      std::string_view s = args[0]->GetString(i);
      size_t begin = 0, end = s.size();
      if (left) {
        while (begin < end && s[begin] == ' ') ++begin;
      }
      if (right) {
        while (end > begin && s[end - 1] == ' ') --end;
      }
      b.AppendString(s.substr(begin, end - begin));
    });
  };
  return bound;
}

// concat_ws(sep, a, b, ...): joins the non-null arguments with sep; null only when sep is null.
BoundScalar BindConcatWs(const std::vector<BindArg>& args, const EvalContext&) {
  if (args.empty()) CheckArgCount("concat_ws", args, 1, 1);
  BoundScalar bound;
  bound.arg_types.assign(args.size(), StringType());
  bound.result_type = StringType();
  bound.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    VectorBuilder builder(StringType(), rows);
    std::string scratch;
    for (int64_t i = 0; i < rows; ++i) {
      if (args[0]->IsNull(i)) {
        builder.AppendNull();
        continue;
      }
      scratch.clear();
      bool first = true;
      for (size_t k = 1; k < args.size(); ++k) {
        if (args[k]->IsNull(i)) continue;
        if (!first) scratch.append(args[0]->GetString(i));
        scratch.append(args[k]->GetString(i));
        first = false;
      }
      builder.AppendString(scratch);
    }
    return builder.Finish();
  };
  return bound;
}

enum class Match { kContains, kStartsWith, kEndsWith };

BoundScalar BindMatch(const std::string& name, Match match, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 2, 2);
  BoundScalar bound;
  bound.arg_types = {StringType(), StringType()};
  bound.result_type = BooleanType();
  bound.kernel = [match](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(BooleanType(), rows);
    uint8_t* o = out->Data<uint8_t>();
    for (int64_t i = 0; i < rows; ++i) {
      std::string_view s = args[0]->GetString(i), p = args[1]->GetString(i);
      switch (match) {
        case Match::kContains: o[i] = s.find(p) != std::string_view::npos; break;
        case Match::kStartsWith: o[i] = s.substr(0, p.size()) == p; break;
        case Match::kEndsWith: o[i] = s.size() >= p.size() && s.substr(s.size() - p.size()) == p; break;
      }
    }
    PropagateNulls(*out, args);
    return out;
  };
  return bound;
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("upper", "upper(s): upper case. upper('ab') = 'AB'",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindCase("upper", true, a); }));
  registry.Add(MakeScalar("lower", "lower(s): lower case. lower('AB') = 'ab'",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindCase("lower", false, a); }));
  registry.AddAlias("ucase", "upper");
  registry.AddAlias("lcase", "lower");
  registry.Add(MakeScalar("length", "length(s): characters in s (bytes for binary). length('ab') = 2", BindLength));
  registry.AddAlias("char_length", "length");
  registry.AddAlias("character_length", "length");
  registry.Add(MakeScalar("concat", "concat(a, b, ...): joined strings; null if any is null. concat('a','b') = 'ab'",
                          BindConcat));
  registry.Add(MakeScalar("substring", "substring(s, pos[, len]): part of s from 1-based pos. substring('abc', 2) = 'bc'",
                          BindSubstring));
  registry.AddAlias("substr", "substring");
  registry.Add(MakeScalar("trim", "trim(s): s without leading and trailing spaces. trim(' a ') = 'a'",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindTrim("trim", true, true, a); }));
  registry.Add(MakeScalar("ltrim", "ltrim(s): s without leading spaces. ltrim(' a ') = 'a '",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindTrim("ltrim", true, false, a); }));
  registry.Add(MakeScalar("rtrim", "rtrim(s): s without trailing spaces. rtrim(' a ') = ' a'",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindTrim("rtrim", false, true, a); }));
  registry.Add(MakeScalar("concat_ws", "concat_ws(sep, a, ...): non-null arguments joined by sep. concat_ws('-', 'a', 'b') = 'a-b'",
                          BindConcatWs));
  registry.Add(MakeScalar("contains", "contains(s, p): whether p occurs in s. contains('abc', 'b') = true",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindMatch("contains", Match::kContains, a); }));
  registry.Add(MakeScalar("startswith", "startswith(s, p): whether s begins with p. startswith('abc', 'a') = true",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindMatch("startswith", Match::kStartsWith, a); }));
  registry.Add(MakeScalar("endswith", "endswith(s, p): whether s ends with p. endswith('abc', 'c') = true",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindMatch("endswith", Match::kEndsWith, a); }));
}

}  // namespace ember

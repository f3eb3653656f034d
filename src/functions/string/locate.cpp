// instr, locate / position, substring_index, find_in_set: positions of substrings (1-based, in
// characters; 0 when absent).
#include "functions/executor.h"
#include "functions/string/locate_rows.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

using SV = std::string_view;

// 1-based character position of sub in s at or after character `from` (0-based), 0 when absent.
int32_t Find(SV s, SV sub, int64_t from) {
  size_t start = utf8::ByteOffset(s, from);
  if (start > s.size() || (start == s.size() && from > utf8::Length(s))) return 0;
  size_t at = s.find(sub, start);
  if (at == SV::npos) return 0;
  return static_cast<int32_t>(utf8::Length(s.substr(0, at)) + 1);
}

// locate(substr, str[, pos]).
BoundScalar BindLocate(const std::string& name, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 2, 3);
  RejectNestedArgs(name, args, "\"STRING\"");
  if (args.size() == 2) {
    return FixedBinding({StringType(), StringType()}, IntType(),
                        RowKernel<int32_t(SV, SV)>([](SV sub, SV s) { return Find(s, sub, 0); }));
  }
  BoundScalar bound = FixedBinding({StringType(), StringType(), IntType()}, IntType(), nullptr);
  bound.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    return LocateRows(args, rows, Find);
  };
  return bound;
}

// Occurrences may overlap, as in Spark: each search starts one byte past the previous match.
void SubstringIndex(std::string& out, SV s, SV delim, int32_t count) {
  if (count == 0 || delim.empty()) return;
  if (count > 0) {
    size_t at = SV::npos;
    for (int32_t k = 0; k < count; ++k) {
      at = s.find(delim, at == SV::npos ? 0 : at + 1);
      if (at == SV::npos) return out.append(s), void();
    }
    out.append(s.substr(0, at));
    return;
  }
  if (s.size() < delim.size()) return out.append(s), void();
  size_t at = s.size() - delim.size() + 1;
  for (int64_t k = count; k < 0; ++k) {
    at = at == 0 ? SV::npos : s.rfind(delim, at - 1);
    if (at == SV::npos) return out.append(s), void();
  }
  out.append(s.substr(at + delim.size()));
}

}  // namespace

void RegisterLocateFunctions(FunctionRegistry& registry) {
  registry.Add(FixedScalar("instr", "instr(str, substr): 1-based position of the first substr in str, 0 if absent.",
                           {{"instr('SparkSQL', 'SQL')", "6"}, {"instr('abc', 'x')", "0"}}, {StringType(), StringType()}, IntType(),
                           RowKernel<int32_t(SV, SV)>([](SV s, SV sub) { return Find(s, sub, 0); })));
  registry.Add(MakeScalar("locate", "locate(substr, str[, pos]): 1-based position of the first substr in str at or after pos, 0 if absent.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindLocate("locate", a); },
                          {{"locate('a', 'banana', 3)", "4"}}));
  registry.Add(MakeScalar("position", "position(substr, str[, pos]): same as locate.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindLocate("position", a); },
                          {{"position('n', 'banana')", "3"}}));
  registry.Add(FixedScalar("substring_index",
                           "substring_index(str, delim, count): str before the count-th delim (after it, counting from the right, when count < 0).",
                           {{"substring_index('a.b.c', '.', 2)", "a.b"}, {"substring_index('a.b.c', '.', -1)", "c"}},
                           {StringType(), StringType(), IntType()}, StringType(),
                           RowKernel<StringResult(SV, SV, int32_t)>(SubstringIndex)));
  registry.Add(FixedScalar("find_in_set", "find_in_set(str, list): 1-based index of str in the comma-separated list, 0 if absent or str has a comma.",
                           {{"find_in_set('b', 'a,b,c')", "2"}}, {StringType(), StringType()}, IntType(),
                           RowKernel<int32_t(SV, SV)>([](SV s, SV list) {
                             if (s.find(',') != SV::npos) return 0;
                             int32_t index = 1;
                             size_t start = 0;
                             while (true) {
                               size_t end = list.find(',', start);
                               if (list.substr(start, end == SV::npos ? SV::npos : end - start) == s) return index;
                               if (end == SV::npos) return 0;
                               start = end + 1;
                               ++index;
                             }
                           })));
}

}  // namespace ember

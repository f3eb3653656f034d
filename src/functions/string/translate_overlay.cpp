// translate, overlay, replace: character and substring replacement.
#include <unordered_map>

#include "functions/executor.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

using SV = std::string_view;

// translate(str, from, to): each character of `from` becomes the character at the same place in
// `to`, or is removed when `to` is shorter; the first occurrence in `from` wins.
void Translate(std::string& out, SV s, SV from, SV to) {
  std::unordered_map<uint32_t, int64_t> map;  // code point -> replacement (-1: remove)
  std::vector<uint32_t> targets;
  for (size_t at = 0; at < to.size();) targets.push_back(utf8::Decode(to, at));
  int64_t index = 0;
  for (size_t at = 0; at < from.size(); ++index) {
    uint32_t cp = utf8::Decode(from, at);
    if (!map.count(cp)) map[cp] = index < static_cast<int64_t>(targets.size()) ? static_cast<int64_t>(targets[index]) : -1;
  }
  for (size_t at = 0; at < s.size();) {
    uint32_t cp = utf8::Decode(s, at);
    auto it = map.find(cp);
    if (it == map.end()) {
      utf8::Append(out, cp);
    } else if (it->second >= 0) {
      utf8::Append(out, static_cast<uint32_t>(it->second));
    }
  }
}

// overlay(input, replace, pos[, len]): input with len characters from 1-based pos replaced.
void Overlay(std::string& out, SV s, SV replace, int64_t pos, int64_t len) {
  int64_t n = utf8::Length(s);
  int64_t head = std::min(std::max<int64_t>(pos - 1, 0), n);
  out.append(utf8::Substr(s, 0, head));
  out.append(replace);
  int64_t tail = std::max<int64_t>(pos - 1 + len, 0);
  if (tail < n) out.append(utf8::Substr(s, tail, n - tail));
}

BoundScalar BindOverlay(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("overlay", args, 3, 4);
  RejectNestedArgs("overlay", args, "\"STRING\"");
  if (args.size() == 3) {
    return FixedBinding({StringType(), StringType(), IntType()}, StringType(),
                        RowKernel<StringResult(SV, SV, int32_t)>([](std::string& out, SV s, SV r, int32_t pos) {
                          Overlay(out, s, r, pos, utf8::Length(r));
                        }));
  }
  return FixedBinding({StringType(), StringType(), IntType(), IntType()}, StringType(),
                      RowKernel<StringResult(SV, SV, int32_t, int32_t)>([](std::string& out, SV s, SV r, int32_t pos, int32_t len) {
                        Overlay(out, s, r, pos, len < 0 ? utf8::Length(r) : len);
                      }));
}

void Replace(std::string& out, SV s, SV search, SV replace) {
  if (search.empty()) return out.append(s), void();
  size_t start = 0;
  for (size_t at; (at = s.find(search, start)) != SV::npos; start = at + search.size()) {
    out.append(s.substr(start, at - start));
    out.append(replace);
  }
  out.append(s.substr(start));
}

BoundScalar BindReplace(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("replace", args, 2, 3);
  RejectNestedArgs("replace", args, "\"STRING\"");
  if (args.size() == 2) {
    return FixedBinding({StringType(), StringType()}, StringType(),
                        RowKernel<StringResult(SV, SV)>([](std::string& out, SV s, SV search) { Replace(out, s, search, ""); }));
  }
  return FixedBinding({StringType(), StringType(), StringType()}, StringType(),
                      RowKernel<StringResult(SV, SV, SV)>(Replace));
}

}  // namespace

void RegisterTranslateOverlayFunctions(FunctionRegistry& registry) {
  registry.Add(FixedScalar("translate", "translate(str, from, to): characters of from replaced by those of to (removed past its end).",
                           {{"translate('AaBbCc', 'abc', '12')", "A1B2C"}}, {StringType(), StringType(), StringType()}, StringType(),
                           RowKernel<StringResult(SV, SV, SV)>(Translate)));
  registry.Add(MakeScalar("overlay", "overlay(input, replace, pos[, len]): input with len characters (default or negative: replace's length) from pos replaced.",
                          BindOverlay, {{"overlay('Spark SQL', 'ANSI ', 7, 0)", "Spark ANSI SQL"}, {"overlay('abcdef', 'XY', 2)", "aXYdef"}}));
  registry.Add(MakeScalar("replace", "replace(str, search[, replace]): every search in str replaced (removed by default).",
                          BindReplace, {{"replace('a-b-c', '-', '+')", "a+b+c"}}));
}

}  // namespace ember

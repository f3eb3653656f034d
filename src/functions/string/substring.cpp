// substring / substr, left, right: parts of a string by 1-based character positions (substring of
// a binary value: by byte positions, giving binary).
#include <algorithm>
#include <climits>

#include "functions/executor.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

// Spark's substring: pos is 1-based, 0 acts as 1, negative counts from the end; len < 0 is empty.
// Positions count characters, or bytes when `bytes`.
void Substring(std::string& out, std::string_view s, int64_t pos, int64_t len, bool bytes = false) {
  int64_t n = bytes ? static_cast<int64_t>(s.size()) : utf8::Length(s);
  int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? n + pos : 0);
  int64_t end = len < 0 ? start : start + len;
  start = std::clamp<int64_t>(start, 0, n);
  end = std::clamp<int64_t>(end, 0, n);
  if (end > start) out.append(bytes ? s.substr(start, end - start) : utf8::Substr(s, start, end - start));
}

BoundScalar BindSubstring(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("substring", args, 2, 3);
  RejectNestedArgs("substring", args, "\"STRING\"");
  using SV = std::string_view;
  bool bytes = args[0].type->id == TypeId::kBinary;
  TypePtr type = bytes ? BinaryType() : StringType();
  if (args.size() == 2) {
    return FixedBinding({type, IntType()}, type,
                        RowKernel<StringResult(SV, int32_t)>(type, [bytes](std::string& out, SV s, int32_t pos) {
                          Substring(out, s, pos, INT32_MAX, bytes);
                        }));
  }
  return FixedBinding({type, IntType(), IntType()}, type,
                      RowKernel<StringResult(SV, int32_t, int32_t)>(type, [bytes](std::string& out, SV s, int32_t pos, int32_t len) {
                        Substring(out, s, pos, len, bytes);
                      }));
}

}  // namespace

void RegisterSubstringFunctions(FunctionRegistry& registry) {
  using SV = std::string_view;
  registry.Add(MakeScalar("substring", "substring(str, pos[, len]): len characters of str from 1-based pos (negative: from the end).",
                          BindSubstring, {{"substring('Spark SQL', 7)", "SQL"}, {"substring('Spark SQL', -3, 2)", "SQ"},
                                         {"hex(substring(X'C3A980', 2, 1))", "A9"}}));
  registry.AddAlias("substr", "substring");
  registry.Add(FixedScalar("left", "left(str, len): the first len characters of str (empty when len <= 0).",
                           {{"left('Spark', 2)", "Sp"}}, {StringType(), IntType()}, StringType(),
                           RowKernel<StringResult(SV, int32_t)>([](std::string& out, SV s, int32_t len) {
                             Substring(out, s, 1, len);
                           })));
  registry.Add(FixedScalar("right", "right(str, len): the last len characters of str (empty when len <= 0).",
                           {{"right('Spark', 3)", "ark"}}, {StringType(), IntType()}, StringType(),
                           RowKernel<StringResult(SV, int32_t)>([](std::string& out, SV s, int32_t len) {
                             if (len > 0) Substring(out, s, -static_cast<int64_t>(len), len);
                           })));
}

}  // namespace ember

// trim, ltrim, rtrim, btrim: remove spaces (or any character of trimStr) from the ends of str.
#include "functions/executor.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

enum Ends { kLeft = 1, kRight = 2, kBoth = 3 };

// Whether the character at s[at, at + n) is one of the characters of `set`.
bool InSet(std::string_view set, std::string_view ch) { return set.find(ch) != std::string_view::npos; }

void Trim(std::string& out, std::string_view s, std::string_view set, int ends) {
  size_t begin = 0, end = s.size();
  if (ends & kLeft) {
    while (begin < end) {
      size_t n = utf8::CharBytes(s, begin);
      if (!InSet(set, s.substr(begin, n))) break;
      begin += n;
    }
  }
  if (ends & kRight) {
    while (end > begin) {
      size_t start = end - 1;
      while (start > begin && utf8::IsContinuation(s[start])) --start;
      if (!InSet(set, s.substr(start, end - start))) break;
      end = start;
    }
  }
  out.append(s.substr(begin, end - begin));
}

ScalarFunction TrimFunction(const std::string& name, int ends, std::string doc, std::vector<FunctionExample> examples) {
  return MakeScalar(
      name, std::move(doc),
      [name, ends](const std::vector<BindArg>& args, const EvalContext&) {
        CheckArgCount(name, args, 1, 2);
        RejectNestedArgs(name, args, "\"STRING\"");
        if (args.size() == 1) {
          return FixedBinding({StringType()}, StringType(),
                              RowKernel<StringResult(std::string_view)>([ends](std::string& out, std::string_view s) {
                                Trim(out, s, " ", ends);
                              }));
        }
        return FixedBinding({StringType(), StringType()}, StringType(),
                            RowKernel<StringResult(std::string_view, std::string_view)>(
                                [ends](std::string& out, std::string_view s, std::string_view set) {
                                  Trim(out, s, set, ends);
                                }));
      },
      std::move(examples));
}

}  // namespace

void RegisterTrimFunctions(FunctionRegistry& registry) {
  registry.Add(TrimFunction("trim", kBoth, "trim(str[, trimStr]): str without leading and trailing spaces (or characters of trimStr).",
                            {{"trim('  a b  ')", "a b"}, {"trim('xyaxy', 'xy')", "a"}}));
  registry.Add(TrimFunction("btrim", kBoth, "btrim(str[, trimStr]): same as trim.", {{"btrim('--a--', '-')", "a"}}));
  registry.Add(TrimFunction("ltrim", kLeft, "ltrim(str[, trimStr]): str without leading spaces (or characters of trimStr).",
                            {{"concat(ltrim('  a  '), '|')", "a  |"}}));
  registry.Add(TrimFunction("rtrim", kRight, "rtrim(str[, trimStr]): str without trailing spaces (or characters of trimStr).",
                            {{"concat('|', rtrim('  a  '))", "|  a"}}));
}

}  // namespace ember

// levenshtein (edit distance in characters, with an optional threshold) and soundex.
#include <algorithm>
#include <cctype>

#include "functions/executor.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

using SV = std::string_view;

int32_t Levenshtein(SV a, SV b) {
  std::vector<uint32_t> x, y;
  for (size_t at = 0; at < a.size();) x.push_back(utf8::Decode(a, at));
  for (size_t at = 0; at < b.size();) y.push_back(utf8::Decode(b, at));
  std::vector<int32_t> row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = static_cast<int32_t>(j);
  for (size_t i = 1; i <= x.size(); ++i) {
    int32_t diagonal = row[0];
    row[0] = static_cast<int32_t>(i);
    for (size_t j = 1; j <= y.size(); ++j) {
      int32_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] != y[j - 1])});
      diagonal = above;
    }
  }
  return row[y.size()];
}

BoundScalar BindLevenshtein(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("levenshtein", args, 2, 3);
  RejectNestedArgs("levenshtein", args, "\"STRING\"");
  if (args.size() == 2) {
    return FixedBinding({StringType(), StringType()}, IntType(), RowKernel<int32_t(SV, SV)>(Levenshtein));
  }
  return FixedBinding({StringType(), StringType(), IntType()}, IntType(),
                      RowKernel<int32_t(SV, SV, int32_t)>([](SV a, SV b, int32_t threshold) {
                        int32_t d = Levenshtein(a, b);
                        return d > threshold ? -1 : d;
                      }));
}

// American soundex: the first letter, then the digits of the following consonant groups; a string
// not starting with a letter is returned unchanged.
void Soundex(std::string& out, SV s) {
  static const char kCodes[] = "01230120022455012623010202";  // A..Z
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return out.append(s), void();
  char first = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  out += first;
  char last = kCodes[first - 'A'];
  for (size_t i = 1; i < s.size() && out.size() < 4; ++i) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(s[i])));
    if (c < 'A' || c > 'Z') {
      last = '0';
      continue;
    }
    char code = kCodes[c - 'A'];
    if (c == 'H' || c == 'W') continue;  // these do not separate equal codes
    if (code != '0' && code != last) out += code;
    last = code;
  }
  out.append(4 - out.size(), '0');
}

}  // namespace

void RegisterLevenshteinSoundexFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("levenshtein", "levenshtein(a, b[, threshold]): edit distance of a and b; -1 when above threshold.",
                          BindLevenshtein, {{"levenshtein('kitten', 'sitting')", "3"}, {"levenshtein('kitten', 'sitting', 2)", "-1"}}));
  registry.Add(FixedScalar("soundex", "soundex(str): the Soundex code of str.", {{"soundex('Robert')", "R163"}},
                           {StringType()}, StringType(), RowKernel<StringResult(SV)>(Soundex)));
}

}  // namespace ember

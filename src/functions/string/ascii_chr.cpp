// ascii, chr / char: code points and characters.
#include "functions/executor.h"
#include "functions/string/utf8.h"

namespace ember {

void RegisterAsciiChrFunctions(FunctionRegistry& registry) {
  using SV = std::string_view;
  registry.Add(FixedScalar("ascii", "ascii(str): the code point of the first character of str (0 when empty).",
                           {{"ascii('Spark')", "83"}, {"ascii('')", "0"}}, {StringType()}, IntType(),
                           RowKernel<int32_t(SV)>([](SV s) {
                             size_t at = 0;
                             return s.empty() ? 0 : static_cast<int32_t>(utf8::Decode(s, at));
                           })));
  registry.Add(FixedScalar("chr", "chr(n): the character of code point n mod 256 (empty when n < 0).",
                           {{"chr(65)", "A"}, {"chr(321)", "A"}}, {LongType()}, StringType(),
                           RowKernel<StringResult(int64_t)>([](std::string& out, int64_t n) {
                             if (n >= 0) utf8::Append(out, static_cast<uint32_t>(n & 0xFF));
                           })));
  registry.AddAlias("char", "chr");
}

}  // namespace ember

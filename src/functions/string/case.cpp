// upper / ucase, lower / lcase, initcap. Case mapping covers ASCII letters; other characters are
// kept as they are (Java maps every Unicode letter: see docs/functions.md).
#include <cctype>

#include "functions/executor.h"

namespace ember {
namespace {

char Upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

void RegisterCaseFunctions(FunctionRegistry& registry) {
  registry.Add(FixedScalar("upper", "upper(str): str in upper case.", {{"upper('Spark sql')", "SPARK SQL"}},
                           {StringType()}, StringType(),
                           RowKernel<StringResult(std::string_view)>([](std::string& out, std::string_view s) {
                             for (char c : s) out += Upper(c);
                           })));
  registry.Add(FixedScalar("lower", "lower(str): str in lower case.", {{"lower('Spark SQL')", "spark sql"}},
                           {StringType()}, StringType(),
                           RowKernel<StringResult(std::string_view)>([](std::string& out, std::string_view s) {
                             for (char c : s) out += Lower(c);
                           })));
  registry.AddAlias("ucase", "upper");
  registry.AddAlias("lcase", "lower");
  registry.Add(FixedScalar(
      "initcap", "initcap(str): each space-separated word with its first letter upper case and the rest lower case.",
      {{"initcap('hELLO wORLD')", "Hello World"}}, {StringType()}, StringType(),
      RowKernel<StringResult(std::string_view)>([](std::string& out, std::string_view s) {
        bool start = true;
        for (char c : s) {
          out += start ? Upper(c) : Lower(c);
          start = c == ' ';
        }
      })));
}

}  // namespace ember

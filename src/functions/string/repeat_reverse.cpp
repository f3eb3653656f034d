// repeat, reverse (of strings; arrays in functions/collection/array_slice.cpp).
#include "functions/collection/array_binders.h"
#include "functions/executor.h"
#include "functions/string/utf8.h"

namespace ember {

void RegisterRepeatReverseFunctions(FunctionRegistry& registry) {
  using SV = std::string_view;
  registry.Add(FixedScalar("repeat", "repeat(str, n): str repeated n times (empty when n <= 0).", {{"repeat('ab', 3)", "ababab"}},
                           {StringType(), IntType()}, StringType(),
                           RowKernel<StringResult(SV, int32_t)>([](std::string& out, SV s, int32_t n) {
                             for (int32_t k = 0; k < n; ++k) out.append(s);
                           })));
  ScalarFunction reverse = FixedScalar(
      "reverse", "reverse(str): the characters of str in reverse order; reverse(array): the elements in reverse order.",
      {{"reverse('Spark')", "krapS"}, {"reverse(array(1, 2))", "[2, 1]"}}, {StringType()}, StringType(),
      RowKernel<StringResult(SV)>([](std::string& out, SV s) {
        size_t end = s.size();
        while (end > 0) {
          size_t start = end - 1;
          while (start > 0 && utf8::IsContinuation(s[start])) --start;
          out.append(s.substr(start, end - start));
          end = start;
        }
      }));
  auto bind_string = reverse.bind;
  reverse.bind = [bind_string](const std::vector<BindArg>& args, const EvalContext& ctx) {
    if (args.size() == 1 && args[0].type->id == TypeId::kArray) return BindArrayReverse(args);
    return bind_string(args, ctx);
  };
  registry.Add(std::move(reverse));
}

}  // namespace ember

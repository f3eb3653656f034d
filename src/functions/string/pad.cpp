// lpad, rpad: str padded (or cut) to len characters with pad repeated.
#include "functions/executor.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

void Pad(std::string& out, std::string_view s, int64_t len, std::string_view pad, bool left) {
  if (len <= 0) return;
  int64_t n = utf8::Length(s);
  if (n >= len || pad.empty()) {
    out.append(utf8::Substr(s, 0, len));
    return;
  }
  int64_t missing = len - n, pad_chars = utf8::Length(pad);
  if (!left) out.append(s);
  for (int64_t k = 0; k + pad_chars <= missing; k += pad_chars) out.append(pad);
  out.append(utf8::Substr(pad, 0, missing % pad_chars));
  if (left) out.append(s);
}

ScalarFunction PadFunction(const std::string& name, bool left, std::string doc, std::vector<FunctionExample> examples) {
  using SV = std::string_view;
  return MakeScalar(
      name, std::move(doc),
      [name, left](const std::vector<BindArg>& args, const EvalContext&) {
        CheckArgCount(name, args, 2, 3);
        RejectNestedArgs(name, args, "\"STRING\"");
        if (args.size() == 2) {
          return FixedBinding({StringType(), IntType()}, StringType(),
                              RowKernel<StringResult(SV, int32_t)>([left](std::string& out, SV s, int32_t len) {
                                Pad(out, s, len, " ", left);
                              }));
        }
        return FixedBinding({StringType(), IntType(), StringType()}, StringType(),
                            RowKernel<StringResult(SV, int32_t, SV)>([left](std::string& out, SV s, int32_t len, SV pad) {
                              Pad(out, s, len, pad, left);
                            }));
      },
      std::move(examples));
}

}  // namespace

void RegisterPadFunctions(FunctionRegistry& registry) {
  registry.Add(PadFunction("lpad", true, "lpad(str, len[, pad]): str left-padded with pad (default space) to len characters, or cut to len.",
                           {{"lpad('7', 3, '0')", "007"}, {"lpad('Spark', 2)", "Sp"}}));
  registry.Add(PadFunction("rpad", false, "rpad(str, len[, pad]): str right-padded with pad (default space) to len characters, or cut to len.",
                           {{"rpad('ab', 5, 'xy')", "abxyx"}}));
}

}  // namespace ember

// base64 (binary to text, no line breaks) and unbase64 (text to binary; as Java's MIME decoder,
// characters outside the alphabet are skipped).
#include "common/base64.h"
#include "functions/executor.h"

namespace ember {
namespace {

using SV = std::string_view;

void Encode(std::string& out, SV in) { AppendBase64(out, in); }

void Decode(std::string& out, SV in) {
  Base64Bits bits;
  for (char c : in) {
    if (c == '=') break;
    int d = Base64Digit(c);
    if (d >= 0) bits.Push(d, out);
  }
}

}  // namespace

void RegisterBase64Functions(FunctionRegistry& registry) {
  registry.Add(FixedScalar("base64", "base64(bin): bin as base64 text.", {{"base64('Spark')", "U3Bhcms="}},
                           {BinaryType()}, StringType(), RowKernel<StringResult(SV)>(Encode)));
  registry.Add(FixedScalar("unbase64", "unbase64(str): the binary that base64 text str encodes.",
                           {{"cast(unbase64('U3Bhcms=') AS STRING)", "Spark"}}, {StringType()}, BinaryType(),
                           RowKernel<StringResult(SV)>(BinaryType(), Decode)));
}

}  // namespace ember

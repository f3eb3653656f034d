// base64 (binary to text, no line breaks) and unbase64 (text to binary; as Java's MIME decoder,
// characters outside the alphabet are skipped).
#include "functions/executor.h"

namespace ember {
namespace {

using SV = std::string_view;
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void Encode(std::string& out, SV in) {
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<uint8_t>(in[k])); };
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t v = byte(i) << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t v = byte(i) << 16 | byte(i + 1) << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
}

int Digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

void Decode(std::string& out, SV in) {
  uint32_t bits = 0;
  int count = 0;
  for (char c : in) {
    if (c == '=') break;
    int d = Digit(c);
    if (d < 0) continue;
    bits = bits << 6 | static_cast<uint32_t>(d);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
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

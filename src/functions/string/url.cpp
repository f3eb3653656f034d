// url_encode, url_decode, try_url_decode: application/x-www-form-urlencoded text in UTF-8, as
// java.net.URLEncoder / URLDecoder.
#include <cctype>

#include "functions/executor.h"

namespace ember {
namespace {

using SV = std::string_view;

void UrlEncode(std::string& out, SV s) {
  static const char kHex[] = "0123456789ABCDEF";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '.' || c == '-' || c == '*' || c == '_') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// False when s has a malformed escape.
bool UrlDecode(std::string& out, SV s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return false;
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi << 4 | lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return true;
}

}  // namespace

void RegisterUrlFunctions(FunctionRegistry& registry) {
  registry.Add(FixedScalar("url_encode", "url_encode(str): str in application/x-www-form-urlencoded form (UTF-8).",
                           {{"url_encode('a b&c=d')", "a+b%26c%3Dd"}}, {StringType()}, StringType(),
                           RowKernel<StringResult(SV)>(UrlEncode)));
  registry.Add(FixedScalar("url_decode", "url_decode(str): decoded application/x-www-form-urlencoded text; malformed escapes raise CANNOT_DECODE_URL.",
                           {{"url_decode('a+b%26c')", "a b&c"}}, {StringType()}, StringType(),
                           RowKernel<StringResult(SV)>([](std::string& out, SV s) {
                             if (!UrlDecode(out, s)) {
                               throw SparkError("CANNOT_DECODE_URL",
                                                {{"url", std::string(s)}});
                             }
                           })));
  registry.Add(FixedScalar("try_url_decode", "try_url_decode(str): url_decode, or null when str is malformed.",
                           {{"try_url_decode('%G1')", "NULL"}}, {StringType()}, StringType(),
                           RowKernel<StringResult(SV)>(UrlDecode)));
}

}  // namespace ember

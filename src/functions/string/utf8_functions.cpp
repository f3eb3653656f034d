// is_valid_utf8, make_valid_utf8, validate_utf8, try_validate_utf8.
#include "functions/executor.h"

namespace ember {
namespace {

using SV = std::string_view;

// Length of the valid UTF-8 sequence at s[at], or 0 when it is not valid.
size_t ValidSequence(SV s, size_t at) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t c = byte(at);
  if (c < 0x80) return 1;
  size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (n == 0 || at + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(at + k) & 0xC0) != 0x80) return 0;
  }
  uint8_t next = byte(at + 1);
  if ((c == 0xE0 && next < 0xA0) || (c == 0xED && next > 0x9F) || (c == 0xF0 && next < 0x90) || (c == 0xF4 && next > 0x8F)) return 0;
  return n;
}

bool IsValid(SV s) {
  for (size_t at = 0; at < s.size();) {
    size_t n = ValidSequence(s, at);
    if (n == 0) return false;
    at += n;
  }
  return true;
}

void MakeValid(std::string& out, SV s) {
  for (size_t at = 0; at < s.size();) {
    size_t n = ValidSequence(s, at);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++at;
    } else {
      out.append(s.substr(at, n));
      at += n;
    }
  }
}

}  // namespace

void RegisterUtf8Functions(FunctionRegistry& registry) {
  registry.Add(FixedScalar("is_valid_utf8", "is_valid_utf8(str): whether str is valid UTF-8.", {{"is_valid_utf8('abc')", "true"}},
                           {StringType()}, BooleanType(), RowKernel<uint8_t(SV)>(IsValid)));
  registry.Add(FixedScalar("make_valid_utf8", "make_valid_utf8(str): str with each invalid UTF-8 byte replaced by U+FFFD.",
                           {{"make_valid_utf8('abc')", "abc"}}, {StringType()}, StringType(), RowKernel<StringResult(SV)>(MakeValid)));
  registry.Add(FixedScalar("validate_utf8", "validate_utf8(str): str, raising INVALID_UTF8_STRING when it is not valid UTF-8.",
                           {{"validate_utf8('abc')", "abc"}}, {StringType()}, StringType(), RowKernel<StringResult(SV)>([](std::string& out, SV s) {
                             if (!IsValid(s)) {
                               static const char kHex[] = "0123456789ABCDEF";
                               std::string hex;
                               for (unsigned char c : s) hex += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
                               throw SparkError("INVALID_UTF8_STRING", "22029", "Invalid UTF8 byte sequence found in string: " + hex + ".",
                                                {{"str", hex}});
                             }
                             out.append(s);
                           })));
  registry.Add(FixedScalar("try_validate_utf8", "try_validate_utf8(str): str, or null when it is not valid UTF-8.",
                           {{"try_validate_utf8('abc')", "abc"}}, {StringType()}, StringType(), RowKernel<StringResult(SV)>([](std::string& out, SV s) {
                             if (!IsValid(s)) return false;
                             out.append(s);
                             return true;
                           })));
}

}  // namespace ember

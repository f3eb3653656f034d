// encode(str, charset) and decode(bin, charset) between strings (UTF-8) and the bytes of the
// charsets Spark 4 accepts: US-ASCII, ISO-8859-1, UTF-8, UTF-16BE, UTF-16LE, UTF-16, UTF-32.
#include <algorithm>
#include <cctype>

#include "functions/executor.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

using SV = std::string_view;

enum class Charset { kAscii, kLatin1, kUtf8, kUtf16Be, kUtf16Le, kUtf16, kUtf32 };

Charset ParseCharset(const std::string& function, SV name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  if (n == "us-ascii") return Charset::kAscii;
  if (n == "iso-8859-1") return Charset::kLatin1;
  if (n == "utf-8") return Charset::kUtf8;
  if (n == "utf-16be") return Charset::kUtf16Be;
  if (n == "utf-16le") return Charset::kUtf16Le;
  if (n == "utf-16") return Charset::kUtf16;
  if (n == "utf-32") return Charset::kUtf32;
  throw SparkError("INVALID_PARAMETER_VALUE.CHARSET", "22023",
                   "The value of parameter(s) `charset` in `" + function +
                       "` is invalid: expects one of the utf-8, utf-16be, utf-16le, utf-16, utf-32, us-ascii, iso-8859-1, but got " +
                       std::string(name) + ".",
                   {{"parameter", "`charset`"}, {"functionName", "`" + function + "`"}, {"charset", std::string(name)}});
}

void Put16(std::string& out, uint32_t unit, bool big) {
  out += static_cast<char>(big ? unit >> 8 : unit & 0xFF);
  out += static_cast<char>(big ? unit & 0xFF : unit >> 8);
}

// Characters a charset cannot hold become '?', as Java's encoder does.
void Encode(std::string& out, SV s, Charset cs) {
  if (cs == Charset::kUtf8) return out.append(s), void();
  if (cs == Charset::kUtf16) out += "\xFE\xFF";
  for (size_t at = 0; at < s.size();) {
    uint32_t cp = utf8::Decode(s, at);
    switch (cs) {
      case Charset::kAscii: out += cp < 0x80 ? static_cast<char>(cp) : '?'; break;
      case Charset::kLatin1: out += cp < 0x100 ? static_cast<char>(cp) : '?'; break;
      case Charset::kUtf32:
        for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((cp >> shift) & 0xFF);
        break;
      default: {
        bool big = cs != Charset::kUtf16Le;
        if (cp >= 0x10000) {
          cp -= 0x10000;
          Put16(out, 0xD800 | (cp >> 10), big);
          Put16(out, 0xDC00 | (cp & 0x3FF), big);
        } else {
          Put16(out, cp, big);
        }
      }
    }
  }
}

// Undecodable bytes become U+FFFD, as Java's decoder does.
void Decode(std::string& out, SV b, Charset cs) {
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<uint8_t>(b[k])); };
  switch (cs) {
    case Charset::kUtf8: out.append(b); return;
    case Charset::kAscii:
      for (size_t k = 0; k < b.size(); ++k) utf8::Append(out, byte(k) < 0x80 ? byte(k) : 0xFFFD);
      return;
    case Charset::kLatin1:
      for (size_t k = 0; k < b.size(); ++k) utf8::Append(out, byte(k));
      return;
    case Charset::kUtf32:
      for (size_t k = 0; k + 4 <= b.size(); k += 4) utf8::Append(out, byte(k) << 24 | byte(k + 1) << 16 | byte(k + 2) << 8 | byte(k + 3));
      return;
    default: {
      bool big = cs != Charset::kUtf16Le;
      size_t k = 0;
      if (cs == Charset::kUtf16 && b.size() >= 2) {
        if (byte(0) == 0xFF && byte(1) == 0xFE) big = false, k = 2;
        else if (byte(0) == 0xFE && byte(1) == 0xFF) k = 2;
      }
      for (; k + 2 <= b.size(); k += 2) {
        uint32_t unit = big ? byte(k) << 8 | byte(k + 1) : byte(k + 1) << 8 | byte(k);
        if (unit >= 0xD800 && unit < 0xDC00 && k + 4 <= b.size()) {
          uint32_t low = big ? byte(k + 2) << 8 | byte(k + 3) : byte(k + 3) << 8 | byte(k + 2);
          if (low >= 0xDC00 && low < 0xE000) {
            utf8::Append(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
            k += 2;
            continue;
          }
        }
        utf8::Append(out, unit >= 0xD800 && unit < 0xE000 ? 0xFFFD : unit);
      }
      if (k < b.size()) utf8::Append(out, 0xFFFD);
    }
  }
}

// A charset argument: checked at binding when it is a literal, per row otherwise.
template <typename Fn>
BoundScalar BindCharsetFunction(const std::string& name, const std::vector<BindArg>& args, TypePtr input, TypePtr result, Fn fn) {
  CheckArgCount(name, args, 2, 2);
  RejectNestedArgs(name, args, "\"STRING\"");
  if (args[1].literal && !args[1].literal->is_null) ParseCharset(name, args[1].literal->str);
  return FixedBinding({input, StringType()}, result,
                      RowKernel<StringResult(SV, SV)>(result, [name, fn](std::string& out, SV s, SV charset) {
                        fn(out, s, ParseCharset(name, charset));
                      }));
}

}  // namespace

void RegisterCharsetFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("encode", "encode(str, charset): the bytes of str in charset.",
                          [](const std::vector<BindArg>& a, const EvalContext&) {
                            return BindCharsetFunction("encode", a, StringType(), BinaryType(), Encode);
                          },
                          {{"hex(encode('é', 'ISO-8859-1'))", "E9"}}));
  registry.Add(MakeScalar("decode", "decode(bin, charset): the string that bytes bin encode in charset.",
                          [](const std::vector<BindArg>& a, const EvalContext&) {
                            return BindCharsetFunction("decode", a, BinaryType(), StringType(), Decode);
                          },
                          {{"decode(unhex('4869'), 'UTF-8')", "Hi"}}));
}

}  // namespace ember

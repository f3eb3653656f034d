// hex, unhex, bin, conv: numbers and bytes in other bases.
#include <algorithm>
#include <cctype>

#include "functions/executor.h"

namespace ember {
namespace {

using SV = std::string_view;
constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// v as unsigned digits in `radix` (2..36).
std::string UnsignedDigits(uint64_t v, unsigned radix) {
  std::string text;
  do {
    text += kDigits[v % radix];
    v /= radix;
  } while (v != 0);
  std::reverse(text.begin(), text.end());
  return text;
}

BoundScalar BindHex(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("hex", args, 1, 1);
  const DataType& t = *args[0].type;
  if (t.id == TypeId::kString || t.id == TypeId::kBinary) {
    return FixedBinding({args[0].type}, StringType(), RowKernel<StringResult(SV)>([](std::string& out, SV s) {
                          for (char c : s) {
                            out += kDigits[static_cast<uint8_t>(c) >> 4];
                            out += kDigits[static_cast<uint8_t>(c) & 15];
                          }
                        }));
  }
  if (!t.IsNumeric() && t.id != TypeId::kNull) ThrowUnexpectedType("hex", 0, "(\"BIGINT\" or \"BINARY\" or \"STRING\")", t);
  return FixedBinding({LongType()}, StringType(), RowKernel<StringResult(int64_t)>([](std::string& out, int64_t v) {
                        out = UnsignedDigits(static_cast<uint64_t>(v), 16);
                      }));
}

int Nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

// An odd number of digits reads the first one alone; any other character makes the result null.
bool Unhex(std::string& out, SV s) {
  size_t k = 0;
  if (s.size() % 2 == 1) {
    int v = Nibble(s[0]);
    if (v < 0) return false;
    out += static_cast<char>(v);
    k = 1;
  }
  for (; k < s.size(); k += 2) {
    int hi = Nibble(s[k]), lo = Nibble(s[k + 1]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi << 4 | lo);
  }
  return true;
}

// conv(num, from, to): num read in base |from| up to its first invalid digit, as an unsigned
// 64-bit value (a leading '-' negates it), written in base |to|, signed when to < 0. Bases outside
// 2..36 give null; overflow raises under ANSI, else saturates.
struct Conv {
  bool ansi;
  bool operator()(std::string& out, SV num, int32_t from, int32_t to) const {
    if (std::abs(from) < 2 || std::abs(from) > 36 || std::abs(to) < 2 || std::abs(to) > 36) return false;
    size_t k = 0;
    while (k < num.size() && num[k] == ' ') ++k;
    bool negative = k < num.size() && num[k] == '-';
    if (negative) ++k;
    uint64_t value = 0;
    unsigned radix = static_cast<unsigned>(std::abs(from));
    size_t first = k;
    for (; k < num.size(); ++k) {
      char c = static_cast<char>(std::toupper(static_cast<unsigned char>(num[k])));
      unsigned d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c >= 'A' && c <= 'Z') ? c - 'A' + 10 : 99;
      if (d >= radix) break;
      if (value > (UINT64_MAX - d) / radix) {
        if (ansi) {
          throw SparkError("ARITHMETIC_OVERFLOW", {{"message", "Overflow in function conv()"},
                                                   {"alternative", ""},
                                                   {"config", kAnsiConfigQuoted}});
        }
        value = UINT64_MAX;
        break;
      }
      value = value * radix + d;
    }
    if (k == first) return false;
    if (negative) value = ~value + 1;
    if (to < 0 && static_cast<int64_t>(value) < 0) {
      out = "-" + UnsignedDigits(~value + 1, static_cast<unsigned>(-to));
    } else {
      out = UnsignedDigits(value, static_cast<unsigned>(std::abs(to)));
    }
    return true;
  }
};

}  // namespace

void RegisterHexFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("hex", "hex(x): a bigint in hexadecimal (two's complement), or the bytes of a string or binary.", BindHex,
                          {{"hex(255)", "FF"}, {"hex(-1)", "FFFFFFFFFFFFFFFF"}, {"hex('Sp')", "5370"}}));
  registry.Add(FixedScalar("unhex", "unhex(str): the bytes hexadecimal str encodes; null when it has other characters.",
                           {{"decode(unhex('537061726B'), 'UTF-8')", "Spark"}, {"unhex('G1')", "NULL"}}, {StringType()}, BinaryType(),
                           RowKernel<StringResult(SV)>(BinaryType(), Unhex)));
  registry.Add(FixedScalar("bin", "bin(x): bigint x in binary (two's complement).", {{"bin(5)", "101"}}, {LongType()}, StringType(),
                           RowKernel<StringResult(int64_t)>([](std::string& out, int64_t v) { out = UnsignedDigits(static_cast<uint64_t>(v), 2); })));
  registry.Add(FixedScalar("conv", "conv(num, from_base, to_base): num converted between bases 2..36 (signed output when to_base < 0).",
                           {{"conv('100', 2, 10)", "4"}, {"conv('-10', 16, -10)", "-16"}, {"conv('-10', 16, 10)", "18446744073709551600"}},
                           {StringType(), IntType(), IntType()}, StringType(),
                           ContextRowKernel<StringResult(SV, int32_t, int32_t)>(StringType(), [](EvalContext& ctx) { return Conv{ctx.ansi}; })));
}

}  // namespace ember

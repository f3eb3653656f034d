// to_binary / try_to_binary(str[, fmt]): the bytes str encodes in format 'hex' (default), 'utf-8'
// or 'base64'; malformed input raises CONVERSION_INVALID_INPUT (to_binary) or gives null.
#include <algorithm>
#include <cctype>

#include "common/base64.h"
#include "functions/executor.h"

namespace ember {
namespace {

using SV = std::string_view;

enum class Format { kHex, kUtf8, kBase64 };

Format ParseFormat(const std::string& function, SV text) {
  std::string f(text);
  std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return std::tolower(c); });
  if (f == "hex") return Format::kHex;
  if (f == "utf-8" || f == "utf8") return Format::kUtf8;
  if (f == "base64") return Format::kBase64;
  throw SparkError("INVALID_PARAMETER_VALUE.BINARY_FORMAT", "22023",
                   "The value of parameter(s) `format` in `" + function + "` is invalid: expects one of binary formats 'base64', 'hex', 'utf-8', but got '" +
                       std::string(text) + "'.",
                   {{"parameter", "`format`"}, {"functionName", "`" + function + "`"}});
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool Convert(std::string& out, SV s, Format format) {
  if (format == Format::kUtf8) return out.append(s), true;
  if (format == Format::kHex) {
    size_t k = 0;
    if (s.size() % 2 == 1) {
      int v = HexDigit(s[0]);
      if (v < 0) return false;
      out += static_cast<char>(v);
      k = 1;
    }
    for (; k < s.size(); k += 2) {
      int hi = HexDigit(s[k]), lo = HexDigit(s[k + 1]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi << 4 | lo);
    }
    return true;
  }
  // Strict base64: whitespace is skipped, padding only at the end.
  Base64Bits bits;
  size_t digits = 0, padding = 0;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    int d = Base64Digit(c);
    if (d < 0 || padding > 0) return false;
    ++digits;
    bits.Push(d, out);
  }
  return digits % 4 != 1 && padding <= 2 && (padding == 0 || (digits + padding) % 4 == 0);
}

ScalarFunction ToBinary(const std::string& name, bool fail, std::string doc, std::vector<FunctionExample> examples) {
  return MakeScalar(
      name, std::move(doc),
      [name, fail](const std::vector<BindArg>& args, const EvalContext&) {
        CheckArgCount(name, args, 1, 2);
        RejectNestedArgs(name, args, "\"STRING\"");
        if (args.size() == 2 && args[1].literal && !args[1].literal->is_null) ParseFormat(name, args[1].literal->str);
        std::vector<TypePtr> types(args.size(), StringType());
        BoundScalar bound = FixedBinding(types, BinaryType(), nullptr);
        bound.kernel = [name, fail](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
          std::vector<VectorPtr> all = a;
          if (all.size() == 1) all.push_back(MakeConstantVector(Value::String("hex"), rows));
          return ExecuteRows<StringResult(SV, SV)>(BinaryType(), all, rows, [&name, fail](std::string& out, SV s, SV format) {
            Format f = ParseFormat(name, format);
            if (Convert(out, s, f)) return true;
            if (!fail) return false;
            throw SparkError("CONVERSION_INVALID_INPUT", "22018",
                             "The value '" + std::string(s) + "' (\"STRING\") cannot be converted to \"BINARY\" because it is malformed. Correct the value as per the syntax, or change its format. Use `try_to_binary` to tolerate malformed input and return NULL instead.",
                             {{"str", std::string(s)}, {"fmt", std::string(format)}});
          });
        };
        return bound;
      },
      std::move(examples));
}

}  // namespace

void RegisterToBinaryFunctions(FunctionRegistry& registry) {
  registry.Add(ToBinary("to_binary", true, "to_binary(str[, fmt]): the bytes str encodes in fmt: 'hex' (default), 'utf-8' or 'base64'.",
                        {{"hex(to_binary('abc', 'utf-8'))", "616263"}, {"hex(to_binary('0AF'))", "00AF"}}));
  registry.Add(ToBinary("try_to_binary", false, "try_to_binary(str[, fmt]): to_binary, or null when str is malformed.",
                        {{"try_to_binary('xyz', 'hex')", "NULL"}}));
}

}  // namespace ember

// elt, split_part, quote, format_number.
#include <cmath>
#include <optional>

#include "functions/decimal_util.h"
#include "functions/executor.h"
#include "functions/math/rounding.h"
#include "functions/string/split_part.h"

namespace ember {

void AppendSplitPart(std::string& out, const std::vector<std::string_view>& parts, int32_t n) {
  if (n == 0) {
    throw SparkError("INVALID_INDEX_OF_ZERO", "22003",
                     "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).", {});
  }
  int64_t index = n > 0 ? n - 1 : static_cast<int64_t>(parts.size()) + n;
  if (index >= 0 && index < static_cast<int64_t>(parts.size())) out.append(parts[index]);
}

namespace {

using SV = std::string_view;

[[noreturn]] void ThrowIndexOutOfBounds(int64_t index, int64_t size) {
  throw SparkError("INVALID_ARRAY_INDEX", "22003",
                   "The index " + std::to_string(index) + " is out of bounds. The array has " + std::to_string(size) +
                       " elements. Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL "
                       "instead. If necessary set " + kAnsiConfigQuoted + " to \"false\" to bypass this error.",
                   {{"indexValue", std::to_string(index)}, {"arraySize", std::to_string(size)}, {"ansiConfig", kAnsiConfigQuoted}});
}

// elt(n, a1, a2, ...): the n-th of the arguments (1-based); out of range raises under ANSI, else null.
BoundScalar BindElt(const std::vector<BindArg>& args, const EvalContext&) {
  if (args.size() < 2) CheckArgCount("elt", args, 2, 2);
  RejectNestedArgs("elt", args, "\"STRING\"");
  std::vector<TypePtr> types(args.size(), StringType());
  types[0] = IntType();
  BoundScalar bound = FixedBinding(types, StringType(), nullptr);
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    VectorBuilder builder(StringType(), rows);
    int64_t count = static_cast<int64_t>(a.size()) - 1;
    for (int64_t i = 0; i < rows; ++i) {
      if (a[0]->IsNull(i)) {
        builder.AppendNull();
        continue;
      }
      int64_t n = a[0]->Data<int32_t>()[i];
      if (n < 1 || n > count) {
        if (ctx.ansi) ThrowIndexOutOfBounds(n, count);
        builder.AppendNull();
      } else if (a[n]->IsNull(i)) {
        builder.AppendNull();
      } else {
        builder.AppendString(a[n]->GetString(i));
      }
    }
    return builder.Finish();
  };
  return bound;
}

// split_part(str, delim, n): the n-th part of str split by delim.
void SplitPart(std::string& out, SV s, SV delim, int32_t n) {
  std::vector<SV> parts;
  if (delim.empty()) {
    parts.push_back(s);
  } else {
    size_t start = 0;
    for (size_t at; (at = s.find(delim, start)) != SV::npos; start = at + delim.size()) parts.push_back(s.substr(start, at - start));
    parts.push_back(s.substr(start));
  }
  AppendSplitPart(out, parts, n);
}

// format_number(x, d): plain decimal text rounded to d places, with thousands separators.
std::string FormatNumber(const std::string& plain_digits, int32_t d) {
  std::string text = plain_digits;
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  size_t point = text.find('.');
  std::string integral = text.substr(0, point), fraction = point == std::string::npos ? "" : text.substr(point + 1);
  fraction.resize(d, '0');
  std::string grouped;
  for (size_t k = 0; k < integral.size(); ++k) {
    if (k > 0 && (integral.size() - k) % 3 == 0) grouped += ',';
    grouped += integral[k];
  }
  return (negative ? "-" : "") + grouped + (d > 0 ? "." + fraction : "");
}

BoundScalar BindFormatNumber(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("format_number", args, 2, 2);
  const DataType& t = *args[0].type;
  if (!t.IsNumeric() && t.id != TypeId::kNull) ThrowUnexpectedType("format_number", 0, "\"NUMERIC\"", t);
  if (!args[1].type->IsIntegral() && args[1].type->id != TypeId::kNull)
    ThrowUnexpectedType("format_number", 1, "\"INT\" (pattern strings are not supported yet)", *args[1].type);
  bool decimal = t.id == TypeId::kDecimal || t.IsIntegral();
  TypePtr in = t.IsIntegral() ? DecimalType(20, 0) : decimal ? args[0].type : DoubleType();
  BoundScalar bound = FixedBinding({in, IntType()}, StringType(), nullptr);
  bound.kernel = [in, decimal](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorBuilder builder(StringType(), rows);
    for (int64_t i = 0; i < rows; ++i) {
      if (a[0]->IsNull(i) || a[1]->IsNull(i)) {
        builder.AppendNull();
        continue;
      }
      int32_t d = a[1]->Data<int32_t>()[i];
      if (d < 0) {
        builder.AppendNull();
        continue;
      }
      std::string digits;
      if (decimal) {
        int128_t v = ReadDecimal(*a[0], i);
        int scale = in->scale;
        if (d < scale) {
          int128_t unit = Pow10(scale - d), q = v / unit, r = v % unit;
          int128_t twice = (r < 0 ? -r : r) * 2;
          if (twice > unit || (twice == unit && q % 2 != 0)) q += v < 0 ? -1 : 1;
          v = q;
          scale = d;
        }
        digits = DecimalToString(v, scale);
      } else {
        double x = a[0]->Data<double>()[i];
        if (std::isnan(x) || std::isinf(x)) {
          builder.AppendString(std::isnan(x) ? "NaN" : x > 0 ? "∞" : "-∞");
          continue;
        }
        char buffer[400];
        std::snprintf(buffer, sizeof(buffer), "%.*f", std::min(d, 340), RoundHalfEven(x, d));
        digits = buffer;
      }
      builder.AppendString(FormatNumber(digits, d));
    }
    return builder.Finish();
  };
  return bound;
}

}  // namespace

void RegisterEltSplitPartFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("elt", "elt(n, str1, str2, ...): the n-th string (1-based).", BindElt, {{"elt(2, 'a', 'b', 'c')", "b"}}));
  registry.Add(FixedScalar("split_part", "split_part(str, delim, n): the n-th part of str split by delim (negative n: from the end; '' when out of range).",
                           {{"split_part('a,b,c', ',', 2)", "b"}, {"split_part('a,b,c', ',', -1)", "c"}, {"split_part('a,b', ',', 5)", ""}},
                           {StringType(), StringType(), IntType()}, StringType(), RowKernel<StringResult(SV, SV, int32_t)>(SplitPart)));
  registry.Add(FixedScalar("quote", "quote(str): str in single quotes, with its single quotes escaped by backslashes.",
                           {{"quote('it\\'s')", "'it\\'s'"}}, {StringType()}, StringType(), RowKernel<StringResult(SV)>([](std::string& out, SV s) {
                             out += '\'';
                             for (char c : s) {
                               if (c == '\'') out += '\\';
                               out += c;
                             }
                             out += '\'';
                           })));
  registry.Add(MakeScalar("format_number", "format_number(x, d): x rounded HALF_EVEN to d decimal places, with thousands separators.",
                          BindFormatNumber, {{"format_number(1234567.891, 2)", "1,234,567.89"}, {"format_number(2.5D, 0)", "2"}}));
}

}  // namespace ember

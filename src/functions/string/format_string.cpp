// format_string / printf(fmt, args...): java.util.Formatter's conversions %s %S %d %x %X %o %f %e
// %E %g %c %b %% %n, with flags -+ 0,(# , width, precision and n$ argument indexes.
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "functions/executor.h"
#include "functions/math/rounding.h"
#include "functions/registry.h"

namespace ember {
namespace {

[[noreturn]] void ThrowBadFormat(const std::string& spec) {
  throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", "`strfmt`"}, {"functionName", "`format_string`"},
                                               {"message", "unsupported format specifier '" + spec + "'"}});
}

struct Spec {
  bool left = false, plus = false, space = false, zero = false, group = false, paren = false, alt = false;
  int width = -1, precision = -1;
  char conversion = 's';
};

// Pads `body` (sign included in `sign`) to the width.
void Emit(std::string& out, const Spec& spec, std::string sign, std::string body) {
  if (spec.group) {
    size_t point = body.find('.');
    size_t digits_end = point == std::string::npos ? body.size() : point;
    std::string grouped;
    for (size_t k = 0; k < digits_end; ++k) {
      if (k > 0 && (digits_end - k) % 3 == 0) grouped += ',';
      grouped += body[k];
    }
    body = grouped + body.substr(digits_end);
  }
  std::string suffix;
  if (spec.paren && sign == "-") sign = "(", suffix = ")";
  int pad = spec.width - static_cast<int>(sign.size() + body.size() + suffix.size());
  if (pad <= 0) return out.append(sign + body + suffix), void();
  if (spec.left) return out.append(sign + body + suffix + std::string(pad, ' ')), void();
  if (spec.zero) return out.append(sign + std::string(pad, '0') + body + suffix), void();
  out.append(std::string(pad, ' ') + sign + body + suffix);
}

std::string SignOf(const Spec& spec, bool negative) {
  if (negative) return "-";
  if (spec.plus) return "+";
  if (spec.space) return " ";
  return "";
}

void FormatOne(std::string& out, const Spec& spec, const Vector& arg, const Vector& text, int64_t row) {
  const DataType& type = *arg.type();
  bool null = arg.IsNull(row);
  char conv = spec.conversion;
  if (conv == 'b' || conv == 'B') {
    std::string v = null ? "false" : type.id == TypeId::kBoolean ? (arg.Data<uint8_t>()[row] ? "true" : "false") : "true";
    if (conv == 'B') for (auto& c : v) c = static_cast<char>(::toupper(c));
    return Emit(out, Spec{spec.left, false, false, false, false, false, false, spec.width, -1, 's'}, "", v);
  }
  if (null || conv == 's' || conv == 'S') {
    std::string v = null ? "null" : std::string(text.GetString(row));
    if (spec.precision >= 0 && static_cast<int>(v.size()) > spec.precision) v.resize(spec.precision);
    if (conv == 'S' || (null && std::isupper(static_cast<unsigned char>(conv)))) for (auto& c : v) c = static_cast<char>(::toupper(c));
    return Emit(out, Spec{spec.left, false, false, false, false, false, false, spec.width, -1, 's'}, "", v);
  }
  if (conv == 'd' || conv == 'x' || conv == 'X' || conv == 'o' || conv == 'c') {
    if (!type.IsIntegral()) ThrowBadFormat(std::string("%") + conv + " for " + type.ToString());
    int64_t v = DispatchFixedWidth(type, [&](auto tag) -> int64_t {
      using T = decltype(tag);
      if constexpr (std::is_integral_v<T>) return static_cast<int64_t>(arg.Data<T>()[row]);
      else return 0;
    });
    if (conv == 'c') {
      std::string ch;
      if (v < 0x80) ch += static_cast<char>(v);
      else ch = std::string(text.GetString(row));
      return Emit(out, spec, "", ch);
    }
    if (conv == 'd') {
      std::string digits = std::to_string(v);
      if (v < 0) digits = digits.substr(1);
      return Emit(out, spec, SignOf(spec, v < 0), digits);
    }
    // Java prints negative values in two's complement of the argument's width.
    int bits = type.id == TypeId::kByte ? 8 : type.id == TypeId::kShort ? 16 : type.id == TypeId::kInt ? 32 : 64;
    uint64_t u = static_cast<uint64_t>(v) & (bits == 64 ? ~0ULL : ((1ULL << bits) - 1));
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), conv == 'o' ? "%" PRIo64 : conv == 'x' ? "%" PRIx64 : "%" PRIX64, u);
    std::string prefix = spec.alt ? (conv == 'o' ? "0" : conv == 'x' ? "0x" : "0X") : "";
    Spec plain = spec;
    plain.group = false;
    return Emit(out, plain, prefix, buffer);
  }
  if (conv == 'f' || conv == 'e' || conv == 'E' || conv == 'g' || conv == 'G') {
    double v = 0;
    if (type.id == TypeId::kFloat) v = arg.Data<float>()[row];
    else if (type.id == TypeId::kDouble) v = arg.Data<double>()[row];
    else if (type.id == TypeId::kDecimal) v = std::stod(std::string(text.GetString(row)));
    else ThrowBadFormat(std::string("%") + conv + " for " + type.ToString());
    if (std::isnan(v) || std::isinf(v)) {
      std::string body = std::isnan(v) ? "NaN" : "Infinity";
      return Emit(out, Spec{spec.left, false, false, false, false, false, false, spec.width, -1, 's'},
                  std::isnan(v) ? "" : SignOf(spec, v < 0), body);
    }
    int precision = spec.precision < 0 ? 6 : spec.precision;
    char buffer[512];
    if (conv == 'f') {
      std::snprintf(buffer, sizeof(buffer), "%.*f", precision, std::fabs(RoundHalfUp(v, precision)));
    } else {
      char c_conv[] = {'%', '.', '*', conv, 0};
      std::snprintf(buffer, sizeof(buffer), c_conv, precision, std::fabs(v));
    }
    return Emit(out, spec, SignOf(spec, std::signbit(v)), buffer);
  }
  ThrowBadFormat(std::string("%") + conv);
}

void Format(std::string& out, std::string_view fmt, const std::vector<VectorPtr>& args,
            const std::vector<VectorPtr>& texts, int64_t row) {
  size_t next_arg = 1;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') {
      out += fmt[i];
      continue;
    }
    size_t start = i++;
    Spec spec;
    // n$ argument index
    size_t digits_end = i;
    while (digits_end < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[digits_end]))) ++digits_end;
    size_t index = 0;
    if (digits_end < fmt.size() && fmt[digits_end] == '$' && digits_end > i) {
      index = std::stoul(std::string(fmt.substr(i, digits_end - i)));
      i = digits_end + 1;
    }
    for (; i < fmt.size(); ++i) {
      char f = fmt[i];
      if (f == '-') spec.left = true;
      else if (f == '+') spec.plus = true;
      else if (f == ' ') spec.space = true;
      else if (f == '0') spec.zero = true;
      else if (f == ',') spec.group = true;
      else if (f == '(') spec.paren = true;
      else if (f == '#') spec.alt = true;
      else break;
    }
    if (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) {
      spec.width = 0;
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) spec.width = spec.width * 10 + (fmt[i++] - '0');
    }
    if (i < fmt.size() && fmt[i] == '.') {
      spec.precision = 0;
      ++i;
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) spec.precision = spec.precision * 10 + (fmt[i++] - '0');
    }
    if (i >= fmt.size()) ThrowBadFormat(std::string(fmt.substr(start)));
    spec.conversion = fmt[i];
    if (spec.conversion == '%') {
      Emit(out, spec, "", "%");
      continue;
    }
    if (spec.conversion == 'n') {
      out += '\n';
      continue;
    }
    size_t k = index > 0 ? index : next_arg++;
    if (k >= args.size()) {
      throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", "`strfmt`"}, {"functionName", "`format_string`"},
                                                   {"message", "missing argument for format specifier '" +
                                                                   std::string(fmt.substr(start, i - start + 1)) + "'"}});
    }
    FormatOne(out, spec, *args[k], *texts[k], row);
  }
}

BoundScalar BindFormatString(const std::string& name, const std::vector<BindArg>& args) {
  if (args.empty()) CheckArgCount(name, args, 1, 1);
  RejectNestedArgs(name, args, "\"STRING\"");
  BoundScalar bound;
  bound.arg_types.push_back(StringType());
  for (size_t k = 1; k < args.size(); ++k) bound.arg_types.push_back(args[k].type);
  bound.result_type = StringType();
  bound.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    std::vector<VectorPtr> texts(args.size());
    for (size_t k = 1; k < args.size(); ++k) texts[k] = CastVector(args[k], StringType(), ctx);
    VectorBuilder builder(StringType(), rows);
    std::string scratch;
    for (int64_t i = 0; i < rows; ++i) {
      if (args[0]->IsNull(i)) {
        builder.AppendNull();
        continue;
      }
      scratch.clear();
      Format(scratch, args[0]->GetString(i), args, texts, i);
      builder.AppendString(scratch);
    }
    return builder.Finish();
  };
  return bound;
}

}  // namespace

void RegisterFormatStringFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("format_string", "format_string(fmt, arg, ...): the arguments formatted as java.util.Formatter does with fmt.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindFormatString("format_string", a); },
                          {{"format_string('%s has %05.1f%%', 'x', 3.14159D)", "x has 003.1%"}, {"format_string('%,d|%-4s|', 1234567, 'ab')", "1,234,567|ab  |"}}));
  registry.Add(MakeScalar("printf", "printf(fmt, arg, ...): same as format_string.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindFormatString("printf", a); },
                          {{"printf('%x', 255)", "ff"}}));
}

}  // namespace ember

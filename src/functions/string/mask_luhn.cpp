// mask (replace letters and digits by placeholder characters) and luhn_check.
#include "functions/executor.h"
#include "functions/string/utf8.h"

namespace ember {
namespace {

using SV = std::string_view;

// Placeholders: a null argument keeps those characters as they are.
struct MaskChars {
  std::optional<uint32_t> upper, lower, digit, other;
};

void Mask(std::string& out, SV s, const MaskChars& m) {
  for (size_t at = 0; at < s.size();) {
    uint32_t cp = utf8::Decode(s, at);
    const std::optional<uint32_t>* with = &m.other;
    if (cp >= 'A' && cp <= 'Z') with = &m.upper;
    else if (cp >= 'a' && cp <= 'z') with = &m.lower;
    else if (cp >= '0' && cp <= '9') with = &m.digit;
    utf8::Append(out, with->has_value() ? **with : cp);
  }
}

// The placeholder argument `index` (a literal): its first character, or none when null.
std::optional<uint32_t> MaskArg(const std::vector<BindArg>& args, size_t index, std::optional<uint32_t> fallback) {
  if (index >= args.size()) return fallback;
  const BindArg& a = args[index];
  if (a.literal == nullptr) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
                     "Cannot resolve `mask` due to data type mismatch: the input charCount should be a foldable \"STRING\" expression; however, got argument " +
                         std::to_string(index + 1) + ".",
                     {});
  }
  if (a.literal->is_null) return std::nullopt;
  std::string_view text = a.literal->str;
  if (utf8::Length(text) != 1) {
    throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", "`mask`"}, {"functionName", "`mask`"},
                                                 {"message", "expects a single character, but got '" + std::string(text) + "'"}});
  }
  size_t at = 0;
  return utf8::Decode(text, at);
}

BoundScalar BindMask(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("mask", args, 1, 5);
  RejectNestedArgs("mask", args, "\"STRING\"");
  MaskChars m{MaskArg(args, 1, 'X'), MaskArg(args, 2, 'x'), MaskArg(args, 3, 'n'), MaskArg(args, 4, std::nullopt)};
  std::vector<TypePtr> types(args.size(), StringType());
  BoundScalar bound = FixedBinding(types, StringType(), nullptr);
  bound.kernel = [m](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    return ExecuteRows<StringResult(SV)>(StringType(), {a[0]}, rows, [&m](std::string& out, SV s) { Mask(out, s, m); });
  };
  return bound;
}

bool LuhnCheck(SV s) {
  if (s.empty()) return false;
  int sum = 0;
  bool twice = false;
  for (size_t k = s.size(); k-- > 0;) {
    if (s[k] < '0' || s[k] > '9') return false;
    int d = s[k] - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

}  // namespace

void RegisterMaskLuhnFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("mask", "mask(str[, upper[, lower[, digit[, other]]]]): letters and digits replaced by X, x and n (or the given characters; null keeps them).",
                          BindMask, {{"mask('Ab-12')", "Xx-nn"}, {"mask('Ab-12', 'U', NULL, '#', '*')", "Ub*##"}}));
  registry.Add(FixedScalar("luhn_check", "luhn_check(str): whether str is a string of digits passing the Luhn checksum.",
                           {{"luhn_check('79927398713')", "true"}, {"luhn_check('79927398710')", "false"}}, {StringType()}, BooleanType(),
                           RowKernel<uint8_t(SV)>(LuhnCheck)));
}

}  // namespace ember

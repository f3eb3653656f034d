// collate(expr, collationName) and collation(expr): Spark 4.0's string collations. Ember's strings
// are UTF8_BINARY (byte-wise, Spark's default): collate to UTF8_BINARY keeps the value, and
// collation() names it. Other valid names (UTF8_LCASE, UNICODE, UNICODE_CI, their accent and trim
// variants, ICU locale names such as de_CI_AI) are refused with UNSUPPORTED_FEATURE, since a string
// type carrying a collation is not there yet; anything else is COLLATION_INVALID_NAME with Spark's
// kind of suggestions.
#include <algorithm>
#include <regex>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "common/error.h"
#include "functions/executor.h"

namespace ember {
namespace {

constexpr const char* kBuiltinCollations[] = {"UTF8_BINARY", "UTF8_LCASE", "UNICODE", "UNICODE_CI"};

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Checks a collation name (case-insensitive) and returns it as Spark prints it; only UTF8_BINARY
// is supported.
std::string SupportedCollation(const std::string& name) {
  std::string upper = absl::AsciiStrToUpper(name);
  if (upper == "UTF8_BINARY") return upper;
  static const std::regex builtin(R"((UTF8_BINARY|UTF8_LCASE)(_RTRIM)?|UNICODE(_(CS|CI))?(_(AS|AI))?(_RTRIM)?)");
  static const std::regex locale(R"([A-Za-z]{2,3}(_[A-Za-z]{4})?(_[A-Za-z]{2,3})?(_(CS|CI))?(_(AS|AI))?(_RTRIM)?)",
                                 std::regex::icase);
  if (std::regex_match(upper, builtin) || std::regex_match(name, locale)) {
    throw SparkError("UNSUPPORTED_FEATURE", {{"feature", "the collation " + upper + " (Ember's strings are UTF8_BINARY)"}});
  }
  std::vector<std::string> proposals(std::begin(kBuiltinCollations), std::end(kBuiltinCollations));
  std::stable_sort(proposals.begin(), proposals.end(), [&](const std::string& a, const std::string& b) {
    return EditDistance(upper, a) < EditDistance(upper, b);
  });
  proposals.resize(3);
  throw SparkError("COLLATION_INVALID_NAME", {{"collationName", name}, {"proposals", absl::StrJoin(proposals, ", ")}});
}

void RequireString(const char* function, const BindArg& arg) {
  if (arg.type->id != TypeId::kString && arg.type->id != TypeId::kNull) ThrowUnexpectedType(function, 0, "\"STRING\"", *arg.type);
}

BoundScalar BindCollate(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("collate", args, 2, 2);
  RequireString("collate", args[0]);
  const BindArg& name = args[1];
  if (name.literal == nullptr || name.type->id != TypeId::kString || name.literal->is_null) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", {{"sqlExpr", "\"collate\""},
                                                              {"inputName", "`collationName`"},
                                                              {"inputType", "\"STRING\""},
                                                              {"inputExpr", "argument 2"}});
  }
  SupportedCollation(name.literal->str);
  return FixedBinding({StringType(), StringType()}, StringType(),
                      [](const std::vector<VectorPtr>& a, int64_t, EvalContext&) { return a[0]; });
}

BoundScalar BindCollation(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("collation", args, 1, 1);
  RequireString("collation", args[0]);
  BoundScalar bound = FixedBinding({StringType()}, StringType(), [](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
    return MakeConstantVector(Value::String("UTF8_BINARY"), rows);
  });
  bound.result_nullable = false;
  return bound;
}

}  // namespace

void RegisterCollationFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("collate", "collate(expr, collationName): the string under a collation (UTF8_BINARY).", BindCollate,
                          {{"collate('Spark', 'utf8_binary')", "Spark"}}));
  registry.Add(MakeScalar("collation", "collation(expr): the name of a string's collation.", BindCollation,
                          {{"collation('Spark')", "UTF8_BINARY"}}));
}

}  // namespace ember

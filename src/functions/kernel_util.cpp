#include "functions/kernel_util.h"

namespace ember {

void AndValidity(Vector& out, const Vector& in) {
  const uint64_t* src = in.ValidityWords();
  if (src == nullptr) return;
  uint64_t* dst = out.MutableValidityWords();
  int64_t words = ValidityWordCount(out.length());
  for (int64_t w = 0; w < words; ++w) dst[w] &= src[w];
}

void PropagateNulls(Vector& out, const std::vector<VectorPtr>& args) {
  for (const auto& arg : args) AndValidity(out, *arg);
}

ScalarFunction MakeScalar(std::string name, std::string doc,
                          std::function<BoundScalar(const std::vector<BindArg>&, const EvalContext&)> bind,
                          std::vector<FunctionExample> examples) {
  ScalarFunction f;
  f.examples = std::move(examples);
  f.name = std::move(name);
  f.doc = std::move(doc);
  f.bind = std::move(bind);
  return f;
}

AggregateFunction MakeAggregate(
    std::string name, std::string doc,
    std::function<BoundAggregate(const std::vector<BindArg>&, bool, const EvalContext&)> bind) {
  AggregateFunction f;
  f.name = std::move(name);
  f.doc = std::move(doc);
  f.bind = std::move(bind);
  return f;
}

namespace {
std::string Ordinal(size_t index) {
  static const char* names[] = {"first", "second", "third", "fourth", "fifth"};
  return index < 5 ? names[index] : std::to_string(index + 1) + "th";
}
}  // namespace

void CheckArgCount(const std::string& name, const std::vector<BindArg>& args, size_t min, size_t max) {
  if (args.size() >= min && args.size() <= max) return;
  std::string expected = min == max ? std::to_string(min)
                                    : "[" + std::to_string(min) + ", " + std::to_string(max) + "]";
  throw SparkError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                   {{"functionName", QuoteIdentifier(name)},
                    {"expectedNum", expected},
                    {"actualNum", std::to_string(args.size())},
                    {"docroot", "https://spark.apache.org/docs/latest"}});
}

void ThrowUnexpectedType(const std::string& name, size_t index, const std::string& required,
                         const DataType& actual) {
  std::string type_text = actual.ToString();
  for (auto& c : type_text) c = static_cast<char>(::toupper(c));
  throw SparkError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                   {{"sqlExpr", QuoteIdentifier(name)},
                    {"paramIndex", Ordinal(index)},
                    {"requiredType", required},
                    {"inputSql", "argument " + std::to_string(index + 1)},
                    {"inputType", "\"" + type_text + "\""}});
}

}  // namespace ember

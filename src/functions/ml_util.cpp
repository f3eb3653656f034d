#include "functions/ml_util.h"

#include <cstdlib>

#include "common/error.h"
#include "functions/kernel_util.h"

namespace ember {

bool IsVectorType(const DataType& type) { return type.udt == kVectorUdtClass; }

void ThrowMlError(const std::string& message) {
  throw SparkError("USER_RAISED_EXCEPTION", {{"errorMessage", message}});
}

std::string LiteralString(const std::string& function, const std::vector<BindArg>& args, size_t index) {
  const Value* literal = args[index].literal;
  if (literal == nullptr || literal->is_null || args[index].type->id != TypeId::kString)
    ThrowUnexpectedType(function, index, "a STRING literal", *args[index].type);
  return literal->str;
}

size_t LiteralChoice(const std::string& function, const std::vector<BindArg>& args, size_t index,
                     const std::vector<std::string>& choices) {
  std::string value = LiteralString(function, args, index);
  for (size_t i = 0; i < choices.size(); ++i) {
    if (choices[i] == value) return i;
  }
  std::string names;
  for (const auto& choice : choices) names += (names.empty() ? "'" : ", '") + choice + "'";
  ThrowUnexpectedType(function, index, "one of " + names, *args[index].type);
}

std::vector<double> LiteralDoubles(const std::string& function, const std::vector<BindArg>& args,
                                   size_t index) {
  std::string text = LiteralString(function, args, index);
  std::vector<double> out;
  for (size_t start = 0; start < text.size();) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(std::strtod(text.substr(start, comma - start).c_str(), nullptr));
    start = comma + 1;
  }
  return out;
}

void AppendDense(VectorBuilder& out, const double* values, int64_t count) {
  out.Child(0).Append<int8_t>(1);
  out.Child(1).AppendNull();
  out.Child(2).AppendNull();
  for (int64_t i = 0; i < count; ++i) out.Child(3).Child(0).Append<double>(values[i]);
  out.Child(3).FinishNested();
  out.FinishNested();
}

}  // namespace ember

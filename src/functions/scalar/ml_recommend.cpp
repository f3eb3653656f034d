// ALSModel's prediction, shared by its batch transform and the serving runtime:
//   ml_als_dot(user_factors, item_factors) -> float: the factors' dot product summed in float from
//       the first rank on, as Spark's sdot does; NaN when either is null (an unknown user or item).
//   ml_als_lookup(id, user_col, item_col, factors) -> array<float>: the factors of id (a number) in
//       the table "rank, then per id: id and its rank factors" (text), null for a null or unknown
//       id; an id that is not an int fails with Spark's message naming user_col and item_col.
//       The serving runtime's lookup (the batch transform joins the factor tables instead).
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "functions/cast/java_number_format.h"
#include "functions/kernel_util.h"
#include "functions/ml_util.h"
#include "functions/registry.h"

namespace ember {
namespace {

bool IsFloatArray(const DataType& type) { return type.id == TypeId::kArray && type.element->id == TypeId::kFloat; }

BoundScalar BindAlsDot(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_als_dot";
  CheckArgCount(name, args, 2, 2);
  for (size_t i = 0; i < 2; ++i) {
    if (!IsFloatArray(*args[i].type)) ThrowUnexpectedType(name, i, "\"ARRAY<FLOAT>\"", *args[i].type);
  }
  BoundScalar bound;
  bound.arg_types = {args[0].type, args[1].type};
  bound.result_type = FloatType();
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& left = *a[0];
    const Vector& right = *a[1];
    const float* x = left.child(0)->Data<float>();
    const float* y = right.child(0)->Data<float>();
    VectorPtr out = Vector::Make(FloatType(), rows);
    float* result = out->Data<float>();
    for (int64_t r = 0; r < rows; ++r) {
      if (left.IsNull(r) || right.IsNull(r)) {
        result[r] = std::numeric_limits<float>::quiet_NaN();
        continue;
      }
      int32_t i = left.Offsets()[r], j = right.Offsets()[r];
      int32_t count = left.Offsets()[r + 1] - i;
      if (right.Offsets()[r + 1] - j != count) ThrowMlError("requirement failed: factors of different ranks");
      float total = 0.0f;
      for (int32_t k = 0; k < count; ++k) {
        float product = x[i + k] * y[j + k];
        total += product;
      }
      result[r] = total;
    }
    return out;
  };
  return bound;
}

BoundScalar BindAlsFactor(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_als_lookup";
  CheckArgCount(name, args, 4, 4);
  if (args[0].type->id != TypeId::kDouble) ThrowUnexpectedType(name, 0, "\"DOUBLE\"", *args[0].type);
  std::string prefix = "ALS only supports values in Integer range and without fractional part for columns " +
                       LiteralString(name, args, 1) + " and " + LiteralString(name, args, 2) + ". Value ";
  std::vector<double> table = LiteralDoubles(name, args, 3);
  if (table.empty() || table[0] < 1) throw InternalError("ml_als_lookup: the factor table");
  auto rank = static_cast<size_t>(table[0]);
  if ((table.size() - 1) % (rank + 1) != 0) throw InternalError("ml_als_lookup: the table does not match the rank");
  std::unordered_map<int32_t, std::vector<float>> factors;
  for (size_t start = 1; start < table.size(); start += rank + 1) {
    std::vector<float>& row = factors[static_cast<int32_t>(table[start])];
    for (size_t k = 0; k < rank; ++k) row.push_back(static_cast<float>(table[start + 1 + k]));
  }
  BoundScalar bound;
  bound.arg_types = {DoubleType(), StringType(), StringType(), StringType()};
  bound.result_type = ArrayType(FloatType(), false);
  bound.kernel = [prefix, factors](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& ids = *a[0];
    VectorBuilder out(ArrayType(FloatType(), false), rows);
    for (int64_t r = 0; r < rows; ++r) {
      if (ids.IsNull(r)) {
        out.AppendNull();
        continue;
      }
      double id = ids.Data<double>()[r];
      if (!(id == std::trunc(id) && id >= std::numeric_limits<int32_t>::min() && id <= std::numeric_limits<int32_t>::max())) {
        std::string message = prefix;
        AppendJavaDouble(id, &message);
        ThrowMlError(message + " was either out of Integer range or contained a fractional part that could not be converted.");
      }
      auto it = factors.find(static_cast<int32_t>(id));
      if (it == factors.end()) {
        out.AppendNull();
        continue;
      }
      for (float f : it->second) out.Child(0).Append<float>(f);
      out.FinishNested();
    }
    return out.Finish();
  };
  return bound;
}

}  // namespace

void RegisterMlRecommendFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("ml_als_dot",
                          "ml_als_dot(user_factors, item_factors): ALSModel's prediction, the float dot "
                          "product of two factor arrays (NaN when one is null)",
                          BindAlsDot));
  registry.Add(MakeScalar("ml_als_lookup",
                          "ml_als_lookup(id, user_col, item_col, factors): the factors of an id in a "
                          "factor table given as text, null when it has none",
                          BindAlsFactor));
}

}  // namespace ember

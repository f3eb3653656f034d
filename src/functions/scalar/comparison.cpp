// Comparison operators = != < <= > >= <=> over numerics, decimals, strings, binary, booleans, dates,
// timestamps, arrays and structs (maps are not comparable in Spark: INVALID_ORDERING_TYPE). Both sides are cast to one common type first (type_coercion.h). Floating point
// follows Spark's ordering: NaN equals NaN and sorts above every other value, -0.0 equals 0.0.
#include <cmath>
#include <string_view>
#include <type_traits>

#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"
#include "functions/type_coercion.h"
#include "functions/value_ordering.h"

namespace ember {
namespace {

enum class CmpOp { kEq, kNe, kLt, kLe, kGt, kGe, kNullSafeEq };

template <typename T>
inline int Compare3(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    bool na = std::isnan(a), nb = std::isnan(b);
    if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  }
  return a < b ? -1 : (b < a ? 1 : 0);
}

template <CmpOp op>
inline bool Apply(int c) {
  if constexpr (op == CmpOp::kEq || op == CmpOp::kNullSafeEq) return c == 0;
  if constexpr (op == CmpOp::kNe) return c != 0;
  if constexpr (op == CmpOp::kLt) return c < 0;
  if constexpr (op == CmpOp::kLe) return c <= 0;
  if constexpr (op == CmpOp::kGt) return c > 0;
  return c >= 0;
}

// Null handling: strict for all but <=>, which is true for two nulls and false for one.
template <CmpOp op>
void FinishNulls(Vector& out, const std::vector<VectorPtr>& args, int64_t rows) {
  if constexpr (op != CmpOp::kNullSafeEq) {
    PropagateNulls(out, args);
  } else {
    if (!args[0]->MayHaveNulls() && !args[1]->MayHaveNulls()) return;
    uint8_t* o = out.Data<uint8_t>();
    for (int64_t i = 0; i < rows; ++i) {
      bool na = args[0]->IsNull(i), nb = args[1]->IsNull(i);
      if (na || nb) o[i] = na && nb;
    }
  }
}

template <CmpOp op, typename T>
VectorPtr CompareFixed(const std::vector<VectorPtr>& args, int64_t rows) {
  VectorPtr out = Vector::Make(BooleanType(), rows);
  const T* a = args[0]->Data<T>();
  const T* b = args[1]->Data<T>();
  uint8_t* o = out->Data<uint8_t>();
  for (int64_t i = 0; i < rows; ++i) o[i] = Apply<op>(Compare3(a[i], b[i]));
  FinishNulls<op>(*out, args, rows);
  return out;
}

template <CmpOp op>
VectorPtr CompareStrings(const std::vector<VectorPtr>& args, int64_t rows) {
  VectorPtr out = Vector::Make(BooleanType(), rows);
  uint8_t* o = out->Data<uint8_t>();
  for (int64_t i = 0; i < rows; ++i) {
    int c = args[0]->GetString(i).compare(args[1]->GetString(i));
    o[i] = Apply<op>(c);
  }
  FinishNulls<op>(*out, args, rows);
  return out;
}

// Arrays and structs: element by element, field by field (functions/value_ordering.h).
template <CmpOp op>
VectorPtr CompareNested(const std::vector<VectorPtr>& args, int64_t rows) {
  VectorPtr out = Vector::Make(BooleanType(), rows);
  uint8_t* o = out->Data<uint8_t>();
  ValueComparator compare(*args[0], *args[1]);
  for (int64_t i = 0; i < rows; ++i) o[i] = Apply<op>(compare.Compare(i, i));
  FinishNulls<op>(*out, args, rows);
  return out;
}

template <CmpOp op>
ScalarKernel MakeKernel(const TypePtr& type) {
  if (type->IsNested()) {
    return [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return CompareNested<op>(args, rows);
    };
  }
  if (type->IsVariableWidth()) {
    return [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return CompareStrings<op>(args, rows);
    };
  }
  if (type->id == TypeId::kNull) {
    return [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      if constexpr (op == CmpOp::kNullSafeEq) {
        VectorPtr out = Vector::Make(BooleanType(), rows);
        std::fill_n(out->Data<uint8_t>(), rows, uint8_t{1});
        return out;
      }
      return Vector::MakeNulls(BooleanType(), rows);
    };
  }
  return DispatchFixedWidth(*type, [](auto tag) -> ScalarKernel {
    using T = decltype(tag);
    return [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return CompareFixed<op, T>(args, rows);
    };
  });
}


std::string UpperQuoted(const DataType& type) {
  std::string s = type.ToString();
  for (auto& c : s) c = static_cast<char>(::toupper(c));
  return "\"" + s + "\"";
}

template <CmpOp op>
void AddComparison(FunctionRegistry& registry, const char* name, const char* doc) {
  std::string fname = name;
  registry.Add(MakeScalar(fname, doc, [fname](const std::vector<BindArg>& args, const EvalContext& ctx) {
    CheckArgCount(fname, args, 2, 2);
    TypePtr common = CommonTypeForComparison(args[0].type, args[1].type, ctx.ansi);
    if (common && !IsOrderable(*common)) {
      throw SparkError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
                       {{"sqlExpr", "\"" + fname + "\""}, {"functionName", QuoteIdentifier(fname)}, {"dataType", UpperQuoted(*common)}});
    }
    if (!common) {
      auto upper = [](std::string s) {
        for (auto& c : s) c = static_cast<char>(::toupper(c));
        return "\"" + s + "\"";
      };
      throw SparkError("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
                       {{"sqlExpr", "\"" + fname + "\""},
                        {"left", upper(args[0].type->ToString())},
                        {"right", upper(args[1].type->ToString())}});
    }
    BoundScalar bound;
    bound.arg_types = {common, common};
    bound.result_type = BooleanType();
    bound.result_nullable = op != CmpOp::kNullSafeEq;
    bound.kernel = MakeKernel<op>(common);
    return bound;
  }));
}

}  // namespace

void RegisterComparisonFunctions(FunctionRegistry& registry) {
  AddComparison<CmpOp::kEq>(registry, "=", "a = b: equality. 1 = 1 is true");
  AddComparison<CmpOp::kNe>(registry, "!=", "a != b: inequality. 1 != 2 is true");
  AddComparison<CmpOp::kLt>(registry, "<", "a < b. 1 < 2 is true");
  AddComparison<CmpOp::kLe>(registry, "<=", "a <= b. 2 <= 2 is true");
  AddComparison<CmpOp::kGt>(registry, ">", "a > b. 2 > 1 is true");
  AddComparison<CmpOp::kGe>(registry, ">=", "a >= b. 2 >= 2 is true");
  AddComparison<CmpOp::kNullSafeEq>(registry, "<=>",
                                    "a <=> b: null-safe equality. NULL <=> NULL is true");
  registry.AddAlias("==", "=");
  registry.AddAlias("<>", "!=");
}

}  // namespace ember

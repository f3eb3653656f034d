// size / cardinality / array_size: the number of elements of an array or map.
#include "functions/executor.h"

namespace ember {
namespace {

// size(NULL) is -1 with ANSI off (spark.sql.legacy.sizeOfNull), null with ANSI on; array_size
// is always null for null.
BoundScalar BindSize(const std::string& name, bool legacy_null, const std::vector<BindArg>& args, const EvalContext& ctx) {
  CheckArgCount(name, args, 1, 1);
  const DataType& t = *args[0].type;
  if (t.id != TypeId::kArray && t.id != TypeId::kMap && t.id != TypeId::kNull)
    ThrowUnexpectedType(name, 0, "(\"ARRAY\" or \"MAP\")", t);
  bool minus_one = legacy_null && !ctx.ansi;
  BoundScalar bound = FixedBinding({args[0].type}, IntType(), nullptr);
  bound.result_nullable = !minus_one;
  bound.kernel = [minus_one](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(IntType(), rows);
    int32_t* o = out->Data<int32_t>();
    const Vector& in = *a[0];
    bool typed = in.type()->id != TypeId::kNull;
    for (int64_t i = 0; i < rows; ++i) {
      if (typed && in.IsValid(i)) {
        o[i] = in.Offsets()[i + 1] - in.Offsets()[i];
      } else {
        o[i] = -1;
        if (!minus_one) out->SetNull(i);
      }
    }
    return out;
  };
  return bound;
}

}  // namespace

void RegisterSizeFunctions(FunctionRegistry& registry) {
  for (const char* name : {"size", "cardinality"}) {
    std::string n = name;
    registry.Add(MakeScalar(n, n + "(expr): the number of elements of an array or map; null for null (-1 with ANSI off).",
                            [n](const std::vector<BindArg>& a, const EvalContext& c) { return BindSize(n, true, a, c); },
                            {{n + "(split('a b c', ' '))", "3"}}));
  }
  registry.Add(MakeScalar("array_size", "array_size(array): the number of elements; null for null.",
                          [](const std::vector<BindArg>& a, const EvalContext& c) { return BindSize("array_size", false, a, c); },
                          {{"array_size(split('a,b', ','))", "2"}}));
}

}  // namespace ember

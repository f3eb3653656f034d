// nvl2, nanvl, zeroifnull, nullifzero, equal_null (nvl, ifnull, nullif and coalesce are special
// forms of the parser and evaluator).
#include <cmath>

#include "functions/executor.h"
#include "functions/type_coercion.h"

namespace ember {
namespace {

// nvl2(a, b, c): b where a is not null, else c (both arguments are evaluated).
BoundScalar BindNvl2(const std::vector<BindArg>& args, const EvalContext& ctx) {
  CheckArgCount("nvl2", args, 3, 3);
  TypePtr common = FindWiderCommonType({args[1].type, args[2].type}, ctx.ansi);
  if (!common) ThrowUnexpectedType("nvl2", 2, "the type of the second argument", *args[2].type);
  BoundScalar bound = FixedBinding({args[0].type, common, common}, common, nullptr);
  bound.kernel = [common](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorBuilder builder(common, rows);
    for (int64_t i = 0; i < rows; ++i) {
      const Vector& pick = a[0]->IsValid(i) ? *a[1] : *a[2];
      if (pick.IsNull(i) || common->id == TypeId::kNull) builder.AppendNull();
      else builder.AppendFrom(pick, i);
    }
    return builder.Finish();
  };
  return bound;
}

// nanvl(a, b): a unless it is NaN, else b; null when a is null.
BoundScalar BindNanvl(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("nanvl", args, 2, 2);
  RejectNestedArgs("nanvl", args, "(\"DOUBLE\" or \"FLOAT\")");
  bool floats = args[0].type->id == TypeId::kFloat && args[1].type->id == TypeId::kFloat;
  TypePtr type = floats ? FloatType() : DoubleType();
  BoundScalar bound = FixedBinding({type, type}, type, nullptr);
  bound.kernel = [type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorBuilder builder(type, rows);
    for (int64_t i = 0; i < rows; ++i) {
      bool nan = a[0]->IsValid(i) && (type->id == TypeId::kFloat ? std::isnan(a[0]->Data<float>()[i]) : std::isnan(a[0]->Data<double>()[i]));
      const Vector& pick = nan ? *a[1] : *a[0];
      if (pick.IsNull(i)) builder.AppendNull();
      else builder.AppendFrom(pick, i);
    }
    return builder.Finish();
  };
  return bound;
}

TypePtr NumericArg(const std::string& name, const BindArg& arg) {
  if (arg.type->id == TypeId::kNull) return IntType();
  if (!arg.type->IsNumeric()) ThrowUnexpectedType(name, 0, "\"NUMERIC\"", *arg.type);
  return arg.type;
}

// zeroifnull(x): 0 where x is null; nullifzero(x): null where x is 0.
BoundScalar BindZeroNull(const std::string& name, bool zero_if_null, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  TypePtr type = NumericArg(name, args[0]);
  BoundScalar bound = FixedBinding({type}, type, nullptr);
  bound.result_nullable = !zero_if_null;
  bound.kernel = [type, zero_if_null](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(type, rows);
    DispatchFixedWidth(*type, [&](auto tag) {
      using T = decltype(tag);
      const T* in = a[0]->Data<T>();
      T* o = out->Data<T>();
      for (int64_t i = 0; i < rows; ++i) {
        bool valid = a[0]->IsValid(i);
        o[i] = valid ? in[i] : T{};
        if (!zero_if_null && (!valid || in[i] == T{})) out->SetNull(i);
      }
    });
    return out;
  };
  return bound;
}

}  // namespace

void RegisterNullFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("nvl2", "nvl2(a, b, c): b when a is not null, else c.", BindNvl2,
                          {{"nvl2(NULL, 'b', 'c')", "c"}, {"nvl2(1, 2, 3.5)", "2.0"}}));
  registry.Add(MakeScalar("nanvl", "nanvl(a, b): a unless it is NaN, else b.", BindNanvl,
                          {{"nanvl(CAST('NaN' AS DOUBLE), 1.5D)", "1.5"}, {"nanvl(2.0D, 1.5D)", "2.0"}}));
  registry.Add(MakeScalar("zeroifnull", "zeroifnull(x): 0 when x is null, else x.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindZeroNull("zeroifnull", true, a); },
                          {{"zeroifnull(CAST(NULL AS INT))", "0"}}));
  registry.Add(MakeScalar("nullifzero", "nullifzero(x): null when x is 0, else x.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindZeroNull("nullifzero", false, a); },
                          {{"nullifzero(0)", "NULL"}, {"nullifzero(5)", "5"}}));
  registry.AddAlias("equal_null", "<=>");
}

}  // namespace ember

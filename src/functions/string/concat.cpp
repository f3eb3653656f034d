// concat and concat_ws (concat of arrays in functions/collection/array_slice.cpp).
#include <algorithm>

#include "functions/builtin_functions.h"
#include "functions/collection/array_binders.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

// Builds a string vector row by row with `fn(row, builder)`; null input rows stay null.
template <typename Fn>
VectorPtr MapStrings(const std::vector<VectorPtr>& args, int64_t rows, Fn fn) {
  VectorBuilder builder(StringType(), rows);
  for (int64_t i = 0; i < rows; ++i) {
    bool valid = true;
    for (const auto& a : args) valid &= a->IsValid(i);
    if (!valid) {
      builder.AppendNull();
    } else {
      fn(i, builder);
    }
  }
  return builder.Finish();
}

BoundScalar BindConcat(const std::vector<BindArg>& args, const EvalContext& ctx) {
  for (const auto& arg : args) {
    if (arg.type->id == TypeId::kArray) return BindArrayConcat(args, ctx);
  }
  BoundScalar bound;
  bound.arg_types.assign(args.size(), StringType());
  bound.result_type = StringType();
  bound.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    std::string scratch;
    return MapStrings(args, rows, [&](int64_t i, VectorBuilder& b) {
      scratch.clear();
      for (const auto& a : args) scratch.append(a->GetString(i));
      b.AppendString(scratch);
    });
  };
  return bound;
}

// concat_ws(sep, a, b, ...): joins the non-null arguments with sep; null only when sep is null.
BoundScalar BindConcatWs(const std::vector<BindArg>& args, const EvalContext&) {
  if (args.empty()) CheckArgCount("concat_ws", args, 1, 1);
  BoundScalar bound;
  bound.arg_types.assign(args.size(), StringType());
  bound.result_type = StringType();
  bound.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    VectorBuilder builder(StringType(), rows);
    std::string scratch;
    for (int64_t i = 0; i < rows; ++i) {
      if (args[0]->IsNull(i)) {
        builder.AppendNull();
        continue;
      }
      scratch.clear();
      bool first = true;
      for (size_t k = 1; k < args.size(); ++k) {
        if (args[k]->IsNull(i)) continue;
        if (!first) scratch.append(args[0]->GetString(i));
        scratch.append(args[k]->GetString(i));
        first = false;
      }
      builder.AppendString(scratch);
    }
    return builder.Finish();
  };
  return bound;
}

}  // namespace

void RegisterConcatFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("concat", "concat(str, ...): the strings joined; null if any is null.", BindConcat,
                          {{"concat('Spark', 'SQL')", "SparkSQL"}, {"concat('a', NULL)", "NULL"}}));
  registry.Add(MakeScalar("concat_ws", "concat_ws(sep, str, ...): the non-null strings joined by sep; null only when sep is null.",
                          BindConcatWs, {{"concat_ws('-', 'a', NULL, 'b')", "a-b"}}));
}

}  // namespace ember

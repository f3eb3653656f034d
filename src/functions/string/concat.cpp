// concat and concat_ws (concat of arrays in functions/collection/array_slice.cpp).
#include <algorithm>

#include "functions/builtin_functions.h"
#include "functions/collection/array_binders.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

// Builds a string vector row by row with `fn(row, builder)`; null input rows stay null.
template <typename Fn>
VectorPtr MapStrings(const std::vector<VectorPtr>& args, int64_t rows, Fn fn, TypePtr type = StringType()) {
  VectorBuilder builder(type, rows);
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
  // Binary values concatenate to binary; with any other argument all are cast to string.
  bool binary = !args.empty() && std::all_of(args.begin(), args.end(), [](const BindArg& a) {
    return a.type->id == TypeId::kBinary;
  });
  TypePtr type = binary ? BinaryType() : StringType();
  BoundScalar bound;
  bound.arg_types.assign(args.size(), type);
  bound.result_type = type;
  bound.kernel = [type](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    std::string scratch;
    return MapStrings(args, rows, [&](int64_t i, VectorBuilder& b) {
      scratch.clear();
      for (const auto& a : args) scratch.append(a->GetString(i));
      b.AppendString(scratch);
    }, type);
  };
  return bound;
}

// Appends the non-null strings of `arg`'s row i (the string, or an array's elements) to `out`,
// each after `sep` unless it is the first.
void AppendConcatWsPart(const Vector& arg, int64_t i, std::string_view sep, std::string& out, bool& first) {
  if (arg.IsNull(i)) return;
  auto append = [&](std::string_view part) {
    if (!first) out.append(sep);
    out.append(part);
    first = false;
  };
  if (arg.type()->id != TypeId::kArray) return append(arg.GetString(i));
  const Vector& elements = *arg.child(0);
  const int32_t* offsets = arg.Offsets();
  for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
    if (elements.IsValid(k)) append(elements.GetString(k));
  }
}

// concat_ws(sep, a, b, ...): joins the non-null strings and the non-null elements of array
// arguments with sep; null only when sep is null. Arrays are cast to array<string>, other atomic
// values to string; maps and structs are refused as Spark's implicit casts refuse them.
BoundScalar BindConcatWs(const std::vector<BindArg>& args, const EvalContext&) {
  if (args.empty()) CheckArgCount("concat_ws", args, 1, 1);
  BoundScalar bound;
  for (size_t k = 0; k < args.size(); ++k) {
    if (k > 0 && args[k].type->id == TypeId::kArray) {
      if (args[k].type->element->IsNested()) {
        ThrowUnexpectedType("concat_ws", k, "(\"ARRAY<STRING>\" or \"STRING\")", *args[k].type);
      }
      bound.arg_types.push_back(ArrayType(StringType()));
    } else if (args[k].type->IsNested()) {
      ThrowUnexpectedType("concat_ws", k, k == 0 ? "\"STRING\"" : "(\"ARRAY<STRING>\" or \"STRING\")", *args[k].type);
    } else {
      bound.arg_types.push_back(StringType());
    }
  }
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
      for (size_t k = 1; k < args.size(); ++k) AppendConcatWsPart(*args[k], i, args[0]->GetString(i), scratch, first);
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
  registry.Add(MakeScalar("concat_ws", "concat_ws(sep, str or array<str>, ...): the non-null strings and array elements joined by sep; "
                          "null only when sep is null.",
                          BindConcatWs, {{"concat_ws('-', 'a', NULL, 'b')", "a-b"}, {"concat_ws(',', array('x', NULL, 'y'), 'z')", "x,y,z"}}));
}

}  // namespace ember

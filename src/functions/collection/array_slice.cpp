// slice, flatten, and reverse/concat of arrays: results that take runs of the input elements.
#include "functions/collection/array_binders.h"
#include "functions/collection/nested_util.h"
#include "functions/executor.h"
#include "functions/type_coercion.h"

namespace ember {
namespace {

[[noreturn]] void ThrowSliceParameter(const char* parameter, const std::string& message) {
  throw SparkError(std::string("INVALID_PARAMETER_VALUE.") + (parameter[0] == 's' ? "START" : "LENGTH"), "22023",
                   std::string("The value of parameter(s) `") + parameter + "` in `slice` is invalid: " + message + ".",
                   {{"parameter", std::string("`") + parameter + "`"}, {"functionName", "`slice`"}});
}

VectorPtr Slice(const Vector& array, const Vector& start, const Vector& length, int64_t rows) {
  const int32_t* offsets = array.Offsets();
  const int32_t* s = start.Data<int32_t>();
  const int32_t* n = length.Data<int32_t>();
  ListResultBuilder result(rows);
  for (int64_t i = 0; i < rows; ++i) {
    if (array.IsNull(i) || start.IsNull(i) || length.IsNull(i)) {
      result.NullRow();
      continue;
    }
    if (s[i] == 0) ThrowSliceParameter("start", "Expects a positive or a negative value for `start`, but got 0");
    if (n[i] < 0) {
      ThrowSliceParameter("length", "Expects `length` greater than or equal to 0, but got " + std::to_string(n[i]));
    }
    int64_t size = offsets[i + 1] - offsets[i];
    int64_t from = s[i] > 0 ? s[i] - 1 : size + s[i];
    if (from >= 0 && from < size) {
      int64_t to = std::min<int64_t>(size, from + n[i]);
      for (int64_t k = from; k < to; ++k) result.Add(offsets[i] + static_cast<int32_t>(k));
    }
    result.EndRow();
  }
  return result.Finish(array.type(), *array.child(0));
}

VectorPtr Reverse(const Vector& array, int64_t rows) {
  const int32_t* offsets = array.Offsets();
  ListResultBuilder result(rows);
  for (int64_t i = 0; i < rows; ++i) {
    if (array.IsNull(i)) {
      result.NullRow();
      continue;
    }
    for (int32_t k = offsets[i + 1] - 1; k >= offsets[i]; --k) result.Add(k);
    result.EndRow();
  }
  return result.Finish(array.type(), *array.child(0));
}

// concat(a1, a2, ...): the arrays one after another; null when any is null.
VectorPtr Concat(const TypePtr& type, const std::vector<VectorPtr>& arrays, int64_t rows) {
  std::vector<VectorPtr> parts;
  std::vector<int32_t> shift;
  int32_t total = 0;
  for (const auto& a : arrays) {
    parts.push_back(a->child(0));
    shift.push_back(total);
    total += static_cast<int32_t>(a->child(0)->length());
  }
  VectorPtr all = parts.empty() ? Vector::Make(type->element, 0) : ConcatVectors(parts);
  ListResultBuilder result(rows);
  for (int64_t i = 0; i < rows; ++i) {
    bool valid = true;
    for (const auto& a : arrays) valid &= a->IsValid(i);
    if (!valid) {
      result.NullRow();
      continue;
    }
    for (size_t p = 0; p < arrays.size(); ++p) {
      const int32_t* offsets = arrays[p]->Offsets();
      for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) result.Add(k + shift[p]);
    }
    result.EndRow();
  }
  return result.Finish(type, *all);
}

// flatten(array of arrays): the inner arrays one after another; null when the outer or any inner
// array is null.
VectorPtr Flatten(const TypePtr& type, const Vector& array, int64_t rows) {
  const int32_t* outer = array.Offsets();
  const Vector& inner = *array.child(0);
  const int32_t* offsets = inner.Offsets();
  ListResultBuilder result(rows);
  for (int64_t i = 0; i < rows; ++i) {
    bool valid = array.IsValid(i);
    for (int32_t j = outer[i]; valid && j < outer[i + 1]; ++j) valid = inner.IsValid(j);
    if (!valid) {
      result.NullRow();
      continue;
    }
    for (int32_t j = outer[i]; j < outer[i + 1]; ++j) {
      for (int32_t k = offsets[j]; k < offsets[j + 1]; ++k) result.Add(k);
    }
    result.EndRow();
  }
  return result.Finish(type, *inner.child(0));
}

}  // namespace

BoundScalar BindArrayReverse(const std::vector<BindArg>& args) {
  return FixedBinding({args[0].type}, args[0].type, [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    return Reverse(*a[0], rows);
  });
}

BoundScalar BindArrayConcat(const std::vector<BindArg>& args, const EvalContext& ctx) {
  std::vector<TypePtr> types;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].type->id != TypeId::kArray && args[i].type->id != TypeId::kNull) {
      ThrowUnexpectedType("concat", i, "(\"STRING\" or \"BINARY\" or \"ARRAY\")", *args[i].type);
    }
    types.push_back(args[i].type);
  }
  TypePtr type = FindWiderCommonType(types, ctx.ansi);
  if (!type || type->id != TypeId::kArray) ThrowUnexpectedType("concat", 0, "\"ARRAY\"", *args[0].type);
  return FixedBinding(std::vector<TypePtr>(args.size(), type), type,
                      [type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) { return Concat(type, a, rows); });
}

void RegisterArraySliceFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("slice",
                          "slice(array, start, length): length elements from 1-based start (negative counts from the "
                          "end); empty when start is beyond the array.",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            CheckArgCount("slice", args, 3, 3);
                            RequireArray("slice", args, 0);
                            for (size_t i = 1; i < 3; ++i) {
                              if (!args[i].type->IsIntegral() && args[i].type->id != TypeId::kNull)
                                ThrowUnexpectedType("slice", i, "\"INT\"", *args[i].type);
                            }
                            return FixedBinding({args[0].type, IntType(), IntType()}, args[0].type,
                                                [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
                                                  return Slice(*a[0], *a[1], *a[2], rows);
                                                });
                          },
                          {{"slice(array(1, 2, 3, 4), 2, 2)", "[2, 3]"}, {"slice(array(1, 2, 3), -2, 5)", "[2, 3]"}}));
  registry.Add(MakeScalar("flatten", "flatten(array of arrays): the inner arrays concatenated; null if any of them is null.",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            CheckArgCount("flatten", args, 1, 1);
                            const TypePtr& inner = RequireArray("flatten", args, 0);
                            if (inner->id != TypeId::kArray) {
                              ThrowUnexpectedType("flatten", 0, "\"ARRAY\" of \"ARRAY\"", *args[0].type);
                            }
                            TypePtr type = inner;
                            return FixedBinding({args[0].type}, type, [type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
                              return Flatten(type, *a[0], rows);
                            });
                          },
                          {{"flatten(array(array(1, 2), array(3)))", "[1, 2, 3]"}}));
}

}  // namespace ember

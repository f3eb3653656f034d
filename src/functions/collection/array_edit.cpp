// array_append, array_prepend, array_insert, array_remove, array_compact, array_repeat: arrays
// with elements added, removed or repeated. Results gather from the input's elements and the
// value argument laid end to end (the value of row i at elements + i).
#include "functions/collection/nested_util.h"
#include "functions/executor.h"

namespace ember {
namespace {

enum class Edit { kAppend, kPrepend, kInsert };

// array_append/array_prepend(array, value), array_insert(array, pos, value).
VectorPtr EditArray(Edit edit, const TypePtr& type, const std::vector<VectorPtr>& args, int64_t rows) {
  const Vector& array = *args[0];
  VectorPtr all = ConcatVectors({array.child(0), args.back()});
  int32_t values_at = static_cast<int32_t>(array.child(0)->length());
  const int32_t* offsets = array.Offsets();
  ListResultBuilder result(rows);
  for (int64_t i = 0; i < rows; ++i) {
    if (array.IsNull(i) || (edit == Edit::kInsert && args[1]->IsNull(i))) {
      result.NullRow();
      continue;
    }
    int32_t v = values_at + static_cast<int32_t>(i);
    int64_t size = offsets[i + 1] - offsets[i];
    int64_t at = edit == Edit::kAppend ? size : 0;
    if (edit == Edit::kInsert) {
      int64_t pos = args[1]->Data<int32_t>()[i];
      if (pos == 0) throw SparkError("INVALID_INDEX_OF_ZERO", {});
      // 1-based from the front; -1 is after the last element.
      at = pos > 0 ? pos - 1 : size + pos + 1;
    }
    if (at < 0) {
      // Before the front: the value, nulls, then the elements (-pos elements in all).
      result.Add(v);
      for (int64_t k = 0; k < -at; ++k) result.AddNullElement();
      for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) result.Add(k);
    } else {
      for (int32_t k = offsets[i]; k < offsets[i + 1] && k - offsets[i] < at; ++k) result.Add(k);
      for (int64_t k = size; k < at; ++k) result.AddNullElement();
      result.Add(v);
      for (int32_t k = offsets[i] + static_cast<int32_t>(std::min(at, size)); k < offsets[i + 1]; ++k) result.Add(k);
    }
    result.EndRow();
  }
  return result.Finish(type, *all);
}

ScalarFunction EditFunction(const std::string& name, Edit edit, const std::string& doc, std::vector<FunctionExample> examples) {
  return MakeScalar(name, doc,
                    [name, edit](const std::vector<BindArg>& args, const EvalContext&) {
                      size_t n = edit == Edit::kInsert ? 3 : 2;
                      CheckArgCount(name, args, n, n);
                      TypePtr element = ElementValueType(name, args, 0, n - 1);
                      TypePtr type = ArrayType(element, true);
                      std::vector<TypePtr> types = {WithElement(args[0].type, element)};
                      if (edit == Edit::kInsert) {
                        if (!args[1].type->IsIntegral() && args[1].type->id != TypeId::kNull)
                          ThrowUnexpectedType(name, 1, "\"INT\"", *args[1].type);
                        types.push_back(IntType());
                      }
                      types.push_back(element);
                      BoundScalar bound = FixedBinding(types, type, nullptr);
                      bound.kernel = [edit, type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
                        return EditArray(edit, type, a, rows);
                      };
                      return bound;
                    },
                    std::move(examples));
}

// array_remove(array, value): without the elements equal to value; null when value is.
VectorPtr Remove(const Vector& array, const Vector& value, int64_t rows) {
  const Vector& elements = *array.child(0);
  const int32_t* offsets = array.Offsets();
  ValueComparator equal(elements, value);
  ListResultBuilder result(rows);
  for (int64_t i = 0; i < rows; ++i) {
    if (array.IsNull(i) || value.IsNull(i)) {
      result.NullRow();
      continue;
    }
    for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
      if (elements.IsNull(k) || !equal.Equal(k, i)) result.Add(k);
    }
    result.EndRow();
  }
  return result.Finish(array.type(), elements);
}

VectorPtr Compact(const TypePtr& type, const Vector& array, int64_t rows) {
  const Vector& elements = *array.child(0);
  const int32_t* offsets = array.Offsets();
  ListResultBuilder result(rows);
  for (int64_t i = 0; i < rows; ++i) {
    if (array.IsNull(i)) {
      result.NullRow();
      continue;
    }
    for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
      if (elements.IsValid(k)) result.Add(k);
    }
    result.EndRow();
  }
  return result.Finish(type, elements);
}

VectorPtr Repeat(const TypePtr& type, const Vector& value, const Vector& count, int64_t rows) {
  ListResultBuilder result(rows);
  const int32_t* n = count.Data<int32_t>();
  for (int64_t i = 0; i < rows; ++i) {
    if (count.IsNull(i)) {
      result.NullRow();
      continue;
    }
    for (int32_t k = 0; k < n[i]; ++k) result.Add(static_cast<int32_t>(i));
    result.EndRow();
  }
  return result.Finish(type, value);
}

}  // namespace

void RegisterArrayEditFunctions(FunctionRegistry& registry) {
  registry.Add(EditFunction("array_append", Edit::kAppend, "array_append(array, value): the array with value added at the end.",
                            {{"array_append(array(1, 2), 3)", "[1, 2, 3]"}}));
  registry.Add(EditFunction("array_prepend", Edit::kPrepend, "array_prepend(array, value): the array with value added at the front.",
                            {{"array_prepend(array(1, 2), 0)", "[0, 1, 2]"}}));
  registry.Add(EditFunction("array_insert", Edit::kInsert,
                            "array_insert(array, pos, value): value inserted at 1-based pos (negative counts from the end, "
                            "-1 after the last element; nulls pad a position beyond either end).",
                            {{"array_insert(array(1, 2, 3), 2, 9)", "[1, 9, 2, 3]"}, {"array_insert(array(1), 3, 9)", "[1, NULL, 9]"}}));
  registry.Add(MakeScalar("array_remove", "array_remove(array, value): the array without the elements equal to value.",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            CheckArgCount("array_remove", args, 2, 2);
                            TypePtr element = ElementValueType("array_remove", args, 0, 1);
                            TypePtr type = WithElement(args[0].type, element);
                            return FixedBinding({type, element}, type, [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
                              return Remove(*a[0], *a[1], rows);
                            });
                          },
                          {{"array_remove(array(1, 2, 1, NULL), 1)", "[2, NULL]"}}));
  registry.Add(MakeScalar("array_compact", "array_compact(array): the array without its null elements.",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            CheckArgCount("array_compact", args, 1, 1);
                            TypePtr element = RequireArray("array_compact", args, 0);
                            TypePtr type = ArrayType(element, false);
                            return FixedBinding({args[0].type}, type, [type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
                              return Compact(type, *a[0], rows);
                            });
                          },
                          {{"array_compact(array(1, NULL, 2))", "[1, 2]"}}));
  registry.Add(MakeScalar("array_repeat", "array_repeat(value, count): an array of count copies of value (empty when count <= 0).",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            CheckArgCount("array_repeat", args, 2, 2);
                            if (!args[1].type->IsIntegral() && args[1].type->id != TypeId::kNull)
                              ThrowUnexpectedType("array_repeat", 1, "\"INT\"", *args[1].type);
                            TypePtr type = ArrayType(args[0].type, args[0].nullable);
                            return FixedBinding({args[0].type, IntType()}, type,
                                                [type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
                                                  return Repeat(type, *a[0], *a[1], rows);
                                                });
                          },
                          {{"array_repeat('ab', 2)", "[ab, ab]"}}));
}

}  // namespace ember

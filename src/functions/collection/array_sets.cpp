// array_distinct, array_union, array_intersect, array_except: distinct elements in first-seen
// order, nulls equal to each other (as Spark treats them in these functions).
#include "functions/collection/nested_util.h"
#include "functions/executor.h"

namespace ember {
namespace {

enum class SetOp { kUnion, kIntersect, kExcept };

VectorPtr Distinct(const TypePtr& type, const Vector& array, int64_t rows) {
  const Vector& elements = *array.child(0);
  const int32_t* offsets = array.Offsets();
  ElementSet seen(elements);
  ListResultBuilder result(rows);
  for (int64_t i = 0; i < rows; ++i) {
    if (array.IsNull(i)) {
      result.NullRow();
      continue;
    }
    seen.Clear();
    for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
      if (seen.Insert(k)) result.Add(k);
    }
    result.EndRow();
  }
  return result.Finish(type, elements);
}

// Both arrays' elements are laid end to end so that one set compares them.
VectorPtr SetOperation(SetOp op, const TypePtr& type, const Vector& a, const Vector& b, int64_t rows) {
  VectorPtr all = ConcatVectors({a.child(0), b.child(0)});
  int32_t shift = static_cast<int32_t>(a.child(0)->length());
  const int32_t* oa = a.Offsets();
  const int32_t* ob = b.Offsets();
  ElementSet seen(*all), other(*all);
  ListResultBuilder result(rows);
  for (int64_t i = 0; i < rows; ++i) {
    if (a.IsNull(i) || b.IsNull(i)) {
      result.NullRow();
      continue;
    }
    seen.Clear();
    if (op == SetOp::kUnion) {
      for (int32_t k = oa[i]; k < oa[i + 1]; ++k) {
        if (seen.Insert(k)) result.Add(k);
      }
      for (int32_t k = ob[i] + shift; k < ob[i + 1] + shift; ++k) {
        if (seen.Insert(k)) result.Add(k);
      }
    } else {
      other.Clear();
      for (int32_t k = ob[i] + shift; k < ob[i + 1] + shift; ++k) other.Insert(k);
      bool keep_common = op == SetOp::kIntersect;
      for (int32_t k = oa[i]; k < oa[i + 1]; ++k) {
        if (other.Contains(k) == keep_common && seen.Insert(k)) result.Add(k);
      }
    }
    result.EndRow();
  }
  return result.Finish(type, *all);
}

ScalarFunction SetFunction(const std::string& name, SetOp op, const std::string& doc, std::vector<FunctionExample> examples) {
  return MakeScalar(name, doc,
                    [name, op](const std::vector<BindArg>& args, const EvalContext&) {
                      CheckArgCount(name, args, 2, 2);
                      TypePtr element = CommonElementType(name, args);
                      bool a_null = args[0].type->contains_null, b_null = args[1].type->contains_null;
                      bool contains_null = op == SetOp::kUnion ? a_null || b_null : op == SetOp::kIntersect ? a_null && b_null : a_null;
                      TypePtr type = ArrayType(element, contains_null);
                      return FixedBinding({WithElement(args[0].type, element), WithElement(args[1].type, element)}, type,
                                          [op, type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
                                            return SetOperation(op, type, *a[0], *a[1], rows);
                                          });
                    },
                    std::move(examples));
}

}  // namespace

void RegisterArraySetFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("array_distinct", "array_distinct(array): the array without repeated elements, in first-seen order.",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            CheckArgCount("array_distinct", args, 1, 1);
                            RequireArray("array_distinct", args, 0);
                            TypePtr type = args[0].type;
                            return FixedBinding({type}, type, [type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
                              return Distinct(type, *a[0], rows);
                            });
                          },
                          {{"array_distinct(array(1, 2, 1, NULL, NULL))", "[1, 2, NULL]"}}));
  registry.Add(SetFunction("array_union", SetOp::kUnion, "array_union(a1, a2): the distinct elements of both arrays.",
                           {{"array_union(array(1, 2), array(2, 3))", "[1, 2, 3]"}}));
  registry.Add(SetFunction("array_intersect", SetOp::kIntersect,
                           "array_intersect(a1, a2): the distinct elements of a1 that a2 holds.",
                           {{"array_intersect(array(1, 2, 2), array(2, 1))", "[1, 2]"}}));
  registry.Add(SetFunction("array_except", SetOp::kExcept, "array_except(a1, a2): the distinct elements of a1 that a2 lacks.",
                           {{"array_except(array(1, 2, 3), array(2))", "[1, 3]"}}));
}

}  // namespace ember

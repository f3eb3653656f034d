// array_contains, array_position, arrays_overlap: finding values in arrays with Spark's equality
// (functions/value_ordering.h) and three-valued results where a null element may be the match.
#include "functions/collection/nested_util.h"
#include "functions/executor.h"

namespace ember {
namespace {

// The element index of row i's first non-null element equal to value row i, or -1; `saw_null`
// tells whether a null element came before it (or anywhere, when there is no match).
int32_t FindElement(const Vector& elements, const int32_t* offsets, const ValueComparator& equal, int64_t i,
                    bool& saw_null) {
  saw_null = false;
  for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
    if (elements.IsNull(k)) {
      saw_null = true;
    } else if (equal.Equal(k, i)) {
      return k;
    }
  }
  return -1;
}

// array_contains: true when found; else null when the array holds a null, else false.
VectorPtr Contains(const Vector& array, const Vector& value, int64_t rows) {
  VectorPtr out = Vector::Make(BooleanType(), rows);
  uint8_t* o = out->Data<uint8_t>();
  const Vector& elements = *array.child(0);
  const int32_t* offsets = array.Offsets();
  ValueComparator equal(elements, value);
  for (int64_t i = 0; i < rows; ++i) {
    o[i] = 0;
    if (array.IsNull(i) || value.IsNull(i)) {
      out->SetNull(i);
      continue;
    }
    bool saw_null;
    o[i] = FindElement(elements, offsets, equal, i, saw_null) >= 0;
    if (!o[i] && saw_null) out->SetNull(i);
  }
  return out;
}

// array_position: the 1-based position of the first equal element, 0 when there is none.
VectorPtr Position(const Vector& array, const Vector& value, int64_t rows) {
  VectorPtr out = Vector::Make(LongType(), rows);
  int64_t* o = out->Data<int64_t>();
  const Vector& elements = *array.child(0);
  const int32_t* offsets = array.Offsets();
  ValueComparator equal(elements, value);
  for (int64_t i = 0; i < rows; ++i) {
    o[i] = 0;
    if (array.IsNull(i) || value.IsNull(i)) {
      out->SetNull(i);
      continue;
    }
    bool saw_null;
    int32_t k = FindElement(elements, offsets, equal, i, saw_null);
    if (k >= 0) o[i] = k - offsets[i] + 1;
  }
  return out;
}

// arrays_overlap: true when a non-null element is in both; else null when both are non-empty and
// either holds a null; else false.
VectorPtr Overlap(const Vector& a, const Vector& b, int64_t rows) {
  VectorPtr out = Vector::Make(BooleanType(), rows);
  uint8_t* o = out->Data<uint8_t>();
  const Vector& ea = *a.child(0);
  const Vector& eb = *b.child(0);
  const int32_t* oa = a.Offsets();
  const int32_t* ob = b.Offsets();
  ValueComparator equal(ea, eb);
  for (int64_t i = 0; i < rows; ++i) {
    o[i] = 0;
    if (a.IsNull(i) || b.IsNull(i)) {
      out->SetNull(i);
      continue;
    }
    bool saw_null = false;
    for (int32_t x = oa[i]; x < oa[i + 1] && !o[i]; ++x) {
      if (ea.IsNull(x)) {
        saw_null = true;
        continue;
      }
      for (int32_t y = ob[i]; y < ob[i + 1]; ++y) {
        if (eb.IsNull(y)) {
          saw_null = true;
        } else if (equal.Equal(x, y)) {
          o[i] = 1;
          break;
        }
      }
    }
    if (!o[i] && saw_null && oa[i + 1] > oa[i] && ob[i + 1] > ob[i]) out->SetNull(i);
  }
  return out;
}

template <typename Kernel>
ScalarFunction ArrayValueFunction(const std::string& name, const std::string& doc, TypePtr result, Kernel kernel,
                                  std::vector<FunctionExample> examples) {
  return MakeScalar(name, doc,
                    [name, result, kernel](const std::vector<BindArg>& args, const EvalContext&) {
                      CheckArgCount(name, args, 2, 2);
                      TypePtr element = ElementValueType(name, args, 0, 1);
                      return FixedBinding({WithElement(args[0].type, element), element}, result,
                                          [kernel](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
                                            return kernel(*a[0], *a[1], rows);
                                          });
                    },
                    std::move(examples));
}

}  // namespace

void RegisterArraySearchFunctions(FunctionRegistry& registry) {
  registry.Add(ArrayValueFunction("array_contains",
                                  "array_contains(array, value): whether the array holds the value (null when it does "
                                  "not but holds a null).",
                                  BooleanType(), Contains,
                                  {{"array_contains(array(1, 2), 2)", "true"}, {"array_contains(array(1, NULL), 3)", "NULL"}}));
  registry.Add(ArrayValueFunction("array_position",
                                  "array_position(array, value): the 1-based position of the value's first occurrence, 0 "
                                  "when absent.",
                                  LongType(), Position, {{"array_position(array(3, 2, 1, 2), 2)", "2"}}));
  registry.Add(MakeScalar("arrays_overlap",
                          "arrays_overlap(a1, a2): whether the arrays share a non-null element (null when they do not "
                          "but both are non-empty and one holds a null).",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            CheckArgCount("arrays_overlap", args, 2, 2);
                            TypePtr element = CommonElementType("arrays_overlap", args);
                            return FixedBinding({WithElement(args[0].type, element), WithElement(args[1].type, element)}, BooleanType(),
                                                [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
                                                  return Overlap(*a[0], *a[1], rows);
                                                });
                          },
                          {{"arrays_overlap(array(1, 2), array(2, 3))", "true"}}));
}

}  // namespace ember

// sort_array, array_sort (without a comparator), array_max, array_min, shuffle: orders of array
// elements by Spark's ordering (functions/value_ordering.h).
#include <algorithm>
#include <random>

#include "functions/collection/array_binders.h"
#include "functions/collection/nested_util.h"
#include "functions/executor.h"

namespace ember {
namespace {

void RequireOrderableElements(const std::string& name, const std::vector<BindArg>& args) {
  const TypePtr& element = RequireArray(name, args, 0);
  if (!IsOrderable(*element)) {
    throw SparkError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
                     {{"sqlExpr", QuoteIdentifier(name)}, {"functionName", QuoteIdentifier(name)},
                      {"dataType", QuotedUpperType(*args[0].type)}});
  }
}

VectorPtr SortArrays(const Vector& array, bool ascending, bool nulls_first, int64_t rows) {
  const Vector& elements = *array.child(0);
  const int32_t* offsets = array.Offsets();
  ValueComparator compare(elements, elements);
  ListResultBuilder result(rows);
  std::vector<int32_t> order;
  for (int64_t i = 0; i < rows; ++i) {
    if (array.IsNull(i)) {
      result.NullRow();
      continue;
    }
    order.clear();
    int32_t nulls = 0;
    for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
      if (elements.IsNull(k)) {
        ++nulls;
      } else {
        order.push_back(k);
      }
    }
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
      int c = compare.Compare(a, b);
      return ascending ? c < 0 : c > 0;
    });
    if (nulls_first) {
      for (int32_t n = 0; n < nulls; ++n) result.AddNullElement();
    }
    for (int32_t k : order) result.Add(k);
    if (!nulls_first) {
      for (int32_t n = 0; n < nulls; ++n) result.AddNullElement();
    }
    result.EndRow();
  }
  return result.Finish(array.type(), elements);
}

// array_max / array_min: the greatest / least non-null element; null when there is none.
VectorPtr Extreme(const Vector& array, bool max, int64_t rows) {
  const Vector& elements = *array.child(0);
  const int32_t* offsets = array.Offsets();
  ValueComparator compare(elements, elements);
  std::vector<int32_t> take(rows, -1);
  for (int64_t i = 0; i < rows; ++i) {
    if (array.IsNull(i)) continue;
    for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
      if (elements.IsNull(k)) continue;
      if (take[i] < 0 || (max ? compare.Compare(k, take[i]) > 0 : compare.Compare(k, take[i]) < 0)) take[i] = k;
    }
  }
  return GatherOrNull(elements, take);
}

VectorPtr Shuffle(const Vector& array, uint64_t seed, int64_t rows) {
  const int32_t* offsets = array.Offsets();
  std::mt19937_64 random(seed);
  ListResultBuilder result(rows);
  std::vector<int32_t> order;
  for (int64_t i = 0; i < rows; ++i) {
    if (array.IsNull(i)) {
      result.NullRow();
      continue;
    }
    order.clear();
    for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) order.push_back(k);
    std::shuffle(order.begin(), order.end(), random);
    for (int32_t k : order) result.Add(k);
    result.EndRow();
  }
  return result.Finish(array.type(), *array.child(0));
}

BoundScalar BindSortArray(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("sort_array", args, 1, 2);
  RequireOrderableElements("sort_array", args);
  bool ascending = true;
  if (args.size() == 2) {
    if (args[1].type->id != TypeId::kBoolean) ThrowUnexpectedType("sort_array", 1, "\"BOOLEAN\"", *args[1].type);
    if (!args[1].literal || args[1].literal->is_null) {
      throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                       {{"sqlExpr", QuoteIdentifier("sort_array")}, {"inputName", "`ascendingOrder`"},
                        {"inputType", "\"BOOLEAN\""}, {"inputExpr", "\"" + args[1].name + "\""}});
    }
    ascending = args[1].literal->i64 != 0;
  }
  std::vector<TypePtr> types = {args[0].type};
  if (args.size() == 2) types.push_back(BooleanType());
  // Ascending puts nulls first, descending last.
  return FixedBinding(types, args[0].type, [ascending](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    return SortArrays(*a[0], ascending, ascending, rows);
  });
}

ScalarFunction ExtremeFunction(const std::string& name, bool max, const std::string& doc, FunctionExample example) {
  return MakeScalar(name, doc,
                    [name, max](const std::vector<BindArg>& args, const EvalContext&) {
                      CheckArgCount(name, args, 1, 1);
                      RequireOrderableElements(name, args);
                      return FixedBinding({args[0].type}, args[0].type->element,
                                          [max](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
                                            return Extreme(*a[0], max, rows);
                                          });
                    },
                    {example});
}

BoundScalar BindShuffle(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("shuffle", args, 1, 2);
  RequireArray("shuffle", args, 0);
  std::vector<TypePtr> types = {args[0].type};
  std::optional<int64_t> seed;
  if (args.size() == 2) {
    if (!args[1].type->IsIntegral() || !args[1].literal) ThrowUnexpectedType("shuffle", 1, "\"BIGINT\"", *args[1].type);
    if (!args[1].literal->is_null) seed = args[1].literal->i64;
    types.push_back(args[1].type);
  }
  BoundScalar bound = FixedBinding(types, args[0].type, nullptr);
  bound.deterministic = false;
  bound.kernel = [seed](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    // A given seed gives the same order per partition; without one, a fresh order each time.
    uint64_t base = seed ? static_cast<uint64_t>(*seed) : std::random_device{}();
    return Shuffle(*a[0], base + static_cast<uint64_t>(ctx.partition_index), rows);
  };
  return bound;
}

}  // namespace

BoundScalar BindArraySortNatural(const std::vector<BindArg>& args) {
  RequireOrderableElements("array_sort", args);
  return FixedBinding({args[0].type}, args[0].type, [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    return SortArrays(*a[0], true, false, rows);
  });
}

void RegisterArraySortFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("sort_array", "sort_array(array[, ascending]): the elements sorted (nulls first ascending, last descending).",
                          BindSortArray, {{"sort_array(array(2, NULL, 1), false)", "[2, 1, NULL]"}}));
  registry.Add(MakeScalar("array_sort", "array_sort(array): the elements in ascending order, nulls last.",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            CheckArgCount("array_sort", args, 1, 1);
                            return BindArraySortNatural(args);
                          },
                          {{"array_sort(array('b', NULL, 'a'))", "[a, b, NULL]"}}));
  registry.Add(ExtremeFunction("array_max", true, "array_max(array): the greatest non-null element (NaN above all numbers).",
                               {"array_max(array(1, NULL, 3))", "3"}));
  registry.Add(ExtremeFunction("array_min", false, "array_min(array): the least non-null element.", {"array_min(array(2, NULL, 1))", "1"}));
  registry.Add(MakeScalar("shuffle", "shuffle(array[, seed]): the elements in a random order.", BindShuffle,
                          {{"size(shuffle(array(1, 2, 3)))", "3"}}));
}

}  // namespace ember

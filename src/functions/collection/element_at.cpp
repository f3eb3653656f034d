// element_at / try_element_at (1-based array index or map key), get (0-based, null when out of
// range), and the readers behind `a[i]` (0-based; INVALID_ARRAY_INDEX under ANSI) and `m[key]`.
#include "functions/collection/nested_util.h"
#include "functions/executor.h"

namespace ember {
namespace {

enum class OutOfRange { kNull, kErrorIfAnsi };

struct ArrayAccess {
  bool one_based;
  OutOfRange out_of_range;
  const char* error_class;  // for kErrorIfAnsi
};

[[noreturn]] void ThrowIndexOutOfRange(const char* error_class, int64_t index, int64_t size) {
  throw SparkError(error_class, {{"indexValue", std::to_string(index)},
                                 {"arraySize", std::to_string(size)},
                                 {"ansiConfig", kAnsiConfigQuoted}});
}

VectorPtr ArrayItem(const ArrayAccess& access, const Vector& array, const Vector& index, int64_t rows, bool ansi) {
  const int32_t* offsets = array.Offsets();
  const int32_t* ix = index.Data<int32_t>();
  bool errors = access.out_of_range == OutOfRange::kErrorIfAnsi && ansi;
  std::vector<int32_t> take(rows);
  for (int64_t i = 0; i < rows; ++i) {
    if (array.IsNull(i) || index.IsNull(i)) {
      take[i] = -1;
      continue;
    }
    int64_t size = offsets[i + 1] - offsets[i];
    int64_t k = ix[i];
    int64_t position = k;
    if (access.one_based) {
      if (k == 0) throw SparkError("INVALID_INDEX_OF_ZERO", {});
      position = k > 0 ? k - 1 : size + k;
    }
    if (position < 0 || position >= size) {
      if (errors) ThrowIndexOutOfRange(access.error_class, k, size);
      take[i] = -1;
    } else {
      take[i] = offsets[i] + static_cast<int32_t>(position);
    }
  }
  return GatherOrNull(*array.child(0), take);
}

VectorPtr MapValue(const Vector& map, const Vector& key, int64_t rows) {
  const int32_t* offsets = map.Offsets();
  ValueComparator equal(*map.child(0), key);
  std::vector<int32_t> take(rows, -1);
  for (int64_t i = 0; i < rows; ++i) {
    if (map.IsNull(i) || key.IsNull(i)) continue;
    for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
      if (equal.Equal(k, i)) {
        take[i] = k;
        break;
      }
    }
  }
  return GatherOrNull(*map.child(1), take);
}

BoundScalar NullBinding(const std::vector<BindArg>& args) {
  std::vector<TypePtr> types;
  for (const auto& a : args) types.push_back(a.type);
  return FixedBinding(types, NullType(), [](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
    return Vector::MakeNulls(NullType(), rows);
  });
}

BoundScalar BindArrayItem(const std::string& name, const ArrayAccess& access, const std::vector<BindArg>& args) {
  const DataType& index = *args[1].type;
  if (!index.IsIntegral() && index.id != TypeId::kNull) ThrowUnexpectedType(name, 1, "\"INT\"", index);
  BoundScalar bound = FixedBinding({args[0].type, IntType()}, args[0].type->element, nullptr);
  bound.kernel = [access](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    return ArrayItem(access, *a[0], *a[1], rows, ctx.ansi);
  };
  return bound;
}

BoundScalar BindMapValue(const std::vector<BindArg>& args) {
  const DataType& map = *args[0].type;
  BoundScalar bound = FixedBinding({args[0].type, map.element}, map.value, nullptr);
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) { return MapValue(*a[0], *a[1], rows); };
  return bound;
}

// A binder for an array-or-map reader: arrays read with `access`, maps by key (unless !maps).
ScalarFunction Reader(const std::string& name, const std::string& doc, ArrayAccess access, bool maps,
                      std::vector<FunctionExample> examples) {
  return MakeScalar(name, doc,
                    [name, access, maps](const std::vector<BindArg>& args, const EvalContext&) {
                      CheckArgCount(name, args, 2, 2);
                      TypeId id = args[0].type->id;
                      if (id == TypeId::kNull) return NullBinding(args);
                      if (id == TypeId::kArray) return BindArrayItem(name, access, args);
                      if (id == TypeId::kMap && maps) return BindMapValue(args);
                      ThrowUnexpectedType(name, 0, maps ? "(\"ARRAY\" or \"MAP\")" : "\"ARRAY\"", *args[0].type);
                    },
                    std::move(examples));
}

}  // namespace

void RegisterElementAtFunctions(FunctionRegistry& registry) {
  registry.Add(Reader("element_at",
                      "element_at(array, index): the element at 1-based index (negative counts from the end; out of "
                      "range is INVALID_ARRAY_INDEX_IN_ELEMENT_AT with ANSI on, else null); element_at(map, key): the "
                      "key's value or null.",
                      {true, OutOfRange::kErrorIfAnsi, "INVALID_ARRAY_INDEX_IN_ELEMENT_AT"}, true,
                      {{"element_at(array(1, 2, 3), -1)", "3"}, {"element_at(map('a', 1), 'a')", "1"}}));
  registry.Add(Reader("try_element_at",
                      "try_element_at(array, index): element_at, but null when the index is out of range.",
                      {true, OutOfRange::kNull, ""}, true, {{"try_element_at(array(1, 2), 5)", "NULL"}}));
  registry.Add(Reader("get", "get(array, index): the element at 0-based index, or null when out of range.",
                      {false, OutOfRange::kNull, ""}, false, {{"get(array(1, 2), 1)", "2"}}));
  registry.Add(Reader(kGetArrayItem,
                      "get_array_item(array, index): what array[index] reads: 0-based, INVALID_ARRAY_INDEX out of "
                      "range with ANSI on, else null.",
                      {false, OutOfRange::kErrorIfAnsi, "INVALID_ARRAY_INDEX"}, false,
                      {{"get_array_item(array(5, 6), 0)", "5"}}));
  registry.Add(MakeScalar(kGetMapValue, "get_map_value(map, key): what map[key] reads: the key's value or null.",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            CheckArgCount(kGetMapValue, args, 2, 2);
                            if (args[0].type->id == TypeId::kNull) return NullBinding(args);
                            RequireMap(kGetMapValue, args, 0);
                            return BindMapValue(args);
                          },
                          {{"get_map_value(map(1, 'x'), 1)", "x"}}));
}

}  // namespace ember

// array(...), map(...), struct(...), named_struct(...) and the struct field reader behind `s.f`.
#include "functions/collection/map_key_rules.h"
#include "functions/collection/nested_util.h"
#include "functions/executor.h"
#include "functions/type_coercion.h"

namespace ember {
namespace {

[[noreturn]] void ThrowDiffTypes(const std::string& name, const std::vector<TypePtr>& types) {
  std::string list = "[";
  for (size_t i = 0; i < types.size(); ++i) list += (i ? ", " : "") + QuotedUpperType(*types[i]);
  throw SparkError("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                   {{"sqlExpr", QuoteIdentifier(name)}, {"functionName", QuoteIdentifier(name)}, {"dataType", list + "]"}});
}

[[noreturn]] void ThrowPairsExpected(const std::string& name, size_t actual) {
  throw SparkError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                   {{"functionName", QuoteIdentifier(name)},
                    {"expectedNum", "2n (n > 0)"},
                    {"actualNum", std::to_string(actual)},
                    {"docroot", "https://spark.apache.org/docs/latest"}});
}

// The common type of `types` (null when there are none), or DATA_DIFF_TYPES.
TypePtr CommonType(const std::string& name, const std::vector<TypePtr>& types, bool ansi) {
  if (types.empty()) return NullType();
  TypePtr common = FindWiderCommonType(types, ansi);
  if (!common) ThrowDiffTypes(name, types);
  return common;
}

// Row i's elements are args[0][i], args[1][i], ...: one gather over the arguments laid end to end.
VectorPtr Interleave(const TypePtr& element, const std::vector<VectorPtr>& args, size_t first, size_t step,
                     int64_t rows) {
  std::vector<VectorPtr> parts;
  for (size_t k = first; k < args.size(); k += step) parts.push_back(args[k]);
  if (parts.empty()) return Vector::Make(element, 0);
  if (parts.size() == 1) return parts[0];
  VectorPtr all = ConcatVectors(parts);
  int64_t n = static_cast<int64_t>(parts.size());
  std::vector<int32_t> indices(rows * n);
  for (int64_t i = 0; i < rows; ++i) {
    for (int64_t k = 0; k < n; ++k) indices[i * n + k] = static_cast<int32_t>(k * rows + i);
  }
  return TakeRows(*all, indices.data(), rows * n);
}

std::vector<int32_t> EvenOffsets(int64_t rows, int64_t n) {
  std::vector<int32_t> offsets(rows + 1);
  for (int64_t i = 0; i <= rows; ++i) offsets[i] = static_cast<int32_t>(i * n);
  return offsets;
}

BoundScalar BindArray(const std::vector<BindArg>& args, const EvalContext& ctx) {
  std::vector<TypePtr> types;
  bool contains_null = false;
  for (const auto& a : args) {
    types.push_back(a.type);
    contains_null |= a.nullable;
  }
  TypePtr element = CommonType("array", types, ctx.ansi);
  TypePtr type = ArrayType(element, contains_null);
  int64_t n = static_cast<int64_t>(args.size());
  BoundScalar bound = FixedBinding(std::vector<TypePtr>(args.size(), element), type, nullptr);
  bound.result_nullable = false;
  bound.kernel = [type, n](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    return MakeListVector(type, EvenOffsets(rows, n), {Interleave(type->element, a, 0, 1, rows)});
  };
  return bound;
}

void CheckMapKeyType(const std::string& name, const DataType& key) {
  bool has_map = key.id == TypeId::kMap;
  for (const auto& f : key.fields) has_map |= f.type->id == TypeId::kMap;
  if (key.id == TypeId::kArray) has_map |= key.element->id == TypeId::kMap;
  if (has_map) {
    throw SparkError("DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE", {{"sqlExpr", QuoteIdentifier(name)}, {"keyType", QuotedUpperType(key)}});
  }
}

BoundScalar BindMap(const std::vector<BindArg>& args, const EvalContext& ctx) {
  if (args.size() % 2 != 0) ThrowPairsExpected("map", args.size());
  std::vector<TypePtr> keys, values;
  bool value_null = false;
  for (size_t i = 0; i < args.size(); i += 2) {
    keys.push_back(args[i].type);
    values.push_back(args[i + 1].type);
    value_null |= args[i + 1].nullable;
  }
  TypePtr key = CommonType("map", keys, ctx.ansi);
  TypePtr value = CommonType("map", values, ctx.ansi);
  CheckMapKeyType("map", *key);
  TypePtr type = MapType(key, value, value_null);
  std::vector<TypePtr> arg_types;
  for (size_t i = 0; i < args.size(); ++i) arg_types.push_back(i % 2 ? value : key);
  int64_t n = static_cast<int64_t>(args.size() / 2);
  BoundScalar bound = FixedBinding(arg_types, type, nullptr);
  bound.result_nullable = false;
  bound.kernel = [type, n](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    VectorPtr k = Interleave(type->element, a, 0, 2, rows);
    VectorPtr v = Interleave(type->value, a, 1, 2, rows);
    return ApplyMapKeyRules(MakeListVector(type, EvenOffsets(rows, n), {k, v}), ctx, MapBuild::kFromArrays);
  };
  return bound;
}

// A struct of the argument vectors themselves (no copy); `named`: the arguments alternate names
// (literals) and values, as named_struct takes them.
BoundScalar StructBinding(std::vector<StructField> fields, std::vector<TypePtr> arg_types, bool named) {
  TypePtr type = StructType(std::move(fields));
  BoundScalar bound = FixedBinding(std::move(arg_types), type, nullptr);
  bound.result_nullable = false;
  bound.kernel = [type, named](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorPtr out = Vector::Make(type, rows);
    std::vector<VectorPtr> children;
    for (size_t k = named ? 1 : 0; k < a.size(); k += named ? 2 : 1) children.push_back(a[k]);
    out->children() = std::move(children);
    return out;
  };
  return bound;
}

BoundScalar BindStruct(const std::vector<BindArg>& args, const EvalContext&) {
  std::vector<StructField> fields;
  std::vector<TypePtr> arg_types;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i].name.empty() ? "col" + std::to_string(i + 1) : args[i].name;
    fields.push_back({name, args[i].type, args[i].nullable});
    arg_types.push_back(args[i].type);
  }
  return StructBinding(std::move(fields), std::move(arg_types), false);
}

BoundScalar BindNamedStruct(const std::vector<BindArg>& args, const EvalContext&) {
  if (args.empty() || args.size() % 2 != 0) ThrowPairsExpected("named_struct", args.size());
  std::vector<StructField> fields;
  std::vector<TypePtr> arg_types;
  std::string bad;
  for (size_t i = 0; i < args.size(); i += 2) {
    const BindArg& name = args[i];
    if (!name.literal || name.literal->is_null || name.type->id != TypeId::kString) {
      bad += std::string(bad.empty() ? "" : ", ") + "\"" + (name.literal ? "NULL" : name.name) + "\"";
      continue;
    }
    fields.push_back({name.literal->str, args[i + 1].type, args[i + 1].nullable});
    arg_types.push_back(name.type);
    arg_types.push_back(args[i + 1].type);
  }
  if (!bad.empty()) {
    throw SparkError("DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING",
                     {{"sqlExpr", QuoteIdentifier("named_struct")}, {"inputExprs", "[" + bad + "]"}});
  }
  return StructBinding(std::move(fields), std::move(arg_types), true);
}

// get_struct_field(s, ordinal): the field's child vector, null where the struct is.
BoundScalar BindGetStructField(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("get_struct_field", args, 2, 2);
  const DataType& type = *args[0].type;
  if (type.id != TypeId::kStruct || !args[1].literal || args[1].literal->is_null ||
      args[1].literal->i64 < 0 || args[1].literal->i64 >= static_cast<int64_t>(type.fields.size())) {
    throw InternalError("get_struct_field needs a struct and a literal field ordinal");
  }
  size_t ordinal = static_cast<size_t>(args[1].literal->i64);
  const StructField& field = type.fields[ordinal];
  BoundScalar bound = FixedBinding({args[0].type, args[1].type}, field.type, nullptr);
  bound.result_nullable = args[0].nullable || field.nullable;
  bound.kernel = [ordinal](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& input = *a[0];
    const VectorPtr& child = input.child(ordinal);
    if (!input.MayHaveNulls()) return child;
    VectorPtr result = SliceRows(*child, 0, rows);
    AndValidity(*result, input);
    return result;
  };
  return bound;
}

}  // namespace

void RegisterConstructorFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("array", "array(expr, ...): an array of the arguments, in their common type.", BindArray,
                          {{"array(1, 2, NULL)", "[1, 2, NULL]"}, {"array('a', 'b')", "[a, b]"}}));
  registry.Add(MakeScalar("map", "map(key0, value0, key1, value1, ...): a map of the key-value pairs; keys may not be null or repeat.",
                          BindMap, {{"map(1, 'a', 2, 'b')", "{1 -> a, 2 -> b}"}}));
  registry.Add(MakeScalar("struct", "struct(col1, col2, ...): a struct whose fields are named after the columns (colN for other expressions).",
                          BindStruct, {{"struct(1, 'a')", "{1, a}"}}));
  registry.Add(MakeScalar("named_struct", "named_struct(name1, val1, name2, val2, ...): a struct of the named values.",
                          BindNamedStruct, {{"named_struct('a', 1, 'b', 'x')", "{1, x}"}}));
  registry.Add(MakeScalar(kGetStructField, "get_struct_field(s, ordinal): field number `ordinal` (0-based) of struct s; what s.field reads.",
                          BindGetStructField, {{"get_struct_field(named_struct('a', 1, 'b', 2), 1)", "2"}}));
}

}  // namespace ember

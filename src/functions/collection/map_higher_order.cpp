// The higher-order map functions: map_filter(map, (k, v) -> cond), transform_values(map, (k, v) -> f),
// transform_keys(map, (k, v) -> f) (its new keys follow the rules of map_key_rules.h) and
// map_zip_with(left, right, (k, v1, v2) -> f) over the union of the keys (the left map's first, a
// value missing from one side is null). Each lambda runs once over every entry of the batch.
#include <unordered_map>

#include "common/error.h"
#include "functions/collection/lambda_util.h"
#include "functions/collection/map_key_rules.h"
#include "functions/type_coercion.h"

namespace ember {
namespace {

TypePtr KeyTypeOf(const BindArg& arg) { return arg.type->id == TypeId::kMap ? arg.type->element : NullType(); }
TypePtr ValueTypeOf(const BindArg& arg) { return arg.type->id == TypeId::kMap ? arg.type->value : NullType(); }

std::vector<TypePtr> KeyAndValue(const std::vector<BindArg>& args, size_t, size_t count) {
  CheckLambdaArity(count, 2, 2);
  return {KeyTypeOf(args[0]), ValueTypeOf(args[0])};
}

// Keys compared by their text (as show() prints them), computed once per batch.
VectorPtr KeyTexts(const VectorPtr& keys, EvalContext& ctx) { return ToPrettyString(keys, ctx); }

// Runs a (k, v) lambda over every entry of the batch's maps.
VectorPtr RunOverEntries(const Flattened& flat, const LambdaFunction& lambda) {
  return lambda({flat.children[0], flat.children[1]}, flat.rows);
}

ScalarFunction MapLambdaFunction(const std::string& name, std::string doc, decltype(ScalarFunction::bind) bind,
                                 std::vector<FunctionExample> examples) {
  ScalarFunction function = MakeScalar(name, std::move(doc), std::move(bind), std::move(examples));
  function.lambda_parameters = KeyAndValue;
  return function;
}

BoundScalar BindMapFilter(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("map_filter", args, 2, 2);
  RequireMapArg("map_filter", args, 0);
  RequireLambdaType("map_filter", args, 1, BooleanType());
  TypePtr result = args[0].type;
  BoundScalar bound = FixedBinding({args[0].type, BooleanType()}, result, nullptr);
  bound.lambda_kernel = [result](const std::vector<VectorPtr>& a, const std::vector<LambdaFunction>& lambdas, int64_t rows,
                                 EvalContext&) {
    if (a[0]->type()->id == TypeId::kNull) return Vector::MakeNulls(result, rows);
    Flattened flat = Flatten(*a[0], rows);
    return FilterCollection(result, *a[0], flat, *RunOverEntries(flat, lambdas[0]));
  };
  return bound;
}

BoundScalar BindTransformValues(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("transform_values", args, 2, 2);
  RequireMapArg("transform_values", args, 0);
  TypePtr result = MapType(KeyTypeOf(args[0]), args[1].type);
  BoundScalar bound = FixedBinding({args[0].type, args[1].type}, result, nullptr);
  bound.lambda_kernel = [result](const std::vector<VectorPtr>& a, const std::vector<LambdaFunction>& lambdas, int64_t rows,
                                 EvalContext&) {
    if (a[0]->type()->id == TypeId::kNull) return Vector::MakeNulls(result, rows);
    Flattened flat = Flatten(*a[0], rows);
    VectorPtr values = RunOverEntries(flat, lambdas[0]);
    return MakeCollection(result, *a[0], flat.offsets, {flat.children[0], values});
  };
  return bound;
}

BoundScalar BindTransformKeys(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("transform_keys", args, 2, 2);
  RequireMapArg("transform_keys", args, 0);
  TypePtr result = MapType(args[1].type, ValueTypeOf(args[0]));
  BoundScalar bound = FixedBinding({args[0].type, args[1].type}, result, nullptr);
  bound.lambda_kernel = [result](const std::vector<VectorPtr>& a, const std::vector<LambdaFunction>& lambdas, int64_t rows,
                                 EvalContext& ctx) {
    if (a[0]->type()->id == TypeId::kNull) return Vector::MakeNulls(result, rows);
    const Vector& maps = *a[0];
    Flattened flat = Flatten(maps, rows);
    VectorPtr keys = RunOverEntries(flat, lambdas[0]);
    return ApplyMapKeyRules(MakeCollection(result, maps, flat.offsets, {keys, flat.children[1]}), ctx, MapBuild::kFromArrays);
  };
  return bound;
}

// map_zip_with: the keys of both maps cast to their common type.
TypePtr CommonKeyType(const std::vector<BindArg>& args) {
  TypePtr common = FindTightestCommonType(KeyTypeOf(args[0]), KeyTypeOf(args[1]));
  if (!common) {
    throw SparkError("DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES",
                     {{"sqlExpr", "\"map_zip_with\""}, {"functionName", "`map_zip_with`"},
                      {"leftType", "\"" + KeyTypeOf(args[0])->Sql() + "\""}, {"rightType", "\"" + KeyTypeOf(args[1])->Sql() + "\""}});
  }
  return common;
}

std::vector<TypePtr> KeyAndValues(const std::vector<BindArg>& args, size_t, size_t count) {
  CheckLambdaArity(count, 3, 3);
  return {CommonKeyType(args), ValueTypeOf(args[0]), ValueTypeOf(args[1])};
}

// For each row, the union of both maps' keys: the entry of each side holding it, or -1.
struct KeyUnion {
  std::vector<int32_t> left, right, rows, offsets;
};

KeyUnion UnionKeys(const Vector& left_maps, const Vector& right_maps, const Flattened& l, const Flattened& r,
                   const Vector& left_texts, const Vector& right_texts, int64_t rows) {
  KeyUnion u;
  u.offsets.assign(rows + 1, 0);
  std::unordered_map<std::string_view, size_t> position;
  for (int64_t i = 0; i < rows; ++i) {
    size_t start = u.left.size();
    if (left_maps.IsValid(i) && right_maps.IsValid(i)) {
      position.clear();
      for (int32_t j = l.offsets[i]; j < l.offsets[i + 1]; ++j) {
        if (position.emplace(left_texts.GetString(j), u.left.size()).second) {
          u.left.push_back(j);
          u.right.push_back(-1);
        }
      }
      for (int32_t j = r.offsets[i]; j < r.offsets[i + 1]; ++j) {
        auto [it, fresh] = position.emplace(right_texts.GetString(j), u.left.size());
        if (fresh) {
          u.left.push_back(-1);
          u.right.push_back(j);
        } else if (u.right[it->second] < 0) {
          u.right[it->second] = j;
        }
      }
    }
    u.rows.insert(u.rows.end(), u.left.size() - start, static_cast<int32_t>(i));
    u.offsets[i + 1] = static_cast<int32_t>(u.left.size());
  }
  return u;
}

// The entries of `values` at `picks` (-1: null).
VectorPtr Pick(const Vector& values, const std::vector<int32_t>& picks) {
  VectorBuilder out(values.type(), static_cast<int64_t>(picks.size()));
  for (int32_t p : picks) {
    if (p < 0) {
      out.AppendNull();
    } else {
      out.AppendFrom(values, p);
    }
  }
  return out.Finish();
}

BoundScalar BindMapZipWith(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("map_zip_with", args, 3, 3);
  RequireMapArg("map_zip_with", args, 0);
  RequireMapArg("map_zip_with", args, 1);
  TypePtr key = CommonKeyType(args);
  TypePtr left = MapType(key, ValueTypeOf(args[0])), right = MapType(key, ValueTypeOf(args[1]));
  TypePtr result = MapType(key, args[2].type);
  BoundScalar bound = FixedBinding({left, right, args[2].type}, result, nullptr);
  bound.lambda_kernel = [result](const std::vector<VectorPtr>& a, const std::vector<LambdaFunction>& lambdas, int64_t rows,
                                 EvalContext& ctx) {
    if (a[0]->type()->id == TypeId::kNull || a[1]->type()->id == TypeId::kNull) return Vector::MakeNulls(result, rows);
    Flattened l = Flatten(*a[0], rows), r = Flatten(*a[1], rows);
    VectorPtr left_texts = KeyTexts(l.children[0], ctx), right_texts = KeyTexts(r.children[0], ctx);
    KeyUnion u = UnionKeys(*a[0], *a[1], l, r, *left_texts, *right_texts, rows);
    // A key comes from the left map when it has it, else from the right one.
    std::vector<int32_t> key_picks(u.left.size());
    int32_t left_count = l.size();
    for (size_t e = 0; e < u.left.size(); ++e) key_picks[e] = u.left[e] >= 0 ? u.left[e] : left_count + u.right[e];
    VectorPtr all_keys = ConcatVectors({l.children[0], r.children[0]});
    VectorPtr keys = TakeRows(*all_keys, key_picks.data(), static_cast<int64_t>(key_picks.size()));
    VectorPtr values = lambdas[0]({keys, Pick(*l.children[1], u.left), Pick(*r.children[1], u.right)}, u.rows);
    VectorPtr nulls = Vector::Make(BooleanType(), rows);
    for (int64_t i = 0; i < rows; ++i) {
      if (a[0]->IsNull(i) || a[1]->IsNull(i)) nulls->SetNull(i);
    }
    return MakeCollection(result, *nulls, u.offsets, {keys, values});
  };
  return bound;
}

}  // namespace

void RegisterMapHigherOrderFunctions(FunctionRegistry& registry) {
  registry.Add(MapLambdaFunction("map_filter", "map_filter(map, (k, v) -> cond): the entries where cond is true.",
                                 BindMapFilter,
                                 {{"map_filter(from_json('{\"a\": 1, \"b\": 2}', 'map<string,int>'), (k, v) -> v > 1)", "{b -> 2}"}}));
  registry.Add(MapLambdaFunction("transform_values", "transform_values(map, (k, v) -> f): the map with each value replaced by f.",
                                 BindTransformValues,
                                 {{"transform_values(from_json('{\"a\": 1, \"b\": 2}', 'map<string,int>'), (k, v) -> concat(k, v))",
                                   "{a -> a1, b -> b2}"}}));
  registry.Add(MapLambdaFunction("transform_keys",
                                 "transform_keys(map, (k, v) -> f): the map with each key replaced by f (new keys must be "
                                 "distinct and not null).",
                                 BindTransformKeys,
                                 {{"transform_keys(from_json('{\"a\": 1, \"b\": 2}', 'map<string,int>'), (k, v) -> upper(k))",
                                   "{A -> 1, B -> 2}"}}));
  ScalarFunction zip = MakeScalar(
      "map_zip_with",
      "map_zip_with(left, right, (k, v1, v2) -> f): a map over both maps' keys with f of the two values (null where a side lacks the key).",
      BindMapZipWith,
      {{"map_zip_with(from_json('{\"a\": 1, \"b\": 2}', 'map<string,int>'), from_json('{\"b\": 5, \"c\": 7}', "
        "'map<string,int>'), (k, x, y) -> coalesce(x, 0) + coalesce(y, 0))",
        "{a -> 1, b -> 7, c -> 7}"}});
  zip.lambda_parameters = KeyAndValues;
  registry.Add(std::move(zip));
}

}  // namespace ember

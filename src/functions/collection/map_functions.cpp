// map_keys, map_values, map_entries, map_contains_key, map_from_arrays, map_from_entries,
// map_concat, str_to_map. Maps are built with Spark's key rules (map_key_rules.h).
#include <memory>

#include "common/collation.h"
#include "functions/collection/map_key_rules.h"
#include "functions/collection/nested_util.h"
#include "functions/executor.h"
#include "functions/regex/java_regex.h"
#include "functions/string/collated_search.h"
#include "functions/type_coercion.h"

namespace ember {
namespace {

// map_keys / map_values / map_entries: the map's own children under array offsets.
BoundScalar BindMapPart(const std::string& name, int part, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  const DataType& map = RequireMap(name, args, 0);
  TypePtr type = part == 0   ? ArrayType(map.element, false)
                 : part == 1 ? ArrayType(map.value, map.contains_null)
                             : ArrayType(StructType({{"key", map.element, false}, {"value", map.value, map.contains_null}}), false);
  return FixedBinding({args[0].type}, type, [type, part](const std::vector<VectorPtr>& a, int64_t, EvalContext&) {
    const Vector& m = *a[0];
    VectorPtr child;
    if (part < 2) {
      child = m.child(part);
    } else {
      child = Vector::Make(type->element, m.child(0)->length());
      child->children() = {m.child(0), m.child(1)};
    }
    return MakeListVector(type, OffsetsOf(m), {child}, NullsOf(m));
  });
}

BoundScalar BindFromArrays(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("map_from_arrays", args, 2, 2);
  const TypePtr& key = RequireArray("map_from_arrays", args, 0);
  const TypePtr& value = RequireArray("map_from_arrays", args, 1);
  TypePtr type = MapType(key, value, args[1].type->contains_null);
  return FixedBinding({args[0].type, args[1].type}, type, [type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    const Vector& keys = *a[0];
    const Vector& values = *a[1];
    const int32_t* ko = keys.Offsets();
    const int32_t* vo = values.Offsets();
    ListResultBuilder key_rows(rows);
    std::vector<int32_t> value_take;
    for (int64_t i = 0; i < rows; ++i) {
      if (keys.IsNull(i) || values.IsNull(i)) {
        key_rows.NullRow();
        continue;
      }
      if (ko[i + 1] - ko[i] != vo[i + 1] - vo[i]) {
        throw SparkError("_LEGACY_ERROR_TEMP_2003", "22000",
                         "The key array and value array of MapData must have the same length.", {});
      }
      for (int32_t k = ko[i]; k < ko[i + 1]; ++k) key_rows.Add(k);
      for (int32_t k = vo[i]; k < vo[i + 1]; ++k) value_take.push_back(k);
      key_rows.EndRow();
    }
    VectorPtr map = key_rows.Finish(ArrayType(type->element), *keys.child(0));
    VectorPtr result = MakeListVector(type, OffsetsOf(*map), {map->child(0), GatherOrNull(*values.child(0), value_take)}, NullsOf(*map));
    return ApplyMapKeyRules(result, ctx, MapBuild::kFromArrays);
  });
}

// map_from_entries(array of struct<key, value>): null when the array or any entry is null.
BoundScalar BindFromEntries(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("map_from_entries", args, 1, 1);
  const TypePtr& entry = RequireArray("map_from_entries", args, 0);
  if (entry->id != TypeId::kStruct || entry->fields.size() != 2) {
    ThrowUnexpectedType("map_from_entries", 0, "\"ARRAY\" of pair \"STRUCT\"", *args[0].type);
  }
  TypePtr type = MapType(entry->fields[0].type, entry->fields[1].type, entry->fields[1].nullable);
  return FixedBinding({args[0].type}, type, [type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    const Vector& array = *a[0];
    const Vector& entries = *array.child(0);
    const int32_t* o = array.Offsets();
    ListResultBuilder result(rows);
    for (int64_t i = 0; i < rows; ++i) {
      bool valid = array.IsValid(i);
      for (int32_t k = o[i]; valid && k < o[i + 1]; ++k) valid = entries.IsValid(k);
      if (!valid) {
        result.NullRow();
        continue;
      }
      for (int32_t k = o[i]; k < o[i + 1]; ++k) result.Add(k);
      result.EndRow();
    }
    return ApplyMapKeyRules(result.FinishMap(type, *entries.child(0), *entries.child(1)), ctx, MapBuild::kOneByOne);
  });
}

BoundScalar BindConcat(const std::vector<BindArg>& args, const EvalContext& ctx) {
  CheckArgCount("map_concat", args, 1, 1 << 16);
  std::vector<TypePtr> types;
  for (size_t i = 0; i < args.size(); ++i) {
    RequireMap("map_concat", args, i);
    types.push_back(args[i].type);
  }
  TypePtr type = FindWiderCommonType(types, ctx.ansi);
  if (!type) {
    std::string list = "[";
    for (size_t i = 0; i < types.size(); ++i) list += (i ? ", " : "") + QuotedUpperType(*types[i]);
    throw SparkError("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                     {{"sqlExpr", QuoteIdentifier("map_concat")}, {"functionName", QuoteIdentifier("map_concat")}, {"dataType", list + "]"}});
  }
  return FixedBinding(std::vector<TypePtr>(args.size(), type), type,
                      [type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
                        std::vector<VectorPtr> keys, values;
                        std::vector<int32_t> shift;
                        int32_t total = 0;
                        for (const auto& m : a) {
                          keys.push_back(m->child(0));
                          values.push_back(m->child(1));
                          shift.push_back(total);
                          total += static_cast<int32_t>(m->child(0)->length());
                        }
                        VectorPtr all_keys = ConcatVectors(keys), all_values = ConcatVectors(values);
                        ListResultBuilder result(rows);
                        for (int64_t i = 0; i < rows; ++i) {
                          bool valid = true;
                          for (const auto& m : a) valid &= m->IsValid(i);
                          if (!valid) {
                            result.NullRow();
                            continue;
                          }
                          for (size_t p = 0; p < a.size(); ++p) {
                            const int32_t* o = a[p]->Offsets();
                            for (int32_t k = o[i]; k < o[i + 1]; ++k) result.Add(k + shift[p]);
                          }
                          result.EndRow();
                        }
                        return ApplyMapKeyRules(result.FinishMap(type, *all_keys, *all_values), ctx, MapBuild::kOneByOne);
                      });
}

BoundScalar BindContainsKey(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("map_contains_key", args, 2, 2);
  const DataType& map = RequireMap("map_contains_key", args, 0);
  TypePtr key = FindTightestCommonType(map.element, args[1].type);
  if (!key) {
    throw SparkError("DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES",
                     {{"sqlExpr", QuoteIdentifier("map_contains_key")}, {"functionName", QuoteIdentifier("map_contains_key")},
                      {"dataType", "\"MAP\""}, {"leftType", QuotedUpperType(map)}, {"rightType", QuotedUpperType(*args[1].type)}});
  }
  TypePtr map_type = key->Equals(*map.element) ? args[0].type : MapType(key, map.value, map.contains_null);
  return FixedBinding({map_type, key}, BooleanType(), [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& m = *a[0];
    const Vector& key = *a[1];
    const int32_t* o = m.Offsets();
    ValueComparator equal(*m.child(0), key);
    VectorPtr out = Vector::Make(BooleanType(), rows);
    uint8_t* r = out->Data<uint8_t>();
    for (int64_t i = 0; i < rows; ++i) {
      r[i] = 0;
      if (m.IsNull(i) || key.IsNull(i)) {
        out->SetNull(i);
        continue;
      }
      for (int32_t k = o[i]; k < o[i + 1] && !r[i]; ++k) r[i] = equal.Equal(k, i);
    }
    return out;
  });
}

// Java's String.split(regex, limit) with limit -1 (every part) or 2.
void SplitJava(RegexMatcher& matcher, std::string_view s, int limit, std::vector<std::string_view>& parts) {
  parts.clear();
  matcher.Reset(s);
  size_t last = 0;
  while ((limit < 0 || static_cast<int>(parts.size()) < limit - 1) && matcher.Find()) {
    size_t start = matcher.GroupStart(0), end = matcher.GroupEnd(0);
    if (end == 0) continue;  // no empty leading part from a zero-width match at the start
    parts.push_back(s.substr(last, start - last));
    last = end;
  }
  parts.push_back(s.substr(last));
}

// str_to_map's rows: `split(which, text, delim, limit, parts)` splits a text into pairs (which 0)
// or a pair into key and value (which 1).
template <typename Split>
VectorPtr StrToMapRows(const TypePtr& type, const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx, Split&& split) {
  VectorBuilder keys(type->element), values(type->value);
  std::vector<int32_t> offsets(rows + 1, 0);
  std::vector<uint8_t> nulls(rows, 0);
  std::vector<std::string_view> pairs, kv;
  for (int64_t i = 0; i < rows; ++i) {
    offsets[i + 1] = offsets[i];
    bool valid = true;
    for (const auto& v : a) valid &= v->IsValid(i);
    if (!valid) {
      nulls[i] = 1;
      continue;
    }
    std::string_view kv_delim = a.size() > 2 ? a[2]->GetString(i) : ":";
    split(0, a[0]->GetString(i), a.size() > 1 ? a[1]->GetString(i) : ",", -1, pairs);
    for (std::string_view pair : pairs) {
      split(1, pair, kv_delim, 2, kv);
      keys.AppendString(kv[0]);
      if (kv.size() > 1) {
        values.AppendString(kv[1]);
      } else {
        values.AppendNull();
      }
    }
    offsets[i + 1] = static_cast<int32_t>(keys.length());
  }
  return ApplyMapKeyRules(MakeListVector(type, std::move(offsets), {keys.Finish(), values.Finish()}, nulls), ctx, MapBuild::kOneByOne);
}

// Over strings of another collation than UTF8_BINARY, the delimiters are plain text matched under
// it (Spark's CollationAwareUTF8String.splitSQL), and keys and values keep the collation; Spark
// refuses case-sensitive accent-insensitive and _RTRIM collations there.
BoundScalar BindCollatedStrToMap(const std::vector<BindArg>& args, const TypePtr& string_type) {
  const CollationInfo& info = CollationOf(string_type->collation);
  if (info.rtrim || (info.accent_insensitive && !info.case_insensitive)) {
    ThrowUnexpectedType("str_to_map", 0, "\"STRING\"", *string_type);
  }
  TypePtr type = MapType(string_type, string_type, true);
  uint16_t collation = string_type->collation;
  return FixedBinding(std::vector<TypePtr>(args.size(), StringType()), type,
                      [type, collation](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
                        CollatedSearch pair_search(collation), kv_search(collation);
                        return StrToMapRows(type, a, rows, ctx, [&](int which, std::string_view text, std::string_view delim, int limit,
                                                                   std::vector<std::string_view>& parts) {
                          SplitUnderCollation(which == 0 ? pair_search : kv_search, text, delim, limit, parts);
                        });
                      });
}

BoundScalar BindStrToMap(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("str_to_map", args, 1, 3);
  RejectNestedArgs("str_to_map", args, "\"STRING\"");
  if (args[0].type->id == TypeId::kString && args[0].type->collation != kUtf8BinaryCollation) {
    return BindCollatedStrToMap(args, args[0].type);
  }
  std::vector<TypePtr> types(args.size(), StringType());
  const std::string* pair_literal = args.size() > 1 && args[1].literal && !args[1].literal->is_null ? &args[1].literal->str : nullptr;
  const std::string* kv_literal = args.size() > 2 && args[2].literal && !args[2].literal->is_null ? &args[2].literal->str : nullptr;
  RegexArg pair_regex("str_to_map", args.size() > 1 ? pair_literal : nullptr);
  RegexArg kv_regex("str_to_map", args.size() > 2 ? kv_literal : nullptr);
  TypePtr type = MapType(StringType(), StringType(), true);
  return FixedBinding(types, type, [type, pair_regex, kv_regex](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) mutable {
    // A matcher per delimiter, remade when its regex changes.
    std::unique_ptr<RegexMatcher> matchers[2];
    const JavaRegex* current[2] = {nullptr, nullptr};
    return StrToMapRows(type, a, rows, ctx, [&](int which, std::string_view text, std::string_view delim, int limit,
                                               std::vector<std::string_view>& parts) {
      const JavaRegex& regex = (which == 0 ? pair_regex : kv_regex).Get(delim);
      if (&regex != current[which]) {
        matchers[which] = std::make_unique<RegexMatcher>(regex);
        current[which] = &regex;
      }
      SplitJava(*matchers[which], text, limit, parts);
    });
  });
}

}  // namespace

void RegisterMapFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("map_keys", "map_keys(map): the keys of the map, as an array.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindMapPart("map_keys", 0, a); },
                          {{"map_keys(map(1, 'a', 2, 'b'))", "[1, 2]"}}));
  registry.Add(MakeScalar("map_values", "map_values(map): the values of the map, as an array.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindMapPart("map_values", 1, a); },
                          {{"map_values(map(1, 'a', 2, NULL))", "[a, NULL]"}}));
  registry.Add(MakeScalar("map_entries", "map_entries(map): the entries of the map, as an array of struct<key, value>.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindMapPart("map_entries", 2, a); },
                          {{"map_entries(map(1, 'a'))", "[{1, a}]"}}));
  registry.Add(MakeScalar("map_from_arrays", "map_from_arrays(keys, values): a map of the keys to the values at the same positions.",
                          BindFromArrays, {{"map_from_arrays(array(1, 2), array('a', 'b'))", "{1 -> a, 2 -> b}"}}));
  registry.Add(MakeScalar("map_from_entries", "map_from_entries(array of struct<key, value>): a map of the entries.",
                          BindFromEntries, {{"map_from_entries(array(struct(1, 'a'), struct(2, 'b')))", "{1 -> a, 2 -> b}"}}));
  registry.Add(MakeScalar("map_concat", "map_concat(map, ...): the entries of all maps (a repeated key follows spark.sql.mapKeyDedupPolicy).",
                          BindConcat, {{"map_concat(map(1, 'a'), map(2, 'b'))", "{1 -> a, 2 -> b}"}}));
  registry.Add(MakeScalar("map_contains_key", "map_contains_key(map, key): whether the map has the key.", BindContainsKey,
                          {{"map_contains_key(map(1, 'a'), 1)", "true"}}));
  registry.Add(MakeScalar("str_to_map",
                          "str_to_map(text[, pairDelim[, keyValueDelim]]): a map from text split into pairs by the "
                          "pairDelim regex (default ',') and each pair by keyValueDelim (default ':').",
                          BindStrToMap, {{"str_to_map('a:1,b:2')", "{a -> 1, b -> 2}"}, {"str_to_map('a=1;b', ';', '=')", "{a -> 1, b -> NULL}"}}));
}

}  // namespace ember

#include "plan/analyzer/collation_coercion.h"

#include <algorithm>
#include <set>

#include "common/collation.h"
#include "common/error.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"
#include "functions/string/collated_functions.h"
#include "functions/string/collation_key.h"
#include "plan/plan_builders.h"

namespace ember {
namespace {

enum class Strength { kDefault, kImplicit, kExplicit };

Strength StrengthOf(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kLiteral: return Strength::kDefault;
    case ExprKind::kBoundRef:
    case ExprKind::kOuterRef:
    case ExprKind::kLambdaVar:
    case ExprKind::kSubquery: return Strength::kImplicit;
    case ExprKind::kCast:
      if (expr.implicit_cast) return StrengthOf(*expr.args[0]);
      return IsCollatedString(*expr.type) ? Strength::kExplicit : Strength::kDefault;
    case ExprKind::kFunction:
      if (expr.name == "collate") return Strength::kExplicit;
      break;
    default: break;
  }
  Strength strongest = Strength::kDefault;
  for (const auto& arg : expr.args) {
    if (arg->type != nullptr && arg->type->id == TypeId::kString) strongest = std::max(strongest, StrengthOf(*arg));
  }
  return strongest;
}

std::string QuotedTypes(const std::set<uint16_t>& collations) {
  std::string text;
  for (uint16_t id : collations) text += (text.empty() ? "\"" : ", \"") + CollatedStringType(id)->Sql() + "\"";
  return text;
}

bool IsComparison(const std::string& name) {
  static const std::set<std::string> names = {"=", "==", "!=", "<>", "<", "<=", ">", ">=", "<=>", "equal_null"};
  return names.count(name) > 0;
}

// The result is the input string, changed in a way no collation affects: it keeps the collation.
bool KeepsCollation(const std::string& name) {
  static const std::set<std::string> names = {"upper",   "lower",   "ucase",     "lcase",  "substring",     "substr",
                                              "left",    "right",   "concat",    "reverse", "repeat",       "lpad",
                                              "rpad",    "initcap", "concat_ws", "overlay", "elt",          "soundex",
                                              "mask",    "quote",   "printf",    "format_string"};
  return names.count(name) > 0;
}

// Regular expressions and LIKE: over UTF8_LCASE strings they ignore case (their binders see the
// collation); Spark refuses the ICU collations there.
bool IsPatternMatch(const std::string& name) {
  static const std::set<std::string> names = {"rlike", "regexp", "regexp_like", "regexp_replace", "regexp_extract",
                                              "regexp_extract_all", "regexp_count", "regexp_instr", "regexp_substr",
                                              "split", "like"};
  return names.count(name) > 0;
}

// Builders of nested values, which keep the collated type in their elements and fields (str_to_map
// splitting under the collation, functions/collection/map_functions.cpp), and the
// functions that compare elements or keys with functions/value_ordering.h (which compares collated
// strings by their collation keys): their binding stands as it is.
bool ComparesElements(const std::string& name) {
  static const std::set<std::string> names = {
      "array", "map", "struct", "named_struct", "array_contains", "array_position", "array_remove", "array_distinct",
      "array_union", "array_intersect", "array_except", "arrays_overlap", "sort_array", "array_min", "array_max",
      "element_at", "map_contains_key", "map_keys", "map_values", "map_from_arrays", "size", "cardinality", "array_size",
      "str_to_map"};
  return names.count(name) > 0;
}

// The result does not depend on the collation (lengths, names, null tests; functions that read the
// text as bytes, a number, a date or JSON, as Spark's do under any collation: hash and xxhash64
// too since Spark 4.0.1, whose partitioning hashes keep their own collation-aware versions).
bool IgnoresCollation(const std::string& name) {
  static const std::set<std::string> names = {
      "length", "char_length", "character_length", "len", "octet_length", "bit_length", "collation", "collate", "typeof",
      "isnull", "isnotnull", "ascii", "nvl", "ifnull", "nullif", "if", "coalesce", "md5", "sha", "sha1", "sha2",
      "crc32", "hash", "xxhash64", "hex", "base64", "encode", "to_binary", "try_to_binary", "levenshtein", "to_number", "try_to_number",
      "to_date", "to_timestamp", "to_timestamp_ntz", "to_timestamp_ltz", "try_to_timestamp", "to_unix_timestamp",
      "unix_timestamp", "get_json_object", "json_array_length", "json_object_keys", "from_json", "parse_json",
      "try_parse_json"};
  return names.count(name) > 0;
}

// The string result of `bound` under `collation`, its vectors typed so (WithCollatedType).
void ReturnCollated(BoundScalar& bound, uint16_t collation) {
  bound.result_type = CollatedStringType(collation);
  bound.kernel = [kernel = std::move(bound.kernel), type = bound.result_type](const std::vector<VectorPtr>& a, int64_t rows,
                                                                                EvalContext& ctx) {
    return WithCollatedType(kernel(a, rows, ctx), type);
  };
}

}  // namespace

uint16_t CoerceCollations(const std::string& function, std::vector<ExprPtr>& args) {
  bool collated = std::any_of(args.begin(), args.end(), [](const ExprPtr& a) { return IsCollatedString(*a->type); });
  if (!collated || function == "collate" || function == "collation") return kUtf8BinaryCollation;
  std::set<uint16_t> explicit_ids, implicit_ids;
  for (const auto& arg : args) {
    if (arg->type->id != TypeId::kString) continue;
    Strength strength = StrengthOf(*arg);
    if (strength == Strength::kExplicit) explicit_ids.insert(arg->type->collation);
    if (strength == Strength::kImplicit) implicit_ids.insert(arg->type->collation);
  }
  if (explicit_ids.size() > 1) throw SparkError("COLLATION_MISMATCH.EXPLICIT", {{"explicitTypes", QuotedTypes(explicit_ids)}});
  if (explicit_ids.empty() && implicit_ids.size() > 1) {
    throw SparkError("COLLATION_MISMATCH.IMPLICIT", {{"implicitTypes", QuotedTypes(implicit_ids)}});
  }
  uint16_t collation = !explicit_ids.empty()   ? *explicit_ids.begin()
                       : !implicit_ids.empty() ? *implicit_ids.begin()
                                               : kUtf8BinaryCollation;
  TypePtr type = CollatedStringType(collation);
  for (auto& arg : args) {
    if (arg->type->id == TypeId::kString && arg->type->collation != collation) arg = CastTo(arg, type);
  }
  return collation;
}

void CheckCollatedAggregate(const std::string& function, const std::vector<ExprPtr>& args, bool distinct) {
  static const std::set<std::string> names = {"count", "first", "last", "any_value", "first_value", "last_value",
                                              "collect_list", "array_agg", "min_by", "max_by", "collect_set", "mode"};
  for (const auto& arg : args) {
    // Distinct values compare by functions/value_ordering.h, under the collation.
    bool compares = function == "collect_set" || function == "collect_list" || function == "array_agg" || function == "mode";
    if (!IsCollatedString(*arg->type) || (names.count(function) > 0 && (!distinct || compares))) continue;
    throw SparkError("UNSUPPORTED_FEATURE", {{"feature", "the aggregate " + function + " on strings of collation " +
                                                              CollationName(arg->type->collation)}});
  }
}

void CompareNestedByKeys(const std::string& function, std::vector<ExprPtr>& args, const EvalContext& eval) {
  if (!IsComparison(function)) return;
  for (auto& arg : args) {
    if (arg->type->IsNested()) arg = CollationKeyOf(arg, eval);
  }
}

ExprPtr CollationKeyOf(const ExprPtr& expr, const EvalContext& eval) {
  if (!HasCollatedString(*expr->type)) return expr;
  const ScalarFunction* key = FunctionRegistry::Instance().FindScalar(kCollationKeyFunction);
  return BoundFunctionCall(kCollationKeyFunction, {expr}, key->bind(BindArgsOf({expr}), eval));
}

ExprPtr CollatedCall(const std::string& function, std::vector<ExprPtr> uncast, std::vector<ExprPtr> args, BoundScalar bound,
                     uint16_t collation, const EvalContext& eval) {
  const CollationInfo& info = CollationOf(collation);
  bool strings = std::all_of(bound.arg_types.begin(), bound.arg_types.end(),
                             [](const TypePtr& t) { return t->id == TypeId::kString; });
  bool by_keys = IsComparison(function);
  if (by_keys && strings) {
    for (auto& arg : uncast) arg = CollationKeyOf(arg, eval);
    const ScalarFunction* binary = FunctionRegistry::Instance().FindScalar(function);
    BoundScalar on_keys = binary->bind(BindArgsOf(uncast), eval);
    for (size_t i = 0; i < uncast.size(); ++i) uncast[i] = CastTo(uncast[i], on_keys.arg_types[i]);
    return BoundFunctionCall(function, std::move(uncast), std::move(on_keys));
  }
  if (by_keys) return BoundFunctionCall(function, std::move(args), std::move(bound));
  if (ComparesElements(function)) return BoundFunctionCall(function, std::move(args), std::move(bound));
  if (IsPatternMatch(function) && !info.rtrim) {
    if (info.family == CollationFamily::kIcu) {
      for (size_t i = 0; i < uncast.size(); ++i) {
        if (uncast[i]->type->id == TypeId::kString) ThrowUnexpectedType(function, i, "\"STRING\"", *uncast[i]->type);
      }
    }
    if (bound.result_type->id == TypeId::kString) ReturnCollated(bound, collation);
    if (bound.result_type->id == TypeId::kArray && bound.result_type->element->id == TypeId::kString) {
      bound.result_type = ArrayType(CollatedStringType(collation), bound.result_type->contains_null);
    }
    return BoundFunctionCall(function, std::move(args), std::move(bound));
  }
  bool matches = HasCollatedKernel(function);
  if (matches) {
    std::vector<TypePtr> types;
    for (const auto& arg : uncast) types.push_back(arg->type);
    bound.kernel = CollatedKernel(function, types, collation);
  }
  if ((KeepsCollation(function) || matches) && bound.result_type->id == TypeId::kString) {
    ReturnCollated(bound, collation);
  } else if (!IgnoresCollation(function) && !matches) {
    throw SparkError("UNSUPPORTED_FEATURE",
                     {{"feature", "the function " + function + " on strings of collation " + info.name}});
  }
  return BoundFunctionCall(function, std::move(args), std::move(bound));
}

}  // namespace ember

// from_json(json, schema[, options]): JSON text into a struct, array, map or variant of the schema,
// with the JSON source's conversion rules (json_value_converter.h). PERMISSIVE (the default):
// malformed text gives a struct of nulls (null for array and map schemas), a value that does not
// fit its field makes that field null, and a string field named by columnNameOfCorruptRecord
// (default _corrupt_record) holds the text of such records; FAILFAST raises
// MALFORMED_RECORD_IN_PARSING. Null or blank text gives null. A 'variant' schema reads the text as
// parse_json does; variant fields take their value's text that way (json_value_converter.h).
#include "common/error.h"
#include "common/variant.h"
#include "functions/executor.h"
#include "functions/json/json_function_args.h"
#include "functions/json/json_options.h"
#include "functions/json/json_text.h"
#include "functions/json/json_value_converter.h"
#include "functions/variant/variant_json_parser.h"

namespace ember {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

struct FromJsonPlan {
  TypePtr result;      // the schema, every part nullable
  TypePtr parse_type;  // what is parsed: struct schemas without the corrupt-record field
  int corrupt_field = -1;
  JsonOptions options;
  bool allow_duplicate_keys = false;  // spark.sql.variant.allowDuplicateKeys, for variant fields
};

// What one task keeps across batches.
struct FromJsonState {
  JsonConverter converter;
  JsonDocumentParser parser;
  JsonVariantShadow shadow;  // for schemas with variant fields
};

[[noreturn]] void ThrowMalformed(std::string_view text, bool array_as_struct) {
  std::string error_class = array_as_struct ? "MALFORMED_RECORD_IN_PARSING.CANNOT_PARSE_JSON_ARRAYS_AS_STRUCTS"
                                            : "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION";
  throw SparkError(error_class, {{"badRecord", std::string(text)}, {"failFastMode", "FAILFAST"}});
}

class FromJsonRows {
 public:
  FromJsonRows(const FromJsonPlan& plan, FromJsonState& state, VectorBuilder& out)
      : plan_(plan), state_(state), out_(out), fail_fast_(plan.options.mode == JsonParseMode::kFailFast) {}

  void Append(std::string_view text) {
    if (IsBlankJson(text)) {
      out_.AppendNull();
      return;
    }
    element document;
    bool parsed = state_.parser.Parse(text, &document);
    if (state_.converter.holds_variant()) Shade(text, parsed);
    if (plan_.result->id == TypeId::kStruct) {
      AppendStruct(text, parsed, document);
    } else {
      AppendCollection(text, parsed, document);
    }
  }

 private:
  // A struct row: fields that convert keep their values (Spark's partial results).
  void AppendStruct(std::string_view text, bool parsed, element document) {
    JsonConverter& root = state_.converter;
    bool object = parsed && document.type() == element_type::OBJECT;
    if (object) root.GatherFields(document.get_object().value_unsafe());
    if (object && root.holds_variant() && root.FieldsRepeatVariantKey()) object = false;  // malformed
    bool ok = object;
    for (size_t i = 0; i < root_fields(); ++i) {
      VectorBuilder& field = out_.Child(ResultIndex(i));
      if (object) {
        ok &= root.AppendField(i, field);
      } else {
        field.AppendNull();
      }
    }
    if (!ok && fail_fast_) ThrowMalformed(text, parsed && document.type() == element_type::ARRAY);
    if (plan_.corrupt_field >= 0) {
      VectorBuilder& corrupt = out_.Child(plan_.corrupt_field);
      if (ok) {
        corrupt.AppendNull();
      } else {
        corrupt.AppendString(text);
      }
    }
    out_.FinishNested();
  }

  // An array or map: all or nothing. An object read as an array of structs is a one-element array.
  void AppendCollection(std::string_view text, bool parsed, element document) {
    JsonConverter& root = state_.converter;
    element_type kind = parsed ? document.type() : element_type::NULL_VALUE;
    bool single = kind == element_type::OBJECT && plan_.result->id == TypeId::kArray &&
                  plan_.result->element->id == TypeId::kStruct;
    bool shaped = single || (kind == element_type::ARRAY && plan_.result->id == TypeId::kArray) ||
                  (kind == element_type::OBJECT && plan_.result->id == TypeId::kMap);
    bool ok = shaped && (single ? root.child(0).Convertible(document) : root.Convertible(document));
    if (!ok) {
      if (fail_fast_) ThrowMalformed(text, false);
      out_.AppendNull();
    } else if (single) {
      root.child(0).Append(document, out_.Child(0));
      out_.FinishNested();
    } else {
      root.Append(document, out_);
    }
  }

  // Gives the converter the record as one variant, for its variant columns.
  void Shade(std::string_view text, bool parsed) {
    bool shadowed = parsed && state_.shadow.Parse(text);
    VariantView view = state_.shadow.view();
    state_.converter.SetShadow(shadowed ? &view : nullptr);
    if (plan_.result->id == TypeId::kArray) state_.converter.child(0).SetShadow(shadowed ? &view : nullptr);
  }

  size_t root_fields() const { return plan_.parse_type->fields.size(); }
  size_t ResultIndex(size_t parse_index) const {
    bool after_corrupt = plan_.corrupt_field >= 0 && parse_index >= static_cast<size_t>(plan_.corrupt_field);
    return parse_index + (after_corrupt ? 1 : 0);
  }

  const FromJsonPlan& plan_;
  FromJsonState& state_;
  VectorBuilder& out_;
  bool fail_fast_;
};

FromJsonPlan MakePlan(const std::vector<BindArg>& args, const EvalContext& ctx) {
  FromJsonPlan plan;
  TypePtr schema = JsonSchemaArg(args[1], ctx);
  if (schema->id != TypeId::kStruct && schema->id != TypeId::kArray && schema->id != TypeId::kMap) {
    throw SparkError("DATATYPE_MISMATCH.INVALID_JSON_SCHEMA",
                     {{"sqlExpr", "\"from_json\""}, {"schema", "\"" + schema->Sql() + "\""}});
  }
  if (HasNonStringMapKey(*schema)) {
    throw SparkError("DATATYPE_MISMATCH.INVALID_JSON_MAP_KEY_TYPE",
                     {{"sqlExpr", "\"from_json\""}, {"schema", "\"" + schema->Sql() + "\""}});
  }
  plan.options = JsonOptions::Parse(JsonOptionsArg(args, 2));
  if (plan.options.mode == JsonParseMode::kDropMalformed) {
    throw SparkError("PARSE_MODE_UNSUPPORTED", {{"funcName", "`from_json`"}, {"mode", "DROPMALFORMED"}});
  }
  plan.allow_duplicate_keys = ctx.variant_allow_duplicate_keys;
  plan.result = AsNullable(schema);
  plan.parse_type = plan.result;
  if (schema->id == TypeId::kStruct) {
    plan.corrupt_field = CorruptRecordField(*schema, plan.options.corrupt_column);
    std::vector<StructField> parsed;
    for (size_t i = 0; i < schema->fields.size(); ++i) {
      if (static_cast<int>(i) != plan.corrupt_field) parsed.push_back(plan.result->fields[i]);
    }
    plan.parse_type = StructType(std::move(parsed));
  }
  return plan;
}

// from_json(json, 'variant') is parse_json: the options are checked but not used (no parse mode).
BoundScalar BindFromJsonVariant(const std::vector<BindArg>& args, const EvalContext& ctx) {
  JsonOptionsArg(args, 2);
  std::vector<TypePtr> arg_types = {StringType(), args[1].type};
  if (args.size() == 3) arg_types.push_back(args[2].type);
  return FixedBinding(arg_types, VariantType(), ParseJsonKernel(false, ctx.variant_allow_duplicate_keys));
}

BoundScalar BindFromJson(const std::vector<BindArg>& args, const EvalContext& ctx) {
  CheckArgCount("from_json", args, 2, 3);
  TypeId input = args[0].type->id;
  if (input != TypeId::kString && input != TypeId::kNull) ThrowUnexpectedType("from_json", 0, "\"STRING\"", *args[0].type);
  if (IsVariant(*JsonSchemaArg(args[1], ctx))) return BindFromJsonVariant(args, ctx);
  auto plan = std::make_shared<const FromJsonPlan>(MakePlan(args, ctx));
  std::vector<TypePtr> arg_types = {StringType(), args[1].type};
  if (args.size() == 3) arg_types.push_back(args[2].type);
  return FixedBinding(arg_types, plan->result, [plan](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
    FromJsonState& state = TaskState<FromJsonState>(ctx, plan.get(), [&] {
      auto datetimes = std::make_shared<const JsonDateTimeCodec>(plan->options, ctx.time_zone);
      return FromJsonState{JsonConverter(plan->parse_type, datetimes, plan->allow_duplicate_keys),
                           JsonDocumentParser(plan->options.allow_unquoted_field_names)};
    });
    VectorBuilder builder(plan->result, rows);
    FromJsonRows converter(*plan, state, builder);
    const Vector& input = *a[0];
    for (int64_t i = 0; i < rows; ++i) {
      if (input.IsNull(i)) {
        builder.AppendNull();
      } else {
        converter.Append(input.GetString(i));
      }
    }
    return builder.Finish();
  });
}

}  // namespace

void RegisterFromJsonFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar(
      "from_json",
      "from_json(json, schema[, options]): parses JSON text into the struct, array, map or variant of the DDL schema; "
      "options: mode (PERMISSIVE, FAILFAST), columnNameOfCorruptRecord, dateFormat, timestampFormat...",
      BindFromJson,
      {{"from_json('{\"a\": 1, \"b\": [\"x\"]}', 'a INT, b ARRAY<STRING>')", "{1, [x]}"},
       {"from_json('{\"a\": \"no\"}', 'a INT')", "{NULL}"},
       {"from_json('[1, 2]', 'array<int>')", "[1, 2]"},
       {"from_json('{\"b\": 1.50, \"a\": null}', 'variant')", "{\"a\":null,\"b\":1.5}"}}));
}

}  // namespace ember

#include "io/json/json_schema_inference.h"

#include <algorithm>
#include <optional>

#include "common/error.h"
#include "common/file_system.h"
#include "common/variant.h"
#include "functions/json/json_text.h"
#include "functions/json/json_type_inference.h"
#include "io/line_source.h"
#include "simdjson.h"

namespace ember {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// True when merging the type inferred from `value` into `type` would leave `type` unchanged: the
// common case of records of one shape, checked without building types.
bool Covers(const DataType& type, element value) {
  if (type.id == TypeId::kString) return true;  // everything widens to string
  switch (value.type()) {
    case element_type::NULL_VALUE: return true;
    case element_type::BOOL: return type.id == TypeId::kBoolean;
    case element_type::INT64:
      return type.id == TypeId::kLong || type.id == TypeId::kDouble ||
             (type.id == TypeId::kDecimal && type.precision - type.scale >= 20);
    case element_type::UINT64:
      return type.id == TypeId::kDouble ||
             (type.id == TypeId::kDecimal &&
              type.precision - type.scale >= JsonIntegerDigits(value.get_uint64().value_unsafe()));
    case element_type::DOUBLE: return type.id == TypeId::kDouble;
    case element_type::STRING: return value.get_string().value_unsafe().empty();
    case element_type::ARRAY:
      if (type.id != TypeId::kArray) return false;
      for (element item : simdjson::dom::array(value.get_array().value_unsafe())) {
        if (!Covers(*type.element, item)) return false;
      }
      return true;
    case element_type::OBJECT: {
      if (type.id != TypeId::kStruct) return false;
      for (simdjson::dom::key_value_pair field : simdjson::dom::object(value.get_object().value_unsafe())) {
        auto it = std::lower_bound(type.fields.begin(), type.fields.end(), field.key,
                                   [](const StructField& f, std::string_view key) { return f.name < key; });
        if (it == type.fields.end() || it->name != field.key || !Covers(*it->type, field.value)) return false;
      }
      return true;
    }
  }
  return false;
}

class RootMerger {
 public:
  explicit RootMerger(const JsonOptions& options) : options_(options) {}

  void Add(element document) {
    if (document.type() == element_type::OBJECT && Covers(*root_, document)) return;
    root_ = MergeRoot(root_, InferJsonType(document));
  }
  void AddMalformed() {
    if (options_.mode == JsonParseMode::kFailFast) ThrowFailFast();
    if (options_.mode == JsonParseMode::kPermissive) {
      root_ = CompatibleJsonType(root_, StructType({{options_.corrupt_column, StringType(), true}}));
    }
  }
  Schema Result() const {
    auto canonical = CanonicalizeJsonType(root_);
    if (!canonical || (*canonical)->id != TypeId::kStruct) return {};
    return (*canonical)->fields;
  }

 private:
  [[noreturn]] static void ThrowFailFast() {
    throw SparkError("_LEGACY_ERROR_TEMP_2165", {{"failFastMode", "FAILFAST"}});
  }

  // Top-level arrays hold records; a record that is not an object is a corrupt one.
  TypePtr MergeRoot(const TypePtr& a, const TypePtr& b) {
    if (a->id == TypeId::kArray) return MergeRoot(a->element, b);
    if (b->id == TypeId::kArray) return MergeRoot(a, b->element);
    if (a->id == TypeId::kStruct && b->id == TypeId::kNull) return a;
    if (a->id == TypeId::kNull && b->id == TypeId::kStruct) return b;
    if (a->id == TypeId::kStruct && b->id != TypeId::kStruct) return WithCorruptField(a);
    if (a->id != TypeId::kStruct && b->id == TypeId::kStruct) return WithCorruptField(b);
    return CompatibleJsonType(a, b);
  }

  TypePtr WithCorruptField(const TypePtr& record) {
    if (options_.mode == JsonParseMode::kFailFast) ThrowFailFast();
    if (options_.mode == JsonParseMode::kDropMalformed) return record;
    return CompatibleJsonType(record, StructType({{options_.corrupt_column, StringType(), true}}));
  }

  const JsonOptions& options_;
  TypePtr root_ = StructType({});
};

}  // namespace

Schema InferJsonSchema(const std::vector<std::string>& files, const JsonOptions& options) {
  if (!options.single_variant_column.empty()) return {StructField{options.single_variant_column, VariantType(), true}};
  RootMerger merger(options);
  simdjson::dom::parser parser;
  for (const std::string& path : files) {
    int64_t size = FileSize(path);
    LineSource source(FileSplit{path, 0, size, size});
    std::string_view line;
    while (source.Next(&line)) {
      if (IsBlankJson(line)) continue;
      element document;
      if (!ParsePaddedJson(parser, line, options.allow_unquoted_field_names, &document)) {
        merger.AddMalformed();
        continue;
      }
      merger.Add(document);
    }
  }
  return merger.Result();
}

}  // namespace ember

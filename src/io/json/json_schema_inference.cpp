#include "io/json/json_schema_inference.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "common/error.h"
#include "io/line_source.h"
#include "simdjson.h"

namespace ember {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

int DigitCount(uint64_t value) {
  int digits = 1;
  while (value >= 10) {
    value /= 10;
    ++digits;
  }
  return digits;
}

TypePtr InferType(element value) {
  switch (value.type()) {
    case element_type::NULL_VALUE: return NullType();
    case element_type::BOOL: return BooleanType();
    case element_type::INT64: return LongType();
    // Past the long range Jackson reports a big integer, which Spark types as decimal(digits, 0).
    case element_type::UINT64: return DecimalType(DigitCount(value.get_uint64().value_unsafe()), 0);
    case element_type::DOUBLE: return DoubleType();
    case element_type::STRING:
      // Empty strings count as nulls until all records are merged.
      return value.get_string().value_unsafe().empty() ? NullType() : StringType();
    case element_type::ARRAY: {
      TypePtr element_type = NullType();
      for (element item : simdjson::dom::array(value.get_array().value_unsafe())) {
        element_type = CompatibleJsonType(element_type, InferType(item));
      }
      return ArrayType(element_type);
    }
    case element_type::OBJECT: {
      std::vector<StructField> fields;
      for (simdjson::dom::key_value_pair field : simdjson::dom::object(value.get_object().value_unsafe())) {
        fields.push_back({std::string(field.key), InferType(field.value), true});
      }
      std::stable_sort(fields.begin(), fields.end(),
                       [](const StructField& a, const StructField& b) { return a.name < b.name; });
      // A repeated key merges into one field.
      std::vector<StructField> unique;
      for (auto& field : fields) {
        if (!unique.empty() && unique.back().name == field.name) {
          unique.back().type = CompatibleJsonType(unique.back().type, field.type);
        } else {
          unique.push_back(std::move(field));
        }
      }
      return StructType(std::move(unique));
    }
  }
  return StringType();
}

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
              type.precision - type.scale >= DigitCount(value.get_uint64().value_unsafe()));
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

TypePtr WidenDecimals(const DataType& a, const DataType& b) {
  int scale = std::max(a.scale, b.scale);
  int range = std::max(a.precision - a.scale, b.precision - b.scale);
  if (range + scale > kMaxDecimalPrecision) return DoubleType();
  return DecimalType(range + scale, scale);
}

TypePtr MergeStructs(const DataType& a, const DataType& b) {
  std::vector<StructField> fields;
  size_t i = 0, j = 0;
  while (i < a.fields.size() && j < b.fields.size()) {
    const StructField& left = a.fields[i];
    const StructField& right = b.fields[j];
    if (left.name == right.name) {
      fields.push_back({left.name, CompatibleJsonType(left.type, right.type), true});
      ++i;
      ++j;
    } else if (left.name < right.name) {
      fields.push_back(left);
      ++i;
    } else {
      fields.push_back(right);
      ++j;
    }
  }
  for (; i < a.fields.size(); ++i) fields.push_back(a.fields[i]);
  for (; j < b.fields.size(); ++j) fields.push_back(b.fields[j]);
  return StructType(std::move(fields));
}

std::optional<TypePtr> Canonicalize(const TypePtr& type) {
  switch (type->id) {
    case TypeId::kNull: return StringType();
    case TypeId::kArray: {
      auto element = Canonicalize(type->element);
      if (!element) return std::nullopt;
      return ArrayType(*element, type->contains_null);
    }
    case TypeId::kStruct: {
      std::vector<StructField> fields;
      for (const auto& field : type->fields) {
        if (field.name.empty()) continue;
        if (auto canonical = Canonicalize(field.type)) fields.push_back({field.name, *canonical, true});
      }
      if (fields.empty()) return std::nullopt;
      return StructType(std::move(fields));
    }
    default: return type;
  }
}

class RootMerger {
 public:
  explicit RootMerger(const JsonOptions& options) : options_(options) {}

  void Add(element document) {
    if (document.type() == element_type::OBJECT && Covers(*root_, document)) return;
    root_ = MergeRoot(root_, InferType(document));
  }
  void AddMalformed() {
    if (options_.mode == JsonParseMode::kFailFast) ThrowFailFast();
    if (options_.mode == JsonParseMode::kPermissive) {
      root_ = CompatibleJsonType(root_, StructType({{options_.corrupt_column, StringType(), true}}));
    }
  }
  Schema Result() const {
    auto canonical = Canonicalize(root_);
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

TypePtr CompatibleJsonType(const TypePtr& a, const TypePtr& b) {
  if (a->Equals(*b)) return a;
  if (a->id == TypeId::kNull) return b;
  if (b->id == TypeId::kNull) return a;
  TypeId x = a->id, y = b->id;
  auto is_number = [](TypeId id) { return id == TypeId::kLong || id == TypeId::kDouble || id == TypeId::kDecimal; };
  if (is_number(x) && is_number(y)) {
    if (x == TypeId::kDouble || y == TypeId::kDouble) return DoubleType();
    // bigint takes decimal(20,0) to meet a decimal.
    TypePtr left = x == TypeId::kLong ? DecimalType(20, 0) : a;
    TypePtr right = y == TypeId::kLong ? DecimalType(20, 0) : b;
    return WidenDecimals(*left, *right);
  }
  if (x == TypeId::kStruct && y == TypeId::kStruct) return MergeStructs(*a, *b);
  if (x == TypeId::kArray && y == TypeId::kArray) {
    return ArrayType(CompatibleJsonType(a->element, b->element), a->contains_null || b->contains_null);
  }
  return StringType();
}

Schema InferJsonSchema(const std::vector<std::string>& files, const JsonOptions& options) {
  RootMerger merger(options);
  simdjson::dom::parser parser;
  for (const std::string& path : files) {
    int64_t size = static_cast<int64_t>(std::filesystem::file_size(path));
    LineSource source(FileSplit{path, 0, size, size});
    std::string_view line;
    while (source.Next(&line)) {
      bool blank = std::all_of(line.begin(), line.end(),
                               [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
      if (blank) continue;
      element document;
      if (parser.parse(line.data(), line.size(), false).get(document) != simdjson::SUCCESS) {
        merger.AddMalformed();
        continue;
      }
      merger.Add(document);
    }
  }
  return merger.Result();
}

}  // namespace ember

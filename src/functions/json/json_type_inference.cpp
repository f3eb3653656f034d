#include "functions/json/json_type_inference.h"

#include <algorithm>

namespace ember {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

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

}  // namespace

int JsonIntegerDigits(uint64_t value) {
  int digits = 1;
  while (value >= 10) {
    value /= 10;
    ++digits;
  }
  return digits;
}

TypePtr InferJsonType(simdjson::dom::element value) {
  switch (value.type()) {
    case element_type::NULL_VALUE: return NullType();
    case element_type::BOOL: return BooleanType();
    case element_type::INT64: return LongType();
    // Past the long range Jackson reports a big integer, which Spark types as decimal(digits, 0).
    case element_type::UINT64: return DecimalType(JsonIntegerDigits(value.get_uint64().value_unsafe()), 0);
    case element_type::DOUBLE: return DoubleType();
    case element_type::STRING:
      // Empty strings count as nulls until all records are merged.
      return value.get_string().value_unsafe().empty() ? NullType() : StringType();
    case element_type::ARRAY: {
      TypePtr element_type = NullType();
      for (element item : simdjson::dom::array(value.get_array().value_unsafe())) {
        element_type = CompatibleJsonType(element_type, InferJsonType(item));
      }
      return ArrayType(element_type);
    }
    case element_type::OBJECT: {
      std::vector<StructField> fields;
      for (simdjson::dom::key_value_pair field : simdjson::dom::object(value.get_object().value_unsafe())) {
        fields.push_back({std::string(field.key), InferJsonType(field.value), true});
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

std::optional<TypePtr> CanonicalizeJsonType(const TypePtr& type) {
  switch (type->id) {
    case TypeId::kNull: return StringType();
    case TypeId::kArray: {
      auto element = CanonicalizeJsonType(type->element);
      if (!element) return std::nullopt;
      return ArrayType(*element, type->contains_null);
    }
    case TypeId::kStruct: {
      std::vector<StructField> fields;
      for (const auto& field : type->fields) {
        if (field.name.empty()) continue;
        if (auto canonical = CanonicalizeJsonType(field.type)) fields.push_back({field.name, *canonical, true});
      }
      if (fields.empty()) return std::nullopt;
      return StructType(std::move(fields));
    }
    default: return type;
  }
}


}  // namespace ember

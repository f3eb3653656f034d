#include "functions/collection/nested_util.h"

#include <unordered_map>

#include "functions/registry.h"
#include "functions/type_coercion.h"

namespace ember {

VectorPtr GatherOrNull(const Vector& source, const std::vector<int32_t>& indices) {
  int64_t count = static_cast<int64_t>(indices.size());
  bool any_null = false;
  for (int32_t index : indices) any_null |= index < 0;
  if (!any_null) return TakeRows(source, indices.data(), count);
  if (source.length() == 0) return Vector::MakeNulls(source.type(), count);
  std::vector<int32_t> safe(indices);
  for (int32_t& index : safe) index = index < 0 ? 0 : index;
  VectorPtr out = TakeRows(source, safe.data(), count);
  for (int64_t i = 0; i < count; ++i) {
    if (indices[i] < 0) out->SetNull(i);
  }
  return out;
}

VectorPtr MakeListVector(const TypePtr& type, std::vector<int32_t> offsets, std::vector<VectorPtr> children,
                         const std::vector<uint8_t>& null_rows) {
  int64_t rows = static_cast<int64_t>(offsets.size()) - 1;
  VectorPtr out = Vector::Make(type, rows);
  std::memcpy(out->Offsets(), offsets.data(), offsets.size() * sizeof(int32_t));
  out->children() = std::move(children);
  for (int64_t i = 0; i < static_cast<int64_t>(null_rows.size()); ++i) {
    if (null_rows[i]) out->SetNull(i);
  }
  return out;
}

std::vector<int32_t> OffsetsOf(const Vector& list) {
  const int32_t* o = list.Offsets();
  return std::vector<int32_t>(o, o + list.length() + 1);
}

std::vector<uint8_t> NullsOf(const Vector& v) {
  std::vector<uint8_t> nulls;
  if (!v.MayHaveNulls()) return nulls;
  nulls.resize(v.length());
  for (int64_t i = 0; i < v.length(); ++i) nulls[i] = v.IsNull(i);
  return nulls;
}

VectorPtr ListResultBuilder::Finish(const TypePtr& type, const Vector& elements) {
  VectorPtr child = GatherOrNull(elements, indices_);
  return MakeListVector(type, std::move(offsets_), {std::move(child)}, has_nulls_ ? nulls_ : std::vector<uint8_t>{});
}

VectorPtr ListResultBuilder::FinishMap(const TypePtr& type, const Vector& keys, const Vector& values) {
  VectorPtr k = GatherOrNull(keys, indices_);
  VectorPtr v = GatherOrNull(values, indices_);
  return MakeListVector(type, std::move(offsets_), {std::move(k), std::move(v)},
                        has_nulls_ ? nulls_ : std::vector<uint8_t>{});
}

const TypePtr& RequireArray(const std::string& name, const std::vector<BindArg>& args, size_t index) {
  const DataType& type = *args[index].type;
  if (type.id != TypeId::kArray) ThrowUnexpectedType(name, index, "\"ARRAY\"", type);
  return type.element;
}

const DataType& RequireMap(const std::string& name, const std::vector<BindArg>& args, size_t index) {
  const DataType& type = *args[index].type;
  if (type.id != TypeId::kMap) ThrowUnexpectedType(name, index, "\"MAP\"", type);
  return type;
}

TypePtr WithElement(const TypePtr& array, const TypePtr& element) {
  if (array->element->Equals(*element)) return array;
  return ArrayType(element, array->contains_null);
}

int32_t ElementSet::Find(int32_t k) const {
  if (items_.size() <= kLinear) {
    for (int32_t item : items_) {
      if (equal_.Equal(item, k)) return item;
    }
    return -1;
  }
  auto range = hashed_.equal_range(HashValue(elements_, k));
  for (auto it = range.first; it != range.second; ++it) {
    if (equal_.Equal(it->second, k)) return it->second;
  }
  return -1;
}

void ElementSet::Add(int32_t k) {
  items_.push_back(k);
  if (items_.size() == kLinear + 1) {
    for (int32_t item : items_) hashed_.emplace(HashValue(elements_, item), item);
  } else if (items_.size() > kLinear + 1) {
    hashed_.emplace(HashValue(elements_, k), k);
  }
}

std::string QuotedUpperType(const DataType& type) {
  std::string text = type.ToString();
  for (auto& c : text) c = static_cast<char>(::toupper(static_cast<unsigned char>(c)));
  return "\"" + text + "\"";
}

TypePtr ElementValueType(const std::string& name, const std::vector<BindArg>& args, size_t array, size_t value) {
  const DataType& a = *args[array].type;
  if (a.id != TypeId::kArray) ThrowUnexpectedType(name, array, "\"ARRAY\"", a);
  TypePtr common = FindTightestCommonType(a.element, args[value].type);
  if (!common) {
    throw SparkError("DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES",
                     {{"sqlExpr", QuoteIdentifier(name)}, {"functionName", QuoteIdentifier(name)},
                      {"dataType", "\"ARRAY\""}, {"leftType", QuotedUpperType(*args[0].type)},
                      {"rightType", QuotedUpperType(*args[1].type)}});
  }
  return common;
}

TypePtr CommonElementType(const std::string& name, const std::vector<BindArg>& args) {
  for (size_t i = 0; i < 2; ++i) {
    if (args[i].type->id != TypeId::kArray) ThrowUnexpectedType(name, i, "\"ARRAY\"", *args[i].type);
  }
  TypePtr common = FindTightestCommonType(args[0].type, args[1].type);
  if (!common) {
    throw SparkError("DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES",
                     {{"sqlExpr", QuoteIdentifier(name)}, {"functionName", QuoteIdentifier(name)},
                      {"arrayType", "\"ARRAY\""}, {"leftType", QuotedUpperType(*args[0].type)},
                      {"rightType", QuotedUpperType(*args[1].type)}});
  }
  return common->element;
}

}  // namespace ember

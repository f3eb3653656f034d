#include "functions/collection/lambda_util.h"

#include <cstring>

#include "common/error.h"

namespace ember {

void CheckLambdaArity(size_t count, size_t min, size_t max) {
  if (count >= min && count <= max) return;
  throw SparkError("INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH",
                   {{"expectedNumArgs", std::to_string(count < min ? min : max)}, {"actualNumArgs", std::to_string(count)}});
}

void RequireArrayArg(const std::string& name, const std::vector<BindArg>& args, size_t index) {
  TypeId id = args[index].type->id;
  if (id != TypeId::kArray && id != TypeId::kNull) ThrowUnexpectedType(name, index, "\"ARRAY\"", *args[index].type);
}

void RequireMapArg(const std::string& name, const std::vector<BindArg>& args, size_t index) {
  TypeId id = args[index].type->id;
  if (id != TypeId::kMap && id != TypeId::kNull) ThrowUnexpectedType(name, index, "\"MAP\"", *args[index].type);
}

void RequireLambdaType(const std::string& name, const std::vector<BindArg>& args, size_t index, const TypePtr& type) {
  TypeId id = args[index].type->id;
  if (id != type->id && id != TypeId::kNull) ThrowUnexpectedType(name, index, "\"" + type->Sql() + "\"", *args[index].type);
}

TypePtr ElementTypeOf(const BindArg& arg) { return arg.type->id == TypeId::kArray ? arg.type->element : NullType(); }

Flattened Flatten(const Vector& collection, int64_t rows) {
  Flattened flat;
  flat.offsets.resize(rows + 1);
  const int32_t* offsets = collection.Offsets();
  int32_t base = rows > 0 ? offsets[0] : 0;
  int32_t end = rows > 0 ? offsets[rows] : 0;
  flat.rows.resize(end - base);
  for (int64_t i = 0; i <= rows; ++i) flat.offsets[i] = offsets[i] - base;
  for (int64_t i = 0; i < rows; ++i) {
    std::fill(flat.rows.begin() + flat.offsets[i], flat.rows.begin() + flat.offsets[i + 1], static_cast<int32_t>(i));
  }
  for (const auto& child : collection.children()) {
    bool whole = base == 0 && child->length() == end;
    flat.children.push_back(whole ? child : SliceRows(*child, base, end - base));
  }
  return flat;
}

VectorPtr ElementPositions(const Flattened& flat) {
  VectorPtr out = Vector::Make(IntType(), flat.size());
  int32_t* positions = out->Data<int32_t>();
  for (int32_t j = 0; j < flat.size(); ++j) positions[j] = j - flat.offsets[flat.rows[j]];
  return out;
}

VectorPtr MakeCollection(const TypePtr& type, const Vector& nulls_of, const std::vector<int32_t>& offsets,
                         std::vector<VectorPtr> children) {
  int64_t rows = static_cast<int64_t>(offsets.size()) - 1;
  VectorPtr out = Vector::Make(type, rows);
  std::memcpy(out->Offsets(), offsets.data(), offsets.size() * sizeof(int32_t));
  out->children() = std::move(children);
  if (nulls_of.MayHaveNulls() || nulls_of.type()->id == TypeId::kNull) {
    for (int64_t i = 0; i < rows; ++i) {
      if (nulls_of.type()->id == TypeId::kNull || nulls_of.IsNull(i)) out->SetNull(i);
    }
  }
  return out;
}

VectorPtr FilterCollection(const TypePtr& type, const Vector& input, const Flattened& flat, const Vector& keep) {
  const uint8_t* k = keep.Data<uint8_t>();
  std::vector<int32_t> kept;
  std::vector<int32_t> offsets(flat.offsets.size(), 0);
  for (size_t i = 0; i + 1 < flat.offsets.size(); ++i) {
    for (int32_t j = flat.offsets[i]; j < flat.offsets[i + 1]; ++j) {
      if (keep.IsValid(j) && k[j]) kept.push_back(j);
    }
    offsets[i + 1] = static_cast<int32_t>(kept.size());
  }
  std::vector<VectorPtr> children;
  for (const auto& child : flat.children) children.push_back(TakeRows(*child, kept.data(), static_cast<int64_t>(kept.size())));
  return MakeCollection(type, input, offsets, std::move(children));
}

}  // namespace ember

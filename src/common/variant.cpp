#include "common/variant.h"

namespace ember {

TypePtr VariantType() {
  static const TypePtr type = [] {
    auto type = std::make_shared<DataType>();
    type->id = TypeId::kStruct;
    type->fields = {{"value", BinaryType(), false}, {"metadata", BinaryType(), false}};
    type->udt = kVariantClass;
    return type;
  }();
  return type;
}

bool ContainsVariant(const DataType& type) {
  if (IsVariant(type)) return true;
  switch (type.id) {
    case TypeId::kArray: return ContainsVariant(*type.element);
    case TypeId::kMap: return ContainsVariant(*type.element) || ContainsVariant(*type.value);
    case TypeId::kStruct:
      for (const auto& field : type.fields) {
        if (ContainsVariant(*field.type)) return true;
      }
      return false;
    default: return false;
  }
}

}  // namespace ember

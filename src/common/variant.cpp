#include "common/variant.h"

#include "common/type_tree.h"

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
  return AnyTypeInTree(type, [](const DataType& t) { return IsVariant(t); });
}

}  // namespace ember

// Walks a type and the types nested in it.
#pragma once

#include "common/types.h"

namespace ember {

// Whether `matches` holds for `type` or for a type nested in it (array elements, map keys and
// values, struct fields).
template <typename Predicate>
bool AnyTypeInTree(const DataType& type, const Predicate& matches) {
  if (matches(type)) return true;
  switch (type.id) {
    case TypeId::kArray: return AnyTypeInTree(*type.element, matches);
    case TypeId::kMap: return AnyTypeInTree(*type.element, matches) || AnyTypeInTree(*type.value, matches);
    case TypeId::kStruct:
      for (const auto& field : type.fields) {
        if (AnyTypeInTree(*field.type, matches)) return true;
      }
      return false;
    default: return false;
  }
}

}  // namespace ember

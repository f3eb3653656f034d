#include "functions/value_ordering.h"

#include <cmath>
#include <cstring>
#include <string>
#include <string_view>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "common/collation.h"
#include "common/error.h"
#include "common/variant.h"
#include "functions/kernel_util.h"
#include "functions/string/collation_key.h"

namespace ember {
namespace {

// Nulls first, then the values' own order; returns 2 when both are valid (compare the values).
inline int NullOrder(const Vector& a, int64_t i, const Vector& b, int64_t j) {
  bool va = a.IsValid(i), vb = b.IsValid(j);
  if (va && vb) return 2;
  if (!va && !vb) return 0;
  return va ? 1 : -1;
}

template <typename T>
int CompareFloat(T x, T y) {
  if (x < y) return -1;
  if (x > y) return 1;
  if (x == y) return 0;  // also -0.0 against 0.0
  bool nx = std::isnan(x), ny = std::isnan(y);
  return nx == ny ? 0 : nx ? 1 : -1;
}

}  // namespace

template <typename T>
int ValueComparator::CompareFixed(const ValueComparator& c, int64_t i, int64_t j) {
  int nulls = NullOrder(*c.left_, i, *c.right_, j);
  if (nulls != 2) return nulls;
  T x = c.left_->Data<T>()[i], y = c.right_->Data<T>()[j];
  return x < y ? -1 : y < x ? 1 : 0;
}

template <typename T>
int ValueComparator::CompareFloating(const ValueComparator& c, int64_t i, int64_t j) {
  int nulls = NullOrder(*c.left_, i, *c.right_, j);
  if (nulls != 2) return nulls;
  return CompareFloat(c.left_->Data<T>()[i], c.right_->Data<T>()[j]);
}

int ValueComparator::CompareBytes(const ValueComparator& c, int64_t i, int64_t j) {
  int nulls = NullOrder(*c.left_, i, *c.right_, j);
  if (nulls != 2) return nulls;
  // Unsigned bytewise, which for UTF-8 is Spark's code point order.
  int r = c.left_->GetString(i).compare(c.right_->GetString(j));
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

int ValueComparator::CompareCollated(const ValueComparator& c, int64_t i, int64_t j) {
  int nulls = NullOrder(*c.left_, i, *c.right_, j);
  if (nulls != 2) return nulls;
  uint16_t collation = c.left_->type()->collation;
  std::string a, b;
  AppendCollationKey(c.left_->GetString(i), collation, a);
  AppendCollationKey(c.right_->GetString(j), collation, b);
  int r = a.compare(b);
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

int ValueComparator::CompareList(const ValueComparator& c, int64_t i, int64_t j) {
  int nulls = NullOrder(*c.left_, i, *c.right_, j);
  if (nulls != 2) return nulls;
  const int32_t* lo = c.left_->Offsets();
  const int32_t* ro = c.right_->Offsets();
  int32_t ln = lo[i + 1] - lo[i], rn = ro[j + 1] - ro[j];
  for (int32_t k = 0; k < ln && k < rn; ++k) {
    for (const auto& child : c.children_) {
      int r = child->Compare(lo[i] + k, ro[j] + k);
      if (r != 0) return r;
    }
  }
  return ln < rn ? -1 : ln > rn ? 1 : 0;
}

int ValueComparator::CompareStruct(const ValueComparator& c, int64_t i, int64_t j) {
  int nulls = NullOrder(*c.left_, i, *c.right_, j);
  if (nulls != 2) return nulls;
  for (const auto& child : c.children_) {
    int r = child->Compare(i, j);
    if (r != 0) return r;
  }
  return 0;
}

int ValueComparator::CompareNulls(const ValueComparator&, int64_t, int64_t) { return 0; }

ValueComparator::ValueComparator(const Vector& left, const Vector& right) : left_(&left), right_(&right) {
  const DataType& type = *left.type();
  switch (type.id) {
    case TypeId::kNull: compare_ = &CompareNulls; return;
    case TypeId::kFloat: compare_ = &CompareFloating<float>; return;
    case TypeId::kDouble: compare_ = &CompareFloating<double>; return;
    case TypeId::kString:
    case TypeId::kBinary: compare_ = type.collation != kUtf8BinaryCollation ? &CompareCollated : &CompareBytes; return;
    case TypeId::kArray:
    case TypeId::kMap:
    case TypeId::kStruct:
      for (size_t k = 0; k < left.children().size(); ++k) {
        children_.push_back(std::make_unique<ValueComparator>(*left.child(k), *right.child(k)));
      }
      compare_ = type.id == TypeId::kStruct ? &CompareStruct : &CompareList;
      return;
    default:
      DispatchFixedWidth(type, [&](auto tag) { compare_ = &CompareFixed<decltype(tag)>; });
  }
}

bool IsOrderable(const DataType& type) {
  if (IsVariant(type)) return false;
  switch (type.id) {
    case TypeId::kMap: return false;
    case TypeId::kArray: return IsOrderable(*type.element);
    case TypeId::kStruct:
      for (const auto& field : type.fields) {
        if (!IsOrderable(*field.type)) return false;
      }
      return true;
    default: return true;
  }
}

uint64_t HashValue(const Vector& v, int64_t row, uint64_t seed) {
  if (v.IsNull(row)) return XXH3_64bits_withSeed("\0", 1, seed);
  const DataType& type = *v.type();
  switch (type.id) {
    case TypeId::kNull: return seed;
    case TypeId::kFloat: {
      float x = v.Data<float>()[row];
      double d = std::isnan(x) ? NAN : x == 0 ? 0.0 : x;
      return XXH3_64bits_withSeed(&d, sizeof d, seed);
    }
    case TypeId::kDouble: {
      double x = v.Data<double>()[row];
      double d = std::isnan(x) ? NAN : x == 0 ? 0.0 : x;
      return XXH3_64bits_withSeed(&d, sizeof d, seed);
    }
    case TypeId::kString:
    case TypeId::kBinary: {
      std::string_view s = v.GetString(row);
      if (type.collation != kUtf8BinaryCollation) {
        std::string key;
        AppendCollationKey(s, type.collation, key);
        return XXH3_64bits_withSeed(key.data(), key.size(), seed);
      }
      return XXH3_64bits_withSeed(s.data(), s.size(), seed);
    }
    case TypeId::kArray:
    case TypeId::kMap: {
      const int32_t* offsets = v.Offsets();
      uint64_t h = seed ^ static_cast<uint64_t>(offsets[row + 1] - offsets[row]);
      for (int32_t k = offsets[row]; k < offsets[row + 1]; ++k) {
        for (const auto& child : v.children()) h = HashValue(*child, k, h * 31 + 7);
      }
      return h;
    }
    case TypeId::kStruct: {
      uint64_t h = seed + 11;
      for (const auto& child : v.children()) h = HashValue(*child, row, h * 31 + 7);
      return h;
    }
    default: {
      int width = type.ByteWidth();
      return XXH3_64bits_withSeed(v.values().data() + row * width, width, seed);
    }
  }
}

}  // namespace ember

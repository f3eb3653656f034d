#include "exec/operators/sort_keys.h"

#include "functions/value_ordering.h"

namespace ember {
namespace {

template <typename T>
int CompareFixed(const Vector& a, int64_t i, const Vector& b, int64_t j) {
  return CompareValues(a.Data<T>()[i], b.Data<T>()[j]);
}

}  // namespace

int CompareKeyValues(const Vector& a, int64_t i, const Vector& b, int64_t j) {
  const DataType& type = *a.type();
  switch (type.id) {
    case TypeId::kNull:
      return 0;
    case TypeId::kBoolean:
      return CompareFixed<uint8_t>(a, i, b, j);
    case TypeId::kByte:
      return CompareFixed<int8_t>(a, i, b, j);
    case TypeId::kShort:
      return CompareFixed<int16_t>(a, i, b, j);
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
      return CompareFixed<int32_t>(a, i, b, j);
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval:
      return CompareFixed<int64_t>(a, i, b, j);
    case TypeId::kDecimal:
      return type.IsWideDecimal() ? CompareFixed<int128_t>(a, i, b, j) : CompareFixed<int64_t>(a, i, b, j);
    case TypeId::kFloat:
      return CompareFloating(a.Data<float>()[i], b.Data<float>()[j]);
    case TypeId::kDouble:
      return CompareFloating(a.Data<double>()[i], b.Data<double>()[j]);
    case TypeId::kString:
    case TypeId::kBinary: {
      int c = a.GetString(i).compare(b.GetString(j));
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default:
      return ValueComparator(a, b).Compare(i, j);  // arrays and structs
  }
}

int CompareSortKeys(const std::vector<VectorPtr>& a, int64_t i, const std::vector<VectorPtr>& b, int64_t j,
                    const std::vector<ExprPtr>& orders) {
  for (size_t k = 0; k < orders.size(); ++k) {
    const Vector& x = *a[k];
    const Vector& y = *b[k];
    bool x_null = x.IsNull(i), y_null = y.IsNull(j);
    if (x_null || y_null) {
      if (x_null == y_null) continue;
      return x_null == orders[k]->nulls_first ? -1 : 1;
    }
    int c = CompareKeyValues(x, i, y, j);
    if (c != 0) return orders[k]->ascending ? c : -c;
  }
  return 0;
}

}  // namespace ember

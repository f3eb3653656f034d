// Sorting by normalized keys (exec/operators/normalized_sort.h) against a plain comparison of the
// key values (CompareKeyValues with Spark's null placement per key): random keys of each encodable
// type with nulls, NaN, infinities, -0.0 and extreme values, in every direction and null placement,
// several keys at once, below and above the radix sort's size, and equal keys; keys that do not fit
// are refused.
#include "exec/operators/normalized_sort.h"

#include <cmath>
#include <limits>
#include <random>

#include "exec/operators/sort_keys.h"
#include "exec_test_util.h"
#include "sort_test_util.h"

namespace ember::exec_test {
namespace {

// Random values of `type` (a tenth null), drawn from a few edge values and small ranges so that
// ties occur.
VectorPtr RandomColumn(const TypePtr& type, int64_t rows, std::mt19937_64& random) {
  VectorBuilder builder(type);
  std::uniform_int_distribution<int> pick(0, 9);
  for (int64_t i = 0; i < rows; ++i) {
    const int p = pick(random);
    if (p == 0) {
      builder.AppendNull();
      continue;
    }
    const int64_t small = static_cast<int64_t>(random() % 7) - 3;
    switch (type->id) {
      case TypeId::kBoolean: builder.Append<uint8_t>(random() % 2); break;
      case TypeId::kByte: builder.Append<int8_t>(p == 1 ? -128 : p == 2 ? 127 : static_cast<int8_t>(small)); break;
      case TypeId::kShort: builder.Append<int16_t>(p == 1 ? -32768 : static_cast<int16_t>(small)); break;
      case TypeId::kInt:
      case TypeId::kDate:
        builder.Append<int32_t>(p == 1 ? std::numeric_limits<int32_t>::min() : p == 2 ? std::numeric_limits<int32_t>::max()
                                                                                     : static_cast<int32_t>(small));
        break;
      case TypeId::kLong:
        builder.Append<int64_t>(p == 1 ? std::numeric_limits<int64_t>::min() : p == 2 ? std::numeric_limits<int64_t>::max()
                                                                                     : small);
        break;
      case TypeId::kDecimal:
        if (type->IsWideDecimal()) {
          int128_t big = static_cast<int128_t>(1) << 100;
          builder.Append<int128_t>(p == 1 ? -big : p == 2 ? big : static_cast<int128_t>(small));
        } else {
          builder.Append<int64_t>(p == 1 ? -999999999999999 : small * 100);
        }
        break;
      case TypeId::kFloat:
        builder.Append<float>(p == 1 ? NAN : p == 2 ? -0.0f : p == 3 ? -INFINITY : static_cast<float>(small) / 2);
        break;
      default:  // double
        builder.Append<double>(p == 1 ? NAN : p == 2 ? -0.0 : p == 3 ? INFINITY : p == 4 ? 0.0 : static_cast<double>(small) / 3);
        break;
    }
  }
  return builder.Finish();
}

TEST(NormalizedSortTest, OrdersEachTypeAsComparingValues) {
  std::mt19937_64 random(7);
  const std::vector<TypePtr> types = {BooleanType(), ByteType(),        ShortType(),      IntType(),
                                      DateType(),    LongType(),        DecimalType(15, 2), DecimalType(30, 4),
                                      FloatType(),   DoubleType()};
  for (const auto& type : types) {
    for (int64_t rows : {300, 3000}) {
      for (int direction = 0; direction < 4; ++direction) {
        std::vector<VectorPtr> keys = {RandomColumn(type, rows, random)};
        std::vector<ExprPtr> orders = {Order(direction & 1, direction & 2)};
        EXPECT_EQ(NormalizedSortOrder(keys, orders, rows), ReferenceOrder(keys, orders)) << type->ToString();
      }
    }
  }
}

TEST(NormalizedSortTest, OrdersSeveralKeys) {
  std::mt19937_64 random(11);
  for (int round = 0; round < 20; ++round) {
    std::vector<VectorPtr> keys = {RandomColumn(LongType(), 5000, random), RandomColumn(DateType(), 5000, random),
                                   RandomColumn(DoubleType(), 5000, random), RandomColumn(ShortType(), 5000, random)};
    std::vector<ExprPtr> orders;
    for (int k = 0; k < 4; ++k) orders.push_back(Order(random() % 2, random() % 2));
    EXPECT_EQ(NormalizedSortOrder(keys, orders, 5000), ReferenceOrder(keys, orders));
  }
}

TEST(NormalizedSortTest, KeepsTheInputOrderOfEqualKeys) {
  VectorBuilder same(LongType());
  for (int i = 0; i < 3000; ++i) same.Append<int64_t>(-5);
  std::vector<int32_t> order = NormalizedSortOrder({same.Finish()}, {Order(false, true)}, 3000);
  ASSERT_EQ(order.size(), 3000u);
  for (int i = 0; i < 3000; ++i) EXPECT_EQ(order[i], i);
}

TEST(NormalizedSortTest, RefusesKeysThatDoNotFit) {
  std::mt19937_64 random(3);
  VectorBuilder strings(StringType());
  strings.AppendString("a");
  EXPECT_TRUE(NormalizedSortOrder({strings.Finish()}, {Order(true, true)}, 1).empty());
  std::vector<VectorPtr> wide = {RandomColumn(DecimalType(30, 0), 10, random), RandomColumn(DecimalType(30, 0), 10, random),
                                 RandomColumn(LongType(), 10, random)};
  EXPECT_TRUE(NormalizedSortOrder(wide, {Order(true, true), Order(true, true), Order(true, true)}, 10).empty());
}

}  // namespace
}  // namespace ember::exec_test

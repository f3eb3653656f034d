// Packed row keys (exec/packed_keys.h): which key types pack, grouping with nulls, negative and
// floating-point values, multi-column keys, hash collisions, and null-safe join keys.
#include "exec/packed_keys.h"

#include <cmath>
#include <limits>

#include "exec/operators/join_build_table.h"
#include "exec/row_keys.h"
#include "exec_test_util.h"

namespace ember::exec_test {
namespace {

VectorPtr IntColumn(TypePtr type, const std::vector<std::optional<int32_t>>& values) {
  VectorBuilder builder(std::move(type));
  for (const auto& v : values) v ? builder.Append<int32_t>(*v) : builder.AppendNull();
  return builder.Finish();
}

// Group ids of the rows, and the groups' keys as text.
std::pair<std::vector<uint32_t>, std::vector<std::string>> Group(const std::vector<TypePtr>& types,
                                                                 const std::vector<VectorPtr>& columns) {
  int64_t rows = columns[0]->length();
  RowKeyEncoder encoder(types);
  encoder.Encode(columns, rows);
  EXPECT_TRUE(encoder.packed());
  GroupTable table(types);
  std::vector<uint32_t> ids(rows);
  table.FindOrInsert(encoder, rows, ids.data());
  return {ids, RowTexts({Batch(table.Keys(0, table.size()), table.size())})};
}

TEST(PackedKeysTest, PacksFixedWidthKeysOfAtMost16Bytes) {
  EXPECT_TRUE(CanPackKeys({}));
  EXPECT_TRUE(CanPackKeys({LongType(), LongType()}));
  EXPECT_TRUE(CanPackKeys({LongType(), DateType(), IntType()}));
  EXPECT_TRUE(CanPackKeys({DecimalType(38, 2)}));
  EXPECT_TRUE(CanPackKeys({NullType(), DoubleType(), BooleanType()}));
  EXPECT_FALSE(CanPackKeys({LongType(), LongType(), BooleanType()}));
  EXPECT_FALSE(CanPackKeys({DecimalType(38, 2), ByteType()}));
  EXPECT_FALSE(CanPackKeys({StringType()}));
  EXPECT_FALSE(CanPackKeys({IntType(), BinaryType()}));
}

TEST(PackedKeysTest, NullIsAGroupOfItsOwn) {
  auto [ids, keys] = Group({LongType()}, {LongColumn({1, std::nullopt, -1, std::nullopt, 1, 0, -1})});
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 1, 2, 1, 0, 3, 2}));
  EXPECT_EQ(keys, (std::vector<std::string>{"1", "null", "-1", "0"}));
}

TEST(PackedKeysTest, MultiColumnKeys) {
  std::vector<TypePtr> types = {IntType(), LongType(), DateType()};
  std::vector<std::optional<int32_t>> a = {1, 1, std::nullopt, 0, 1, 1, std::nullopt, -7};
  std::vector<std::optional<int64_t>> b = {-5, -5, -5, -5, std::nullopt, 0, std::nullopt, INT64_MIN};
  std::vector<std::optional<int32_t>> c = {10, 10, 10, 10, 10, 10, std::nullopt, -1};
  auto [ids, keys] = Group(types, {IntColumn(IntType(), a), LongColumn(b), IntColumn(DateType(), c)});
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(keys, (std::vector<std::string>{"1|-5|10", "null|-5|10", "0|-5|10", "1|null|10", "1|0|10",
                                            "null|null|null", "-7|-9223372036854775808|-1"}));
}

TEST(PackedKeysTest, NegativeZeroAndNaNGroupTogether) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  auto [ids, keys] = Group({DoubleType()}, {DoubleColumn({0.0, -0.0, nan, -nan, std::sqrt(-1.0), 1.5,
                                                          std::nullopt, -1.5})});
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 0, 1, 1, 1, 2, 3, 4}));
  EXPECT_EQ(keys, (std::vector<std::string>{"0.000000", "nan", "1.500000", "null", "-1.500000"}));
}

TEST(PackedKeysTest, KeysInOneProbeChainStayDistinct) {
  // 300 keys whose hashes agree in their low 10 bits: one probe chain while the map has at most
  // 1024 slots. Keys differ in either word or only in their nulls.
  std::vector<PackedKey> keys;
  for (uint64_t i = 0; keys.size() < 300; ++i) {
    PackedKey key;
    key.words[i % 2] = i / 4 + 1;
    key.nulls = (i / 2) % 2;
    if ((HashPackedKey(key) & 1023) == 7) keys.push_back(key);
  }
  PackedKeyMap map;
  for (size_t i = 0; i < keys.size(); ++i) {
    int32_t& value = map.Insert(keys[i], HashPackedKey(keys[i]));
    EXPECT_EQ(value, -1);
    value = static_cast<int32_t>(i);
  }
  EXPECT_EQ(map.size(), 300);
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(map.Find(keys[i], HashPackedKey(keys[i])), static_cast<int32_t>(i));
    EXPECT_EQ(map.Insert(keys[i], HashPackedKey(keys[i])), static_cast<int32_t>(i));
  }
  PackedKey absent;
  absent.words[0] = uint64_t{1} << 40;
  EXPECT_EQ(map.Find(absent, HashPackedKey(absent)), -1);
  EXPECT_EQ(map.size(), 300);
}

TEST(PackedKeysTest, NullSafeJoinKeysMatchNullToNull) {
  Schema schema = {{"a", LongType(), true}, {"b", IntType(), true}};
  Batch build({LongColumn({1, std::nullopt, 1, std::nullopt, -3}),
               IntColumn(IntType(), {std::nullopt, 2, std::nullopt, std::nullopt, 4})},
              5);
  std::vector<ExprPtr> keys = {Ref(0, LongType(), "a"), Ref(1, IntType(), "b")};
  EvalContext ctx;
  // a <=> a2 and b = b2: rows with a null b match nothing.
  JoinBuildTable table({build}, schema, keys, {true, false}, ctx);
  std::vector<VectorPtr> probe = {LongColumn({1, std::nullopt, std::nullopt, -3, 3}),
                                  IntColumn(IntType(), {std::nullopt, 2, 3, 4, 4})};
  RowKeyEncoder encoder({LongType(), IntType()});
  encoder.Encode(probe, 5);
  std::vector<uint8_t> skip = NullKeyRows(probe, {true, false}, 5);
  std::vector<int32_t> heads(5);
  table.Find(encoder, skip.data(), 5, heads.data());
  EXPECT_EQ(heads, (std::vector<int32_t>{-1, 1, -1, 4, -1}));
  EXPECT_EQ(table.Next(1), -1);

  // Both keys null-safe: (1, null) has a chain of rows 0 and 2, (null, null) matches row 3.
  JoinBuildTable null_safe({build}, schema, keys, {true, true}, ctx);
  std::vector<VectorPtr> probe2 = {LongColumn({1, std::nullopt}), IntColumn(IntType(), {std::nullopt, std::nullopt})};
  encoder.Encode(probe2, 2);
  std::vector<uint8_t> no_skip(2, 0);
  null_safe.Find(encoder, no_skip.data(), 2, heads.data());
  EXPECT_EQ(heads[0], 0);
  EXPECT_EQ(null_safe.Next(0), 2);
  EXPECT_EQ(null_safe.Next(2), -1);
  EXPECT_EQ(heads[1], 3);
}

}  // namespace
}  // namespace ember::exec_test

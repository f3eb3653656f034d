#include "function_test_util.h"

namespace ember::ftest {
namespace {

using V = std::vector<std::string>;

const std::vector<uint32_t> kGroups = {0, 1, 0, 1, 0, 2};

VectorPtr Ints() {
  return Col(IntType(), {I32(1), I32(10), I32(3), Null(IntType()), I32(-2), Null(IntType())});
}

TEST(Aggregates, CountSkipsNullsAndCountStarCountsRows) {
  EvalContext ctx = Ctx();
  EXPECT_EQ(Texts(Aggregate("count", {Vec(Ints())}, kGroups, 3, ctx)), (V{"3", "1", "0"}));
  EXPECT_EQ(Texts(Aggregate("count", {Lit(I32(1), 6)}, kGroups, 3, ctx)), (V{"3", "2", "1"}));
  EXPECT_EQ(Texts(AggregateTwoPhase("count", {Vec(Ints())}, kGroups, 3, ctx)), (V{"3", "1", "0"}));
  EXPECT_FALSE(BindAgg("count", {Vec(Ints())}, false, ctx).result_nullable);
}

TEST(Aggregates, SumOfIntegersIsBigint) {
  EvalContext ctx = Ctx();
  VectorPtr out = Aggregate("sum", {Vec(Ints())}, kGroups, 3, ctx);
  EXPECT_EQ(out->type()->id, TypeId::kLong);
  EXPECT_EQ(Texts(out), (V{"2", "10", "NULL"}));
  EXPECT_EQ(Texts(AggregateTwoPhase("sum", {Vec(Ints())}, kGroups, 3, ctx)), (V{"2", "10", "NULL"}));
}

TEST(Aggregates, SumOverflow) {
  VectorPtr big = Col(LongType(), {I64(INT64_MAX), I64(1)});
  std::vector<uint32_t> g = {0, 0};
  EvalContext ansi = Ctx(true);
  EXPECT_EQ(ErrorClass([&] { Aggregate("sum", {Vec(big)}, g, 1, ansi); }), "ARITHMETIC_OVERFLOW");
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(Aggregate("sum", {Vec(big)}, g, 1, legacy)), (V{"-9223372036854775808"}));
}

TEST(Aggregates, SumAndAvgOfDoublesAndDecimals) {
  EvalContext ctx = Ctx();
  VectorPtr d = Col(DoubleType(), {F64(1.5), F64(2), F64(2.5), Null(DoubleType()), F64(1), F64(4)});
  EXPECT_EQ(Texts(Aggregate("sum", {Vec(d)}, kGroups, 3, ctx)), (V{"5.0", "2.0", "4.0"}));
  EXPECT_EQ(Texts(Aggregate("avg", {Vec(d)}, kGroups, 3, ctx)), (V{"1.6666666666666667", "2.0", "4.0"}));
  EXPECT_EQ(Texts(AggregateTwoPhase("avg", {Vec(d)}, kGroups, 3, ctx)), (V{"1.6666666666666667", "2.0", "4.0"}));
  VectorPtr dec = Col(DecimalType(5, 2), {Dec(100, 5, 2), Dec(250, 5, 2), Dec(200, 5, 2), Null(DecimalType(5, 2)),
                                          Dec(1, 5, 2), Null(DecimalType(5, 2))});
  VectorPtr sum = Aggregate("sum", {Vec(dec)}, kGroups, 3, ctx);
  EXPECT_EQ(sum->type()->ToString(), "decimal(15,2)");
  EXPECT_EQ(Texts(sum), (V{"3.01", "2.50", "NULL"}));
  VectorPtr avg = AggregateTwoPhase("avg", {Vec(dec)}, kGroups, 3, ctx);
  EXPECT_EQ(avg->type()->ToString(), "decimal(9,6)");
  EXPECT_EQ(Texts(avg), (V{"1.003333", "2.500000", "NULL"}));
  EXPECT_EQ(Texts(Aggregate("avg", {Vec(Ints())}, kGroups, 3, ctx)), (V{"0.6666666666666666", "10.0", "NULL"}));
}

TEST(Aggregates, MinMaxOverTypes) {
  EvalContext ctx = Ctx();
  EXPECT_EQ(Texts(Aggregate("min", {Vec(Ints())}, kGroups, 3, ctx)), (V{"-2", "10", "NULL"}));
  EXPECT_EQ(Texts(AggregateTwoPhase("max", {Vec(Ints())}, kGroups, 3, ctx)), (V{"3", "10", "NULL"}));
  VectorPtr s = Col(StringType(), {Str("pear"), Str("b"), Str("apple"), Str("a"), Str("zoo"), Null(StringType())});
  EXPECT_EQ(Texts(Aggregate("min", {Vec(s)}, kGroups, 3, ctx)), (V{"apple", "a", "NULL"}));
  EXPECT_EQ(Texts(AggregateTwoPhase("max", {Vec(s)}, kGroups, 3, ctx)), (V{"zoo", "b", "NULL"}));
  VectorPtr d = Col(DateType(), {Value::Date(3), Value::Date(1), Value::Date(2), Value::Date(5), Value::Date(0),
                                 Value::Date(7)});
  EXPECT_EQ(Texts(Aggregate("max", {Vec(d)}, kGroups, 3, ctx)), (V{"1970-01-04", "1970-01-06", "1970-01-08"}));
  VectorPtr f = Col(DoubleType(), {F64(1), F64(NAN), F64(2), F64(3), F64(0), F64(1)});
  EXPECT_EQ(Texts(Aggregate("max", {Vec(f)}, kGroups, 3, ctx)), (V{"2.0", "NaN", "1.0"}));
  EXPECT_EQ(Texts(Aggregate("min", {Vec(f)}, kGroups, 3, ctx)), (V{"0.0", "3.0", "1.0"}));
}

TEST(Aggregates, FirstAndLastWithIgnoreNulls) {
  EvalContext ctx = Ctx();
  VectorPtr v = Col(IntType(), {Null(IntType()), I32(10), I32(3), Null(IntType()), I32(-2), Null(IntType())});
  EXPECT_EQ(Texts(Aggregate("first", {Vec(v)}, kGroups, 3, ctx)), (V{"NULL", "10", "NULL"}));
  EXPECT_EQ(Texts(Aggregate("first", {Vec(v), Lit(Bool(true), 6)}, kGroups, 3, ctx)), (V{"3", "10", "NULL"}));
  EXPECT_EQ(Texts(Aggregate("last", {Vec(v)}, kGroups, 3, ctx)), (V{"-2", "NULL", "NULL"}));
  EXPECT_EQ(Texts(Aggregate("last", {Vec(v), Lit(Bool(true), 6)}, kGroups, 3, ctx)), (V{"-2", "10", "NULL"}));
  // Two-phase: rows 0,2,4 land in the first partial and 1,3,5 in the second.
  EXPECT_EQ(Texts(AggregateTwoPhase("first", {Vec(v), Lit(Bool(true), 6)}, kGroups, 3, ctx)), (V{"3", "10", "NULL"}));
  EXPECT_EQ(Texts(AggregateTwoPhase("last", {Vec(v)}, kGroups, 3, ctx)), (V{"-2", "NULL", "NULL"}));
  VectorPtr s = Col(StringType(), {Str("a"), Str("b"), Str("c"), Str("d"), Str("e"), Str("f")});
  EXPECT_EQ(Texts(Aggregate("last", {Vec(s)}, kGroups, 3, ctx)), (V{"e", "d", "f"}));
  VectorPtr flag = Col(BooleanType(), {Bool(true)});
  EXPECT_EQ(ErrorClass([&] { BindAgg("first", {Vec(v), Vec(flag)}, false, ctx); }), "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
}

TEST(Aggregates, DistinctCountsEachValueOncePerGroup) {
  EvalContext ctx = Ctx();
  VectorPtr users = Col(StringType(), {Str("u1"), Str("u1"), Str("u1"), Str("u2"), Str("u2"), Null(StringType())});
  std::vector<uint32_t> groups = {0, 0, 1, 0, 0, 1};
  EXPECT_EQ(Texts(Aggregate("count", {Vec(users)}, groups, 2, ctx, true)), (V{"2", "1"}));
  VectorPtr nums = Col(IntType(), {I32(5), I32(5), I32(5), I32(7), I32(7), I32(1)});
  EXPECT_EQ(Texts(Aggregate("sum", {Vec(nums)}, groups, 2, ctx, true)), (V{"12", "6"}));
  // Across batches the wrapper still remembers what it saw.
  BoundAggregate bound = BindAgg("count", {Vec(users)}, true, ctx);
  auto acc = bound.create();
  acc->Resize(2);
  acc->Update(groups.data(), {users}, 6);
  acc->Update(groups.data(), {users}, 6);
  EXPECT_EQ(Texts(acc->Final(0, 2, ctx)), (V{"2", "1"}));
}

TEST(Aggregates, DistinctKeysSpanManyArenaBlocks) {
  EvalContext ctx = Ctx();
  // 60000 distinct 40-byte values in 3 groups: well over one 1 MB block of keys.
  std::vector<Value> values;
  std::vector<uint32_t> groups;
  for (int i = 0; i < 60000; ++i) {
    values.push_back(Str(std::string(32, 'k') + std::to_string(100000 + i)));
    groups.push_back(static_cast<uint32_t>(i % 3));
  }
  VectorPtr v = Col(StringType(), values);
  BoundAggregate bound = BindAgg("count", {Vec(v)}, true, ctx);
  auto acc = bound.create();
  acc->Resize(3);
  acc->Update(groups.data(), {v}, 60000);
  acc->Update(groups.data(), {v}, 60000);
  EXPECT_EQ(Texts(acc->Final(0, 3, ctx)), (V{"20000", "20000", "20000"}));
  EXPECT_GT(acc->MemoryBytes(), 60000 * 40);
}

TEST(Aggregates, ResizeAddsEmptyGroups) {
  EvalContext ctx = Ctx();
  BoundAggregate bound = BindAgg("sum", {Vec(Ints())}, false, ctx);
  auto acc = bound.create();
  acc->Resize(1);
  std::vector<uint32_t> g0 = {0};
  acc->Update(g0.data(), {Col(LongType(), {I64(4)})}, 1);
  acc->Resize(3);
  std::vector<uint32_t> g2 = {2};
  acc->Update(g2.data(), {Col(LongType(), {I64(6)})}, 1);
  EXPECT_EQ(Texts(acc->Final(0, 3, ctx)), (V{"4", "NULL", "6"}));
  EXPECT_EQ(Texts(acc->Final(1, 3, ctx)), (V{"NULL", "6"}));
  EXPECT_GT(acc->MemoryBytes(), 0);
}

}  // namespace
}  // namespace ember::ftest

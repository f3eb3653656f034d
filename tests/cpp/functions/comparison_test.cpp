#include <cmath>

#include "function_test_util.h"

namespace ember::ftest {
namespace {

using V = std::vector<std::string>;

TEST(Comparison, IntegersWithNulls) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(IntType(), {I32(1), I32(2), Null(IntType()), I32(3)});
  VectorPtr b = Col(LongType(), {I64(1), I64(3), I64(1), I64(2)});
  EXPECT_EQ(Texts(Apply("=", {Vec(a), Vec(b)}, ctx)), (V{"true", "false", "NULL", "false"}));
  EXPECT_EQ(Texts(Apply("!=", {Vec(a), Vec(b)}, ctx)), (V{"false", "true", "NULL", "true"}));
  EXPECT_EQ(Texts(Apply("<", {Vec(a), Vec(b)}, ctx)), (V{"false", "true", "NULL", "false"}));
  EXPECT_EQ(Texts(Apply("<=", {Vec(a), Vec(b)}, ctx)), (V{"true", "true", "NULL", "false"}));
  EXPECT_EQ(Texts(Apply(">", {Vec(a), Vec(b)}, ctx)), (V{"false", "false", "NULL", "true"}));
  EXPECT_EQ(Texts(Apply(">=", {Vec(a), Vec(b)}, ctx)), (V{"true", "false", "NULL", "true"}));
}

TEST(Comparison, NullSafeEqualIsNeverNull) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(IntType(), {I32(1), Null(IntType()), Null(IntType())});
  VectorPtr b = Col(IntType(), {I32(1), I32(1), Null(IntType())});
  BoundScalar bound = Bind("<=>", {Vec(a), Vec(b)}, ctx);
  EXPECT_FALSE(bound.result_nullable);
  EXPECT_EQ(Texts(Apply("<=>", {Vec(a), Vec(b)}, ctx)), (V{"true", "false", "true"}));
}

TEST(Comparison, StringsCompareBytewise) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(StringType(), {Str("apple"), Str("b"), Str("")});
  VectorPtr b = Col(StringType(), {Str("apples"), Str("a"), Str("")});
  EXPECT_EQ(Texts(Apply("<", {Vec(a), Vec(b)}, ctx)), (V{"true", "false", "false"}));
  EXPECT_EQ(Texts(Apply("=", {Vec(a), Lit(Str("b"), 3)}, ctx)), (V{"false", "true", "false"}));
}

TEST(Comparison, NaNEqualsNaNAndIsLargest) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(DoubleType(), {F64(NAN), F64(NAN), F64(-0.0)});
  VectorPtr b = Col(DoubleType(), {F64(NAN), F64(1e300), F64(0.0)});
  EXPECT_EQ(Texts(Apply("=", {Vec(a), Vec(b)}, ctx)), (V{"true", "false", "true"}));
  EXPECT_EQ(Texts(Apply(">", {Vec(a), Vec(b)}, ctx)), (V{"false", "true", "false"}));
}

TEST(Comparison, DatesTimestampsAndStrings) {
  EvalContext ctx = Ctx();
  VectorPtr d = Col(DateType(), {Value::Date(19727)});
  VectorPtr s = Col(StringType(), {Str("2024-01-05")});
  EXPECT_EQ(Texts(Apply("=", {Vec(d), Vec(s)}, ctx)), (V{"true"}));
  VectorPtr t = Col(TimestampType(), {Value::Timestamp(1704448800000000)});
  EXPECT_EQ(Texts(Apply(">", {Vec(t), Vec(d)}, ctx)), (V{"true"}));
}

TEST(Comparison, StringWithNumberUnderAnsiAndLegacy) {
  VectorPtr s = Col(StringType(), {Str("10")});
  VectorPtr i = Col(IntType(), {I32(9)});
  EvalContext ansi = Ctx(true);
  EXPECT_EQ(Bind(">", {Vec(s), Vec(i)}, ansi).arg_types[0]->id, TypeId::kLong);
  EXPECT_EQ(Texts(Apply(">", {Vec(s), Vec(i)}, ansi)), (V{"true"}));
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Bind(">", {Vec(s), Vec(i)}, legacy).arg_types[0]->id, TypeId::kDouble);
  VectorPtr bad = Col(StringType(), {Str("x")});
  EXPECT_EQ(ErrorClass([&] { Apply(">", {Vec(bad), Vec(i)}, ansi); }), "CAST_INVALID_INPUT");
  EXPECT_EQ(Texts(Apply(">", {Vec(bad), Vec(i)}, legacy)), (V{"NULL"}));
}

TEST(Predicates, NotIsNullIsNotNull) {
  EvalContext ctx = Ctx();
  VectorPtr b = Col(BooleanType(), {Bool(true), Bool(false), Null(BooleanType())});
  EXPECT_EQ(Texts(Apply("not", {Vec(b)}, ctx)), (V{"false", "true", "NULL"}));
  EXPECT_EQ(Texts(Apply("isnull", {Vec(b)}, ctx)), (V{"false", "false", "true"}));
  EXPECT_EQ(Texts(Apply("isnotnull", {Vec(b)}, ctx)), (V{"true", "true", "false"}));
  EXPECT_FALSE(Bind("isnull", {Vec(b)}, ctx).result_nullable);
  VectorPtr n = Col(NullType(), {Null(), Null()});
  EXPECT_EQ(Texts(Apply("isnull", {Vec(n)}, ctx)), (V{"true", "true"}));
}

TEST(Predicates, Like) {
  EvalContext ctx = Ctx();
  VectorPtr s = Col(StringType(), {Str("abc"), Str("xabc"), Str("a_c"), Null(StringType())});
  EXPECT_EQ(Texts(Apply("like", {Vec(s), Lit(Str("a%"), 4)}, ctx)), (V{"true", "false", "true", "NULL"}));
  EXPECT_EQ(Texts(Apply("like", {Vec(s), Lit(Str("%b_"), 4)}, ctx)), (V{"true", "true", "false", "NULL"}));
  EXPECT_EQ(Texts(Apply("like", {Vec(s), Lit(Str("a\\_c"), 4)}, ctx)), (V{"false", "false", "true", "NULL"}));
}

TEST(Strings, UpperLowerLengthConcatSubstring) {
  EvalContext ctx = Ctx();
  VectorPtr s = Col(StringType(), {Str("Hello"), Str("héllo"), Null(StringType())});
  EXPECT_EQ(Texts(Apply("upper", {Vec(s)}, ctx)), (V{"HELLO", "HéLLO", "NULL"}));
  EXPECT_EQ(Texts(Apply("lower", {Vec(s)}, ctx)), (V{"hello", "héllo", "NULL"}));
  EXPECT_EQ(Texts(Apply("length", {Vec(s)}, ctx)), (V{"5", "5", "NULL"}));
  EXPECT_EQ(Texts(Apply("concat", {Vec(s), Lit(Str("!"), 3)}, ctx)), (V{"Hello!", "héllo!", "NULL"}));
  EXPECT_EQ(Texts(Apply("substring", {Vec(s), Lit(I32(2), 3), Lit(I32(3), 3)}, ctx)), (V{"ell", "éll", "NULL"}));
  EXPECT_EQ(Texts(Apply("substring", {Vec(s), Lit(I32(-3), 3)}, ctx)), (V{"llo", "llo", "NULL"}));
  EXPECT_EQ(Texts(Apply("substring", {Vec(s), Lit(I32(0), 3), Lit(I32(2), 3)}, ctx)), (V{"He", "hé", "NULL"}));
}

}  // namespace
}  // namespace ember::ftest

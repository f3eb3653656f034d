#include "function_test_util.h"

namespace ember::ftest {
namespace {

using V = std::vector<std::string>;

TEST(Arithmetic, IntAddColumnAndLiteralWithNulls) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(IntType(), {I32(1), Null(IntType()), I32(-5)});
  VectorPtr out = Apply("+", {Vec(a), Lit(I32(10), 3)}, ctx);
  EXPECT_EQ(out->type()->id, TypeId::kInt);
  EXPECT_EQ(Texts(out), (V{"11", "NULL", "5"}));
}

TEST(Arithmetic, IntOverflowRaisesUnderAnsiAndWrapsInLegacy) {
  VectorPtr a = Col(IntType(), {I32(2147483647), I32(1)});
  VectorPtr b = Col(IntType(), {I32(1), I32(1)});
  EvalContext ansi = Ctx(true);
  EXPECT_EQ(ErrorClass([&] { Apply("+", {Vec(a), Vec(b)}, ansi); }), "ARITHMETIC_OVERFLOW");
  try {
    Apply("+", {Vec(a), Vec(b)}, ansi);
  } catch (const SparkError& e) {
    EXPECT_NE(std::string(e.what()).find("integer overflow"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("try_add"), std::string::npos);
  }
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(Apply("+", {Vec(a), Vec(b)}, legacy)), (V{"-2147483648", "2"}));
}

TEST(Arithmetic, OverflowInNullRowIsIgnored) {
  VectorPtr a = Col(LongType(), {Null(LongType()), I64(1)});
  // The null row's hidden payload may overflow; only valid rows count.
  a->Data<int64_t>()[0] = INT64_MAX;
  VectorPtr b = Col(LongType(), {I64(1), I64(1)});
  EvalContext ansi = Ctx(true);
  EXPECT_EQ(Texts(Apply("+", {Vec(a), Vec(b)}, ansi)), (V{"NULL", "2"}));
}

TEST(Arithmetic, MixedTypesWiden) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(IntType(), {I32(3)});
  VectorPtr b = Col(LongType(), {I64(4)});
  VectorPtr out = Apply("*", {Vec(a), Vec(b)}, ctx);
  EXPECT_EQ(out->type()->id, TypeId::kLong);
  EXPECT_EQ(Texts(out), (V{"12"}));
  VectorPtr d = Col(DoubleType(), {F64(0.5)});
  EXPECT_EQ(Texts(Apply("-", {Vec(a), Vec(d)}, ctx)), (V{"2.5"}));
}

TEST(Arithmetic, DivideAlwaysGivesDouble) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(IntType(), {I32(3), I32(1)});
  VectorPtr b = Col(IntType(), {I32(2), I32(3)});
  VectorPtr out = Apply("/", {Vec(a), Vec(b)}, ctx);
  EXPECT_EQ(out->type()->id, TypeId::kDouble);
  EXPECT_EQ(Texts(out), (V{"1.5", "0.3333333333333333"}));
}

TEST(Arithmetic, DivideByZero) {
  VectorPtr a = Col(IntType(), {I32(3), I32(4)});
  VectorPtr b = Col(IntType(), {I32(0), I32(2)});
  EvalContext ansi = Ctx(true);
  EXPECT_EQ(ErrorClass([&] { Apply("/", {Vec(a), Vec(b)}, ansi); }), "DIVIDE_BY_ZERO");
  EXPECT_EQ(ErrorClass([&] { Apply("%", {Vec(a), Vec(b)}, ansi); }), "DIVIDE_BY_ZERO");
  EXPECT_EQ(ErrorClass([&] { Apply("div", {Vec(a), Vec(b)}, ansi); }), "DIVIDE_BY_ZERO");
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(Apply("/", {Vec(a), Vec(b)}, legacy)), (V{"NULL", "2.0"}));
  EXPECT_EQ(Texts(Apply("%", {Vec(a), Vec(b)}, legacy)), (V{"NULL", "0"}));
  EXPECT_EQ(Texts(Apply("div", {Vec(a), Vec(b)}, legacy)), (V{"NULL", "2"}));
}

TEST(Arithmetic, RemainderAndIntegralDivideFollowJava) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(IntType(), {I32(-7), I32(7)});
  VectorPtr b = Col(IntType(), {I32(3), I32(-3)});
  EXPECT_EQ(Texts(Apply("%", {Vec(a), Vec(b)}, ctx)), (V{"-1", "1"}));
  VectorPtr q = Apply("div", {Vec(a), Vec(b)}, ctx);
  EXPECT_EQ(q->type()->id, TypeId::kLong);
  EXPECT_EQ(Texts(q), (V{"-2", "-2"}));
  VectorPtr x = Col(DoubleType(), {F64(-7.5)});
  VectorPtr y = Col(DoubleType(), {F64(2)});
  EXPECT_EQ(Texts(Apply("%", {Vec(x), Vec(y)}, ctx)), (V{"-1.5"}));
}

TEST(Arithmetic, NegativeAndAbs) {
  VectorPtr a = Col(IntType(), {I32(5), I32(-2147483647 - 1), Null(IntType())});
  EvalContext ansi = Ctx(true);
  EXPECT_EQ(ErrorClass([&] { Apply("negative", {Vec(a)}, ansi); }), "ARITHMETIC_OVERFLOW");
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(Apply("negative", {Vec(a)}, legacy)), (V{"-5", "-2147483648", "NULL"}));
  VectorPtr b = Col(IntType(), {I32(-5), I32(3)});
  EXPECT_EQ(Texts(Apply("abs", {Vec(b)}, ansi)), (V{"5", "3"}));
}

TEST(Arithmetic, DecimalAddUsesSparkResultType) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(DecimalType(5, 2), {Dec(12345, 5, 2)});    // 123.45
  VectorPtr b = Col(DecimalType(4, 3), {Dec(1005, 4, 3)});     // 1.005
  VectorPtr out = Apply("+", {Vec(a), Vec(b)}, ctx);
  EXPECT_EQ(out->type()->ToString(), "decimal(7,3)");
  EXPECT_EQ(Texts(out), (V{"124.455"}));
}

TEST(Arithmetic, DecimalMultiplyAndDivide) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(DecimalType(5, 2), {Dec(150, 5, 2)});  // 1.50
  VectorPtr b = Col(DecimalType(3, 1), {Dec(30, 3, 1)});   // 3.0
  VectorPtr m = Apply("*", {Vec(a), Vec(b)}, ctx);
  EXPECT_EQ(m->type()->ToString(), "decimal(9,3)");
  EXPECT_EQ(Texts(m), (V{"4.500"}));
  VectorPtr d = Apply("/", {Vec(a), Vec(b)}, ctx);
  // scale max(6, 2 + 3 + 1) = 6, precision 5 - 2 + 1 + 6 = 10
  EXPECT_EQ(d->type()->ToString(), "decimal(10,6)");
  EXPECT_EQ(Texts(d), (V{"0.500000"}));
}

TEST(Arithmetic, DecimalWithIntegerPromotesTheInteger) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(DecimalType(5, 2), {Dec(150, 5, 2)});
  VectorPtr b = Col(IntType(), {I32(2)});
  VectorPtr out = Apply("+", {Vec(a), Vec(b)}, ctx);
  // decimal(5,2) + decimal(10,0) -> decimal(13,2)
  EXPECT_EQ(out->type()->ToString(), "decimal(13,2)");
  EXPECT_EQ(Texts(out), (V{"3.50"}));
}

TEST(Arithmetic, DecimalDivideRoundsHalfUp) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(DecimalType(2, 0), {Dec(2, 2, 0)});
  VectorPtr b = Col(DecimalType(2, 0), {Dec(3, 2, 0)});
  EXPECT_EQ(Texts(Apply("/", {Vec(a), Vec(b)}, ctx)), (V{"0.666667"}));
}

TEST(Arithmetic, DecimalIntegralDivide) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(DecimalType(3, 1), {Dec(15, 3, 1), Dec(-75, 3, 1)});  // 1.5, -7.5
  VectorPtr b = Col(DecimalType(3, 1), {Dec(5, 3, 1), Dec(20, 3, 1)});   // 0.5, 2.0
  VectorPtr q = Apply("div", {Vec(a), Vec(b)}, ctx);
  EXPECT_EQ(q->type()->id, TypeId::kLong);
  EXPECT_EQ(Texts(q), (V{"3", "-3"}));
  VectorPtr zero = Col(DecimalType(3, 1), {Dec(0, 3, 1), Dec(0, 3, 1)});
  EXPECT_EQ(ErrorClass([&] { Apply("div", {Vec(a), Vec(zero)}, ctx); }), "DIVIDE_BY_ZERO");
}

TEST(Arithmetic, DecimalResultsBeyondPrecisionAreErrorsOrNulls) {
  // decimal(38,0) + decimal(38,0) is decimal(38,0): 9...9 + 1 has 39 digits.
  int128_t nines = 1;
  for (int i = 0; i < 38; ++i) nines *= 10;
  nines -= 1;
  VectorPtr big = Col(DecimalType(38, 0), {Value::Decimal(nines, 38, 0), Dec(-5, 38, 0)});
  VectorPtr one = Col(DecimalType(38, 0), {Dec(1, 38, 0), Null(DecimalType(38, 0))});
  EvalContext ansi = Ctx(true);
  EXPECT_EQ(ErrorClass([&] { Apply("+", {Vec(big), Vec(one)}, ansi); }),
            "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(Apply("+", {Vec(big), Vec(one)}, legacy)), (V{"NULL", "NULL"}));
  EXPECT_EQ(Texts(Apply("-", {Vec(big), Vec(one)}, legacy)),
            (V{"99999999999999999999999999999999999998", "NULL"}));
  // int128 overflow of a product of two wide operands.
  EXPECT_EQ(Texts(Apply("*", {Vec(big), Vec(big)}, legacy)), (V{"NULL", "25"}));
}

TEST(Arithmetic, DecimalProductsOfNarrowOperands) {
  EvalContext ctx = Ctx();
  // decimal(15,2) * decimal(16,2) = decimal(32,4), stored in 128 bits.
  VectorPtr price = Col(DecimalType(15, 2), {Dec(999999999999999, 15, 2), Dec(-12345, 15, 2)});
  VectorPtr factor = Col(DecimalType(16, 2), {Dec(9999999999999999, 16, 2), Dec(95, 16, 2)});
  VectorPtr out = Apply("*", {Vec(price), Vec(factor)}, ctx);
  EXPECT_EQ(out->type()->ToString(), "decimal(32,4)");
  EXPECT_EQ(Texts(out), (V{"999999999999998900000000000.0001", "-117.2775"}));
  // decimal(5,2) - decimal(4,3) aligns scales: 123.45 - 1.005 = 122.445.
  VectorPtr a = Col(DecimalType(5, 2), {Dec(12345, 5, 2)});
  VectorPtr b = Col(DecimalType(4, 3), {Dec(1005, 4, 3)});
  EXPECT_EQ(Texts(Apply("-", {Vec(a), Vec(b)}, ctx)), (V{"122.445"}));
}

TEST(Arithmetic, StringOperandsArePromoted) {
  EvalContext ansi = Ctx(true);
  VectorPtr s = Col(StringType(), {Str("5")});
  VectorPtr i = Col(IntType(), {I32(2)});
  VectorPtr out = Apply("+", {Vec(s), Vec(i)}, ansi);
  EXPECT_EQ(out->type()->id, TypeId::kLong);
  EXPECT_EQ(Texts(out), (V{"7"}));
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Apply("+", {Vec(s), Vec(i)}, legacy)->type()->id, TypeId::kDouble);
}

TEST(Arithmetic, DatePlusInteger) {
  EvalContext ctx = Ctx();
  VectorPtr d = Col(DateType(), {Value::Date(19727)});  // 2024-01-05
  VectorPtr n = Col(IntType(), {I32(3)});
  VectorPtr out = Apply("+", {Vec(d), Vec(n)}, ctx);
  EXPECT_EQ(Texts(out), (V{"2024-01-08"}));
  EXPECT_EQ(Texts(Apply("+", {Vec(n), Vec(d)}, ctx)), (V{"2024-01-08"}));
  EXPECT_EQ(Texts(Apply("-", {Vec(d), Vec(n)}, ctx)), (V{"2024-01-02"}));
}

TEST(Arithmetic, IncompatibleOperandsAreRejected) {
  EvalContext ctx = Ctx();
  VectorPtr b = Col(BooleanType(), {Bool(true)});
  VectorPtr i = Col(IntType(), {I32(1)});
  EXPECT_EQ(ErrorClass([&] { Bind("+", {Vec(b), Vec(i)}, ctx); }), "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES");
}

}  // namespace
}  // namespace ember::ftest

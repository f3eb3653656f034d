#include <cmath>

#include "function_test_util.h"

namespace ember::ftest {
namespace {

using V = std::vector<std::string>;

TEST(Math, IsNanSqrtPower) {
  EvalContext ctx = Ctx();
  VectorPtr d = Col(DoubleType(), {F64(4), F64(NAN), Null(DoubleType())});
  EXPECT_EQ(Texts(Apply("isnan", {Vec(d)}, ctx)), (V{"false", "true", "false"}));
  EXPECT_EQ(Texts(Apply("sqrt", {Vec(d)}, ctx)), (V{"2.0", "NaN", "NULL"}));
  VectorPtr i = Col(IntType(), {I32(2)});
  EXPECT_EQ(Texts(Apply("power", {Vec(i), Lit(I32(10))}, ctx)), (V{"1024.0"}));
}

TEST(Math, FloorCeil) {
  EvalContext ctx = Ctx();
  VectorPtr d = Col(DoubleType(), {F64(-0.5), F64(1.5), Null(DoubleType())});
  VectorPtr f = Apply("floor", {Vec(d)}, ctx);
  EXPECT_EQ(f->type()->id, TypeId::kLong);
  EXPECT_EQ(Texts(f), (V{"-1", "1", "NULL"}));
  EXPECT_EQ(Texts(Apply("ceil", {Vec(d)}, ctx)), (V{"0", "2", "NULL"}));
  VectorPtr dec = Col(DecimalType(5, 2), {Dec(-150, 5, 2), Dec(101, 5, 2)});
  VectorPtr c = Apply("ceil", {Vec(dec)}, ctx);
  EXPECT_EQ(c->type()->ToString(), "decimal(4,0)");
  EXPECT_EQ(Texts(c), (V{"-1", "2"}));
  EXPECT_EQ(Texts(Apply("floor", {Vec(dec)}, ctx)), (V{"-2", "1"}));
}

TEST(Math, RoundHalfUpOnDecimalText) {
  EvalContext ctx = Ctx();
  VectorPtr d = Col(DoubleType(), {F64(2.5), F64(-2.5), F64(2.675), F64(1234.5678), F64(0.04)});
  EXPECT_EQ(Texts(Apply("round", {Vec(d), Lit(I32(0), 5)}, ctx)), (V{"3.0", "-3.0", "3.0", "1235.0", "0.0"}));
  EXPECT_EQ(Texts(Apply("round", {Vec(d), Lit(I32(2), 5)}, ctx)), (V{"2.5", "-2.5", "2.68", "1234.57", "0.04"}));
  EXPECT_EQ(Texts(Apply("round", {Vec(d), Lit(I32(-2), 5)}, ctx)), (V{"0.0", "0.0", "0.0", "1200.0", "0.0"}));
  VectorPtr i = Col(IntType(), {I32(1250), I32(-1250)});
  EXPECT_EQ(Texts(Apply("round", {Vec(i), Lit(I32(-2), 2)}, ctx)), (V{"1300", "-1300"}));
  VectorPtr dec = Col(DecimalType(6, 3), {Dec(12345, 6, 3)});
  VectorPtr r = Apply("round", {Vec(dec), Lit(I32(1))}, ctx);
  EXPECT_EQ(r->type()->ToString(), "decimal(5,1)");
  EXPECT_EQ(Texts(r), (V{"12.3"}));
}

TEST(Math, GreatestLeastSkipNulls) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(IntType(), {I32(1), Null(IntType()), Null(IntType())});
  VectorPtr b = Col(LongType(), {I64(5), I64(2), Null(LongType())});
  VectorPtr g = Apply("greatest", {Vec(a), Vec(b), Lit(I32(3), 3)}, ctx);
  EXPECT_EQ(g->type()->id, TypeId::kLong);
  EXPECT_EQ(Texts(g), (V{"5", "3", "3"}));
  EXPECT_EQ(Texts(Apply("least", {Vec(a), Vec(b)}, ctx)), (V{"1", "2", "NULL"}));
  VectorPtr s = Col(StringType(), {Str("b"), Str("a"), Null(StringType())});
  EXPECT_EQ(Texts(Apply("greatest", {Vec(s), Lit(Str("aa"), 3)}, ctx)), (V{"b", "aa", "aa"}));
}

TEST(Strings, TrimConcatWsAndMatches) {
  EvalContext ctx = Ctx();
  VectorPtr s = Col(StringType(), {Str("  a b  "), Null(StringType())});
  EXPECT_EQ(Texts(Apply("trim", {Vec(s)}, ctx)), (V{"a b", "NULL"}));
  EXPECT_EQ(Texts(Apply("ltrim", {Vec(s)}, ctx)), (V{"a b  ", "NULL"}));
  EXPECT_EQ(Texts(Apply("rtrim", {Vec(s)}, ctx)), (V{"  a b", "NULL"}));
  VectorPtr x = Col(StringType(), {Str("x"), Null(StringType())});
  EXPECT_EQ(Texts(Apply("concat_ws", {Lit(Str("-"), 2), Vec(x), Lit(Str("y"), 2), Vec(x)}, ctx)), (V{"x-y-x", "y"}));
  VectorPtr w = Col(StringType(), {Str("hello"), Str("world")});
  EXPECT_EQ(Texts(Apply("contains", {Vec(w), Lit(Str("ll"), 2)}, ctx)), (V{"true", "false"}));
  EXPECT_EQ(Texts(Apply("startswith", {Vec(w), Lit(Str("wo"), 2)}, ctx)), (V{"false", "true"}));
  EXPECT_EQ(Texts(Apply("endswith", {Vec(w), Lit(Str("lo"), 2)}, ctx)), (V{"true", "false"}));
  EXPECT_EQ(Texts(Apply("rlike", {Vec(w), Lit(Str("l+o$"), 2)}, ctx)), (V{"true", "false"}));
  EXPECT_EQ(Texts(Apply("ilike", {Vec(w), Lit(Str("HE%"), 2)}, ctx)), (V{"true", "false"}));
}

}  // namespace
}  // namespace ember::ftest

#include "function_test_util.h"
#include "functions/type_coercion.h"

namespace ember::ftest {
namespace {

TEST(Registry, FindsFunctionsAndAliasesCaseInsensitively) {
  const FunctionRegistry& r = FunctionRegistry::Instance();
  for (const char* name : {"+", "-", "*", "/", "%", "div", "negative", "=", "!=", "<", "<=", ">", ">=", "<=>",
                           "not", "isnull", "isnotnull", "to_date", "to_timestamp", "from_unixtime",
                           "unix_timestamp", "date_format", "year", "month", "dayofmonth", "hour", "minute",
                           "second", "datediff", "date_add", "date_sub", "current_date", "current_timestamp",
                           "upper", "lower", "length", "concat", "substring", "abs"}) {
    EXPECT_NE(r.FindScalar(name), nullptr) << name;
  }
  for (const char* name : {"count", "sum", "avg", "mean", "min", "max", "first", "last"}) {
    EXPECT_NE(r.FindAggregate(name), nullptr) << name;
  }
  EXPECT_EQ(r.FindScalar("TO_DATE"), r.FindScalar("to_date"));
  EXPECT_EQ(r.FindScalar("day"), r.FindScalar("dayofmonth"));
  EXPECT_EQ(r.FindScalar("count"), nullptr);
  EXPECT_EQ(r.FindAggregate("upper"), nullptr);
  EXPECT_EQ(r.FindScalar("no_such_function"), nullptr);
  std::vector<std::string> names = r.Names();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
}

TEST(Registry, RejectsDuplicatesAndMissingDocs) {
  FunctionRegistry r;
  ScalarFunction f;
  f.name = "f";
  f.doc = "f(): test";
  r.Add(f);
  EXPECT_THROW(r.Add(f), InternalError);
  ScalarFunction undocumented;
  undocumented.name = "g";
  EXPECT_THROW(r.Add(undocumented), InternalError);
  AggregateFunction agg;
  agg.name = "f";
  agg.doc = "clash";
  EXPECT_THROW(r.Add(agg), InternalError);
  EXPECT_THROW(r.AddAlias("f", "f"), InternalError);
  EXPECT_THROW(r.AddAlias("h", "missing"), InternalError);
  r.AddAlias("h", "f");
  EXPECT_EQ(r.FindScalar("h")->name, "f");
}

TEST(Registry, EveryFunctionHasADoc) {
  const FunctionRegistry& r = FunctionRegistry::Instance();
  for (const auto& name : r.Names()) {
    if (const ScalarFunction* s = r.FindScalar(name)) EXPECT_FALSE(s->doc.empty()) << name;
    if (const AggregateFunction* a = r.FindAggregate(name)) EXPECT_FALSE(a->doc.empty()) << name;
  }
}

TEST(Registry, WrongArgumentCount) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(IntType(), {I32(1)});
  EXPECT_EQ(ErrorClass([&] { Bind("upper", {Vec(a), Vec(a)}, ctx); }), "WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
  EXPECT_EQ(ErrorClass([&] { Bind("not", {Vec(a)}, ctx); }), "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
}

TEST(TypeCoercion, WiderTypes) {
  auto wider = [](TypePtr a, TypePtr b, bool ansi = true) {
    TypePtr t = FindWiderTypeForTwo(a, b, ansi);
    return t ? t->ToString() : std::string("none");
  };
  EXPECT_EQ(wider(IntType(), LongType()), "bigint");
  EXPECT_EQ(wider(ByteType(), ShortType()), "smallint");
  EXPECT_EQ(wider(IntType(), FloatType()), "double");
  EXPECT_EQ(wider(FloatType(), DoubleType()), "double");
  EXPECT_EQ(wider(NullType(), StringType()), "string");
  EXPECT_EQ(wider(DateType(), TimestampType()), "timestamp");
  EXPECT_EQ(wider(DecimalType(5, 2), DecimalType(10, 0)), "decimal(12,2)");
  EXPECT_EQ(wider(DecimalType(5, 2), IntType()), "decimal(12,2)");
  EXPECT_EQ(wider(DecimalType(5, 2), DoubleType()), "double");
  EXPECT_EQ(wider(DecimalType(38, 10), DecimalType(38, 20)), "decimal(38,20)");
  EXPECT_EQ(wider(IntType(), StringType()), "bigint");
  EXPECT_EQ(wider(DoubleType(), StringType()), "double");
  EXPECT_EQ(wider(DateType(), StringType()), "date");
  EXPECT_EQ(wider(IntType(), StringType(), false), "string");
  EXPECT_EQ(wider(BooleanType(), IntType()), "none");
  EXPECT_EQ(wider(ArrayType(IntType()), ArrayType(LongType())), "array<bigint>");
  EXPECT_EQ(FindWiderCommonType({IntType(), NullType(), DoubleType()}, true)->ToString(), "double");
  EXPECT_EQ(FindTightestCommonType(DecimalType(2, 1), IntType()), nullptr);
}

TEST(TypeCoercion, DecimalResultTypes) {
  auto type = [](DecimalOp op, int p1, int s1, int p2, int s2) {
    return DecimalResultType(op, *DecimalType(p1, s1), *DecimalType(p2, s2))->ToString();
  };
  EXPECT_EQ(type(DecimalOp::kAdd, 10, 2, 5, 3), "decimal(12,3)");
  EXPECT_EQ(type(DecimalOp::kMultiply, 10, 2, 5, 3), "decimal(16,5)");
  EXPECT_EQ(type(DecimalOp::kDivide, 10, 2, 5, 3), "decimal(19,8)");
  EXPECT_EQ(type(DecimalOp::kRemainder, 10, 2, 5, 3), "decimal(5,3)");
  EXPECT_EQ(type(DecimalOp::kMultiply, 38, 10, 38, 10), "decimal(38,6)");
  EXPECT_EQ(type(DecimalOp::kDivide, 38, 18, 38, 18), "decimal(38,6)");
  EXPECT_EQ(type(DecimalOp::kAdd, 38, 0, 38, 0), "decimal(38,0)");
}

}  // namespace
}  // namespace ember::ftest

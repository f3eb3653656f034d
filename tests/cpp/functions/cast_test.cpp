#include <cmath>
#include <limits>

#include "function_test_util.h"
#include "functions/cast/java_number_format.h"

namespace ember::ftest {
namespace {

using V = std::vector<std::string>;

std::string JavaDouble(double d) {
  std::string s;
  AppendJavaDouble(d, &s);
  return s;
}
std::string JavaFloat(float f) {
  std::string s;
  AppendJavaFloat(f, &s);
  return s;
}

TEST(JavaFormat, DoubleToStringTable) {
  EXPECT_EQ(JavaDouble(1.0), "1.0");
  EXPECT_EQ(JavaDouble(-1.5), "-1.5");
  EXPECT_EQ(JavaDouble(0.0), "0.0");
  EXPECT_EQ(JavaDouble(-0.0), "-0.0");
  EXPECT_EQ(JavaDouble(1e10), "1.0E10");
  EXPECT_EQ(JavaDouble(1e7), "1.0E7");
  EXPECT_EQ(JavaDouble(9999999.0), "9999999.0");
  EXPECT_EQ(JavaDouble(1234567.5), "1234567.5");
  EXPECT_EQ(JavaDouble(1e-4), "1.0E-4");
  EXPECT_EQ(JavaDouble(0.001), "0.001");
  EXPECT_EQ(JavaDouble(1.25e-5), "1.25E-5");
  EXPECT_EQ(JavaDouble(123456789.123), "1.23456789123E8");
  EXPECT_EQ(JavaDouble(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(JavaDouble(NAN), "NaN");
  EXPECT_EQ(JavaDouble(INFINITY), "Infinity");
  EXPECT_EQ(JavaDouble(-INFINITY), "-Infinity");
  EXPECT_EQ(JavaDouble(std::numeric_limits<double>::max()), "1.7976931348623157E308");
  EXPECT_EQ(JavaDouble(4.9e-324), "4.9E-324");
  EXPECT_EQ(JavaFloat(0.1f), "0.1");
  EXPECT_EQ(JavaFloat(1e10f), "1.0E10");
  EXPECT_EQ(JavaFloat(3.4028235e38f), "3.4028235E38");
}

TEST(Cast, StringToIntTrims) {
  EvalContext ctx = Ctx();
  VectorPtr s = Col(StringType(), {Str(" 42 "), Str("-7"), Str("+3"), Str("-2147483648"), Null(StringType())});
  EXPECT_EQ(Texts(CastVector(s, IntType(), ctx)), (V{"42", "-7", "3", "-2147483648", "NULL"}));
}

TEST(Cast, FractionalTextToIntegralOnlyInLegacyMode) {
  VectorPtr s = Col(StringType(), {Str("1.9"), Str("-2.5")});
  EvalContext ansi = Ctx(true);
  EXPECT_EQ(ErrorClass([&] { CastVector(s, IntType(), ansi); }), "CAST_INVALID_INPUT");
  EXPECT_EQ(Texts(CastVector(s, IntType(), ansi, true)), (V{"NULL", "NULL"}));
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(CastVector(s, IntType(), legacy)), (V{"1", "-2"}));
  EXPECT_EQ(Texts(CastVector(s, LongType(), legacy)), (V{"1", "-2"}));
}

TEST(Cast, InvalidStringRaisesUnderAnsiNullOtherwise) {
  VectorPtr s = Col(StringType(), {Str("12a")});
  EvalContext ansi = Ctx(true);
  try {
    CastVector(s, IntType(), ansi);
    FAIL();
  } catch (const SparkError& e) {
    EXPECT_EQ(e.error_class(), "CAST_INVALID_INPUT");
    EXPECT_NE(std::string(e.what()).find("The value '12a' of the type \"STRING\" cannot be cast to \"INT\""),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(Texts(CastVector(s, IntType(), ansi, /*try_cast=*/true)), (V{"NULL"}));
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(CastVector(s, IntType(), legacy)), (V{"NULL"}));
}

TEST(Cast, StringOutOfRangeForByte) {
  VectorPtr s = Col(StringType(), {Str("128")});
  EvalContext ansi = Ctx(true);
  EXPECT_EQ(ErrorClass([&] { CastVector(s, ByteType(), ansi); }), "CAST_INVALID_INPUT");
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(CastVector(s, ByteType(), legacy)), (V{"NULL"}));
}

TEST(Cast, StringToDoubleAcceptsJavaForms) {
  EvalContext ctx = Ctx();
  VectorPtr s = Col(StringType(), {Str("1.5"), Str(" -2e3 "), Str("Infinity"), Str("nan"), Str("1.5d"), Str(".5")});
  EXPECT_EQ(Texts(CastVector(s, DoubleType(), ctx)), (V{"1.5", "-2000.0", "Infinity", "NaN", "1.5", "0.5"}));
}

TEST(Cast, StringToBoolean) {
  EvalContext ctx = Ctx(false);
  VectorPtr s = Col(StringType(), {Str("true"), Str("Y"), Str("0"), Str("no"), Str("maybe")});
  EXPECT_EQ(Texts(CastVector(s, BooleanType(), ctx)), (V{"true", "true", "false", "false", "NULL"}));
}

TEST(Cast, LongToIntOverflow) {
  VectorPtr v = Col(LongType(), {I64(3000000000LL), I64(5)});
  EvalContext ansi = Ctx(true);
  try {
    CastVector(v, IntType(), ansi);
    FAIL();
  } catch (const SparkError& e) {
    EXPECT_EQ(e.error_class(), "CAST_OVERFLOW");
    EXPECT_NE(std::string(e.what()).find("3000000000L"), std::string::npos) << e.what();
  }
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(CastVector(v, IntType(), legacy)), (V{"-1294967296", "5"}));
  EXPECT_EQ(Texts(CastVector(v, IntType(), ansi, true)), (V{"NULL", "5"}));
}

TEST(Cast, DoubleToIntegral) {
  VectorPtr v = Col(DoubleType(), {F64(1.9), F64(-1.9), F64(NAN), F64(1e20)});
  EvalContext ansi = Ctx(true);
  EXPECT_EQ(ErrorClass([&] { CastVector(v, IntType(), ansi); }), "CAST_OVERFLOW");
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(CastVector(v, IntType(), legacy)), (V{"1", "-1", "0", "2147483647"}));
  EXPECT_EQ(Texts(CastVector(v, LongType(), legacy)), (V{"1", "-1", "0", "9223372036854775807"}));
}

TEST(Cast, NumericToStringAndBoolean) {
  EvalContext ctx = Ctx();
  VectorPtr d = Col(DoubleType(), {F64(1.0), F64(1e10), F64(0.0001)});
  VectorPtr s = CastVector(d, StringType(), ctx);
  EXPECT_EQ(s->GetString(0), "1.0");
  EXPECT_EQ(s->GetString(1), "1.0E10");
  EXPECT_EQ(s->GetString(2), "1.0E-4");
  VectorPtr i = Col(IntType(), {I32(0), I32(7)});
  EXPECT_EQ(Texts(CastVector(i, BooleanType(), ctx)), (V{"false", "true"}));
  VectorPtr b = Col(BooleanType(), {Bool(true)});
  EXPECT_EQ(Texts(CastVector(b, LongType(), ctx)), (V{"1"}));
}

TEST(Cast, DecimalRoundingAndOverflow) {
  EvalContext ansi = Ctx(true);
  VectorPtr s = Col(StringType(), {Str("1.005"), Str("-1.005"), Str("12.3e1")});
  EXPECT_EQ(Texts(CastVector(s, DecimalType(5, 2), ansi)), (V{"1.01", "-1.01", "123.00"}));
  VectorPtr big = Col(StringType(), {Str("12345.6")});
  EXPECT_EQ(ErrorClass([&] { CastVector(big, DecimalType(5, 2), ansi); }),
            "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(CastVector(big, DecimalType(5, 2), legacy)), (V{"NULL"}));
  VectorPtr d = Col(DoubleType(), {F64(2.675)});
  EXPECT_EQ(Texts(CastVector(d, DecimalType(4, 2), ansi)), (V{"2.68"}));
  VectorPtr dec = Col(DecimalType(6, 3), {Dec(-12345, 6, 3)});
  EXPECT_EQ(Texts(CastVector(dec, IntType(), ansi)), (V{"-12"}));
  EXPECT_EQ(Texts(CastVector(dec, DoubleType(), ansi)), (V{"-12.345"}));
  EXPECT_EQ(Texts(CastVector(dec, DecimalType(4, 1), ansi)), (V{"-12.3"}));
  VectorPtr i = Col(IntType(), {I32(123456)});
  EXPECT_EQ(ErrorClass([&] { CastVector(i, DecimalType(5, 2), ansi); }), "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
}

TEST(Cast, StringToDateForms) {
  EvalContext ctx = Ctx(false);
  VectorPtr s = Col(StringType(), {Str("2024-01-05"), Str("2024-1-5"), Str("2024-01"), Str("2024"),
                                   Str(" 2024-01-05T10:00:00 "), Str("2024-02-30"), Str("20240105")});
  EXPECT_EQ(Texts(CastVector(s, DateType(), ctx)),
            (V{"2024-01-05", "2024-01-05", "2024-01-01", "2024-01-01", "2024-01-05", "NULL", "NULL"}));
}

TEST(Cast, StringToTimestampForms) {
  EvalContext ctx = Ctx(false, "UTC");
  VectorPtr s = Col(StringType(), {Str("2024-01-05 10:00:00"), Str("2024-01-05T10:00:00.123Z"),
                                   Str("2024-01-05 10:00:00+02:00"), Str("2024-01-05"), Str("2024-01-05 25:00:00"),
                                   Str("2024-01-05 10:00:00.100000"), Str("2024-01-05 10:00:00 America/Los_Angeles")});
  EXPECT_EQ(Texts(CastVector(s, TimestampType(), ctx)),
            (V{"2024-01-05 10:00:00", "2024-01-05 10:00:00.123", "2024-01-05 08:00:00", "2024-01-05 00:00:00",
               "NULL", "2024-01-05 10:00:00.1", "2024-01-05 18:00:00"}));
}

TEST(Cast, TimestampStringUsesSessionZone) {
  EvalContext la = Ctx(true, "America/Los_Angeles");
  VectorPtr s = Col(StringType(), {Str("2024-07-01 12:00:00")});
  VectorPtr ts = CastVector(s, TimestampType(), la);
  EXPECT_EQ(ts->Data<int64_t>()[0], 1719860400000000);  // 19:00 UTC (PDT = UTC-7)
  EXPECT_EQ(Texts(ts, "America/Los_Angeles"), (V{"2024-07-01 12:00:00"}));
  EXPECT_EQ(Texts(ts, "UTC"), (V{"2024-07-01 19:00:00"}));
}

TEST(Cast, DateTimestampConversionsAcrossDst) {
  EvalContext la = Ctx(true, "America/Los_Angeles");
  // 2024-03-10 is the spring-forward day in Los Angeles; midnight exists (PST, UTC-8).
  VectorPtr d = Col(DateType(), {Value::Date(19792)});
  VectorPtr ts = CastVector(d, TimestampType(), la);
  EXPECT_EQ(ts->Data<int64_t>()[0], (19792LL * 86400 + 8 * 3600) * 1000000);
  // 23:30 PDT on 2024-03-10 is 06:30 UTC on 2024-03-11; its date in LA is still the 10th.
  VectorPtr late = Col(TimestampType(), {Value::Timestamp((19793LL * 86400 + 6 * 3600 + 1800) * 1000000)});
  EXPECT_EQ(Texts(CastVector(late, DateType(), la)), (V{"2024-03-10"}));
  // A wall time in the gap moves forward by an hour, as java.time does.
  VectorPtr gap = Col(StringType(), {Str("2024-03-10 02:30:00")});
  EXPECT_EQ(Texts(CastVector(gap, TimestampType(), la), "America/Los_Angeles"), (V{"2024-03-10 03:30:00"}));
}

TEST(Cast, TimestampAndTimestampNtz) {
  EvalContext la = Ctx(true, "America/Los_Angeles");
  VectorPtr ts = Col(TimestampType(), {Value::Timestamp(1719860400000001)});  // 2024-07-01 19:00 UTC
  VectorPtr ntz = CastVector(ts, TimestampNtzType(), la);
  EXPECT_EQ(Texts(ntz), (V{"2024-07-01 12:00:00.000001"}));
  VectorPtr back = CastVector(ntz, TimestampType(), la);
  EXPECT_EQ(back->Data<int64_t>()[0], 1719860400000001);
  EXPECT_EQ(Texts(CastVector(ntz, DateType(), la)), (V{"2024-07-01"}));
}

TEST(Cast, TimestampToNumericAndBack) {
  EvalContext ctx = Ctx();
  VectorPtr ts = Col(TimestampType(), {Value::Timestamp(-1500000)});
  EXPECT_EQ(Texts(CastVector(ts, LongType(), ctx)), (V{"-2"}));
  EXPECT_EQ(Texts(CastVector(ts, DoubleType(), ctx)), (V{"-1.5"}));
  VectorPtr secs = Col(LongType(), {I64(86400)});
  EXPECT_EQ(Texts(CastVector(secs, TimestampType(), ctx)), (V{"1970-01-02 00:00:00"}));
}

TEST(Cast, NestedToString) {
  EvalContext ctx = Ctx();
  Value arr = Value::Null(ArrayType(IntType()));
  arr.is_null = false;
  arr.children = {I32(1), Null(IntType()), I32(3)};
  VectorPtr a = Col(ArrayType(IntType()), {arr});
  EXPECT_EQ(CastVector(a, StringType(), ctx)->GetString(0), "[1, null, 3]");
  EXPECT_EQ(Texts(a), (V{"[1, NULL, 3]"}));

  Value map = Value::Null(MapType(StringType(), IntType()));
  map.is_null = false;
  map.children = {Str("a"), Str("b"), I32(1), Null(IntType())};
  VectorPtr m = Col(MapType(StringType(), IntType()), {map});
  EXPECT_EQ(CastVector(m, StringType(), ctx)->GetString(0), "{a -> 1, b -> null}");
  EXPECT_EQ(Texts(m), (V{"{a -> 1, b -> NULL}"}));

  TypePtr st = StructType({{"x", IntType(), true}, {"y", StringType(), true}});
  Value row = Value::Null(st);
  row.is_null = false;
  row.children = {I32(1), Str("x")};
  VectorPtr s = Col(st, {row, Null(st)});
  EXPECT_EQ(CastVector(s, StringType(), ctx)->GetString(0), "{1, x}");
  EXPECT_EQ(Texts(s), (V{"{1, x}", "NULL"}));
}

TEST(Cast, ArrayElementCast) {
  EvalContext ctx = Ctx();
  Value arr = Value::Null(ArrayType(StringType()));
  arr.is_null = false;
  arr.children = {Str("1"), Str("22")};
  VectorPtr a = Col(ArrayType(StringType()), {arr, Null(ArrayType(StringType()))});
  VectorPtr out = CastVector(a, ArrayType(IntType()), ctx);
  EXPECT_EQ(Texts(out), (V{"[1, 22]", "NULL"}));
}

TEST(PrettyString, NullsBinaryAndTimestamps) {
  Value bin = Value::String(std::string("\x0a\x1b", 2));
  bin.type = BinaryType();
  VectorPtr b = Col(BinaryType(), {bin, Null(BinaryType())});
  EXPECT_EQ(Texts(b), (V{"[0A 1B]", "NULL"}));
  VectorPtr ts = Col(TimestampType(), {Value::Timestamp(1704448800000000), Value::Timestamp(1704448800120000)});
  EXPECT_EQ(Texts(ts), (V{"2024-01-05 10:00:00", "2024-01-05 10:00:00.12"}));
  VectorPtr f = Col(FloatType(), {TypedF(FloatType(), 1.5)});
  EXPECT_EQ(Texts(f), (V{"1.5"}));
  VectorPtr dec = Col(DecimalType(10, 2), {Dec(5, 10, 2)});
  EXPECT_EQ(Texts(dec), (V{"0.05"}));
}

TEST(Cast, DecimalTextFollowsJavaBigDecimal) {
  VectorPtr d = Col(DecimalType(20, 8), {Dec(0, 20, 8), Dec(1, 20, 8), Dec(-12345, 20, 8), Dec(100000000, 20, 8),
                                         Dec(10, 20, 8)});
  EXPECT_EQ(Texts(d), (V{"0E-8", "1E-8", "-0.00012345", "1.00000000", "1.0E-7"}));
  VectorPtr small = Col(DecimalType(10, 6), {Dec(0, 10, 6), Dec(1, 10, 6)});
  EXPECT_EQ(Texts(small), (V{"0.000000", "0.000001"}));
}

TEST(Cast, CanCastMatrix) {
  EXPECT_TRUE(CanCast(*StringType(), *IntType()));
  EXPECT_TRUE(CanCast(*IntType(), *StringType()));
  EXPECT_TRUE(CanCast(*DateType(), *TimestampType()));
  EXPECT_TRUE(CanCast(*ArrayType(StringType()), *ArrayType(IntType())));
  EXPECT_FALSE(CanCast(*DateType(), *BooleanType()));
  EXPECT_FALSE(CanCast(*ArrayType(IntType()), *IntType()));
  EXPECT_FALSE(CanCast(*BinaryType(), *IntType()));
}

}  // namespace
}  // namespace ember::ftest

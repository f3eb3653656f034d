#include "function_test_util.h"

namespace ember::ftest {
namespace {

using V = std::vector<std::string>;

TEST(Datetime, FromUnixtimeDefaultFormatInSessionZone) {
  VectorPtr secs = Col(LongType(), {I64(0), I64(1704448800), Null(LongType())});
  EvalContext utc = Ctx(true, "UTC");
  EXPECT_EQ(Texts(Apply("from_unixtime", {Vec(secs), Lit(Str("yyyy-MM-dd HH:mm:ss"), 3)}, utc)),
            (V{"1970-01-01 00:00:00", "2024-01-05 10:00:00", "NULL"}));
  EvalContext la = Ctx(true, "America/Los_Angeles");
  EXPECT_EQ(Texts(Apply("from_unixtime", {Vec(secs)}, la)),
            (V{"1969-12-31 16:00:00", "2024-01-05 02:00:00", "NULL"}));
}

TEST(Datetime, FromUnixtimeTakesIntColumns) {
  EvalContext ctx = Ctx();
  VectorPtr secs = Col(IntType(), {I32(86400)});
  EXPECT_EQ(Texts(Apply("from_unixtime", {Vec(secs), Lit(Str("dd/MM/yy"))}, ctx)), (V{"02/01/70"}));
}

TEST(Datetime, DateFormatPatternLetters) {
  EvalContext ctx = Ctx(true, "UTC");
  // 2024-01-05 (a Friday) 14:07:09.123456 UTC
  VectorPtr ts = Col(TimestampType(), {Value::Timestamp(1704463629123456)});
  auto fmt = [&](const std::string& p) { return Texts(Apply("date_format", {Vec(ts), Lit(Str(p))}, ctx))[0]; };
  EXPECT_EQ(fmt("yyyy-MM-dd HH:mm:ss"), "2024-01-05 14:07:09");
  EXPECT_EQ(fmt("yy M d H m s"), "24 1 5 14 7 9");
  EXPECT_EQ(fmt("MMM MMMM"), "Jan January");
  EXPECT_EQ(fmt("E EEEE"), "Fri Friday");
  EXPECT_EQ(fmt("hh:mm a"), "02:07 PM");
  EXPECT_EQ(fmt("D DDD"), "5 005");
  EXPECT_EQ(fmt("S SSS SSSSSS"), "1 123 123456");
  EXPECT_EQ(fmt("'Q'Q 'at' HH"), "Q1 at 14");
  EXPECT_EQ(fmt("XXX"), "Z");
  EvalContext la = Ctx(true, "America/Los_Angeles");
  EXPECT_EQ(Texts(Apply("date_format", {Vec(ts), Lit(Str("yyyy-MM-dd HH:mm XXX"))}, la))[0], "2024-01-05 06:07 -08:00");
}

TEST(Datetime, ToTimestampWithoutFormatIsACast) {
  VectorPtr s = Col(StringType(), {Str("2024-01-05 10:00:00"), Str("bad")});
  EvalContext ansi = Ctx(true);
  EXPECT_EQ(ErrorClass([&] { Apply("to_timestamp", {Vec(s)}, ansi); }), "CAST_INVALID_INPUT");
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(Apply("to_timestamp", {Vec(s)}, legacy)), (V{"2024-01-05 10:00:00", "NULL"}));
}

TEST(Datetime, ToTimestampWithFormat) {
  VectorPtr s = Col(StringType(), {Str("05/01/2024 10:30"), Str("5/1/2024 9:05"), Null(StringType())});
  EvalContext ctx = Ctx(true);
  EXPECT_EQ(Texts(Apply("to_timestamp", {Vec(s), Lit(Str("d/M/yyyy H:mm"), 3)}, ctx)),
            (V{"2024-01-05 10:30:00", "2024-01-05 09:05:00", "NULL"}));
  VectorPtr bad = Col(StringType(), {Str("2024-13-01")});
  try {
    Apply("to_timestamp", {Vec(bad), Lit(Str("yyyy-MM-dd"))}, ctx);
    FAIL();
  } catch (const SparkError& e) {
    EXPECT_EQ(e.error_class(), "CANNOT_PARSE_TIMESTAMP");
    EXPECT_EQ(e.sql_state(), "22007");
  }
  VectorPtr junk = Col(StringType(), {Str("2024-01-01x")});
  EXPECT_EQ(ErrorClass([&] { Apply("to_timestamp", {Vec(junk), Lit(Str("yyyy-MM-dd"))}, ctx); }), "CANNOT_PARSE_TIMESTAMP");
  EvalContext legacy = Ctx(false);
  EXPECT_EQ(Texts(Apply("to_timestamp", {Vec(bad), Lit(Str("yyyy-MM-dd"))}, legacy)), (V{"NULL"}));
}

TEST(Datetime, ToTimestampParsesFractionsAndZones) {
  EvalContext ctx = Ctx(true, "UTC");
  VectorPtr s = Col(StringType(), {Str("2024-01-05T10:00:00.5+0100")});
  EXPECT_EQ(Texts(Apply("to_timestamp", {Vec(s), Lit(Str("yyyy-MM-dd'T'HH:mm:ss.SSSXX"))}, ctx)),
            (V{"2024-01-05 09:00:00.5"}));
  VectorPtr t = Col(StringType(), {Str("Jan 5 2024 02:30 PM")});
  EXPECT_EQ(Texts(Apply("to_timestamp", {Vec(t), Lit(Str("MMM d yyyy hh:mm a"))}, ctx)), (V{"2024-01-05 14:30:00"}));
}

TEST(Datetime, ToDateFromStringsAndTimestamps) {
  EvalContext la = Ctx(true, "America/Los_Angeles");
  VectorPtr s = Col(StringType(), {Str("2024-01-05"), Str("2024-01-05 23:59:59")});
  EXPECT_EQ(Texts(Apply("to_date", {Vec(s)}, la)), (V{"2024-01-05", "2024-01-05"}));
  // 2024-01-05 03:00 UTC is still January 4th in Los Angeles.
  VectorPtr ts = Col(TimestampType(), {Value::Timestamp(1704423600000000)});
  EXPECT_EQ(Texts(Apply("to_date", {Vec(ts)}, la)), (V{"2024-01-04"}));
  VectorPtr f = Col(StringType(), {Str("05.01.2024")});
  EXPECT_EQ(Texts(Apply("to_date", {Vec(f), Lit(Str("dd.MM.yyyy"))}, la)), (V{"2024-01-05"}));
}

TEST(Datetime, EtlChain) {
  // to_date(to_timestamp(from_unixtime(ts))) in the session zone.
  EvalContext la = Ctx(true, "America/Los_Angeles");
  VectorPtr secs = Col(LongType(), {I64(1704423600)});  // 2024-01-05 03:00 UTC
  VectorPtr text = Apply("from_unixtime", {Vec(secs), Lit(Str("yyyy-MM-dd HH:mm:ss"))}, la);
  VectorPtr ts = Apply("to_timestamp", {Vec(text)}, la);
  EXPECT_EQ(ts->Data<int64_t>()[0], 1704423600000000);
  EXPECT_EQ(Texts(Apply("to_date", {Vec(ts)}, la)), (V{"2024-01-04"}));
}

TEST(Datetime, UnixTimestamp) {
  EvalContext ctx = Ctx(true, "UTC");
  VectorPtr s = Col(StringType(), {Str("1970-01-02 00:00:00")});
  EXPECT_EQ(Texts(Apply("unix_timestamp", {Vec(s)}, ctx)), (V{"86400"}));
  VectorPtr d = Col(StringType(), {Str("02/01/1970")});
  EXPECT_EQ(Texts(Apply("unix_timestamp", {Vec(d), Lit(Str("dd/MM/yyyy"))}, ctx)), (V{"86400"}));
  VectorPtr ts = Col(TimestampType(), {Value::Timestamp(-1)});
  EXPECT_EQ(Texts(Apply("unix_timestamp", {Vec(ts)}, ctx)), (V{"-1"}));
  EXPECT_EQ(Texts(Apply("unix_timestamp", {}, ctx)), (V{"1704448800"}));
  EvalContext legacy = Ctx(false);
  VectorPtr bad = Col(StringType(), {Str("nope")});
  EXPECT_EQ(Texts(Apply("unix_timestamp", {Vec(bad)}, legacy)), (V{"NULL"}));
}

TEST(Datetime, FieldExtractors) {
  EvalContext la = Ctx(true, "America/Los_Angeles");
  VectorPtr ts = Col(TimestampType(), {Value::Timestamp(1704463629000000), Null(TimestampType())});  // 14:07:09 UTC
  EXPECT_EQ(Texts(Apply("hour", {Vec(ts)}, la)), (V{"6", "NULL"}));
  EXPECT_EQ(Texts(Apply("minute", {Vec(ts)}, la)), (V{"7", "NULL"}));
  EXPECT_EQ(Texts(Apply("second", {Vec(ts)}, la)), (V{"9", "NULL"}));
  VectorPtr d = Col(DateType(), {Value::Date(19727)});  // 2024-01-05, a Friday
  EXPECT_EQ(Texts(Apply("year", {Vec(d)}, la)), (V{"2024"}));
  EXPECT_EQ(Texts(Apply("month", {Vec(d)}, la)), (V{"1"}));
  EXPECT_EQ(Texts(Apply("dayofmonth", {Vec(d)}, la)), (V{"5"}));
  EXPECT_EQ(Texts(Apply("day", {Vec(d)}, la)), (V{"5"}));
  EXPECT_EQ(Texts(Apply("dayofweek", {Vec(d)}, la)), (V{"6"}));
  EXPECT_EQ(Texts(Apply("dayofyear", {Vec(d)}, la)), (V{"5"}));
  EXPECT_EQ(Texts(Apply("quarter", {Vec(d)}, la)), (V{"1"}));
  // year() of a timestamp goes through its date in the session zone.
  VectorPtr newyear = Col(TimestampType(), {Value::Timestamp(1704070800000000)});  // 2024-01-01 01:00 UTC
  EXPECT_EQ(Texts(Apply("year", {Vec(newyear)}, la)), (V{"2023"}));
}

TEST(Datetime, DateArithmetic) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(DateType(), {Value::Date(19727), Null(DateType())});
  VectorPtr b = Col(StringType(), {Str("2024-01-01"), Str("2024-01-01")});
  EXPECT_EQ(Texts(Apply("datediff", {Vec(a), Vec(b)}, ctx)), (V{"4", "NULL"}));
  EXPECT_EQ(Texts(Apply("date_add", {Vec(a), Lit(I32(30), 2)}, ctx)), (V{"2024-02-04", "NULL"}));
  EXPECT_EQ(Texts(Apply("date_sub", {Vec(a), Lit(I32(5), 2)}, ctx)), (V{"2023-12-31", "NULL"}));
}

TEST(Datetime, CurrentDateAndTimestampAreFixedPerQuery) {
  EvalContext la = Ctx(true, "America/Los_Angeles");
  EXPECT_EQ(Texts(Apply("current_timestamp", {}, la), "America/Los_Angeles"), (V{"2024-01-05 02:00:00"}));
  EXPECT_EQ(Texts(Apply("current_date", {}, la)), (V{"2024-01-05"}));
  EvalContext tokyo = Ctx(true, "Asia/Tokyo");
  EXPECT_EQ(Texts(Apply("current_date", {}, tokyo)), (V{"2024-01-05"}));
  EXPECT_EQ(Texts(Apply("now", {}, tokyo), "Asia/Tokyo"), (V{"2024-01-05 19:00:00"}));
}

TEST(Datetime, InvalidPatternIsRejectedAtBind) {
  EvalContext ctx = Ctx();
  VectorPtr ts = Col(TimestampType(), {Value::Timestamp(0)});
  EXPECT_EQ(ErrorClass([&] { Bind("date_format", {Vec(ts), Lit(Str("yyyy-bb"))}, ctx); }), "INVALID_PARAMETER_VALUE");
}

}  // namespace
}  // namespace ember::ftest

namespace ember::ftest {
namespace {

TEST(Datetime, PatternsFromAColumn) {
  EvalContext ctx = Ctx();
  VectorPtr ts = Col(TimestampType(), {Value::Timestamp(1704448800000000), Value::Timestamp(1704448800000000),
                                       Value::Timestamp(0)});
  VectorPtr patterns = Col(StringType(), {Str("yyyy"), Str("MM/dd"), Null(StringType())});
  EXPECT_EQ(Texts(Apply("date_format", {Vec(ts), Vec(patterns)}, ctx)), (std::vector<std::string>{"2024", "01/05", "NULL"}));
  VectorPtr text = Col(StringType(), {Str("2024"), Str("01/05"), Str("x")});
  EXPECT_EQ(Texts(Apply("to_date", {Vec(text), Vec(patterns)}, ctx)),
            (std::vector<std::string>{"2024-01-01", "1970-01-05", "NULL"}));
}

}  // namespace
}  // namespace ember::ftest

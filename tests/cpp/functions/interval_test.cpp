#include "common/interval.h"
#include "function_test_util.h"

namespace ember::ftest {
namespace {

using V = std::vector<std::string>;

Value Months(int64_t months, TypePtr type = YearMonthIntervalType()) { return Typed(std::move(type), months); }
Value Micros(int64_t micros, TypePtr type = DayTimeIntervalType()) { return Typed(std::move(type), micros); }

TEST(IntervalArithmetic, YearMonthOnTimestampsKeepsTheWallClockAcrossDst) {
  // 2024-02-10 10:00 in Los Angeles (PST); one month later is 2024-03-10 10:00 PDT.
  EvalContext la = Ctx(true, "America/Los_Angeles");
  VectorPtr ts = Col(TimestampType(), {Value::Timestamp(1707588000000000), Null(TimestampType())});
  VectorPtr month = Col(YearMonthIntervalType(), {Months(1), Months(1)});
  EXPECT_EQ(Texts(Apply("+", {Vec(ts), Vec(month)}, la), "America/Los_Angeles"),
            (V{"2024-03-10 10:00:00", "NULL"}));
  // A day-time interval adds exact microseconds: 24 hours across the change is 11:00 local.
  VectorPtr ts2 = Col(TimestampType(), {Value::Timestamp(1710050400000000)});  // 2024-03-09 22:00 PST
  VectorPtr day = Col(DayTimeIntervalType(), {Micros(kMicrosPerDay)});
  EXPECT_EQ(Texts(Apply("+", {Vec(ts2), Vec(day)}, la), "America/Los_Angeles"), (V{"2024-03-10 23:00:00"}));
}

TEST(IntervalArithmetic, DatePlusIntervalTypes) {
  EvalContext ctx = Ctx();
  VectorPtr dates = Col(DateType(), {Value::Date(19753), Value::Date(19782)});  // 2024-01-31, 2024-02-29
  VectorPtr months = Col(YearMonthIntervalType(kMonthField, kMonthField),
                         {Months(1, YearMonthIntervalType(kMonthField, kMonthField)),
                          Months(-12, YearMonthIntervalType(kMonthField, kMonthField))});
  EXPECT_EQ(Texts(Apply("+", {Vec(dates), Vec(months)}, ctx)), (V{"2024-02-29", "2023-02-28"}));
  TypePtr days = DayTimeIntervalType(kDayField, kDayField);
  VectorPtr shift = Col(days, {Micros(2 * kMicrosPerDay, days), Null(days)});
  VectorPtr out = Apply("-", {Vec(dates), Vec(shift)}, ctx);
  EXPECT_EQ(out->type()->id, TypeId::kDate);
  EXPECT_EQ(Texts(out), (V{"2024-01-29", "NULL"}));
}

TEST(IntervalArithmetic, ScalingRoundsAndChecks) {
  EvalContext ctx = Ctx();
  VectorPtr ym = Col(YearMonthIntervalType(), {Months(5), Months(-5), Months(3)});
  EXPECT_EQ(Texts(Apply("/", {Vec(ym), Lit(I32(2), 3)}, ctx)),
            (V{"INTERVAL '0-3' YEAR TO MONTH", "INTERVAL '-0-3' YEAR TO MONTH", "INTERVAL '0-2' YEAR TO MONTH"}));
  EXPECT_EQ(Texts(Apply("*", {Lit(F64(0.5), 3), Vec(ym)}, ctx)),
            (V{"INTERVAL '0-2' YEAR TO MONTH", "INTERVAL '-0-2' YEAR TO MONTH", "INTERVAL '0-2' YEAR TO MONTH"}));
  EXPECT_THROW(Apply("/", {Vec(ym), Lit(I32(0), 3)}, ctx), SparkError);
  VectorPtr big = Col(YearMonthIntervalType(), {Months(2'000'000'000)});
  try {
    Apply("*", {Vec(big), Lit(I32(2))}, ctx);
    FAIL() << "expected an overflow";
  } catch (const SparkError& error) {
    EXPECT_EQ(error.error_class(), "ARITHMETIC_OVERFLOW");
  }
}

TEST(IntervalArithmetic, DifferencesAreDayTimeIntervals) {
  EvalContext ctx = Ctx();
  VectorPtr a = Col(DateType(), {Value::Date(10), Value::Date(0)});
  VectorPtr b = Col(DateType(), {Value::Date(0), Value::Date(10)});
  VectorPtr out = Apply("-", {Vec(a), Vec(b)}, ctx);
  EXPECT_TRUE(out->type()->Equals(*DayTimeIntervalType(kDayField, kDayField)));
  EXPECT_EQ(Texts(out), (V{"INTERVAL '10' DAY", "INTERVAL '-10' DAY"}));
  VectorPtr t1 = Col(TimestampType(), {Value::Timestamp(90'061'000'001)});
  VectorPtr t0 = Col(TimestampType(), {Value::Timestamp(0)});
  EXPECT_EQ(Texts(Apply("-", {Vec(t1), Vec(t0)}, ctx)), (V{"INTERVAL '1 01:01:01.000001' DAY TO SECOND"}));
}

TEST(IntervalArithmetic, MixedKindsAreATypeMismatch) {
  EvalContext ctx = Ctx();
  VectorPtr ym = Col(YearMonthIntervalType(), {Months(1)});
  VectorPtr dt = Col(DayTimeIntervalType(), {Micros(1)});
  EXPECT_THROW(Apply("+", {Vec(ym), Vec(dt)}, ctx), SparkError);
  EXPECT_THROW(Apply("/", {Lit(I32(1)), Vec(dt)}, ctx), SparkError);
}

TEST(MonthFunctions, AddMonthsAndMonthsBetween) {
  EvalContext ctx = Ctx();
  VectorPtr dates = Col(DateType(), {Value::Date(16679), Null(DateType())});  // 2015-09-01
  EXPECT_EQ(Texts(Apply("add_months", {Vec(dates), Lit(I32(5), 2)}, ctx)), (V{"2016-02-01", "NULL"}));
  // 1997-02-28 10:30:00 and 1996-10-30: Spark's documented example.
  VectorPtr end = Col(TimestampType(), {Value::Timestamp(857125800000000)});
  VectorPtr start = Col(TimestampType(), {Value::Timestamp(846633600000000)});
  EXPECT_EQ(Texts(Apply("months_between", {Vec(end), Vec(start)}, ctx)), (V{"3.94959677"}));
  EXPECT_EQ(Texts(Apply("months_between", {Vec(end), Vec(start), Lit(Bool(false))}, ctx)), (V{"3.9495967741935485"}));
}

}  // namespace
}  // namespace ember::ftest

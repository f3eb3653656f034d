#include "common/interval.h"

#include <gtest/gtest.h>

#include <limits>

#include "common/error.h"

namespace ember {
namespace {

TEST(IntervalTypeTest, NamesAndDdl) {
  EXPECT_EQ(YearMonthIntervalType()->ToString(), "interval year to month");
  EXPECT_EQ(YearMonthIntervalType(kMonthField, kMonthField)->ToString(), "interval month");
  EXPECT_EQ(DayTimeIntervalType(kHourField, kSecondField)->ToString(), "interval hour to second");
  EXPECT_TRUE(ParseDataType("INTERVAL DAY TO MINUTE")->Equals(*DayTimeIntervalType(kDayField, kMinuteField)));
  EXPECT_TRUE(ParseDataType("interval years")->Equals(*YearMonthIntervalType(kYearField, kYearField)));
  EXPECT_FALSE(DayTimeIntervalType()->Equals(*DayTimeIntervalType(kDayField, kDayField)));
  EXPECT_THROW(ParseDataType("interval second to day"), SparkError);
  EXPECT_THROW(ParseDataType("interval year to day"), SparkError);
}

TEST(IntervalTextTest, YearMonth) {
  EXPECT_EQ(IntervalToString(14, *YearMonthIntervalType()), "INTERVAL '1-2' YEAR TO MONTH");
  EXPECT_EQ(IntervalToString(-14, *YearMonthIntervalType()), "INTERVAL '-1-2' YEAR TO MONTH");
  EXPECT_EQ(IntervalToString(-14, *YearMonthIntervalType(kMonthField, kMonthField)), "INTERVAL '-14' MONTH");
  EXPECT_EQ(IntervalToString(24, *YearMonthIntervalType(kYearField, kYearField)), "INTERVAL '2' YEAR");
  EXPECT_EQ(IntervalToString(std::numeric_limits<int32_t>::min(), *YearMonthIntervalType()),
            "INTERVAL '-178956970-8' YEAR TO MONTH");
}

TEST(IntervalTextTest, DayTime) {
  int64_t value = kMicrosPerDay + 2 * kMicrosPerHour + 3 * kMicrosPerMinute + 4 * kMicrosPerSecond + 500'000;
  EXPECT_EQ(IntervalToString(value, *DayTimeIntervalType()), "INTERVAL '1 02:03:04.5' DAY TO SECOND");
  EXPECT_EQ(IntervalToString(-value, *DayTimeIntervalType()), "INTERVAL '-1 02:03:04.5' DAY TO SECOND");
  EXPECT_EQ(IntervalToString(value, *DayTimeIntervalType(kHourField, kMinuteField)), "INTERVAL '26:03' HOUR TO MINUTE");
  EXPECT_EQ(IntervalToString(value, *DayTimeIntervalType(kDayField, kDayField)), "INTERVAL '1' DAY");
  EXPECT_EQ(IntervalToString(4'000'001, *DayTimeIntervalType(kSecondField, kSecondField)),
            "INTERVAL '04.000001' SECOND");
  EXPECT_EQ(IntervalToString(std::numeric_limits<int64_t>::min(), *DayTimeIntervalType()),
            "INTERVAL '-106751991 04:00:54.775808' DAY TO SECOND");
}

TEST(IntervalParseTest, ReadsWhatItWrites) {
  for (const TypePtr& type : {DayTimeIntervalType(), DayTimeIntervalType(kHourField, kSecondField),
                              DayTimeIntervalType(kMinuteField, kMinuteField)}) {
    for (int64_t value : {int64_t{0}, -kMicrosPerMinute * 61, kMicrosPerDay * 3 + 1'500'000}) {
      int64_t truncated = TruncateInterval(value, *type);
      EXPECT_EQ(ParseInterval(IntervalToString(truncated, *type), *type), truncated) << type->ToString();
    }
  }
  EXPECT_EQ(ParseInterval(" +1-11 ", *YearMonthIntervalType()), 23);
  EXPECT_EQ(ParseInterval("-7", *YearMonthIntervalType(kYearField, kYearField)), -84);
}

TEST(IntervalParseTest, RejectsMalformedAndOutOfRange) {
  EXPECT_FALSE(ParseInterval("1-12", *YearMonthIntervalType()));
  EXPECT_FALSE(ParseInterval("1", *YearMonthIntervalType()));
  EXPECT_FALSE(ParseInterval("1 24:00:00", *DayTimeIntervalType()));
  EXPECT_FALSE(ParseInterval("1 02:03:04.1234567", *DayTimeIntervalType()));
  EXPECT_FALSE(ParseInterval("INTERVAL '1' DAY", *DayTimeIntervalType(kHourField, kHourField)));
  EXPECT_FALSE(ParseInterval("178956971", *YearMonthIntervalType(kYearField, kYearField)));
}

}  // namespace
}  // namespace ember

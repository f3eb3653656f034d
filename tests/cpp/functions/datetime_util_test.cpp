#include <gtest/gtest.h>

#include <random>

#include "absl/time/civil_time.h"
#include "functions/datetime/datetime_util.h"

namespace ember {
namespace {

absl::TimeZone Zone(const std::string& name) {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone(name, &tz));
  return tz;
}

TEST(DatetimeUtil, CivilDayArithmetic) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2024, 1, 5), 19727);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  for (int64_t days : {-800000LL, -1LL, 0LL, 59LL, 11016LL, 19727LL, 2932896LL}) {
    int64_t y;
    int m, d;
    CivilFromDays(days, &y, &m, &d);
    EXPECT_EQ(DaysFromCivil(y, m, d), days);
    absl::CivilDay expected = absl::CivilDay(1970, 1, 1) + days;
    EXPECT_EQ(y, expected.year());
    EXPECT_EQ(m, expected.month());
    EXPECT_EQ(d, expected.day());
  }
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
}

// The cached conversions agree with the zone database everywhere, transitions included.
TEST(DatetimeUtil, CachedConversionsMatchZoneDatabase) {
  std::mt19937_64 rng(7);
  for (const char* name : {"UTC", "Etc/GMT+5", "America/Los_Angeles", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata"}) {
    absl::TimeZone tz = Zone(name);
    for (int k = 0; k < 20000; ++k) {
      // Seconds between 1900 and 2100, with extra weight near 2024's transitions.
      int64_t s = k % 2 ? static_cast<int64_t>(rng() % 6311433600ULL) - 2208988800LL
                        : 1710054000LL + static_cast<int64_t>(rng() % (240 * 86400));
      LocalTime t = ToLocalTime(s * 1000000 + 250, tz);
      absl::CivilSecond c = absl::ToCivilSecond(absl::FromUnixSeconds(s), tz);
      ASSERT_EQ(t.year, c.year()) << name << " " << s;
      ASSERT_EQ(t.month, c.month());
      ASSERT_EQ(t.day, c.day());
      ASSERT_EQ(t.hour, c.hour());
      ASSERT_EQ(t.minute, c.minute());
      ASSERT_EQ(t.second, c.second());
      ASSERT_EQ(t.micros, 250);
      int64_t local = absl::CivilSecond(c) - absl::CivilSecond(1970, 1, 1, 0, 0, 0);
      ASSERT_EQ(LocalSecondsToUtc(local, tz), absl::ToUnixSeconds(tz.At(c).pre)) << name << " " << s;
    }
  }
}

TEST(DatetimeUtil, GapsAndOverlapsFollowJavaTime) {
  absl::TimeZone la = Zone("America/Los_Angeles");
  int64_t spring = DaysFromCivil(2024, 3, 10) * 86400;
  // 02:30 does not exist: it moves forward to 03:30 PDT (10:30 UTC).
  EXPECT_EQ(LocalSecondsToUtc(spring + 2 * 3600 + 1800, la), spring + 10 * 3600 + 1800);
  int64_t fall = DaysFromCivil(2024, 11, 3) * 86400;
  // 01:30 happens twice: the earlier offset (PDT, UTC-7) wins.
  EXPECT_EQ(LocalSecondsToUtc(fall + 3600 + 1800, la), fall + 8 * 3600 + 1800);
  int64_t micros = 0;
  ASSERT_TRUE(ParseTimestamp("2024-11-03 01:30:00", la, &micros));
  EXPECT_EQ(micros, (fall + 8 * 3600 + 1800) * 1000000);
}

TEST(DatetimeUtil, TextForms) {
  absl::TimeZone utc = absl::UTCTimeZone();
  std::string s;
  AppendTimestamp(-1, utc, &s);
  EXPECT_EQ(s, "1969-12-31 23:59:59.999999");
  s.clear();
  AppendDate(-719162, &s);
  EXPECT_EQ(s, "0001-01-01");
  int32_t days = 0;
  EXPECT_TRUE(ParseDate("-0001-01-01", &days));
  EXPECT_FALSE(ParseDate("2023-02-29", &days));
  EXPECT_TRUE(ParseDate("2024-02-29", &days));
  absl::TimeZone tz;
  EXPECT_TRUE(ParseZone("GMT+05:30", &tz));
  EXPECT_TRUE(ParseZone("-08", &tz));
  EXPECT_FALSE(ParseZone("Nowhere/City", &tz));
}

}  // namespace
}  // namespace ember

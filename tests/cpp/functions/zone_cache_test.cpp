#include "functions/datetime/zone_cache.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace ember {
namespace {

const absl::CivilSecond kEpoch(1970, 1, 1, 0, 0, 0);

// Every zone of the system's zone1970.tab, and a few names it does not list.
std::vector<std::string> ZoneNames() {
  std::vector<std::string> names = {"UTC", "Etc/GMT+5", "US/Pacific", "Europe/Dublin", "Asia/Kolkata"};
  std::ifstream tab("/usr/share/zoneinfo/zone1970.tab");
  std::string line;
  while (std::getline(tab, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string codes, coordinates, name;
    fields >> codes >> coordinates >> name;
    names.push_back(name);
  }
  return names;
}

int32_t DatabaseOffset(const absl::TimeZone& tz, int64_t utc_seconds) {
  return tz.At(absl::FromUnixSeconds(utc_seconds)).offset;
}
int64_t DatabaseLocalToUtc(const absl::TimeZone& tz, int64_t local_seconds) {
  return absl::ToUnixSeconds(tz.At(kEpoch + local_seconds).pre);
}

// The table agrees with the zone database (absl, which the conversions asked before; java.time's
// rules for gaps and overlaps are its `pre` instants) at and around every transition up to 2150,
// and at random instants from year -1000 to year 290000 (past the table: the rule's 400-year
// cycle, or the last offset).
TEST(ZoneCache, MatchesZoneDatabaseInEveryZone) {
  std::vector<std::string> names = ZoneNames();
  ASSERT_GT(names.size(), 300u);
  std::mt19937_64 rng(11);
  const int64_t end_2150 = absl::ToUnixSeconds(absl::FromCivil(absl::CivilSecond(2150, 1, 1, 0, 0, 0), absl::UTCTimeZone()));
  for (const std::string& name : names) {
    absl::TimeZone tz;
    ASSERT_TRUE(absl::LoadTimeZone(name, &tz)) << name;
    ZoneCache table(tz);
    auto check = [&](int64_t utc_seconds, int64_t local_seconds) {
      ASSERT_EQ(table.OffsetAtUtc(utc_seconds), DatabaseOffset(tz, utc_seconds)) << name << " utc " << utc_seconds;
      ASSERT_EQ(table.LocalToUtc(local_seconds), DatabaseLocalToUtc(tz, local_seconds))
          << name << " local " << local_seconds;
    };
    absl::TimeZone::CivilTransition transition;
    absl::Time at = absl::InfinitePast();
    while (tz.NextTransition(at, &transition)) {
      at = tz.At(transition.to).trans;
      int64_t t = absl::ToUnixSeconds(at);
      if (t >= end_2150) break;
      // Wall-clock seconds around both ends of the gap or overlap, and inside it.
      int64_t from = transition.from - kEpoch, to = transition.to - kEpoch;
      for (int64_t d : {-1, 0, 1}) {
        check(t + d, from + d);
        check(t + d, to + d);
      }
      check(t - 3600, (from + to) / 2);
    }
    for (int k = 0; k < 3000; ++k) {
      int64_t seconds;
      switch (k % 3) {
        case 0:  // 1800..2600
          seconds = -5364662400LL + static_cast<int64_t>(rng() % 25246080000ULL);
          break;
        case 1:  // 2600..12000
          seconds = 19880899200LL + static_cast<int64_t>(rng() % 296640000000ULL);
          break;
        default:  // -1000..290000
          seconds = -93718569600LL + static_cast<int64_t>(rng() % 9245000000000ULL);
      }
      check(seconds, seconds + static_cast<int64_t>(rng() % 172800) - 86400);
    }
  }
}

TEST(ZoneCache, GapsOverlapsAndFarYears) {
  absl::TimeZone berlin;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &berlin));
  ZoneCache table(berlin);
  auto local = [](int64_t y, int m, int d, int h, int min) {
    return absl::CivilSecond(y, m, d, h, min, 0) - kEpoch;
  };
  auto utc = [](int64_t y, int m, int d, int h, int min) {
    return absl::ToUnixSeconds(absl::FromCivil(absl::CivilSecond(y, m, d, h, min, 0), absl::UTCTimeZone()));
  };
  // 2024-03-31 02:30 does not exist in Berlin: it is read as 03:30 CEST (01:30 UTC).
  EXPECT_EQ(table.LocalToUtc(local(2024, 3, 31, 2, 30)), utc(2024, 3, 31, 1, 30));
  // 2024-10-27 02:30 happens twice: the earlier, CEST (00:30 UTC).
  EXPECT_EQ(table.LocalToUtc(local(2024, 10, 27, 2, 30)), utc(2024, 10, 27, 0, 30));
  EXPECT_EQ(table.LocalToUtc(local(2024, 10, 27, 3, 0)), utc(2024, 10, 27, 2, 0));
  // Summer and winter in year 5000 (past the table, the rule's 400-year cycle) and in 1850 (local
  // mean time, +0:53:28, before the first transition).
  EXPECT_EQ(table.OffsetAtUtc(utc(5000, 7, 1, 12, 0)), 7200);
  EXPECT_EQ(table.OffsetAtUtc(utc(5000, 1, 1, 12, 0)), 3600);
  EXPECT_EQ(table.LocalToUtc(local(5000, 7, 1, 12, 0)), utc(5000, 7, 1, 10, 0));
  EXPECT_EQ(table.OffsetAtUtc(utc(1850, 7, 1, 12, 0)), 3208);
  // A day starts at midnight, or where the gap holding midnight ends: Toronto moved from 23:30 EST
  // to 00:30 EDT on 1919-03-30, so 1919-03-31 starts at 00:30 EDT (04:30 UTC), where LocalToUtc
  // moves 00:00 by the gap's hour to 01:00 EDT.
  absl::TimeZone toronto;
  ASSERT_TRUE(absl::LoadTimeZone("America/Toronto", &toronto));
  ZoneCache toronto_table(toronto);
  int64_t day = local(1919, 3, 31, 0, 0) / 86400;
  EXPECT_EQ(toronto_table.StartOfDay(day), utc(1919, 3, 31, 4, 30));
  EXPECT_EQ(toronto_table.LocalToUtc(day * 86400), utc(1919, 3, 31, 5, 0));
  EXPECT_EQ(toronto_table.StartOfDay(day + 1), utc(1919, 4, 1, 4, 0));
  EXPECT_EQ(table.StartOfDay(local(2024, 3, 31, 0, 0) / 86400), utc(2024, 3, 30, 23, 0));
  // A zone without rule keeps its last offset: Kolkata in year 3000.
  absl::TimeZone kolkata;
  ASSERT_TRUE(absl::LoadTimeZone("Asia/Kolkata", &kolkata));
  EXPECT_EQ(ZoneCache(kolkata).OffsetAtUtc(utc(3000, 7, 1, 0, 0)), 19800);
}

TEST(ZoneCache, SharedPerZone) {
  absl::TimeZone la, berlin;
  ASSERT_TRUE(absl::LoadTimeZone("America/Los_Angeles", &la));
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &berlin));
  ZoneCache& first = ZoneCacheFor(la);
  ZoneCacheFor(berlin);
  ZoneCacheFor(absl::UTCTimeZone());
  // References stay valid whatever zones were asked for since.
  EXPECT_EQ(&ZoneCacheFor(la), &first);
  EXPECT_EQ(first.zone(), la);
}

}  // namespace
}  // namespace ember

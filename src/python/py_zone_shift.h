// Shifts microseconds between instants and wall-clock times of a zone for whole columns (pandas
// timestamps in and out): one fixed offset when the zone has no transitions (UTC, "+08:00"), else
// the per-day offsets of functions/datetime's ZoneCache. Gap times move forward and ambiguous times
// take the earlier offset, as java.time does. Make one per column and thread.
#pragma once

#include <cstdint>

#include "absl/time/time.h"
#include "common/interval.h"
#include "functions/datetime/datetime_util.h"

namespace ember::python {

class ZoneShift {
 public:
  explicit ZoneShift(const absl::TimeZone& zone) : cache_(ZoneCacheFor(zone)) {
    absl::TimeZone::CivilTransition transition;
    fixed_ = !zone.NextTransition(absl::InfinitePast(), &transition);
    if (fixed_) offset_micros_ = static_cast<int64_t>(zone.At(absl::UnixEpoch()).offset) * kMicrosPerSecond;
  }

  int64_t ToUtc(int64_t wall_micros) {
    if (fixed_) return wall_micros - offset_micros_;
    int64_t seconds = FloorDiv(wall_micros, kMicrosPerSecond);
    return cache_.LocalToUtc(seconds) * kMicrosPerSecond + (wall_micros - seconds * kMicrosPerSecond);
  }

  int64_t ToWall(int64_t utc_micros) {
    if (fixed_) return utc_micros + offset_micros_;
    int64_t seconds = FloorDiv(utc_micros, kMicrosPerSecond);
    return utc_micros + static_cast<int64_t>(cache_.OffsetAtUtc(seconds)) * kMicrosPerSecond;
  }

 private:
  ZoneCache& cache_;
  bool fixed_ = false;
  int64_t offset_micros_ = 0;
};

}  // namespace ember::python

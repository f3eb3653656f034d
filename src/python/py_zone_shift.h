// Shifts microseconds between instants and wall-clock times of a zone for whole columns (pandas
// timestamps in and out) through functions/datetime's ZoneCache. Gap times move forward and
// ambiguous times take the earlier offset, as java.time does.
#pragma once

#include <cstdint>

#include "absl/time/time.h"
#include "common/interval.h"
#include "functions/datetime/datetime_util.h"

namespace ember::python {

class ZoneShift {
 public:
  explicit ZoneShift(const absl::TimeZone& zone) : cache_(ZoneCacheFor(zone)) {}

  int64_t ToUtc(int64_t wall_micros) const {
    int64_t seconds = FloorDiv(wall_micros, kMicrosPerSecond);
    return cache_.LocalToUtc(seconds) * kMicrosPerSecond + (wall_micros - seconds * kMicrosPerSecond);
  }

  int64_t ToWall(int64_t utc_micros) const {
    int64_t seconds = FloorDiv(utc_micros, kMicrosPerSecond);
    return utc_micros + static_cast<int64_t>(cache_.OffsetAtUtc(seconds)) * kMicrosPerSecond;
  }

 private:
  const ZoneCache& cache_;
};

}  // namespace ember::python

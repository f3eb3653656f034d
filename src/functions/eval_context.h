// What expression evaluation needs to know about the session: ANSI mode, the session time zone
// and the query's start time (current_date/current_timestamp are fixed per query, as in Spark).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "common/config.h"

namespace ember {

struct EvalContext {
  bool ansi = true;
  std::string time_zone_name = "UTC";
  absl::TimeZone time_zone = absl::UTCTimeZone();
  int64_t query_start_micros = 0;  // microseconds since the epoch, UTC

  // Reads ANSI mode and the time zone from the session config; stamps the query start time.
  static EvalContext FromConfig(const Config& config);
};

}  // namespace ember

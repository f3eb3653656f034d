// Date and timestamp text as the JSON source reads and writes it. Without a user pattern Spark parses
// JSON dates and timestamps leniently, like CAST from string ("2024-01-05", "2024-1-5",
// "2024-01-05 10:00", "2024-01-05T10:00:00.123456+01:00", "... Z", "... UTC"); strings without a
// zone are wall-clock time in the session zone. Writing uses Spark's defaults: "yyyy-MM-dd" and
// "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" in the session zone (offset 0 prints "Z").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/time/time.h"

namespace ember {


// Parses a date the way Spark's default JSON date parser does; false when the text is not a date.
bool ParseJsonDate(std::string_view text, int32_t* days);
// Parses a timestamp; text without a zone is read in `zone`. False when it is not a timestamp.
bool ParseJsonTimestamp(std::string_view text, const absl::TimeZone& zone, int64_t* micros);
// Parses a timestamp without time zone; false when the text is not one or names a zone.
bool ParseJsonTimestampNtz(std::string_view text, int64_t* micros);

// Appends "yyyy-MM-dd".
void AppendJsonDate(int32_t days, std::string* out);
// Appends "yyyy-MM-ddTHH:mm:ss.SSS" followed by the zone offset ("Z" or "+hh:mm").
void AppendJsonTimestamp(int64_t micros, const absl::TimeZone& zone, std::string* out);
// Appends "yyyy-MM-ddTHH:mm:ss.SSS" (timestamp_ntz).
void AppendJsonTimestampNtz(int64_t micros, std::string* out);

}  // namespace ember

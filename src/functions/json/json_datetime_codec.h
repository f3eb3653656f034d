// How one JSON (or CSV) read or write turns dates and timestamps into text and back. Reading uses the
// user's dateFormat / timestampFormat / timestampNTZFormat patterns when given (no lenient
// fallback, as in Spark), otherwise Spark's lenient default, which accepts what CAST from string
// accepts ("2024-1-5", "2024-01-05 10:00", "2024-01-05T10:00:00.123+01:00", "... UTC"); text
// without a zone is wall-clock time in the session zone, and a JSON integer read as a timestamp
// is epoch seconds (handled by the caller). Writing uses the patterns or Spark's defaults,
// "yyyy-MM-dd" and "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" (offset 0 prints "Z"). Shared read-only.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "functions/datetime/datetime_pattern.h"
#include "functions/json/json_options.h"

namespace ember {

class JsonDateTimeCodec {
 public:
  // Throws INVALID_PARAMETER_VALUE for an invalid pattern.
  JsonDateTimeCodec(const JsonOptions& options, const absl::TimeZone& zone);
  // Patterns given directly (empty: the defaults), for the other text sources.
  JsonDateTimeCodec(const std::string& date_format, const std::string& timestamp_format,
                    const std::string& timestamp_ntz_format, const absl::TimeZone& zone);

  bool ParseDate(std::string_view text, int32_t* days) const;
  bool ParseTimestamp(std::string_view text, int64_t* micros) const;
  bool ParseTimestampNtz(std::string_view text, int64_t* micros) const;

  void FormatDate(int32_t days, std::string* out) const;
  void FormatTimestamp(int64_t micros, std::string* out) const;
  void FormatTimestampNtz(int64_t micros, std::string* out) const;
  const absl::TimeZone& zone() const { return zone_; }

 private:
  absl::TimeZone zone_;
  // User patterns for reading (null: the lenient default).
  std::unique_ptr<DateTimePattern> read_date_;
  std::unique_ptr<DateTimePattern> read_timestamp_;
  std::unique_ptr<DateTimePattern> read_timestamp_ntz_;
  // Patterns for writing: the user's or Spark's defaults.
  DateTimePattern write_date_;
  DateTimePattern write_timestamp_;
  DateTimePattern write_timestamp_ntz_;
};

}  // namespace ember

// Spark's datetime patterns (the letters of java.time's DateTimeFormatter as Spark 3+ accepts
// them): a pattern is compiled once into fields and literals, then formats timestamps and parses
// text in a time zone. Supported letters: G y u M L d D E a H h K k m s S Q q z V X x Z, '...'
// quoting; other ASCII letters are rejected at compile time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "functions/datetime/datetime_util.h"

namespace ember {

class DateTimePattern {
 public:
  // Throws SparkError (INVALID_PARAMETER_VALUE) for an invalid pattern.
  explicit DateTimePattern(std::string_view pattern);

  // Appends the text of a timestamp (microseconds, UTC) in `tz`.
  void Format(int64_t micros, const absl::TimeZone& tz, std::string* out) const;
  // The same with the zone's per-thread cache fetched once by the caller (batch loops).
  void Format(int64_t micros, ZoneCache& zone, std::string* out) const;
  // Parses the whole of `text`; fields not in the pattern default to 1970-01-01 00:00:00. Without
  // a zone in the text, the time is read in `tz`. On failure returns false and sets
  // *error_index to the position where parsing failed.
  bool Parse(std::string_view text, const absl::TimeZone& tz, int64_t* micros, size_t* error_index) const;

  const std::string& pattern() const { return pattern_; }

 private:
  struct Token {
    char letter = 0;  // 0: literal
    int count = 0;
    std::string literal;
  };
  std::string pattern_;
  std::vector<Token> tokens_;
  size_t max_length_ = 0;
};

}  // namespace ember

// Spark's CalendarIntervalType: months, days and microseconds kept apart, since a month has no
// fixed number of days and a day no fixed number of microseconds (daylight saving). Made by
// make_interval and casts from text; added to dates and timestamps field by field. Stored as a
// struct<months: int, days: int, microseconds: bigint> marked by its `udt` (kCalendarIntervalClass),
// which names it "interval" wherever types are printed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/value.h"

namespace ember {

// The `udt` marker of the calendar interval type (the class of Spark's values of it).
inline constexpr const char* kCalendarIntervalClass = "org.apache.spark.unsafe.types.CalendarInterval";

TypePtr CalendarIntervalType();
inline bool IsCalendarInterval(const DataType& type) { return type.udt == kCalendarIntervalClass; }

struct CalendarInterval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
};

// Row `row` of a (valid) calendar interval vector.
CalendarInterval ReadCalendarInterval(const Vector& vector, int64_t row);

// Writes calendar intervals into a new vector of `rows` rows (all valid until SetNull).
class CalendarIntervalWriter {
 public:
  explicit CalendarIntervalWriter(int64_t rows);
  void Set(int64_t row, const CalendarInterval& interval) {
    months_[row] = interval.months;
    days_[row] = interval.days;
    micros_[row] = interval.micros;
  }
  Vector& vector() { return *out_; }
  VectorPtr Finish() { return std::move(out_); }

 private:
  VectorPtr out_;
  int32_t* months_;
  int32_t* days_;
  int64_t* micros_;
};

// Spark's text of an interval, as CAST AS STRING and show() print it:
// "1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds", units that are zero left out,
// "0 seconds" for the empty interval.
std::string CalendarIntervalToString(const CalendarInterval& interval);

// Spark's interval text ("interval 1 day 2 hours", "-3 weeks 1.5 seconds", units in the singular
// or plural, case-insensitive; only seconds take a fraction), or nullopt when it does not parse or
// a field overflows.
std::optional<CalendarInterval> ParseCalendarInterval(std::string_view text);

}  // namespace ember

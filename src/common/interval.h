// Spark's ANSI interval types. A year-month interval is a signed count of months (int32); a
// day-time interval a signed count of microseconds (int64). Each type carries a start and an end
// field (INTERVAL YEAR TO MONTH, INTERVAL DAY, INTERVAL HOUR TO SECOND, ...) that only decide how
// values are written and read as text; fields below the end field are truncated by casts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/types.h"

namespace ember {

enum YearMonthField : uint8_t { kYearField = 0, kMonthField = 1 };
enum DayTimeField : uint8_t { kDayField = 0, kHourField = 1, kMinuteField = 2, kSecondField = 3 };

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;

TypePtr YearMonthIntervalType(uint8_t start = kYearField, uint8_t end = kMonthField);
TypePtr DayTimeIntervalType(uint8_t start = kDayField, uint8_t end = kSecondField);

// "year", "month", "day", "hour", "minute", "second" for a field of `type`'s kind.
const char* IntervalFieldName(TypeId kind, uint8_t field);
// The field of that name ("year" or "years" ...) for `kind`, or nullopt.
std::optional<uint8_t> IntervalFieldOf(TypeId kind, std::string_view name);
// "interval year to month", "interval day", ... (Spark's simpleString).
std::string IntervalTypeString(const DataType& type);

// Spark's text of a value of `type`, as CAST AS STRING and show() print it:
// INTERVAL '1-2' YEAR TO MONTH, INTERVAL '90' DAY, INTERVAL '1 02:03:04.5' DAY TO SECOND.
std::string IntervalToString(int64_t value, const DataType& type);

// The value of interval text shaped for `type`'s fields ("1-2" for YEAR TO MONTH, "1 02:03:04"
// for DAY TO SECOND, "-90" for DAY), or of the full form IntervalToString writes with the same
// fields. nullopt when the text does not match or the value is out of the type's range.
std::optional<int64_t> ParseInterval(std::string_view text, const DataType& type);

// The value of an interval of `type` truncated to the type's end field (casts between interval
// types of one kind).
int64_t TruncateInterval(int64_t value, const DataType& type);

}  // namespace ember

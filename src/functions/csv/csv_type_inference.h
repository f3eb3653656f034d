// The types Spark infers for CSV columns from their values: per column the narrowest type all its
// values fit, in Spark's order int, bigint, decimal(p,0), double, date (dateFormat), timestamp,
// boolean, else string; a column of only nulls is a string. Used by the CSV source's inferSchema
// and by schema_of_csv.
#pragma once

#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "common/types.h"
#include "functions/csv/csv_options.h"
#include "functions/json/json_datetime_codec.h"

namespace ember {

class CsvTypeInference {
 public:
  CsvTypeInference(const CsvOptions& options, const absl::TimeZone& zone, size_t columns);

  // Widens column `column`'s type to fit a (non-null) value.
  void Add(size_t column, std::string_view value);
  // Widens the types to fit the values another inference saw (of another split).
  void Merge(const CsvTypeInference& other);
  std::vector<TypePtr> Types() const;

  // What a column's values fit so far; later kinds are wider.
  enum class Kind { kNull, kInt, kLong, kDecimal, kDouble, kDate, kTimestamp, kBoolean, kString };

 private:
  Kind KindOf(std::string_view text, int* digits) const;
  // True when a value leaves a column of kind `current` as it is, found without classifying the
  // value from the narrowest kind up.
  bool Keeps(Kind current, std::string_view text) const;

  const CsvOptions& options_;
  JsonDateTimeCodec datetimes_;
  std::vector<Kind> kinds_;
  std::vector<int> digits_;  // decimal digits of the widest integer beyond a bigint
};

}  // namespace ember

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
#include "functions/csv/csv_tokenizer.h"
#include "functions/json/json_datetime_codec.h"

namespace ember {

class CsvTypeInference {
 public:
  CsvTypeInference(const CsvOptions& options, const absl::TimeZone& zone, size_t columns);

  // Widens column `column`'s type to fit a (non-null) value.
  void Add(size_t column, std::string_view value);
  // Adds the values of a one-line record read in place by `tokenizer`'s ForEachPlainField (empty
  // fields and the null value are null), up to the last column that is not yet a string. False
  // when the line has a quoted field: it needs the tokenizer's Split (adding values again is
  // harmless).
  bool AddPlainLine(const CsvTokenizer& tokenizer, std::string_view line);
  // True when every column is a string: no value can change the types.
  bool AllStrings() const { return open_columns_ == 0; }
  // Widens the types to fit the values another inference saw (of another split).
  void Merge(const CsvTypeInference& other);
  std::vector<TypePtr> Types() const;

  // What a column's values fit so far; later kinds are wider.
  enum class Kind { kNull, kInt, kLong, kDecimal, kDouble, kDate, kTimestamp, kBoolean, kString };

 private:
  Kind KindOf(std::string_view text, int* digits) const;
  void Widen(size_t column, Kind kind);
  // True when a value leaves a column of kind `current` as it is, found without classifying the
  // value from the narrowest kind up (after KeepsQuickly's checks of the usual spellings).
  bool Keeps(Kind current, std::string_view text) const;

  const CsvOptions& options_;
  JsonDateTimeCodec datetimes_;
  std::vector<Kind> kinds_;
  std::vector<int> digits_;  // decimal digits of the widest integer beyond a bigint
  size_t open_columns_;      // the columns up to the last one that is not a string
  bool iso_dates_;           // no dateFormat: dates are yyyy-MM-dd
};

}  // namespace ember

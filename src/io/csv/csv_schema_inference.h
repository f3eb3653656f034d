// The schema of CSV files when none is given. Column names come from the first line of the first
// file when `header` is set (empty names become _c<i>, repeated ones get their position appended,
// as Spark does), else _c0, _c1, ... for the fields of the first line. Without inferSchema every
// column is a string; with it, a pass over all lines (or a samplingRatio sample of them) picks per
// column the narrowest type all its values fit, in Spark's order: int, bigint, decimal(p,0), double, date (dateFormat), timestamp,
// boolean, else string (a column of only NULLs is a string).
#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/types.h"
#include "functions/csv/csv_options.h"

namespace ember {

Schema InferCsvSchema(const std::vector<std::string>& files, const CsvOptions& options, const absl::TimeZone& zone);

}  // namespace ember

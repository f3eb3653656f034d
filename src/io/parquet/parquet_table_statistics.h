// Table-level statistics of Parquet files from their footers alone, for the planner's estimates:
// row counts, and per column the null count and a bound on distinct values. The bound comes from
// min/max of integer-ordered columns (integers, dates, timestamps, INT32/INT64 decimals): at most
// max - min + 1 distinct values, and never more than the non-null rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/parquet/parquet_file.h"
#include "plan/data_source.h"

namespace ember::parquet {

// Whether Spark values of `type` are int64s whose statistics order is signed integer order.
bool IsIntegerOrdered(const DataType& type);
// A statistic (PLAIN bytes of the physical type) of an integer-ordered column as an int64; nullopt
// when the column's statistics are not in signed integer order.
std::optional<int64_t> IntegerStatistic(const FileColumn& column, const std::string& stat);

// Statistics over all row groups of `files` (each already opened).
SourceStatistics TableStatistics(const std::vector<std::shared_ptr<const ParquetFile>>& files);

}  // namespace ember::parquet

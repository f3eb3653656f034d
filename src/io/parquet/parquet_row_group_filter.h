// Row-group skipping: a row group whose column statistics prove that a simple predicate
// (`column <op> literal`, IS NULL, IS NOT NULL) is false for every row need not be read. Only
// statistics whose order is certain are used (signed integers, dates, microsecond timestamps,
// floating point, UTF-8/binary min_value/max_value, INT32/INT64 decimals); anything else keeps
// the row group. The plan still applies the predicates afterwards.
#pragma once

#include <string>
#include <vector>

#include "common/value.h"
#include "io/parquet/parquet_file.h"

namespace ember::parquet {

struct StatisticsPredicate {
  enum Op : uint8_t { kEq, kLt, kLe, kGt, kGe, kIsNull, kIsNotNull };
  std::string column;
  Op op = kEq;
  Value literal;  // comparisons: a non-null value of the column's Spark type
};

// False when the statistics of row group `group` show no row satisfies all `predicates`.
bool RowGroupMayMatch(const ParquetFile& file, int group, const std::vector<StatisticsPredicate>& predicates);

}  // namespace ember::parquet

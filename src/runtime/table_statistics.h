// ANALYZE TABLE's statistics, computed and kept as Spark keeps them in a table's properties:
// spark.sql.statistics.totalSize (the bytes of the data files), .numRows, and per analyzed column
// spark.sql.statistics.colStats.<column>.{version, distinctCount, nullCount, min, max, avgLen,
// maxLen}. The distinct count comes from HyperLogLog++ (5% relative error); min and max are texts
// (none for strings and binaries; timestamps in UTC, "yyyy-MM-dd HH:mm:ss.SSSSSS"); the lengths are
// the type's default size for fixed-width types, else the average (rounded up) and largest length
// of the values. Writes to the table drop its statistics, as Spark does without
// spark.sql.statistics.size.autoUpdate.enabled.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog_objects.h"
#include "runtime/session.h"
#include "sql/statement.h"

namespace ember {

// Runs ANALYZE TABLE on `table` and stores the statistics in its catalog entry.
void AnalyzeCatalogTable(Session& session, CatalogTable table, const sql::AnalyzeTable& statement);

// Removes the table's statistics after its data changed.
void DropTableStatistics(Session& session, const CatalogTable& table);

// DESCRIBE EXTENDED table column's statistics rows of `column` ("NULL" where there are none; no
// table for a temporary view): min, max, num_nulls, distinct_count, avg_col_len, max_col_len and
// histogram (never collected).
std::vector<std::pair<std::string, std::string>> DescribedColumnStatistics(Session& session, const CatalogTable* table,
                                                                           const StructField& column);

}  // namespace ember

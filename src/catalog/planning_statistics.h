// A catalog table's ANALYZE TABLE statistics as the planner takes them (ReadNode::table_statistics),
// following Spark's CatalogStatistics.toPlanStats: the size in bytes always; the row count and the
// column statistics (distinct and null counts, numeric, date and timestamp bounds) only when
// `with_rows` (spark.sql.cbo.enabled) and the table has a row count. None without statistics.
#pragma once

#include <optional>

#include "catalog/catalog_objects.h"

namespace ember {

std::optional<SourceStatistics> PlanningStatistics(const CatalogTable& table, bool with_rows);

}  // namespace ember

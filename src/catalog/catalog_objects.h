// The persistent catalog's objects as Spark's session catalog describes them: databases and their
// tables (managed, external) and views.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/types.h"
#include "plan/data_source.h"

namespace ember {

using Properties = std::map<std::string, std::string>;

struct CatalogDatabase {
  std::string name;         // lower case
  std::string comment;
  std::string location;     // absolute directory path
  Properties properties;
};

// MANAGED: data under the warehouse, dropped with the table; EXTERNAL: data at a LOCATION the
// table only points to; VIEW: a stored query.
enum class TableType : uint8_t { kManaged, kExternal, kView };

const char* TableTypeName(TableType type);  // "MANAGED", "EXTERNAL", "VIEW"

// Table properties holding ANALYZE TABLE's statistics, as Spark keeps them in a metastore; hidden
// from SHOW TBLPROPERTIES and DESCRIBE's Table Properties.
constexpr const char* kStatisticsPropertyPrefix = "spark.sql.statistics.";
constexpr const char* kTotalSizeProperty = "spark.sql.statistics.totalSize";
constexpr const char* kNumRowsProperty = "spark.sql.statistics.numRows";
constexpr const char* kColumnStatisticsPrefix = "spark.sql.statistics.colStats.";  // then <column>.<key>

struct CatalogTable {
  std::string database;     // lower case
  std::string name;         // lower case
  TableType type = TableType::kManaged;
  std::string provider;     // "parquet", "json", ...; empty for views
  std::string location;     // absolute directory path; empty for views
  Schema schema;
  std::vector<std::string> partition_columns;
  // Partitions kept outside their default folder (ADD PARTITION ... LOCATION, PARTITION ... SET
  // LOCATION): the default folder's name under `location` ("p=1/q=a") -> the partition's folder.
  // Other partitions are the `k=v` folders under `location`, found by listing.
  std::map<std::string, std::string> partition_locations;
  Properties properties;    // TBLPROPERTIES
  Options options;          // OPTIONS, passed to the reader and writer
  std::string view_text;    // a view's query
  std::string comment;
  int64_t created_ms = 0;
};

}  // namespace ember

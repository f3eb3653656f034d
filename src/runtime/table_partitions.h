// The partitions of catalog tables: their `k=v/...` directories under the table's location, found
// by listing, and the partitions the catalog keeps in folders of their own (ADD PARTITION ...
// LOCATION, SET LOCATION), named by their default directory. Adding a partition makes its
// directory (or records its folder), dropping one removes its files in one commit (or forgets its
// folder, deleting a managed table's data), and SHOW PARTITIONS lists them all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "runtime/session.h"
#include "sql/statement.h"

namespace ember {

// A PARTITION (...) clause against a table: per partition column, in the table's order, the
// static value as the directory name writes it (the value cast to the column's type, then to a
// string), or none when the clause leaves the column out or gives it no value.
struct TablePartitionSpec {
  std::vector<std::optional<std::string>> values;
  // "PARTITION (`p` = x, ...)" as Spark's messages show the clause.
  std::string text;
};

// Raises INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY for a table without partition
// columns, _LEGACY_ERROR_TEMP_1231 for a column that is not one of them.
TablePartitionSpec ResolvePartitionSpec(Session& session, const CatalogTable& table, const sql::PartitionSpec& spec);

// The table's partition directories ("p=1/q=a"), one per partition, sorted (those kept elsewhere
// by their default directory's name).
std::vector<std::string> ListTablePartitions(const CatalogTable& table);

// Whether partition directory `directory` has the spec's static values.
bool PartitionMatches(const std::string& directory, const CatalogTable& table, const TablePartitionSpec& spec);

// The directory of a spec giving every partition column a value.
std::string PartitionDirectory(const CatalogTable& table, const TablePartitionSpec& spec);

// Raises _LEGACY_ERROR_TEMP_1232 unless the clause gives every partition column a value.
void RequireFullPartitionSpec(const CatalogTable& table, const sql::PartitionSpec& partition,
                              const TablePartitionSpec& spec);

// Moves partition directory `from` to `to` (a rename on local disk; a copy of each file, then a
// delete, on object stores).
void MovePartition(const CatalogTable& table, const std::string& from, const std::string& to);

// The partition columns of `table` as the target of INSERT ... PARTITION (...): the query gives
// the data columns and then the partition columns without a static value.
struct StaticInsert {
  PlanPtr rows;                 // the query's rows completed with the static values, in table order
  OverwriteScope overwrite;     // what INSERT OVERWRITE replaces
};
StaticInsert PlanStaticInsert(Session& session, const CatalogTable& table, const PlanPtr& analyzed,
                              const sql::PartitionSpec& spec);

}  // namespace ember

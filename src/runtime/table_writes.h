// Writes into catalog tables: CREATE TABLE [AS SELECT], INSERT INTO/OVERWRITE, saveAsTable and
// insertInto. Data goes through the commit protocol first and the metastore entry changes after
// it succeeded, so a failed job leaves the table as it was.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "catalog/session_catalog.h"
#include "runtime/session.h"
#include "sql/statement.h"

namespace ember {

// Creates `table` (location, provider and, without a query, schema filled in). With
// `analyzed_query` its rows are written first and its columns become the schema. `replace`
// replaces an existing entry (its old data is overwritten in place); otherwise an existing one
// raises TABLE_OR_VIEW_ALREADY_EXISTS.
void CreateCatalogTable(Session& session, CatalogTable table, const PlanPtr& analyzed_query, bool replace);

// Appends the rows of `analyzed` to the table (replaces them with `overwrite`). Columns match by
// position, or by name through `columns` (the table column each query column goes to; the
// others are NULL), and are cast to the table's types. Raises INSERT_COLUMN_ARITY_MISMATCH. With a
// `partition` spec the query gives the data columns and the partition columns without a static
// value, and an overwrite replaces only the partitions the spec's static values select.
// `written_partitions_only` (writeTo().overwritePartitions()): an overwrite of a partitioned table
// replaces the partitions it writes, whatever spark.sql.sources.partitionOverwriteMode says.
void InsertIntoCatalogTable(Session& session, const CatalogTable& table, const PlanPtr& analyzed,
                            bool overwrite, const std::vector<std::string>& columns = {},
                            const sql::PartitionSpec& partition = {}, bool written_partitions_only = false);

// Removes a managed table's data (its directory); leaves external tables' data alone.
void DeleteManagedData(const CatalogTable& table);

// Raises EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE for a view.
void RequireNotView(const CatalogTable& table, const std::string& operation);

}  // namespace ember

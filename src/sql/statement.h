// What one SQL text asks for. A query stays an unresolved plan; every other statement (DDL, DML,
// session commands) is a plain description that the session runs against its catalog
// (runtime/statements). Names are as written: one to three parts, unqualified parts filled in by
// the catalog.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/types.h"
#include "plan/data_source.h"
#include "plan/logical_plan.h"

namespace ember::sql {

using ObjectName = std::vector<std::string>;
using Properties = std::map<std::string, std::string>;

// PARTITION (col = value, col, ...): the columns as written, each with its value as text (a
// string literal's content, a number in its normal form) or none for a dynamic partition column.
using PartitionSpec = std::vector<std::pair<std::string, std::optional<std::string>>>;

struct QueryStatement {
  PlanPtr plan;
};

// SET (list), SET key, SET key = value.
struct SetStatement {
  std::optional<std::string> key;
  std::optional<std::string> value;
};

// RESET (all), RESET key.
struct ResetStatement {
  std::optional<std::string> key;
};

struct UseStatement {
  std::string database;
};

struct CreateDatabase {
  std::string name;
  bool if_not_exists = false;
  std::string comment;
  std::optional<std::string> location;
  Properties properties;
};

struct DropDatabase {
  std::string name;
  bool if_exists = false;
  bool cascade = false;
};

// CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name [(columns)] [USING provider] [OPTIONS (...)]
// [PARTITIONED BY (...)] [LOCATION '...'] [COMMENT '...'] [TBLPROPERTIES (...)] [AS query],
// and CREATE TABLE name LIKE source.
struct CreateTable {
  ObjectName name;
  bool or_replace = false;
  bool if_not_exists = false;
  Schema columns;
  std::string provider;  // empty: spark.sql.sources.default
  Options options;
  std::vector<std::string> partition_columns;
  std::optional<std::string> location;
  std::string comment;
  Properties properties;
  PlanPtr query;                     // AS SELECT
  std::optional<ObjectName> like;    // LIKE source
};

enum class ViewKind : uint8_t { kPersistent, kTemporary, kGlobalTemporary };

// CREATE ... VIEW name [(columns)] AS query, or (temporary views) CREATE TEMPORARY VIEW name
// [(column definitions)] USING provider OPTIONS (path '...', ...): a view of files.
struct CreateView {
  ObjectName name;
  ViewKind kind = ViewKind::kPersistent;
  bool or_replace = false;
  bool if_not_exists = false;
  std::vector<std::string> column_names;  // (a, b) after the name
  PlanPtr query;           // for USING: a read of the files
  std::string query_text;  // the AS part as written, stored for persistent views
  bool alter = false;      // ALTER VIEW name AS query: the view must exist (temporary or not)
};

// INSERT INTO|OVERWRITE [TABLE] name [(columns)] query.
struct InsertInto {
  ObjectName table;
  bool overwrite = false;
  PartitionSpec partition;  // INSERT ... PARTITION (...)
  std::vector<std::string> columns;
  PlanPtr query;
};

struct DropTable {
  ObjectName name;
  bool is_view = false;
  bool if_exists = false;
};

struct ShowDatabases {
  std::optional<std::string> pattern;
};

// SHOW TABLES / SHOW VIEWS [FROM|IN db] [LIKE 'pattern'].
struct ShowTables {
  bool views = false;
  std::optional<std::string> database;
  std::optional<std::string> pattern;
};

struct ShowColumns {
  ObjectName table;
};

struct ShowTableProperties {
  ObjectName table;
};

// DESCRIBE [TABLE] [EXTENDED|FORMATTED] name.
// DESCRIBE [EXTENDED] table [column].
struct DescribeTable {
  ObjectName table;
  bool extended = false;
  std::vector<std::string> column;  // the column's name parts; empty for the whole table
};

struct DescribeDatabase {
  std::string name;
  bool extended = false;
};

// ALTER TABLE|VIEW name RENAME TO new_name.
struct RenameTable {
  ObjectName from;
  ObjectName to;
  bool is_view = false;
};

struct AddColumns {
  ObjectName table;
  Schema columns;
};

// ALTER TABLE name SET TBLPROPERTIES (...) / UNSET TBLPROPERTIES [IF EXISTS] (...).
struct AlterTableProperties {
  ObjectName table;
  Properties set;
  std::vector<std::string> unset;
  bool if_exists = false;
};

struct TruncateTable {
  ObjectName table;
};

// REFRESH TABLE name: nothing is cached between queries (files are listed by every query), so it
// only checks that the table exists.
struct RefreshTable {
  ObjectName table;
};

struct ShowCreateTable {
  ObjectName table;
};

// SHOW [USER|SYSTEM|ALL] FUNCTIONS [LIKE 'pattern'].
struct ShowFunctions {
  std::optional<std::string> pattern;
};

// DESCRIBE QUERY query (or DESCRIBE followed by a query): the query's columns.
struct DescribeQuery {
  PlanPtr query;
};

// SHOW PARTITIONS table [PARTITION (...)].
struct ShowPartitions {
  ObjectName table;
  PartitionSpec partition;
};

// ALTER TABLE table ADD [IF NOT EXISTS] PARTITION (...) [LOCATION 'path'] [PARTITION (...) ...]...,
// or DROP [IF EXISTS] PARTITION (...) [, PARTITION (...)]... [PURGE].
struct AlterPartitions {
  ObjectName table;
  bool add = false;
  bool tolerant = false;  // IF NOT EXISTS / IF EXISTS
  std::vector<PartitionSpec> partitions;
  std::vector<std::optional<std::string>> locations;  // per partition added
};

// ALTER TABLE table [PARTITION (...)] SET LOCATION 'path'.
struct SetTableLocation {
  ObjectName table;
  PartitionSpec partition;  // empty: the table's own location
  std::string location;
};

// MSCK REPAIR TABLE table [ADD|DROP|SYNC PARTITIONS] and ALTER TABLE table RECOVER PARTITIONS:
// partitions are the table's directories, found by every query, so there is nothing to repair
// beyond checking that the table is partitioned.
struct RepairTable {
  ObjectName table;
  std::string command;  // as Spark names it in its errors
};

// ANALYZE TABLE table COMPUTE STATISTICS [NOSCAN | FOR COLUMNS c, ... | FOR ALL COLUMNS]: the
// table's size in bytes and, with a scan, its row count and the columns' statistics, kept with the
// table and shown by DESCRIBE EXTENDED.
struct AnalyzeTable {
  ObjectName table;
  bool noscan = false;
  std::vector<std::string> columns;
  bool all_columns = false;
};

// ALTER TABLE table PARTITION (...) RENAME TO PARTITION (...).
struct RenamePartition {
  ObjectName table;
  PartitionSpec from;
  PartitionSpec to;
};

// An ALTER TABLE operation Spark supports only on its v2 tables (RENAME COLUMN, DROP COLUMN):
// refused for the catalog's file-source tables with Spark's error.
struct UnsupportedTableOperation {
  ObjectName table;
  std::string operation;  // "RENAME COLUMN"
  std::string command;    // "ALTER TABLE ... RENAME COLUMN", as errors about views name it
};

using Statement =
    std::variant<QueryStatement, SetStatement, ResetStatement, UseStatement, CreateDatabase,
                 DropDatabase, CreateTable, CreateView, InsertInto, DropTable, ShowDatabases,
                 ShowTables, ShowColumns, ShowTableProperties, DescribeTable, DescribeDatabase,
                 RenameTable, AddColumns, AlterTableProperties, TruncateTable, RefreshTable,
                 ShowCreateTable, ShowFunctions, DescribeQuery, ShowPartitions, AlterPartitions,
                 RepairTable, AnalyzeTable, RenamePartition, UnsupportedTableOperation, SetTableLocation>;

// Parses one statement; throws PARSE_SYNTAX_ERROR.
Statement ParseStatement(const std::string& text);

}  // namespace ember::sql

// Results of statements that are not queries: the rows Spark returns for SET, SHOW and DESCRIBE,
// built as one batch of string (and boolean) columns.
#pragma once

#include <string>
#include <vector>

#include "common/value.h"
#include "runtime/session.h"
#include "sql/statement.h"

namespace ember {

// A result with the columns `schema` and `rows` (values in column order).
QueryResult RowsResult(Schema schema, const std::vector<std::vector<Value>>& rows);
// The empty result of DDL and DML.
QueryResult EmptyResult();

// SHOW DATABASES / TABLES / VIEWS / COLUMNS / TBLPROPERTIES and DESCRIBE TABLE / DATABASE.
QueryResult ShowDatabasesResult(Session& session, const sql::ShowDatabases& statement);
QueryResult ShowTablesResult(Session& session, const sql::ShowTables& statement);
QueryResult ShowColumnsResult(Session& session, const sql::ShowColumns& statement);
QueryResult ShowTablePropertiesResult(Session& session, const sql::ShowTableProperties& statement);
QueryResult DescribeTableResult(Session& session, const sql::DescribeTable& statement);
// DESCRIBE [EXTENDED] table column: its name (as written), type and comment, and with EXTENDED its
// statistics.
QueryResult DescribeColumnResult(Session& session, const sql::DescribeTable& statement);
QueryResult DescribeDatabaseResult(Session& session, const sql::DescribeDatabase& statement);
QueryResult DescribeQueryResult(Session& session, const sql::DescribeQuery& statement);
QueryResult ShowCreateTableResult(Session& session, const sql::ShowCreateTable& statement);
QueryResult ShowFunctionsResult(const sql::ShowFunctions& statement);

// Whether `name` matches a SHOW ... LIKE pattern: `*` any characters, `|` alternatives, case-insensitive.
bool MatchesShowPattern(const std::string& name, const std::string& pattern);

}  // namespace ember

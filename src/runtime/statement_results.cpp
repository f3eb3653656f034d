#include "runtime/statement_results.h"

#include <algorithm>
#include <ctime>
#include <regex>

#include "absl/strings/ascii.h"
#include "common/file_system.h"
#include "common/error.h"
#include "common/names.h"
#include "functions/registry.h"
#include "runtime/table_statistics.h"

namespace ember {
namespace {

Schema StringColumns(const std::vector<std::string>& names) {
  Schema schema;
  for (const auto& name : names) schema.push_back(StructField{name, StringType(), false});
  return schema;
}

Value Text(const std::string& text) { return Value::String(text); }

PlanPtr RelationNode(const std::vector<std::string>& name) {
  return MakePlan(UnresolvedRelationNode{name}, {});
}

// A relation's columns as analysis sees them (tables, views and temporary views alike).
std::vector<Attribute> RelationColumns(Session& session, const std::vector<std::string>& name) {
  return session.AnalyzePlan(RelationNode(name))->output;
}

// java.util.Date's text, as DESCRIBE EXTENDED shows a creation time: "Wed Dec 02 06:30:00 UTC 2026".
std::string DateText(int64_t epoch_ms) {
  std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[64];
  std::strftime(buffer, sizeof(buffer), "%a %b %d %H:%M:%S UTC %Y", &utc);
  return buffer;
}

// Whether a property is one the catalog keeps for itself (hidden from SHOW TBLPROPERTIES).
bool IsInternalProperty(const std::string& key) {
  return key.rfind("view.", 0) == 0 || key.rfind(kStatisticsPropertyPrefix, 0) == 0;
}

std::string PropertiesText(const Properties& properties) {
  std::string text = "[";
  bool first = true;
  for (const auto& [key, value] : properties) {
    if (IsInternalProperty(key)) continue;
    text += (first ? "" : ", ") + key + "=" + value;
    first = false;
  }
  return text + "]";
}

}  // namespace

QueryResult RowsResult(Schema schema, const std::vector<std::vector<Value>>& rows) {
  std::vector<VectorPtr> columns;
  for (size_t c = 0; c < schema.size(); ++c) {
    VectorBuilder builder(schema[c].type, static_cast<int64_t>(rows.size()));
    for (const auto& row : rows) AppendValue(builder, row[c]);
    columns.push_back(builder.Finish());
  }
  QueryResult result;
  result.schema = std::move(schema);
  result.batches.emplace_back(std::move(columns), static_cast<int64_t>(rows.size()));
  return result;
}

QueryResult EmptyResult() { return QueryResult{}; }

bool MatchesShowPattern(const std::string& name, const std::string& pattern) {
  std::string regex;
  for (char c : pattern) {
    if (c == '*') {
      regex += ".*";
    } else if (c == '|') {
      regex += '|';
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      regex += c;
    } else {
      regex += std::string("\\") + c;
    }
  }
  return std::regex_match(name, std::regex(regex, std::regex::icase));
}

QueryResult ShowDatabasesResult(Session& session, const sql::ShowDatabases& statement) {
  std::vector<std::vector<Value>> rows;
  for (const auto& database : session.catalog().metastore().ListDatabases()) {
    if (statement.pattern && !MatchesShowPattern(database.name, *statement.pattern)) continue;
    rows.push_back({Text(database.name)});
  }
  return RowsResult(StringColumns({"namespace"}), rows);
}

QueryResult ShowTablesResult(Session& session, const sql::ShowTables& statement) {
  std::vector<std::vector<Value>> rows;
  for (const auto& table : session.catalog().ListTables(statement.database.value_or(""))) {
    if (statement.views && table.table_type != "VIEW" && !table.is_temporary) continue;
    if (statement.pattern && !MatchesShowPattern(table.name, *statement.pattern)) continue;
    rows.push_back({Text(table.database), Text(table.name), Value::Boolean(table.is_temporary)});
  }
  Schema schema = StringColumns({"namespace", statement.views ? "viewName" : "tableName"});
  schema.push_back(StructField{"isTemporary", BooleanType(), false});
  return RowsResult(std::move(schema), rows);
}

QueryResult ShowColumnsResult(Session& session, const sql::ShowColumns& statement) {
  std::vector<std::vector<Value>> rows;
  for (const auto& column : RelationColumns(session, statement.table)) rows.push_back({Text(column.name)});
  return RowsResult(StringColumns({"col_name"}), rows);
}

QueryResult ShowTablePropertiesResult(Session& session, const sql::ShowTableProperties& statement) {
  CatalogTable table = session.catalog().RequireTable(statement.table);
  std::vector<std::vector<Value>> rows;
  for (const auto& [key, value] : table.properties) {
    if (!IsInternalProperty(key)) rows.push_back({Text(key), Text(value)});
  }
  return RowsResult(StringColumns({"key", "value"}), rows);
}

Schema DescribeSchema() {
  Schema schema = StringColumns({"col_name", "data_type", "comment"});
  for (auto& field : schema) field.nullable = true;
  return schema;
}

// DESCRIBE's rows for `columns`: name, type, comment (none).
std::vector<std::vector<Value>> ColumnRows(const std::vector<Attribute>& columns) {
  std::vector<std::vector<Value>> rows;
  for (const auto& column : columns) {
    rows.push_back({Text(column.name), Text(column.type->ToString()), Value::Null(StringType())});
  }
  return rows;
}

QueryResult DescribeQueryResult(Session& session, const sql::DescribeQuery& statement) {
  return RowsResult(DescribeSchema(), ColumnRows(session.AnalyzePlan(statement.query)->output));
}

QueryResult DescribeColumnResult(Session& session, const sql::DescribeTable& statement) {
  std::vector<Attribute> columns = RelationColumns(session, statement.table);
  const std::vector<std::string>& parts = statement.column;
  std::string dotted;
  for (const auto& part : parts) dotted += (dotted.empty() ? "" : ".") + part;
  // `t.c` and `db.t.c` name column c of table t; other parts after a column name nested fields.
  size_t qualifiers = parts.size() - 1;
  bool qualified = qualifiers <= statement.table.size();
  for (size_t i = 0; qualified && i < qualifiers; ++i) {
    qualified = NamesEqual(parts[i], statement.table[statement.table.size() - qualifiers + i]);
  }
  const std::string& name = qualified ? parts.back() : parts.front();
  auto column = std::find_if(columns.begin(), columns.end(), [&](const Attribute& c) { return NamesEqual(c.name, name); });
  if (column == columns.end()) throw SparkError("_LEGACY_ERROR_TEMP_1061", {{"colName", dotted}});
  if (!qualified) throw SparkError("_LEGACY_ERROR_TEMP_1060", {{"command", "DESC TABLE COLUMN"}, {"column", dotted}});
  std::vector<std::vector<Value>> rows = {
      {Text("col_name"), Text(parts.back())}, {Text("data_type"), Text(column->type->ToString())}, {Text("comment"), Text("NULL")}};
  if (statement.extended) {
    SessionCatalog& catalog = session.catalog();
    std::optional<CatalogTable> table;
    if (!catalog.IsTemporaryView(statement.table)) table = catalog.RequireTable(statement.table);
    for (const auto& [info, value] : DescribedColumnStatistics(session, table ? &*table : nullptr, {column->name, column->type})) {
      rows.push_back({Text(info), Text(value)});
    }
  }
  return RowsResult(StringColumns({"info_name", "info_value"}), rows);
}

QueryResult DescribeTableResult(Session& session, const sql::DescribeTable& statement) {
  std::vector<Attribute> columns = RelationColumns(session, statement.table);
  std::vector<std::vector<Value>> rows = ColumnRows(columns);
  Schema schema = DescribeSchema();
  SessionCatalog& catalog = session.catalog();
  if (catalog.IsTemporaryView(statement.table)) return RowsResult(std::move(schema), rows);
  CatalogTable table = catalog.RequireTable(statement.table);
  auto info = [&](const std::string& name, const std::string& value) {
    rows.push_back({Text(name), Text(value), Text("")});
  };
  if (!table.partition_columns.empty()) {
    info("# Partition Information", "");
    rows.push_back({Text("# col_name"), Text("data_type"), Text("comment")});
    std::vector<Attribute> partition_columns;
    for (const auto& name : table.partition_columns) {
      for (const auto& column : columns) {
        if (NamesEqual(column.name, name)) partition_columns.push_back(column);
      }
    }
    for (auto& row : ColumnRows(partition_columns)) rows.push_back(std::move(row));
  }
  if (!statement.extended) return RowsResult(std::move(schema), rows);
  info("", "");
  info("# Detailed Table Information", "");
  info("Catalog", "spark_catalog");
  info("Database", table.database);
  info("Table", table.name);
  info("Created Time", DateText(table.created_ms));
  info("Last Access", "UNKNOWN");
  info("Created By", "Spark 4.0.0");
  info("Type", TableTypeName(table.type));
  if (!table.comment.empty()) info("Comment", table.comment);
  if (table.type == TableType::kView) {
    info("View Text", table.view_text);
  } else {
    info("Provider", table.provider);
  }
  std::string properties = PropertiesText(table.properties);
  if (properties != "[]") info("Table Properties", properties);
  auto size = table.properties.find(kTotalSizeProperty);
  if (size != table.properties.end()) {
    auto rows_count = table.properties.find(kNumRowsProperty);
    info("Statistics", size->second + " bytes" +
                           (rows_count != table.properties.end() ? ", " + rows_count->second + " rows" : ""));
  }
  if (!table.location.empty()) info("Location", QualifiedPath(table.location));
  return RowsResult(std::move(schema), rows);
}

// A name as Spark prints it in SQL text: backquoted only when it is not a plain word.
std::string QuoteIfNeeded(const std::string& name) {
  bool plain = !name.empty() && !std::all_of(name.begin(), name.end(), [](char c) { return std::isdigit(c); }) &&
               std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(c) || c == '_'; });
  return plain ? name : QuoteIdentifier(name);
}

QueryResult ShowCreateTableResult(Session& session, const sql::ShowCreateTable& statement) {
  CatalogTable table = session.catalog().RequireTable(statement.table);
  std::string text = std::string(table.type == TableType::kView ? "CREATE VIEW " : "CREATE TABLE ") +
                     "spark_catalog." + QuoteIfNeeded(table.database) + "." + QuoteIfNeeded(table.name) + " (\n";
  for (size_t i = 0; i < table.schema.size(); ++i) {
    text += "  " + QuoteIfNeeded(table.schema[i].name);
    if (table.type != TableType::kView) text += " " + absl::AsciiStrToUpper(table.schema[i].type->ToString());
    text += i + 1 < table.schema.size() ? ",\n" : ")\n";
  }
  if (table.type == TableType::kView) {
    text += "AS " + table.view_text + "\n";
  } else {
    text += "USING " + table.provider + "\n";
    if (!table.options.empty()) {
      text += "OPTIONS (\n";
      for (auto it = table.options.begin(); it != table.options.end(); ++it) {
        text += "  '" + it->first + "' = '" + it->second + "'" + (std::next(it) == table.options.end() ? ")\n" : ",\n");
      }
    }
    if (!table.partition_columns.empty()) {
      text += "PARTITIONED BY (";
      for (size_t i = 0; i < table.partition_columns.size(); ++i) {
        text += (i ? ", " : "") + QuoteIdentifierIfNeeded(table.partition_columns[i]);
      }
      text += ")\n";
    }
    if (!table.comment.empty()) text += "COMMENT '" + table.comment + "'\n";
    text += "LOCATION 'file:" + table.location + "'\n";
  }
  std::vector<std::pair<std::string, std::string>> properties;
  for (const auto& [key, value] : table.properties) {
    if (!IsInternalProperty(key)) properties.emplace_back(key, value);
  }
  if (!properties.empty()) {
    text += "TBLPROPERTIES (\n";
    for (size_t i = 0; i < properties.size(); ++i) {
      text += "  '" + properties[i].first + "' = '" + properties[i].second + "'" +
              (i + 1 < properties.size() ? ",\n" : ")\n");
    }
  }
  return RowsResult(StringColumns({"createtab_stmt"}), {{Text(text)}});
}

QueryResult ShowFunctionsResult(const sql::ShowFunctions& statement) {
  std::vector<std::string> names = FunctionRegistry::Instance().Names();
  std::sort(names.begin(), names.end());
  std::vector<std::vector<Value>> rows;
  for (const auto& name : names) {
    if (!statement.pattern || MatchesShowPattern(name, *statement.pattern)) rows.push_back({Text(name)});
  }
  return RowsResult(StringColumns({"function"}), rows);
}

QueryResult DescribeDatabaseResult(Session& session, const sql::DescribeDatabase& statement) {
  CatalogDatabase database = session.catalog().RequireDatabase(statement.name);
  std::vector<std::vector<Value>> rows = {{Text("Catalog Name"), Text("spark_catalog")},
                                          {Text("Namespace Name"), Text(database.name)},
                                          {Text("Comment"), Text(database.comment)},
                                          {Text("Location"), Text(QualifiedPath(database.location))}};
  if (statement.extended) rows.push_back({Text("Properties"), Text(PropertiesText(database.properties))});
  return RowsResult(StringColumns({"info_name", "info_value"}), rows);
}

}  // namespace ember

#include "runtime/table_statistics.h"

#include <optional>

#include "absl/strings/numbers.h"
#include "absl/time/time.h"
#include "common/error.h"
#include "common/file_system.h"
#include "common/names.h"
#include "functions/eval_context.h"
#include "plan/statistics.h"
#include "sql/parser.h"

namespace ember {
namespace {

constexpr const char* kStatisticsVersion = "2";
constexpr const char* kStoredTimestamp = "%Y-%m-%d %H:%M:%E6S";  // Spark's yyyy-MM-dd HH:mm:ss.SSSSSS

bool HasLengths(const DataType& type) { return type.id == TypeId::kString || type.id == TypeId::kBinary; }

bool SupportsStatistics(const DataType& type) {
  switch (type.id) {
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kLong:
    case TypeId::kFloat:
    case TypeId::kDouble:
    case TypeId::kDecimal:
    case TypeId::kBoolean:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kString:
    case TypeId::kBinary:
      return true;
    default:
      return false;
  }
}

// Spark's defaultSize of a type: the lengths kept for fixed-width columns and for columns without values.
int64_t DefaultSize(const DataType& type) {
  return type.id == TypeId::kBinary ? 100 : static_cast<int64_t>(DefaultValueBytes(type));
}

std::string ColumnPrefix(const std::string& column) { return kColumnStatisticsPrefix + column + "."; }

void EraseWithPrefix(Properties& properties, const std::string& prefix) {
  for (auto it = properties.lower_bound(prefix); it != properties.end() && it->first.rfind(prefix, 0) == 0;) {
    it = properties.erase(it);
  }
}

int64_t DataSize(const CatalogTable& table) {
  int64_t size = 0;
  for (const FileStatus& file : FileSystemFor(table.location)->ListRecursively(table.location)) {
    std::string name = BaseName(file.path);
    if (!name.empty() && name[0] != '.' && name[0] != '_') size += file.size;
  }
  return size;
}

std::vector<StructField> ColumnsToAnalyze(const CatalogTable& table, const sql::AnalyzeTable& statement) {
  std::vector<StructField> columns;
  if (statement.all_columns) columns = table.schema;
  for (const std::string& name : statement.columns) {
    int index = FindFieldIndex(table.schema, name);
    if (index < 0) {
      throw SparkError("COLUMN_NOT_FOUND",
                       {{"colName", QuoteIdentifier(name)}, {"caseSensitiveConfig", "\"spark.sql.caseSensitive\""}});
    }
    columns.push_back(table.schema[index]);
  }
  for (const StructField& column : columns) {
    if (SupportsStatistics(*column.type)) continue;
    throw SparkError("UNSUPPORTED_FEATURE.ANALYZE_UNSUPPORTED_COLUMN_TYPE",
                     {{"columnType", "\"" + column.type->Sql() + "\""},
                      {"columnName", QuoteIdentifier(column.name)},
                      {"tableName", TableIdentifier{table.database, table.name}.Quoted()}});
  }
  return columns;
}

// The statistics query's expressions for one column, as strings: distinct count, null count, then
// min and max, or the average and largest length.
std::vector<std::string> StatisticsExpressions(const StructField& column) {
  std::string c = QuoteIdentifier(column.name);
  std::vector<std::string> exprs = {"approx_count_distinct(" + c + ")", "count(1) - count(" + c + ")"};
  if (HasLengths(*column.type)) {
    exprs.push_back("ceil(avg(length(" + c + ")))");
    exprs.push_back("max(length(" + c + "))");
  } else if (column.type->id == TypeId::kTimestamp) {
    exprs.push_back("unix_micros(min(" + c + "))");
    exprs.push_back("unix_micros(max(" + c + "))");
  } else {
    exprs.push_back("min(" + c + ")");
    exprs.push_back("max(" + c + ")");
  }
  for (auto& expr : exprs) expr = "CAST(" + expr + " AS STRING)";
  return exprs;
}

std::string UtcTimestampText(const std::string& micros) {
  int64_t value = 0;
  if (!absl::SimpleAtoi(micros, &value)) throw InternalError("unix_micros gave " + micros);
  return absl::FormatTime(kStoredTimestamp, absl::FromUnixMicros(value), absl::UTCTimeZone());
}

// Stores one column's statistics from the query's texts (null where absent).
void StoreColumn(Properties& properties, const StructField& column, const std::vector<std::optional<std::string>>& values) {
  std::string prefix = ColumnPrefix(column.name);
  EraseWithPrefix(properties, prefix);
  properties[prefix + "version"] = kStatisticsVersion;
  properties[prefix + "distinctCount"] = values[0].value_or("0");
  properties[prefix + "nullCount"] = values[1].value_or("0");
  std::string default_size = std::to_string(DefaultSize(*column.type));
  if (HasLengths(*column.type)) {
    properties[prefix + "avgLen"] = values[2].value_or(default_size);
    properties[prefix + "maxLen"] = values[3].value_or(default_size);
    return;
  }
  properties[prefix + "avgLen"] = default_size;
  properties[prefix + "maxLen"] = default_size;
  bool timestamp = column.type->id == TypeId::kTimestamp;
  if (values[2]) properties[prefix + "min"] = timestamp ? UtcTimestampText(*values[2]) : *values[2];
  if (values[3]) properties[prefix + "max"] = timestamp ? UtcTimestampText(*values[3]) : *values[3];
}

}  // namespace

void AnalyzeCatalogTable(Session& session, CatalogTable table, const sql::AnalyzeTable& statement) {
  if (table.type == TableType::kView) throw SparkError("_LEGACY_ERROR_TEMP_1236", ErrorParams{});
  std::vector<StructField> columns = ColumnsToAnalyze(table, statement);
  table.properties[kTotalSizeProperty] = std::to_string(DataSize(table));
  if (statement.noscan) {
    table.properties.erase(kNumRowsProperty);
  } else {
    std::string query = "SELECT CAST(count(1) AS STRING)";
    for (const StructField& column : columns) {
      for (const std::string& expr : StatisticsExpressions(column)) query += ", " + expr;
    }
    query += " FROM " + TableIdentifier{table.database, table.name}.Quoted();
    QueryResult result = session.CollectAnalyzed(session.AnalyzePlan(sql::ParseQuery(query)));
    std::vector<std::optional<std::string>> values;
    for (const Batch& batch : result.batches) {
      if (batch.num_rows == 0) continue;
      for (const VectorPtr& vector : batch.columns) {
        values.push_back(vector->IsNull(0) ? std::nullopt : std::optional<std::string>(vector->GetString(0)));
      }
    }
    if (values.empty()) throw InternalError("ANALYZE TABLE's query gave no row");
    table.properties[kNumRowsProperty] = values[0].value_or("0");
    for (size_t c = 0; c < columns.size(); ++c) {
      auto first = values.begin() + 1 + static_cast<std::ptrdiff_t>(4 * c);
      StoreColumn(table.properties, columns[c], std::vector<std::optional<std::string>>(first, first + 4));
    }
  }
  if (!session.catalog().metastore().UpdateTable(table)) ThrowTableNotFound(statement.table);
}

void DropTableStatistics(Session& session, const CatalogTable& table) {
  Metastore& metastore = session.catalog().metastore();
  std::optional<CatalogTable> current = metastore.GetTable(table.database, table.name);
  if (!current) return;
  auto first = current->properties.lower_bound(kStatisticsPropertyPrefix);
  if (first == current->properties.end() || first->first.rfind(kStatisticsPropertyPrefix, 0) != 0) return;
  EraseWithPrefix(current->properties, kStatisticsPropertyPrefix);
  metastore.UpdateTable(*current);
}

std::vector<std::pair<std::string, std::string>> DescribedColumnStatistics(Session& session, const CatalogTable* table,
                                                                           const StructField& column) {
  auto stored = [&](const char* key) -> std::string {
    if (table == nullptr) return "NULL";
    auto found = table->properties.find(ColumnPrefix(column.name) + key);
    return found == table->properties.end() ? "NULL" : found->second;
  };
  std::string min = stored("min"), max = stored("max");
  if (column.type->id == TypeId::kTimestamp) {
    // Shown in the session's time zone with its offset.
    absl::TimeZone zone = EvalContext::FromConfig(session.config()).time_zone;
    for (std::string* text : {&min, &max}) {
      absl::Time time;
      std::string error;
      if (*text != "NULL" && absl::ParseTime(kStoredTimestamp, *text, absl::UTCTimeZone(), &time, &error)) {
        *text = absl::FormatTime(std::string(kStoredTimestamp) + " %z", time, zone);
      }
    }
  }
  return {{"min", min},
          {"max", max},
          {"num_nulls", stored("nullCount")},
          {"distinct_count", stored("distinctCount")},
          {"avg_col_len", stored("avgLen")},
          {"max_col_len", stored("maxLen")},
          {"histogram", "NULL"}};
}

}  // namespace ember

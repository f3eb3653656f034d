#include "runtime/table_writes.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

#include "common/error.h"
#include "common/file_system.h"
#include "common/names.h"
#include "plan/plan_builders.h"
#include "runtime/table_partitions.h"
#include "runtime/table_statistics.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

std::string ColumnList(const std::vector<std::string>& names) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + QuoteIdentifier(names[i]);
  return text;
}

void ThrowArityMismatch(const CatalogTable& table, const std::vector<std::string>& data_columns) {
  std::vector<std::string> table_columns;
  for (const auto& field : table.schema) table_columns.push_back(field.name);
  const char* reason = data_columns.size() > table_columns.size() ? "TOO_MANY_DATA_COLUMNS" : "NOT_ENOUGH_DATA_COLUMNS";
  throw SparkError(std::string("INSERT_COLUMN_ARITY_MISMATCH.") + reason,
                   {{"tableName", TableIdentifier{table.database, table.name}.Quoted()},
                    {"tableColumns", ColumnList(table_columns)},
                    {"dataColumns", ColumnList(data_columns)}});
}

// The query's columns as the table's: matched by position (or through `columns` by name), cast
// to the table's types and named as the table's columns.
PlanPtr ToTableColumns(const CatalogTable& table, const PlanPtr& analyzed, const std::vector<std::string>& columns) {
  const std::vector<Attribute>& input = analyzed->output;
  std::vector<std::string> data_columns;
  for (const auto& attribute : input) data_columns.push_back(attribute.name);
  size_t expected = columns.empty() ? table.schema.size() : columns.size();
  if (input.size() != expected) ThrowArityMismatch(table, data_columns);
  std::vector<ExprPtr> exprs;
  for (size_t t = 0; t < table.schema.size(); ++t) {
    const StructField& field = table.schema[t];
    ExprPtr value;
    if (columns.empty()) {
      value = BoundAttribute(static_cast<int>(t), input[t]);
    } else {
      int c = FindNameIndex(columns, field.name);
      value = c >= 0 ? BoundAttribute(c, input[c]) : Literal(Value::Null(field.type));
    }
    exprs.push_back(AliasAs(CastTo(value, field.type), field.name));
  }
  return MakeProjectNode(analyzed, std::move(exprs));
}

// The order of `schema`'s columns with the partition columns last, as Spark's catalog keeps them;
// `partition_columns` get the schema's spelling. Raises COLUMN_NOT_FOUND.
std::vector<int> PartitionColumnsLast(const Schema& schema, std::vector<std::string>& partition_columns) {
  std::vector<int> order, last;
  std::vector<bool> is_partition(schema.size(), false);
  for (std::string& name : partition_columns) {
    int found = FindFieldIndex(schema, name);
    if (found < 0) {
      throw SparkError("COLUMN_NOT_FOUND",
                       {{"colName", QuoteIdentifier(name)}, {"caseSensitiveConfig", "\"spark.sql.caseSensitive\""}});
    }
    name = schema[found].name;
    is_partition[found] = true;
    last.push_back(found);
  }
  for (size_t c = 0; c < schema.size(); ++c) {
    if (!is_partition[c]) order.push_back(static_cast<int>(c));
  }
  order.insert(order.end(), last.begin(), last.end());
  return order;
}

bool NonEmptyDirectory(const std::string& path) { return !FileSystemFor(path)->List(path).empty(); }

// Writes `rows` by `request` with the table's entry changing in the data's commit
// (Metastore::BeginTableCommit): `entry` gives the entry as it will be once the job's data is
// staged. False when the table exists and `replace` is not set.
bool WriteWithEntry(Session& session, const PlanPtr& rows, WriteRequest request,
                    const std::function<CatalogTable(const WriteJob&)>& entry, bool replace) {
  Metastore& metastore = session.catalog().metastore();
  std::optional<CatalogTable> committed;
  std::string commit_id;
  request.before_publish = [&](const WriteJob& job) {
    committed = entry(job);
    commit_id = job.job_uuid();
    metastore.BeginTableCommit(*committed, commit_id);
  };
  try {
    session.WriteAnalyzed(rows, request);
  } catch (...) {
    if (committed) metastore.AbortTableCommit(*committed, commit_id);
    throw;
  }
  // Nothing was committed (ignore mode and the output exists).
  if (!committed) return true;
  return metastore.FinishTableCommit(*committed, commit_id, replace);
}

std::string WithoutTrailingSlash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// The partitions a write puts into folders of their own: those kept elsewhere than their default
// directory (Spark's custom partition locations). Raises NOT_IMPLEMENTED for a folder inside the
// table's folder (or holding it), which the table's own commit would swap away.
std::map<std::string, std::string> CustomPartitionFolders(const CatalogTable& table) {
  std::map<std::string, std::string> folders;
  std::string root = WithoutTrailingSlash(NormalizePath(table.location));
  for (const auto& [directory, folder] : table.partition_locations) {
    std::string path = WithoutTrailingSlash(NormalizePath(folder));
    if (path == root + "/" + directory) continue;
    if (path == root || path.rfind(root + "/", 0) == 0 || root.rfind(path + "/", 0) == 0) {
      throw SparkError("NOT_IMPLEMENTED", "0A000",
                       "Writing into a partition whose location is inside the table's location (or holds it) is not implemented.",
                       {{"feature", "Writing into a partition whose location is inside the table's location"}});
    }
    folders[directory] = folder;
  }
  return folders;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void RequireNotView(const CatalogTable& table, const std::string& operation) {
  if (table.type != TableType::kView) return;
  throw SparkError("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE",
                   {{"operation", operation}, {"viewName", TableIdentifier{table.database, table.name}.Quoted()}});
}

void CreateCatalogTable(Session& session, CatalogTable table, const PlanPtr& analyzed_query, bool replace) {
  TableIdentifier id{table.database, table.name};
  Metastore& metastore = session.catalog().metastore();
  std::optional<CatalogTable> existing = metastore.GetTable(id.database, id.name);
  if (existing && !replace) ThrowTableAlreadyExists(id);
  bool reuses_location = existing && existing->location == table.location;
  if (table.type == TableType::kManaged && !reuses_location && NonEmptyDirectory(table.location)) {
    throw SparkError("LOCATION_ALREADY_EXISTS",
                     {{"identifier", id.Quoted()}, {"location", "'" + QualifiedPath(table.location) + "'"}});
  }
  table.created_ms = NowMs();
  PlanPtr query = analyzed_query;
  if (!table.partition_columns.empty()) {
    Schema schema = query ? OutputSchema(query->output) : table.schema;
    std::vector<int> order = PartitionColumnsLast(schema, table.partition_columns);
    if (query) {
      std::vector<ExprPtr> columns;
      for (int c : order) columns.push_back(BoundAttribute(c, query->output[c]));
      query = MakeProjectNode(query, std::move(columns));
    } else {
      table.schema.clear();
      for (int c : order) table.schema.push_back(schema[c]);
    }
  }
  if (query) {
    // The entry changes with the data, in the data's commit (Metastore::BeginTableCommit).
    table.schema = OutputSchema(query->output);
    for (auto& field : table.schema) field.nullable = true;
    WriteRequest request{table.provider, table.location, "overwrite", table.options};
    request.partition_by = table.partition_columns;
    if (!WriteWithEntry(session, query, request, [&](const WriteJob&) { return table; }, replace)) {
      ThrowTableAlreadyExists(id);
    }
  } else {
    if (!IsRemotePath(table.location)) fs::create_directories(table.location);
    if (table.schema.empty()) table.schema = OutputSchema(session.AnalyzePlan(CatalogTablePlan(table))->output);
    for (auto& field : table.schema) field.nullable = true;
    if (!metastore.CreateTable(table, replace)) ThrowTableAlreadyExists(id);
  }
  if (existing && !reuses_location) DeleteManagedData(*existing);
}

void InsertIntoCatalogTable(Session& session, const CatalogTable& table, const PlanPtr& analyzed,
                            bool overwrite, const std::vector<std::string>& columns,
                            const sql::PartitionSpec& partition, bool written_partitions_only) {
  RequireNotView(table, "INSERT");
  PlanPtr query = analyzed;
  std::optional<OverwriteScope> scope;
  if (written_partitions_only && !table.partition_columns.empty()) scope = OverwriteScope{OverwriteScope::kWrittenPartitions, {}};
  if (!partition.empty()) {
    if (!columns.empty()) {
      throw SparkError("NOT_IMPLEMENTED", "0A000", "A column list with a PARTITION clause is not implemented.",
                       {{"feature", "A column list with a PARTITION clause"}});
    }
    StaticInsert insert = PlanStaticInsert(session, table, analyzed, partition);
    query = insert.rows;
    scope = insert.overwrite;
  }
  PlanPtr rows = ToTableColumns(table, query, columns);
  WriteRequest request{table.provider, table.location, overwrite ? "overwrite" : "append", table.options};
  request.partition_by = table.partition_columns;
  request.overwrite_scope = scope;
  request.partition_folders = CustomPartitionFolders(table);
  if (request.partition_folders.empty()) {
    session.WriteAnalyzed(rows, request);
  } else {
    // Partitions kept in folders of their own get their rows there, in the same commit; those the
    // overwrite empties leave the catalog, as Spark drops the partitions an overwrite did not write
    // (except the one a spec naming every partition column targets, which stays, empty).
    std::string targeted;
    if (!partition.empty()) {
      TablePartitionSpec resolved = ResolvePartitionSpec(session, table, partition);
      bool full = std::all_of(resolved.values.begin(), resolved.values.end(), [](const auto& v) { return v.has_value(); });
      if (full) targeted = PartitionDirectory(table, resolved);
    }
    WriteWithEntry(session, rows, request, [&](const WriteJob& job) {
      CatalogTable after = table;
      for (const std::string& partition : job.emptied_partitions()) {
        if (partition != targeted) after.partition_locations.erase(partition);
      }
      return after;
    }, true);
  }
  DropTableStatistics(session, table);
}

void DeleteManagedData(const CatalogTable& table) {
  if (table.type != TableType::kManaged || table.location.empty()) return;
  FileSystemFor(table.location)->DeleteRecursively(table.location);
}

}  // namespace ember

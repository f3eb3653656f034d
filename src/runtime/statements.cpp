// Session::Sql and the table writes of the DataFrame API: statements run against the session's
// catalog, with Spark's results and errors.
#include <algorithm>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "common/error.h"
#include "common/file_system.h"
#include "common/names.h"
#include "exec/write_commit.h"
#include "functions/eval_context.h"
#include "plan/data_source.h"
#include "plan/plan_json.h"
#include "runtime/session.h"
#include "runtime/statement_results.h"
#include "runtime/table_statistics.h"
#include "runtime/table_partitions.h"
#include "runtime/table_writes.h"
#include "sql/parser.h"
#include "sql/statement.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

PlanPtr RenameColumns(const PlanPtr& query, const std::vector<Attribute>& output, const std::vector<std::string>& names);

class StatementRunner {
 public:
  explicit StatementRunner(Session& session) : session_(session), catalog_(session.catalog()) {}

  QueryResult operator()(const sql::QueryStatement& statement) {
    return session_.CollectAnalyzed(session_.AnalyzePlan(statement.plan));
  }

  QueryResult operator()(const sql::SetStatement& statement) {
    Config& config = session_.config();
    std::vector<std::vector<Value>> rows;
    if (!statement.key) {
      for (const auto& [key, value] : config.values()) rows.push_back({Value::String(key), Value::String(value)});
    } else {
      if (statement.value) {
        EvalContext::CheckSetting(*statement.key, *statement.value);
        config.Set(*statement.key, *statement.value);
      }
      session_.ConfigChanged();
      rows.push_back({Value::String(*statement.key), Value::String(config.GetOr(*statement.key, "<undefined>"))});
    }
    return RowsResult({{"key", StringType(), false}, {"value", StringType(), false}}, rows);
  }

  QueryResult operator()(const sql::ResetStatement& statement) {
    Config& config = session_.config();
    const Config& initial = session_.initial_config();
    if (statement.key) {
      std::optional<std::string> value = initial.Get(*statement.key);
      value ? config.Set(*statement.key, *value) : config.Unset(*statement.key);
    } else {
      config = initial;
    }
    session_.ConfigChanged();
    return EmptyResult();
  }

  QueryResult operator()(const sql::UseStatement& statement) {
    catalog_.SetCurrentDatabase(statement.database);
    return EmptyResult();
  }

  QueryResult operator()(const sql::CreateDatabase& statement) {
    Metastore& metastore = catalog_.metastore();
    CatalogDatabase database;
    database.name = absl::AsciiStrToLower(statement.name);
    database.comment = statement.comment;
    database.location = statement.location ? CatalogPath(*statement.location)
                                           : (fs::path(metastore.warehouse_dir()) / (database.name + ".db")).string();
    database.properties = statement.properties;
    if (!metastore.CreateDatabase(database)) {
      if (statement.if_not_exists) return EmptyResult();
      throw SparkError("SCHEMA_ALREADY_EXISTS", {{"schemaName", QuoteNameParts({"spark_catalog", database.name})}});
    }
    fs::create_directories(database.location);
    return EmptyResult();
  }

  QueryResult operator()(const sql::DropDatabase& statement) {
    std::string name = absl::AsciiStrToLower(statement.name);
    if (name == "default") {
      throw SparkError("UNSUPPORTED_FEATURE.DROP_DATABASE", {{"database", QuoteNameParts({"spark_catalog", name})}});
    }
    std::optional<CatalogDatabase> database = catalog_.metastore().GetDatabase(name);
    std::vector<CatalogTable> dropped;
    switch (catalog_.metastore().DropDatabase(name, statement.cascade, &dropped)) {
      case Metastore::DropResult::kNotFound:
        if (!statement.if_exists) ThrowSchemaNotFound(statement.name);
        return EmptyResult();
      case Metastore::DropResult::kNotEmpty:
        throw SparkError("SCHEMA_NOT_EMPTY", {{"schemaName", QuoteNameParts({"spark_catalog", name})}});
      case Metastore::DropResult::kDropped:
        break;
    }
    for (const auto& table : dropped) DeleteManagedData(table);
    std::error_code error;
    if (database) fs::remove_all(database->location, error);
    return EmptyResult();
  }

  QueryResult operator()(const sql::CreateTable& statement) {
    TableIdentifier id = catalog_.Qualify(statement.name);
    catalog_.RequireDatabase(id.database);
    std::optional<CatalogTable> existing = catalog_.FindTable(id);
    if (existing && statement.if_not_exists) return EmptyResult();
    if (existing && !statement.or_replace) ThrowTableAlreadyExists(id);
    CatalogTable table;
    table.partition_columns = statement.partition_columns;
    table.database = id.database;
    table.name = id.name;
    table.schema = statement.columns;
    table.options = statement.options;
    table.properties = statement.properties;
    table.comment = statement.comment;
    table.provider = statement.provider;
    if (statement.like) {
      Schema source_schema = OutputSchema(session_.AnalyzePlan(RelationPlan(*statement.like))->output);
      std::optional<CatalogTable> source = catalog_.IsTemporaryView(*statement.like)
                                               ? std::nullopt
                                               : std::optional<CatalogTable>(catalog_.RequireTable(*statement.like));
      table.schema = source_schema;
      if (table.provider.empty() && source && source->type != TableType::kView) {
        table.provider = source->provider;
        table.options = source->options;
      }
    }
    if (table.provider.empty()) table.provider = session_.config().GetOr("spark.sql.sources.default", "parquet");
    FindFileFormat(table.provider);
    std::optional<std::string> location = statement.location;
    if (!location) location = GetOption(table.options, "path");
    table.options.erase("path");
    table.type = location ? TableType::kExternal : TableType::kManaged;
    table.location = location ? CatalogPath(*location) : catalog_.DefaultTableLocation(id);
    PlanPtr query = statement.query ? session_.AnalyzePlan(statement.query) : nullptr;
    CreateCatalogTable(session_, std::move(table), query, statement.or_replace);
    return EmptyResult();
  }

  QueryResult operator()(const sql::CreateView& statement) {
    PlanPtr analyzed = session_.AnalyzePlan(statement.query);
    if (!statement.column_names.empty() && statement.column_names.size() != analyzed->output.size()) {
      throw SparkError("CREATE_VIEW_COLUMN_ARITY_MISMATCH", "21S01",
                       "Cannot create view " + QuoteNameParts(statement.name) + ", the reason is " +
                           (statement.column_names.size() > analyzed->output.size() ? "not enough" : "too many") +
                           " data columns.",
                       {});
    }
    if (statement.alter && catalog_.IsTemporaryView(statement.name)) {
      sql::CreateView temporary = statement;
      temporary.kind = statement.name.size() == 1 ? sql::ViewKind::kTemporary : sql::ViewKind::kGlobalTemporary;
      return CreateTemporaryView(temporary, analyzed);
    }
    if (statement.kind != sql::ViewKind::kPersistent) return CreateTemporaryView(statement, analyzed);
    TableIdentifier id = catalog_.Qualify(statement.name);
    catalog_.RequireDatabase(id.database);
    std::optional<CatalogTable> existing = catalog_.FindTable(id);
    if (statement.alter && !existing) ThrowTableNotFound(statement.name);
    if (statement.alter && existing->type != TableType::kView) {
      throw SparkError("EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE", {{"tableName", id.Quoted()}, {"operation", "ALTER VIEW ... AS"}});
    }
    if (existing && statement.if_not_exists) return EmptyResult();
    if (existing && (!statement.or_replace || existing->type != TableType::kView)) ThrowTableAlreadyExists(id);
    CatalogTable view;
    view.database = id.database;
    view.name = id.name;
    view.type = TableType::kView;
    view.view_text = statement.query_text;
    view.properties[kViewDatabaseProperty] = catalog_.current_database();
    if (!statement.column_names.empty()) {
      std::string select;
      for (size_t i = 0; i < analyzed->output.size(); ++i) {
        select += (i ? ", " : "") + QuoteIdentifier(analyzed->output[i].name) + " AS " +
                  QuoteIdentifier(statement.column_names[i]);
      }
      view.view_text = "SELECT " + select + " FROM (" + statement.query_text + ")";
    }
    view.schema = OutputSchema(session_.AnalyzePlan(sql::ParseQuery(view.view_text))->output);
    if (!catalog_.metastore().CreateTable(view, statement.or_replace)) ThrowTableAlreadyExists(id);
    return EmptyResult();
  }

  QueryResult operator()(const sql::InsertInto& statement) {
    CatalogTable table = catalog_.RequireTable(statement.table);
    InsertIntoCatalogTable(session_, table, session_.AnalyzePlan(statement.query), statement.overwrite,
                           statement.columns, statement.partition);
    return EmptyResult();
  }

  QueryResult operator()(const sql::ShowPartitions& statement) {
    CatalogTable table = catalog_.RequireTable(statement.table);
    RequireNotView(table, "SHOW PARTITIONS");
    TablePartitionSpec spec = ResolvePartitionSpec(session_, table, statement.partition);
    std::vector<std::vector<Value>> rows;
    for (const std::string& directory : ListTablePartitions(table)) {
      if (PartitionMatches(directory, table, spec)) rows.push_back({Value::String(directory)});
    }
    return RowsResult({{"partition", StringType(), false}}, rows);
  }

  QueryResult operator()(const sql::AlterPartitions& statement) {
    CatalogTable table = catalog_.RequireTable(statement.table);
    RequireNotView(table, statement.add ? "ALTER TABLE ADD PARTITION" : "ALTER TABLE DROP PARTITION");
    std::vector<std::string> existing = ListTablePartitions(table);
    std::string table_name = TableIdentifier{table.database, table.name}.Quoted();
    OverwriteScope dropped{OverwriteScope::kListedPartitions, {}};
    std::vector<std::string> forgotten_folders;  // a managed table's dropped partitions kept elsewhere
    bool listed_changed = false;
    for (size_t i = 0; i < statement.partitions.size(); ++i) {
      const sql::PartitionSpec& partition = statement.partitions[i];
      TablePartitionSpec spec = ResolvePartitionSpec(session_, table, partition);
      std::vector<std::string> matches;
      for (const std::string& directory : existing) {
        if (PartitionMatches(directory, table, spec)) matches.push_back(directory);
      }
      if (!statement.add) {
        if (matches.empty() && !statement.tolerant) {
          throw SparkError("PARTITIONS_NOT_FOUND", {{"partitionList", spec.text}, {"tableName", table_name}});
        }
        for (const std::string& directory : matches) {
          auto kept = table.partition_locations.find(directory);
          if (kept == table.partition_locations.end()) {
            dropped.partitions.insert(directory);
            continue;
          }
          if (table.type == TableType::kManaged) forgotten_folders.push_back(kept->second);
          table.partition_locations.erase(kept);
          listed_changed = true;
        }
        continue;
      }
      RequireFullPartitionSpec(table, partition, spec);
      if (!matches.empty()) {
        if (statement.tolerant) continue;
        throw SparkError("PARTITIONS_ALREADY_EXIST", {{"partitionList", spec.text}, {"tableName", table_name}});
      }
      std::string directory = PartitionDirectory(table, spec);
      std::string folder = statement.locations[i] ? CatalogPath(*statement.locations[i])
                                                  : (fs::path(table.location) / directory).string();
      if (statement.locations[i]) {
        table.partition_locations[directory] = folder;
        existing.push_back(directory);
        listed_changed = true;
      }
      // An empty partition is its directory; object stores have no empty directories.
      if (!IsRemotePath(folder)) fs::create_directories(folder);
    }
    // The catalog first: a crash after it leaves unreferenced files, never a partition without them.
    if (listed_changed && !catalog_.metastore().UpdateTable(table)) ThrowTableNotFound(statement.table);
    for (const std::string& folder : forgotten_folders) FileSystemFor(folder)->DeleteRecursively(folder);
    if (!statement.add && !dropped.partitions.empty()) {
      WriteJob job(table.location, SaveMode::kOverwrite, dropped);
      if (job.Setup()) job.Commit();
    }
    DropTableStatistics(session_, table);
    return EmptyResult();
  }

  // The table's folder, or one partition's: the catalog then reads the data there (nothing moves).
  QueryResult operator()(const sql::SetTableLocation& statement) {
    CatalogTable table = catalog_.RequireTable(statement.table);
    RequireNotView(table, "ALTER TABLE ... SET LOCATION ...");
    std::string folder = CatalogPath(statement.location);
    if (statement.partition.empty()) {
      table.location = folder;
    } else {
      TablePartitionSpec spec = ResolvePartitionSpec(session_, table, statement.partition);
      RequireFullPartitionSpec(table, statement.partition, spec);
      std::string directory = PartitionDirectory(table, spec);
      std::vector<std::string> existing = ListTablePartitions(table);
      if (!std::binary_search(existing.begin(), existing.end(), directory)) {
        throw SparkError("PARTITIONS_NOT_FOUND", {{"partitionList", spec.text},
                                                  {"tableName", TableIdentifier{table.database, table.name}.Quoted()}});
      }
      table.partition_locations[directory] = folder;
    }
    if (!catalog_.metastore().UpdateTable(table)) ThrowTableNotFound(statement.table);
    DropTableStatistics(session_, table);
    return EmptyResult();
  }

  QueryResult operator()(const sql::RenamePartition& statement) {
    CatalogTable table = catalog_.RequireTable(statement.table);
    RequireNotView(table, "ALTER TABLE RENAME PARTITION");
    TablePartitionSpec from = ResolvePartitionSpec(session_, table, statement.from);
    TablePartitionSpec to = ResolvePartitionSpec(session_, table, statement.to);
    RequireFullPartitionSpec(table, statement.from, from);
    RequireFullPartitionSpec(table, statement.to, to);
    std::string table_name = TableIdentifier{table.database, table.name}.Quoted();
    std::vector<std::string> existing = ListTablePartitions(table);
    auto find = [&](const TablePartitionSpec& spec) {
      return std::find_if(existing.begin(), existing.end(),
                          [&](const std::string& directory) { return PartitionMatches(directory, table, spec); });
    };
    auto source = find(from);
    if (source == existing.end()) {
      throw SparkError("PARTITIONS_NOT_FOUND", {{"partitionList", from.text}, {"tableName", table_name}});
    }
    if (find(to) != existing.end()) {
      throw SparkError("PARTITIONS_ALREADY_EXIST", {{"partitionList", to.text}, {"tableName", table_name}});
    }
    auto kept = table.partition_locations.find(*source);
    if (kept == table.partition_locations.end()) {
      MovePartition(table, *source, PartitionDirectory(table, to));
      return EmptyResult();
    }
    // A partition kept elsewhere stays in its folder under its new name.
    std::string folder = kept->second;
    table.partition_locations.erase(kept);
    table.partition_locations[PartitionDirectory(table, to)] = folder;
    if (!catalog_.metastore().UpdateTable(table)) ThrowTableNotFound(statement.table);
    return EmptyResult();
  }

  QueryResult operator()(const sql::UnsupportedTableOperation& statement) {
    CatalogTable table = catalog_.RequireTable(statement.table);
    RequireNotView(table, statement.command);
    throw SparkError("UNSUPPORTED_FEATURE.TABLE_OPERATION", {{"tableName", TableIdentifier{table.database, table.name}.Quoted()},
                                                             {"operation", statement.operation}});
  }

  QueryResult operator()(const sql::AnalyzeTable& statement) {
    AnalyzeCatalogTable(session_, catalog_.RequireTable(statement.table), statement);
    return EmptyResult();
  }

  QueryResult operator()(const sql::RepairTable& statement) {
    CatalogTable table = catalog_.RequireTable(statement.table);
    if (table.partition_columns.empty()) {
      throw SparkError("NOT_A_PARTITIONED_TABLE", {{"operation", statement.command},
                                                   {"tableIdentWithDB", TableIdentifier{table.database, table.name}.Quoted()}});
    }
    return EmptyResult();
  }

  QueryResult operator()(const sql::DropTable& statement) {
    const auto& name = statement.name;
    if (catalog_.IsTemporaryView(name)) {
      name.size() == 1 ? catalog_.temp_views().Drop(name[0]) : SessionCatalog::GlobalTempViews().Drop(name[1]);
      return EmptyResult();
    }
    TableIdentifier id = catalog_.Qualify(name);
    std::optional<CatalogTable> table = catalog_.FindTable(id);
    if (!table) {
      if (statement.if_exists) return EmptyResult();
      ThrowTableNotFound(name);
    }
    bool is_view = table->type == TableType::kView;
    if (is_view != statement.is_view) {
      throw SparkError("WRONG_COMMAND_FOR_OBJECT_TYPE",
                       {{"operation", statement.is_view ? "DROP VIEW" : "DROP TABLE"},
                        {"requiredType", statement.is_view ? "VIEW" : "EXTERNAL or MANAGED"},
                        {"objectName", id.Quoted()},
                        {"foundType", TableTypeName(table->type)},
                        {"alternative", statement.is_view ? "DROP TABLE" : "DROP VIEW"}});
    }
    if (catalog_.metastore().DropTable(id.database, id.name)) DeleteManagedData(*table);
    return EmptyResult();
  }

  QueryResult operator()(const sql::ShowDatabases& statement) { return ShowDatabasesResult(session_, statement); }
  QueryResult operator()(const sql::ShowTables& statement) { return ShowTablesResult(session_, statement); }
  QueryResult operator()(const sql::ShowColumns& statement) { return ShowColumnsResult(session_, statement); }
  QueryResult operator()(const sql::ShowTableProperties& statement) {
    return ShowTablePropertiesResult(session_, statement);
  }
  QueryResult operator()(const sql::DescribeTable& statement) {
    return statement.column.empty() ? DescribeTableResult(session_, statement) : DescribeColumnResult(session_, statement);
  }
  QueryResult operator()(const sql::DescribeDatabase& statement) {
    return DescribeDatabaseResult(session_, statement);
  }
  QueryResult operator()(const sql::DescribeQuery& statement) { return DescribeQueryResult(session_, statement); }
  QueryResult operator()(const sql::ShowCreateTable& statement) { return ShowCreateTableResult(session_, statement); }
  QueryResult operator()(const sql::ShowFunctions& statement) { return ShowFunctionsResult(statement); }
  QueryResult operator()(const sql::RefreshTable& statement) {
    if (!catalog_.IsTemporaryView(statement.table)) catalog_.RequireTable(statement.table);
    return EmptyResult();
  }

  QueryResult operator()(const sql::RenameTable& statement) {
    if (statement.from.size() == 1 && catalog_.temp_views().Find(statement.from[0])) {
      PlanPtr plan = catalog_.temp_views().Find(statement.from[0]);
      if (!catalog_.temp_views().Create(statement.to.back(), plan, false)) {
        throw SparkError("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", {{"relationName", QuoteIdentifier(statement.to.back())}});
      }
      catalog_.temp_views().Drop(statement.from[0]);
      return EmptyResult();
    }
    CatalogTable table = catalog_.RequireTable(statement.from);
    TableIdentifier from{table.database, table.name};
    TableIdentifier to = catalog_.Qualify(statement.to);
    if (statement.to.size() == 1) to.database = from.database;
    if (catalog_.FindTable(to)) ThrowTableAlreadyExists(to);
    CatalogTable renamed = table;
    renamed.database = to.database;
    renamed.name = to.name;
    bool moves_data = table.type == TableType::kManaged;
    if (moves_data) {
      renamed.location = catalog_.DefaultTableLocation(to);
      fs::rename(table.location, renamed.location);
    }
    if (!catalog_.metastore().RenameTable(from.database, from.name, renamed)) {
      if (moves_data) fs::rename(renamed.location, table.location);
      ThrowTableAlreadyExists(to);
    }
    return EmptyResult();
  }

  QueryResult operator()(const sql::AddColumns& statement) {
    CatalogTable table = catalog_.RequireTable(statement.table);
    RequireNotView(table, "ALTER TABLE ... ADD COLUMNS");
    for (const auto& column : statement.columns) {
      if (FindFieldIndex(table.schema, column.name) >= 0) {
        throw SparkError("COLUMN_ALREADY_EXISTS", {{"columnName", QuoteIdentifier(absl::AsciiStrToLower(column.name))}});
      }
      table.schema.push_back(column);
      table.schema.back().nullable = true;
    }
    if (!catalog_.metastore().UpdateTable(table)) ThrowTableNotFound(statement.table);
    return EmptyResult();
  }

  QueryResult operator()(const sql::AlterTableProperties& statement) {
    CatalogTable table = catalog_.RequireTable(statement.table);
    for (const auto& [key, value] : statement.set) table.properties[key] = value;
    std::vector<std::string> missing;
    for (const auto& key : statement.unset) {
      if (table.properties.erase(key) == 0) missing.push_back(key);
    }
    if (!missing.empty() && !statement.if_exists) {
      std::string list;
      for (const auto& key : missing) list += (list.empty() ? "" : ", ") + QuoteIdentifier(key);
      throw SparkError("UNSET_NONEXISTENT_PROPERTIES", "42K0J",
                       "Attempted to unset non-existent properties [" + list + "] in table " +
                           TableIdentifier{table.database, table.name}.Quoted() + ".",
                       {{"properties", list}, {"table", TableIdentifier{table.database, table.name}.Quoted()}});
    }
    if (!catalog_.metastore().UpdateTable(table)) ThrowTableNotFound(statement.table);
    return EmptyResult();
  }

  QueryResult operator()(const sql::TruncateTable& statement) {
    CatalogTable table = catalog_.RequireTable(statement.table);
    RequireNotView(table, "TRUNCATE TABLE");
    if (table.type == TableType::kExternal) {
      std::string name = TableIdentifier{table.database, table.name}.Quoted();
      throw SparkError("_LEGACY_ERROR_TEMP_1266", "",
                       "Operation not allowed: TRUNCATE TABLE on external tables: " + name + ".",
                       {{"tableIdentWithDB", name}});
    }
    // An empty result written in overwrite mode: the old files go at the commit, as with INSERT
    // OVERWRITE, and the directory keeps one empty part file with the schema.
    PlanPtr empty = MakePlan(LocalRelationNode{table.schema, std::make_shared<std::vector<Batch>>()}, {});
    CatalogTable table_folder = table;  // the partitions kept elsewhere stay in the catalog
    table_folder.partition_locations.clear();
    InsertIntoCatalogTable(session_, table_folder, session_.AnalyzePlan(empty), true);
    // Partitions kept in folders of their own are emptied the same way.
    Schema data_schema(table.schema.begin(), table.schema.end() - static_cast<std::ptrdiff_t>(table.partition_columns.size()));
    PlanPtr empty_data = MakePlan(LocalRelationNode{data_schema, std::make_shared<std::vector<Batch>>()}, {});
    for (const auto& [directory, folder] : table.partition_locations) {
      session_.WriteAnalyzed(session_.AnalyzePlan(empty_data), {table.provider, folder, "overwrite", table.options});
    }
    return EmptyResult();
  }

 private:
  static PlanPtr RelationPlan(const std::vector<std::string>& name) {
    return MakePlan(UnresolvedRelationNode{name}, {});
  }

  QueryResult CreateTemporaryView(const sql::CreateView& statement, const PlanPtr& analyzed) {
    bool global = statement.kind == sql::ViewKind::kGlobalTemporary;
    const auto& name = statement.name;
    bool qualified_global = global && name.size() == 2 && absl::AsciiStrToLower(name[0]) == kGlobalTempDatabase;
    if (name.size() > 1 && !qualified_global) {
      throw SparkError("TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS", {{"actualName", QuoteNameParts(name)}});
    }
    TempViews& views = global ? SessionCatalog::GlobalTempViews() : catalog_.temp_views();
    PlanPtr plan = statement.query;
    if (!statement.column_names.empty()) plan = RenameColumns(plan, analyzed->output, statement.column_names);
    if (!views.Create(name.back(), plan, statement.or_replace) && !statement.if_not_exists) {
      std::vector<std::string> shown = global ? std::vector<std::string>{kGlobalTempDatabase, name.back()}
                                              : std::vector<std::string>{name.back()};
      throw SparkError("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", {{"relationName", QuoteNameParts(shown)}});
    }
    return EmptyResult();
  }

  Session& session_;
  SessionCatalog& catalog_;
};

// `query` with its columns (`output` once analyzed) renamed to `names`, by position.
PlanPtr RenameColumns(const PlanPtr& query, const std::vector<Attribute>& output, const std::vector<std::string>& names) {
  ProjectNode project;
  for (size_t i = 0; i < output.size(); ++i) project.exprs.push_back(Alias(ColumnRef({output[i].name}), names[i]));
  return MakePlan(std::move(project), {query});
}

}  // namespace

std::optional<QueryResult> Session::Sql(const std::string& text) {
  sql::Statement statement = sql::ParseStatement(text);
  if (std::holds_alternative<sql::QueryStatement>(statement)) return std::nullopt;
  return std::visit(StatementRunner(*this), statement);
}

void Session::SaveAsTable(const std::string& plan_json, const TableWriteRequest& request) {
  PlanPtr analyzed = AnalyzePlan(ParseUsingCache(plan_json));
  TableIdentifier id = catalog_.Qualify(request.table);
  catalog_.RequireDatabase(id.database);
  std::optional<CatalogTable> existing = catalog_.FindTable(id);
  // writeTo().overwritePartitions(): the partitions written replace theirs (the caller checked
  // that the table exists).
  bool overwrite_partitions = absl::AsciiStrToLower(request.mode) == "overwritepartitions";
  SaveMode mode = overwrite_partitions ? SaveMode::kOverwrite : ParseSaveMode(request.mode);
  if (existing && mode == SaveMode::kIgnore) return;
  if (existing && mode == SaveMode::kErrorIfExists) ThrowTableAlreadyExists(id);
  if (existing && (mode == SaveMode::kAppend || overwrite_partitions)) {
    std::vector<std::string> names;
    for (const auto& attribute : analyzed->output) names.push_back(attribute.name);
    InsertIntoCatalogTable(*this, *existing, analyzed, overwrite_partitions, names, {}, overwrite_partitions);
    return;
  }
  CatalogTable table;
  table.database = id.database;
  table.name = id.name;
  table.options = request.options;
  table.provider = !request.format.empty() ? request.format
                   : existing             ? existing->provider
                                          : config_.GetOr("spark.sql.sources.default", "parquet");
  FindFileFormat(table.provider);
  std::optional<std::string> path = GetOption(table.options, "path");
  table.options.erase("path");
  table.type = path ? TableType::kExternal : TableType::kManaged;
  table.location = path ? CatalogPath(*path) : catalog_.DefaultTableLocation(id);
  table.partition_columns = request.partition_by;
  CreateCatalogTable(*this, std::move(table), analyzed, existing.has_value());
}

void Session::InsertInto(const std::string& plan_json, const std::vector<std::string>& table, bool overwrite) {
  PlanPtr analyzed = AnalyzePlan(ParseUsingCache(plan_json));
  InsertIntoCatalogTable(*this, catalog_.RequireTable(table), analyzed, overwrite);
}

}  // namespace ember

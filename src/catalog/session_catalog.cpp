#include "catalog/session_catalog.h"

#include <algorithm>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "catalog/planning_statistics.h"
#include "common/error.h"
#include "common/file_system.h"
#include "plan/plan_rewrite.h"
#include "sql/parser.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

// `plan` with its one-part table names (subqueries' too) qualified by `database`.
PlanPtr QualifyRelations(const PlanPtr& plan, const std::string& database) {
  auto qualify_subqueries = [&](const ExprPtr& expr) {
    return TransformExprUp(expr, [&](const ExprPtr& e) {
      if (e->kind != ExprKind::kSubquery || !e->subquery) return e;
      Expr copy = *e;
      copy.subquery = QualifyRelations(e->subquery, database);
      return MakeExpr(std::move(copy));
    });
  };
  return TransformPlanUp(plan, [&](const PlanPtr& node) {
    PlanPtr mapped = MapPlanExprs(node, qualify_subqueries);
    if (!mapped->Is<UnresolvedRelationNode>() || mapped->As<UnresolvedRelationNode>().name.size() != 1) return mapped;
    LogicalPlan copy = *mapped;
    auto& name = copy.As<UnresolvedRelationNode>().name;
    name.insert(name.begin(), database);
    return MakePlan(std::move(copy));
  });
}

bool IsGlobalTemp(const std::string& database) { return absl::AsciiStrToLower(database) == kGlobalTempDatabase; }

}  // namespace

std::string CatalogPath(const std::string& text) { return NormalizePath(text); }

std::string QuoteNameParts(const std::vector<std::string>& parts) {
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) text += (i ? "." : "") + QuoteIdentifier(parts[i]);
  return text;
}

std::string TableIdentifier::Quoted() const { return QuoteNameParts({"spark_catalog", database, name}); }

void ThrowTableNotFound(const std::vector<std::string>& name) {
  throw SparkError("TABLE_OR_VIEW_NOT_FOUND", {{"relationName", QuoteNameParts(name)}});
}

void ThrowSchemaNotFound(const std::string& database) {
  throw SparkError("SCHEMA_NOT_FOUND", {{"schemaName", QuoteNameParts({"spark_catalog", database})}});
}

void ThrowTableAlreadyExists(const TableIdentifier& id) {
  throw SparkError("TABLE_OR_VIEW_ALREADY_EXISTS", {{"relationName", id.Quoted()}});
}

PlanPtr CatalogTablePlan(const CatalogTable& table) {
  if (table.type == TableType::kView) {
    auto database = table.properties.find(kViewDatabaseProperty);
    PlanPtr query = sql::ParseQuery(table.view_text);
    return database == table.properties.end() ? query : QualifyRelations(query, database->second);
  }
  ReadNode read;
  read.format = table.provider;
  read.paths = {table.location};
  if (!table.schema.empty()) read.user_schema = table.schema;
  read.options = table.options;
  read.partition_locations.assign(table.partition_locations.begin(), table.partition_locations.end());
  return MakePlan(std::move(read), {});
}

TempViews& SessionCatalog::GlobalTempViews() {
  static TempViews views;
  return views;
}

Metastore& SessionCatalog::metastore() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!metastore_) {
    std::string dir = config_.GetOr("spark.sql.warehouse.dir", "spark-warehouse");
    metastore_ = std::make_unique<Metastore>(CatalogPath(dir));
  }
  return *metastore_;
}

std::string SessionCatalog::current_database() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_database_;
}

void SessionCatalog::SetCurrentDatabase(const std::string& name) {
  CatalogDatabase database = RequireDatabase(absl::AsciiStrToLower(name));
  std::lock_guard<std::mutex> lock(mutex_);
  current_database_ = database.name;
}

TableIdentifier SessionCatalog::Qualify(const std::vector<std::string>& name) const {
  if (name.size() == 3 && absl::AsciiStrToLower(name[0]) != "spark_catalog") ThrowTableNotFound(name);
  if (name.size() == 1) return {current_database(), absl::AsciiStrToLower(name[0])};
  return {absl::AsciiStrToLower(name[name.size() - 2]), absl::AsciiStrToLower(name.back())};
}

bool SessionCatalog::DatabaseExists(const std::string& name) const {
  return metastore().GetDatabase(absl::AsciiStrToLower(name)).has_value();
}

CatalogDatabase SessionCatalog::RequireDatabase(const std::string& name) const {
  std::optional<CatalogDatabase> database = metastore().GetDatabase(absl::AsciiStrToLower(name));
  if (!database) ThrowSchemaNotFound(name);
  return *database;
}

std::string SessionCatalog::DefaultTableLocation(const TableIdentifier& id) const {
  return (fs::path(RequireDatabase(id.database).location) / id.name).string();
}

std::optional<CatalogTable> SessionCatalog::FindTable(const TableIdentifier& id) const {
  return metastore().GetTable(id.database, id.name);
}

CatalogTable SessionCatalog::RequireTable(const std::vector<std::string>& name) const {
  std::optional<CatalogTable> table = FindTable(Qualify(name));
  if (!table) ThrowTableNotFound(name);
  return *table;
}

bool SessionCatalog::IsTemporaryView(const std::vector<std::string>& name) const {
  if (name.size() == 1) return temp_views_.Find(name[0]) != nullptr;
  return name.size() == 2 && IsGlobalTemp(name[0]) && GlobalTempViews().Find(name[1]) != nullptr;
}

PlanPtr SessionCatalog::FindRelation(const std::vector<std::string>& name) const {
  if (name.size() == 1) {
    if (PlanPtr view = temp_views_.Find(name[0])) return view;
  }
  if (name.size() == 2 && IsGlobalTemp(name[0])) return GlobalTempViews().Find(name[1]);
  if (name.size() == 3 && absl::AsciiStrToLower(name[0]) != "spark_catalog") return nullptr;
  std::optional<CatalogTable> table = FindTable(Qualify(name));
  if (!table) return nullptr;
  PlanPtr plan = CatalogTablePlan(*table);
  if (!plan->Is<ReadNode>()) return plan;
  LogicalPlan read = *plan;
  bool cbo = ParseConfigBool("spark.sql.cbo.enabled", config_.GetOr("spark.sql.cbo.enabled", "false"));
  read.As<ReadNode>().table_statistics = PlanningStatistics(*table, cbo);
  return MakePlan(std::move(read));
}

bool SessionCatalog::RelationUnchanged(const std::vector<std::string>& name, const PlanPtr& relation) const {
  if (!relation->Is<ReadNode>()) return true;
  TableIdentifier id = Qualify(name);
  if (metastore().HasPendingCommit(id.database, id.name)) return false;
  PlanPtr current = FindRelation(name);
  if (!current || !current->Is<ReadNode>()) return false;
  const ReadNode& before = relation->As<ReadNode>();
  const ReadNode& now = current->As<ReadNode>();
  auto schema_text = [](const ReadNode& read) { return read.user_schema ? SchemaToString(*read.user_schema) : ""; };
  return before.format == now.format && before.paths == now.paths && before.options == now.options &&
         before.partition_locations == now.partition_locations && schema_text(before) == schema_text(now);
}

std::vector<TableListing> SessionCatalog::ListTables(const std::string& database) const {
  std::string db = database.empty() ? current_database() : absl::AsciiStrToLower(database);
  std::vector<TableListing> listing;
  if (IsGlobalTemp(db)) {
    for (const auto& name : GlobalTempViews().Names()) {
      listing.push_back({name, kGlobalTempDatabase, "TEMPORARY", "", true});
    }
  } else {
    RequireDatabase(db);
    for (const auto& table : metastore().ListTables(db)) {
      listing.push_back({table.name, table.database, TableTypeName(table.type), table.comment, false});
    }
  }
  for (const auto& name : temp_views_.Names()) listing.push_back({name, "", "TEMPORARY", "", true});
  return listing;
}

}  // namespace ember

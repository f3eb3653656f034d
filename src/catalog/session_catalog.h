// A session's view of the catalog, as Spark's SessionCatalog: the current database, the session's
// temporary views, the process's global temporary views (database `global_temp`), and the
// persistent metastore of `spark.sql.warehouse.dir` (opened on first use). It answers the
// analyzer's name lookups and raises Spark's errors for missing or clashing names.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "catalog/metastore.h"
#include "common/config.h"
#include "plan/relation_catalog.h"
#include "plan/temp_views.h"

namespace ember {

constexpr const char* kGlobalTempDatabase = "global_temp";
// The view property holding the database that was current when the view was created: the view's
// one-part table names resolve there (not in the reader's current database), as in Spark.
constexpr const char* kViewDatabaseProperty = "view.default.database";

struct TableIdentifier {
  std::string database;
  std::string name;
  // `spark_catalog`.`db`.`name`, as Spark's messages show a persistent object.
  std::string Quoted() const;
};

// One entry of SHOW TABLES / spark.catalog.listTables.
struct TableListing {
  std::string name;
  std::string database;   // empty for temporary views
  std::string table_type;  // "MANAGED", "EXTERNAL", "VIEW", "TEMPORARY"
  std::string description;
  bool is_temporary = false;
};

class SessionCatalog : public RelationCatalog {
 public:
  explicit SessionCatalog(const Config& config) : config_(config) {}

  PlanPtr FindRelation(const std::vector<std::string>& name) const override;
  bool RelationUnchanged(const std::vector<std::string>& name, const PlanPtr& relation) const override;
  std::string CurrentDatabase() const override { return current_database(); }

  // The metastore of the configured warehouse directory (absolute), opened on first use.
  Metastore& metastore() const;

  std::string current_database() const;
  // USE: throws SCHEMA_NOT_FOUND.
  void SetCurrentDatabase(const std::string& name);

  // A table name resolved against the current database (lower-cased as the metastore keeps it).
  TableIdentifier Qualify(const std::vector<std::string>& name) const;
  bool DatabaseExists(const std::string& name) const;
  // Throws SCHEMA_NOT_FOUND.
  CatalogDatabase RequireDatabase(const std::string& name) const;
  // Where a managed table of that name keeps its data.
  std::string DefaultTableLocation(const TableIdentifier& id) const;
  // The persistent table or view; throws TABLE_OR_VIEW_NOT_FOUND naming `name` as written.
  CatalogTable RequireTable(const std::vector<std::string>& name) const;
  std::optional<CatalogTable> FindTable(const TableIdentifier& id) const;

  TempViews& temp_views() { return temp_views_; }
  static TempViews& GlobalTempViews();
  // Whether `name` is a temporary view (one part) or a global one (global_temp.name).
  bool IsTemporaryView(const std::vector<std::string>& name) const;

  // Tables and views of `database` (the current one when empty), then the temporary views, as
  // SHOW TABLES lists them; for `global_temp` the global temporary views then the local ones.
  std::vector<TableListing> ListTables(const std::string& database) const;

 private:
  const Config& config_;
  mutable std::mutex mutex_;
  mutable std::unique_ptr<Metastore> metastore_;
  std::string current_database_ = "default";
  TempViews temp_views_;
};

// The unresolved plan of a persistent table: a read of its files with its schema and options,
// or a view's parsed query.
PlanPtr CatalogTablePlan(const CatalogTable& table);

[[noreturn]] void ThrowTableNotFound(const std::vector<std::string>& name);
[[noreturn]] void ThrowSchemaNotFound(const std::string& database);
[[noreturn]] void ThrowTableAlreadyExists(const TableIdentifier& id);

std::string QuoteNameParts(const std::vector<std::string>& parts);
// A location as the catalog keeps it: a local one absolute, without a `file:` scheme; a remote
// one (s3a://) as given.
std::string CatalogPath(const std::string& text);

}  // namespace ember

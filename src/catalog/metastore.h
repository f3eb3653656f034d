// The persistent catalog's store: databases and tables of one warehouse directory, kept in an
// SQLite database (<warehouse>/_ember_metastore.sqlite, WAL journal, synchronous commits). Every
// change is one transaction, so a crash leaves the previous or the next state, and several
// processes (and sessions) may read and write the same warehouse at once; a writer waits for
// another's transaction (busy timeout) instead of failing. The file and the warehouse directory are
// created by the first change; until then reads see only the built-in `default` database.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"

struct sqlite3;

namespace ember {

class Metastore {
 public:
  explicit Metastore(std::string warehouse_dir);
  ~Metastore();

  const std::string& warehouse_dir() const { return warehouse_dir_; }

  // `default` always exists; its location is the warehouse directory.
  std::optional<CatalogDatabase> GetDatabase(const std::string& name);
  std::vector<CatalogDatabase> ListDatabases();
  // False when the database exists.
  bool CreateDatabase(const CatalogDatabase& database);

  enum class DropResult { kDropped, kNotFound, kNotEmpty };
  // Removes the database; with `cascade` its tables too (returned in `dropped_tables`, so the
  // caller can delete managed data), else kNotEmpty when it has any.
  DropResult DropDatabase(const std::string& name, bool cascade, std::vector<CatalogTable>* dropped_tables);

  std::optional<CatalogTable> GetTable(const std::string& database, const std::string& name);
  std::vector<CatalogTable> ListTables(const std::string& database);
  // False when a table or view of that name exists and `replace` is not set.
  bool CreateTable(const CatalogTable& table, bool replace);
  // Replaces the entry of an existing table (same database and name); false when it is gone.
  bool UpdateTable(const CatalogTable& table);
  // False when absent.
  bool DropTable(const std::string& database, const std::string& name);
  // Moves the entry to `table`'s database and name (with its new location); false when the
  // source is gone or the target exists.
  bool RenameTable(const std::string& database, const std::string& name, const CatalogTable& table);

 private:
  class Transaction;
  // The open connection; nullptr when the file does not exist and `create` is false.
  sqlite3* Connection(bool create);

  std::string warehouse_dir_;
  std::string path_;
  std::mutex mutex_;  // one statement at a time on the connection
  sqlite3* db_ = nullptr;
};

}  // namespace ember

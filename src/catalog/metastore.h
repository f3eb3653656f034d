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
  // A table write whose data commit changes the entry too (CREATE TABLE AS SELECT, saveAsTable):
  // Begin records `table`, the entry as it will be, before the data tree of commit `commit_id`
  // (exec/write_commit.h, with its marker) is published; Finish makes it the entry after. Until
  // Finish, reads of the table settle it: the entry changes once the tree is in place, so a
  // writer killed in between leaves the old entry with the old data or the new with the new.
  // Finish is false when the table exists and `replace` is not set.
  void BeginTableCommit(const CatalogTable& table, const std::string& commit_id);
  bool FinishTableCommit(const CatalogTable& table, const std::string& commit_id, bool replace);
  // Forgets a commit whose data was not published (its job failed).
  void AbortTableCommit(const CatalogTable& table, const std::string& commit_id);
  bool HasPendingCommit(const std::string& database, const std::string& name);
  // False when absent.
  bool DropTable(const std::string& database, const std::string& name);
  // Moves the entry to `table`'s database and name (with its new location); false when the
  // source is gone or the target exists.
  bool RenameTable(const std::string& database, const std::string& name, const CatalogTable& table);

 private:
  class Transaction;
  // The open connection; nullptr when the file does not exist and `create` is false.
  sqlite3* Connection(bool create);
  // Settles the pending commits of a database's tables (of table `name` when not empty).
  void Settle(const std::string& database, const std::string& name);

  std::string warehouse_dir_;
  std::string path_;
  std::mutex mutex_;  // one statement at a time on the connection
  sqlite3* db_ = nullptr;
};

}  // namespace ember

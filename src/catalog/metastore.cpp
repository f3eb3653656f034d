#include "catalog/metastore.h"

#include <sqlite3.h>

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <set>

#include "common/commit_manifest.h"
#include "common/error.h"
#include "common/file_system.h"
#include "exec/write_commit.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

constexpr int kBusyTimeoutMs = 60000;

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS databases (
  name TEXT PRIMARY KEY, comment TEXT NOT NULL, location TEXT NOT NULL, properties TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tables (
  database TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, provider TEXT NOT NULL,
  location TEXT NOT NULL, schema TEXT NOT NULL, partition_columns TEXT NOT NULL,
  properties TEXT NOT NULL, options TEXT NOT NULL, view_text TEXT NOT NULL, comment TEXT NOT NULL,
  created_ms INTEGER NOT NULL, PRIMARY KEY (database, name));
CREATE TABLE IF NOT EXISTS pending_commits (
  database TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, provider TEXT NOT NULL,
  location TEXT NOT NULL, schema TEXT NOT NULL, partition_columns TEXT NOT NULL,
  properties TEXT NOT NULL, options TEXT NOT NULL, view_text TEXT NOT NULL, comment TEXT NOT NULL,
  created_ms INTEGER NOT NULL, commit_id TEXT NOT NULL, pid INTEGER NOT NULL,
  PRIMARY KEY (database, name, commit_id));
)sql";

// Columns added since the first layout, each added to an older warehouse's tables when it is
// opened (older processes name their columns, so they still read and write the tables).
const char* const kAddedColumns[] = {"partition_locations"};

const char* kTableColumns =
    "database, name, type, provider, location, schema, partition_columns, properties, options, "
    "view_text, comment, created_ms, partition_locations";
constexpr int kTableColumnCount = 13;

// "?, ?, ..." for `count` parameters.
std::string Placeholders(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text += i ? ", ?" : "?";
  return text;
}

[[noreturn]] void Fail(sqlite3* db, const std::string& what) {
  throw InternalError("metastore: " + what + ": " + (db ? sqlite3_errmsg(db) : "cannot open"));
}

// Text fields hold maps and lists as lines; backslash escapes keep '\n', '=' and '\\' inside them.
std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '=') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// Splits a line at its first unescaped '=' (when `split`) and unescapes the parts.
std::vector<std::string> Unescape(const std::string& line, bool split) {
  std::vector<std::string> parts(1);
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size()) {
      char next = line[++i];
      parts.back() += next == 'n' ? '\n' : next;
    } else if (c == '=' && split && parts.size() == 1) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string EncodeMap(const std::map<std::string, std::string>& map) {
  std::string text;
  for (const auto& [key, value] : map) text += Escape(key) + "=" + Escape(value) + "\n";
  return text;
}

std::map<std::string, std::string> DecodeMap(const std::string& text) {
  std::map<std::string, std::string> map;
  for (const auto& line : Lines(text)) {
    std::vector<std::string> parts = Unescape(line, true);
    map[parts[0]] = parts.size() > 1 ? parts[1] : "";
  }
  return map;
}

std::string EncodeList(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += Escape(item) + "\n";
  return text;
}

std::vector<std::string> DecodeList(const std::string& text) {
  std::vector<std::string> items;
  for (const auto& line : Lines(text)) items.push_back(Unescape(line, false)[0]);
  return items;
}

// "`a` int, `b` string NOT NULL": the DDL form ParseSchemaDdl reads back.
std::string EncodeSchema(const Schema& schema) {
  std::string text;
  for (size_t i = 0; i < schema.size(); ++i) {
    std::string name;
    for (char c : schema[i].name) name += c == '`' ? std::string("``") : std::string(1, c);
    text += (i ? ", `" : "`") + name + "` " + schema[i].type->ToString() + (schema[i].nullable ? "" : " NOT NULL");
  }
  return text;
}

TableType ParseTableType(const std::string& text) {
  if (text == "VIEW") return TableType::kView;
  return text == "EXTERNAL" ? TableType::kExternal : TableType::kManaged;
}

// A prepared statement with positional text/integer parameters.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) Fail(db, sql);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(const std::string& text) {
    sqlite3_bind_text(stmt_, ++bound_, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int64_t value) {
    sqlite3_bind_int64(stmt_, ++bound_, value);
    return *this;
  }
  // True while there is a row.
  bool Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) Fail(db_, "step");
    return false;
  }
  void Run() { Step(); }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text ? std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(stmt_, column)) : "";
  }
  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  int Changes() const { return sqlite3_changes(db_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int bound_ = 0;
};

void Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "";
    sqlite3_free(error);
    throw InternalError("metastore: " + message);
  }
}

CatalogTable ReadTable(const Statement& row) {
  CatalogTable table;
  table.database = row.Text(0);
  table.name = row.Text(1);
  table.type = ParseTableType(row.Text(2));
  table.provider = row.Text(3);
  table.location = row.Text(4);
  table.schema = ParseSchemaDdl(row.Text(5));
  table.partition_columns = DecodeList(row.Text(6));
  table.properties = DecodeMap(row.Text(7));
  table.options = DecodeMap(row.Text(8));
  table.view_text = row.Text(9);
  table.comment = row.Text(10);
  table.created_ms = row.Int(11);
  table.partition_locations = DecodeMap(row.Text(12));
  return table;
}

void BindTable(Statement& insert, const CatalogTable& table) {
  insert.Bind(table.database).Bind(table.name).Bind(std::string(TableTypeName(table.type))).Bind(table.provider);
  insert.Bind(table.location).Bind(EncodeSchema(table.schema)).Bind(EncodeList(table.partition_columns));
  insert.Bind(EncodeMap(table.properties)).Bind(EncodeMap(table.options)).Bind(table.view_text);
  insert.Bind(table.comment).Bind(table.created_ms).Bind(EncodeMap(table.partition_locations));
}

void InsertTable(sqlite3* db, const CatalogTable& table, bool replace) {
  std::string sql = std::string(replace ? "INSERT OR REPLACE" : "INSERT") + " INTO tables (" + kTableColumns +
                    ") VALUES (" + Placeholders(kTableColumnCount) + ")";
  Statement insert(db, sql.c_str());
  BindTable(insert, table);
  insert.Run();
}

// Whether there was such a pending commit.
bool DeletePending(sqlite3* db, const CatalogTable& table, const std::string& commit_id) {
  Statement remove(db, "DELETE FROM pending_commits WHERE database = ? AND name = ? AND commit_id = ?");
  remove.Bind(table.database).Bind(table.name).Bind(commit_id).Run();
  return remove.Changes() > 0;
}

bool ProcessAlive(int64_t pid) { return pid > 0 && (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM); }

std::optional<CatalogTable> SelectTable(sqlite3* db, const std::string& database, const std::string& name) {
  std::string select = std::string("SELECT ") + kTableColumns + " FROM tables WHERE database = ? AND name = ?";
  Statement query(db, select.c_str());
  if (!query.Bind(database).Bind(name).Step()) return std::nullopt;
  return ReadTable(query);
}

// Whether the partition folders of a published commit (of the entry before and after it) are in
// place; those a dead writer left staged are swapped in first.
bool PartitionFoldersPublished(sqlite3* db, const CatalogTable& committed, const std::string& commit_id, bool writer_gone) {
  std::set<std::string> folders;
  for (const auto& [partition, folder] : committed.partition_locations) folders.insert(folder);
  if (std::optional<CatalogTable> current = SelectTable(db, committed.database, committed.name)) {
    for (const auto& [partition, folder] : current->partition_locations) folders.insert(folder);
  }
  bool published = true;
  for (const std::string& folder : folders) {
    if (IsRemotePath(folder)) continue;
    published = FinishFolderPublish(folder, commit_id, writer_gone) && published;
  }
  return published;
}

// Settles the pending commits of `database` (of its table `name` when not empty) left by
// writers that died or have not finished: a commit whose data tree is in place (its marker is
// in the table's location) takes effect; one of a dead writer whose tree is not is dropped.
void SettlePendingCommits(sqlite3* db, const std::string& database, const std::string& name) {
  std::string select = std::string("SELECT ") + kTableColumns +
                       ", commit_id, pid FROM pending_commits WHERE database = ? AND (? = '' OR name = ?)";
  Statement pending(db, select.c_str());
  pending.Bind(database).Bind(name).Bind(name);
  struct Commit {
    CatalogTable table;
    std::string id;
    int64_t pid;
  };
  std::vector<Commit> commits;
  while (pending.Step()) {
    commits.push_back({ReadTable(pending), pending.Text(kTableColumnCount), pending.Int(kTableColumnCount + 1)});
  }
  for (const Commit& commit : commits) {
    if (HasCommitMarker(commit.table.location, CommitMarkerName(commit.id))) {
      // A live writer is still swapping the partitions' own folders into place: it finishes.
      if (!PartitionFoldersPublished(db, commit.table, commit.id, !ProcessAlive(commit.pid))) continue;
      InsertTable(db, commit.table, true);
      DeletePending(db, commit.table, commit.id);
    } else if (!ProcessAlive(commit.pid)) {
      DeletePending(db, commit.table, commit.id);
    }
  }
}

bool HasColumn(sqlite3* db, const std::string& table, const std::string& column) {
  std::string sql = "SELECT 1 FROM pragma_table_info('" + table + "') WHERE name = ?";
  Statement query(db, sql.c_str());
  return query.Bind(column).Step();
}

// Brings an older warehouse's tables up to this layout (in the opening transaction).
void AddMissingColumns(sqlite3* db) {
  for (const char* table : {"tables", "pending_commits"}) {
    for (const char* column : kAddedColumns) {
      if (HasColumn(db, table, column)) continue;
      std::string sql = std::string("ALTER TABLE ") + table + " ADD COLUMN " + column + " TEXT NOT NULL DEFAULT ''";
      Exec(db, sql.c_str());
    }
  }
}

bool TableExists(sqlite3* db, const std::string& database, const std::string& name) {
  Statement query(db, "SELECT 1 FROM tables WHERE database = ? AND name = ?");
  return query.Bind(database).Bind(name).Step();
}

CatalogDatabase DefaultDatabase(const std::string& warehouse) {
  return CatalogDatabase{"default", "default database", warehouse, {}};
}

}  // namespace

const char* TableTypeName(TableType type) {
  switch (type) {
    case TableType::kManaged: return "MANAGED";
    case TableType::kExternal: return "EXTERNAL";
    case TableType::kView: return "VIEW";
  }
  return "MANAGED";
}

// BEGIN IMMEDIATE ... COMMIT, rolled back when left by an exception. IMMEDIATE takes the write
// lock up front, so a read-then-write transaction never fails on an upgrade.
class Metastore::Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) { Exec(db_, "BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void Commit() {
    Exec(db_, "COMMIT");
    done_ = true;
  }

 private:
  sqlite3* db_;
  bool done_ = false;
};

Metastore::Metastore(std::string warehouse_dir)
    : warehouse_dir_(std::move(warehouse_dir)),
      path_((fs::path(warehouse_dir_) / "_ember_metastore.sqlite").string()) {}

Metastore::~Metastore() {
  if (db_) sqlite3_close(db_);
}

sqlite3* Metastore::Connection(bool create) {
  if (db_) return db_;
  if (!create && !fs::exists(path_)) return nullptr;
  fs::create_directories(warehouse_dir_);
  if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw InternalError("metastore: cannot open " + path_ + ": " + message);
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  Exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
  Transaction transaction(db_);
  Exec(db_, kSchema);
  AddMissingColumns(db_);
  transaction.Commit();
  return db_;
}

std::optional<CatalogDatabase> Metastore::GetDatabase(const std::string& name) {
  if (name == "default") return DefaultDatabase(warehouse_dir_);
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(false);
  if (!db) return std::nullopt;
  Statement query(db, "SELECT name, comment, location, properties FROM databases WHERE name = ?");
  if (!query.Bind(name).Step()) return std::nullopt;
  return CatalogDatabase{query.Text(0), query.Text(1), query.Text(2), DecodeMap(query.Text(3))};
}

std::vector<CatalogDatabase> Metastore::ListDatabases() {
  std::vector<CatalogDatabase> databases = {DefaultDatabase(warehouse_dir_)};
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(false);
  if (!db) return databases;
  Statement query(db, "SELECT name, comment, location, properties FROM databases ORDER BY name");
  while (query.Step()) {
    databases.push_back({query.Text(0), query.Text(1), query.Text(2), DecodeMap(query.Text(3))});
  }
  return databases;
}

bool Metastore::CreateDatabase(const CatalogDatabase& database) {
  if (database.name == "default") return false;
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(true);
  Statement insert(db, "INSERT OR IGNORE INTO databases (name, comment, location, properties) VALUES (?, ?, ?, ?)");
  insert.Bind(database.name).Bind(database.comment).Bind(database.location).Bind(EncodeMap(database.properties));
  insert.Run();
  return insert.Changes() > 0;
}

Metastore::DropResult Metastore::DropDatabase(const std::string& name, bool cascade,
                                              std::vector<CatalogTable>* dropped_tables) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(false);
  if (!db) return DropResult::kNotFound;
  Transaction transaction(db);
  Statement exists(db, "SELECT 1 FROM databases WHERE name = ?");
  if (!exists.Bind(name).Step()) return DropResult::kNotFound;
  std::string select = std::string("SELECT ") + kTableColumns + " FROM tables WHERE database = ?";
  Statement tables(db, select.c_str());
  tables.Bind(name);
  std::vector<CatalogTable> found;
  while (tables.Step()) found.push_back(ReadTable(tables));
  if (!found.empty() && !cascade) return DropResult::kNotEmpty;
  Statement(db, "DELETE FROM tables WHERE database = ?").Bind(name).Run();
  Statement(db, "DELETE FROM databases WHERE name = ?").Bind(name).Run();
  transaction.Commit();
  if (dropped_tables) *dropped_tables = std::move(found);
  return DropResult::kDropped;
}

std::optional<CatalogTable> Metastore::GetTable(const std::string& database, const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(false);
  if (!db) return std::nullopt;
  Settle(database, name);
  return SelectTable(db, database, name);
}

std::vector<CatalogTable> Metastore::ListTables(const std::string& database) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(false);
  if (!db) return {};
  Settle(database, "");
  std::string select = std::string("SELECT ") + kTableColumns + " FROM tables WHERE database = ? ORDER BY name";
  Statement query(db, select.c_str());
  query.Bind(database);
  std::vector<CatalogTable> tables;
  while (query.Step()) tables.push_back(ReadTable(query));
  return tables;
}

bool Metastore::CreateTable(const CatalogTable& table, bool replace) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(true);
  Transaction transaction(db);
  if (!replace && TableExists(db, table.database, table.name)) return false;
  InsertTable(db, table, replace);
  transaction.Commit();
  return true;
}

bool Metastore::UpdateTable(const CatalogTable& table) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(true);
  Transaction transaction(db);
  if (!TableExists(db, table.database, table.name)) return false;
  InsertTable(db, table, true);
  transaction.Commit();
  return true;
}

void Metastore::BeginTableCommit(const CatalogTable& table, const std::string& commit_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(true);
  std::string sql = std::string("INSERT OR REPLACE INTO pending_commits (") + kTableColumns +
                    ", commit_id, pid) VALUES (" + Placeholders(kTableColumnCount + 2) + ")";
  Statement insert(db, sql.c_str());
  BindTable(insert, table);
  insert.Bind(commit_id).Bind(static_cast<int64_t>(getpid())).Run();
}

bool Metastore::FinishTableCommit(const CatalogTable& table, const std::string& commit_id, bool replace) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(true);
  Transaction transaction(db);
  // A reader may have settled the commit already (its entry is in place then).
  bool settled = !DeletePending(db, table, commit_id);
  if (settled) return true;
  bool created = replace || !TableExists(db, table.database, table.name);
  if (created) InsertTable(db, table, replace);
  transaction.Commit();
  return created;
}

void Metastore::AbortTableCommit(const CatalogTable& table, const std::string& commit_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (sqlite3* db = Connection(false)) DeletePending(db, table, commit_id);
}

bool Metastore::HasPendingCommit(const std::string& database, const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(false);
  if (!db) return false;
  Statement query(db, "SELECT 1 FROM pending_commits WHERE database = ? AND name = ? LIMIT 1");
  return query.Bind(database).Bind(name).Step();
}

void Metastore::Settle(const std::string& database, const std::string& name) {
  {
    // Finished before the transaction starts: a statement left open would hold a read lock.
    Statement any(db_, "SELECT 1 FROM pending_commits WHERE database = ? LIMIT 1");
    if (!any.Bind(database).Step()) return;
  }
  Transaction transaction(db_);
  SettlePendingCommits(db_, database, name);
  transaction.Commit();
}

bool Metastore::DropTable(const std::string& database, const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(false);
  if (!db) return false;
  Statement remove(db, "DELETE FROM tables WHERE database = ? AND name = ?");
  remove.Bind(database).Bind(name).Run();
  return remove.Changes() > 0;
}

bool Metastore::RenameTable(const std::string& database, const std::string& name, const CatalogTable& table) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Connection(true);
  Transaction transaction(db);
  if (!TableExists(db, database, name) || TableExists(db, table.database, table.name)) return false;
  Statement(db, "DELETE FROM tables WHERE database = ? AND name = ?").Bind(database).Bind(name).Run();
  InsertTable(db, table, false);
  transaction.Commit();
  return true;
}

}  // namespace ember

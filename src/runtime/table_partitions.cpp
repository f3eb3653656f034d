#include "runtime/table_partitions.h"

#include <algorithm>
#include <filesystem>

#include "common/error.h"
#include "common/file_system.h"
#include "common/names.h"
#include "expr/evaluator.h"
#include "plan/partition_discovery.h"
#include "plan/plan_builders.h"

namespace ember {
namespace {

int PartitionIndex(const CatalogTable& table, const std::string& column) {
  return FindNameIndex(table.partition_columns, column);
}

const StructField& ColumnField(const CatalogTable& table, const std::string& column) {
  int index = FindFieldIndex(table.schema, column);
  if (index < 0) throw InternalError("partition column " + column + " is not in the table's schema");
  return table.schema[index];
}

// The value's text as the writer names its directory: cast to the column's type, then to string.
std::string DirectoryValue(Session& session, const std::string& text, const TypePtr& type) {
  EvalContext eval = EvalContext::FromConfig(session.config());
  ExprPtr cast = CastTo(CastTo(Literal(Value::String(text)), type), StringType());
  Value value = EvaluateConstant(*cast, eval);
  return value.is_null ? std::string() : value.str;
}

// The `k=v` parts of a partition directory, values unescaped.
std::vector<std::pair<std::string, std::string>> DirectoryParts(const std::string& directory) {
  std::vector<std::pair<std::string, std::string>> parts;
  size_t start = 0;
  while (start <= directory.size()) {
    size_t slash = directory.find('/', start);
    std::string part = directory.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    size_t equals = part.find('=');
    if (equals != std::string::npos) {
      parts.emplace_back(UnescapePartitionText(part.substr(0, equals)), UnescapePartitionText(part.substr(equals + 1)));
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

void CollectPartitions(FileSystem& file_system, const std::string& root, const std::string& relative, size_t depth,
                       size_t levels, std::vector<std::string>& out) {
  std::string directory = relative.empty() ? root : root + "/" + relative;
  for (const FileStatus& entry : file_system.List(directory)) {
    if (!entry.is_directory) continue;
    std::string name = entry.path.substr(entry.path.find_last_of('/') + 1);
    if (name.empty() || name[0] == '.' || name[0] == '_' || name.find('=') == std::string::npos) continue;
    std::string path = relative.empty() ? name : relative + "/" + name;
    if (depth + 1 == levels) {
      out.push_back(path);
    } else {
      CollectPartitions(file_system, root, path, depth + 1, levels, out);
    }
  }
}

}  // namespace

TablePartitionSpec ResolvePartitionSpec(Session& session, const CatalogTable& table, const sql::PartitionSpec& spec) {
  TableIdentifier id{table.database, table.name};
  if (table.partition_columns.empty()) {
    throw SparkError("INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY", {{"name", id.Quoted()}});
  }
  TablePartitionSpec resolved;
  resolved.values.resize(table.partition_columns.size());
  std::string listed;
  for (const auto& [column, value] : spec) {
    int index = PartitionIndex(table, column);
    if (index < 0) {
      throw SparkError("_LEGACY_ERROR_TEMP_1231", {{"key", column}, {"tblName", id.Quoted()}});
    }
    if (!value) continue;
    const StructField& field = ColumnField(table, table.partition_columns[static_cast<size_t>(index)]);
    resolved.values[static_cast<size_t>(index)] = DirectoryValue(session, *value, field.type);
    listed += (listed.empty() ? "" : ", ") + QuoteIdentifier(field.name) + " = " + *value;
  }
  resolved.text = "PARTITION (" + listed + ")";
  return resolved;
}

std::vector<std::string> ListTablePartitions(const CatalogTable& table) {
  std::vector<std::string> partitions;
  if (table.partition_columns.empty() || table.location.empty()) return partitions;
  std::string root = table.location;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  CollectPartitions(*FileSystemFor(root), root, "", 0, table.partition_columns.size(), partitions);
  for (const auto& [directory, folder] : table.partition_locations) partitions.push_back(directory);
  std::sort(partitions.begin(), partitions.end());
  partitions.erase(std::unique(partitions.begin(), partitions.end()), partitions.end());
  return partitions;
}

bool PartitionMatches(const std::string& directory, const CatalogTable& table, const TablePartitionSpec& spec) {
  auto parts = DirectoryParts(directory);
  if (parts.size() != table.partition_columns.size()) return false;
  for (size_t p = 0; p < parts.size(); ++p) {
    if (!spec.values[p]) continue;
    const std::string& value = parts[p].second;
    bool is_null = value == kDefaultPartitionName;
    if (is_null || value != *spec.values[p]) return false;
  }
  return true;
}

std::string PartitionDirectory(const CatalogTable& table, const TablePartitionSpec& spec) {
  std::string directory;
  for (size_t p = 0; p < table.partition_columns.size(); ++p) {
    const StructField& field = ColumnField(table, table.partition_columns[p]);
    directory += (p ? "/" : "") + PartitionDirectoryName(field.name, spec.values[p]);
  }
  return directory;
}

void RequireFullPartitionSpec(const CatalogTable& table, const sql::PartitionSpec& partition,
                              const TablePartitionSpec& spec) {
  if (partition.size() == table.partition_columns.size() &&
      std::all_of(spec.values.begin(), spec.values.end(), [](const auto& v) { return v.has_value(); })) {
    return;
  }
  std::string keys, columns;
  for (const auto& [column, value] : partition) keys += (keys.empty() ? "" : ", ") + column;
  for (const auto& column : table.partition_columns) columns += (columns.empty() ? "" : ", ") + column;
  throw SparkError("_LEGACY_ERROR_TEMP_1232", {{"specKeys", keys},
                                               {"partitionColumnNames", columns},
                                               {"tableName", TableIdentifier{table.database, table.name}.Quoted()}});
}

void MovePartition(const CatalogTable& table, const std::string& from, const std::string& to) {
  std::string root = table.location;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (!IsRemotePath(root)) {
    std::filesystem::path target = std::filesystem::path(root) / to;
    std::filesystem::create_directories(target.parent_path());
    std::filesystem::rename(std::filesystem::path(root) / from, target);
    return;
  }
  FileSystem& file_system = *FileSystemFor(root);
  std::string source = root + "/" + from;
  for (const FileStatus& file : file_system.ListRecursively(source)) {
    if (file.is_directory) continue;
    std::unique_ptr<WritableFile> copy = file_system.Create(root + "/" + to + file.path.substr(source.size()));
    copy->Append(file_system.ReadAll(file.path));
    copy->Close();
  }
  file_system.DeleteRecursively(source);
}

StaticInsert PlanStaticInsert(Session& session, const CatalogTable& table, const PlanPtr& analyzed,
                              const sql::PartitionSpec& spec) {
  TablePartitionSpec resolved = ResolvePartitionSpec(session, table, spec);
  size_t partitions = table.partition_columns.size();
  size_t data_columns = table.schema.size() - partitions;  // the catalog keeps partition columns last
  size_t statics = static_cast<size_t>(std::count_if(resolved.values.begin(), resolved.values.end(),
                                                     [](const auto& v) { return v.has_value(); }));
  const std::vector<Attribute>& input = analyzed->output;
  if (input.size() != data_columns + partitions - statics) {
    auto names = [](const std::vector<std::string>& list) {
      std::string text;
      for (const auto& name : list) text += (text.empty() ? "" : ", ") + QuoteIdentifier(name);
      return text;
    };
    std::vector<std::string> table_columns, static_columns, query_columns;
    for (const auto& field : table.schema) table_columns.push_back(field.name);
    for (size_t p = 0; p < partitions; ++p) {
      if (resolved.values[p]) static_columns.push_back(table.schema[data_columns + p].name);
    }
    for (const auto& attribute : input) query_columns.push_back(attribute.name);
    bool too_many = input.size() > data_columns + partitions - statics;
    throw SparkError("INSERT_PARTITION_COLUMN_ARITY_MISMATCH",
                     {{"tableName", TableIdentifier{table.database, table.name}.Quoted()},
                      {"reason", too_many ? "too many data columns" : "not enough data columns"},
                      {"tableColumns", names(table_columns)},
                      {"staticPartCols", names(static_columns)},
                      {"dataColumns", names(query_columns)}});
  }
  std::vector<ExprPtr> columns;
  size_t next = 0;
  for (; next < data_columns; ++next) columns.push_back(BoundAttribute(static_cast<int>(next), input[next]));
  for (size_t p = 0; p < partitions; ++p) {
    const StructField& field = table.schema[data_columns + p];
    if (resolved.values[p]) {
      columns.push_back(AliasAs(CastTo(Literal(Value::String(*resolved.values[p])), field.type), field.name));
    } else {
      columns.push_back(BoundAttribute(static_cast<int>(next), input[next]));
      ++next;
    }
  }
  StaticInsert insert{MakeProjectNode(analyzed, std::move(columns)), {}};
  bool all_static = statics == partitions;
  if (!all_static && session.DynamicPartitionOverwrite()) {
    insert.overwrite.kind = OverwriteScope::kWrittenPartitions;
  } else if (statics > 0) {
    insert.overwrite.kind = OverwriteScope::kListedPartitions;
    for (const std::string& directory : ListTablePartitions(table)) {
      if (PartitionMatches(directory, table, resolved)) insert.overwrite.partitions.insert(directory);
    }
  }
  return insert;
}

}  // namespace ember

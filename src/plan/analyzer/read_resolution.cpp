#include "plan/analyzer/read_resolution.h"

#include <set>

#include "absl/strings/ascii.h"
#include "common/error.h"
#include "common/file_listing.h"
#include "common/file_system.h"
#include "common/names.h"
#include "functions/datetime/datetime_util.h"
#include "plan/data_source.h"
#include "plan/partition_discovery.h"
#include "plan/plan_builders.h"

namespace ember {
namespace {

bool BoolOption(const Options& options, const std::string& name) {
  std::optional<std::string> value = GetOption(options, name);
  return value && absl::AsciiStrToLower(*value) == "true";
}

// modifiedBefore / modifiedAfter: a timestamp in the session time zone.
std::optional<int64_t> TimeOption(const Options& options, const std::string& name, const EvalContext& eval) {
  std::optional<std::string> value = GetOption(options, name);
  if (!value) return std::nullopt;
  int64_t micros = 0;
  if (!ParseTimestamp(*value, eval.time_zone, &micros)) {
    throw SparkError("_LEGACY_ERROR_TEMP_1322", "42000", "The timestamp provided for the '" + name + "' option is invalid. The expected format is 'YYYY-MM-DDTHH:mm:ss', but the provided timestamp: " + *value,
                     {{"option", name}, {"timestamp", *value}});
  }
  return micros / 1000;
}

bool IsPartitionColumn(const Schema& partitions, const std::string& name) {
  return FindFieldIndex(partitions, name) >= 0;
}

// A catalog table's partitions kept in folders of their own: their files join the listing under
// names as if they lay in their default folders below `base` (so discovery reads their values from
// those names), and the default folders' own files leave it. `paths[i]` is the i-th file's name
// for discovery; `listing.files` keeps the files' real paths.
void AddPartitionLocations(const ReadNode& read, const InputFilter& filter, const std::string& base,
                           InputListing& listing, std::vector<std::string>& paths) {
  auto overridden = [&](const std::string& file) {
    for (const auto& [name, folder] : read.partition_locations) {
      std::string prefix = base + "/" + name + "/";
      if (file.compare(0, prefix.size(), prefix) == 0) return true;
    }
    return false;
  };
  std::vector<std::string> files;
  for (const std::string& file : listing.files) {
    if (overridden(file)) continue;
    files.push_back(file);
    paths.push_back(file);
  }
  for (const auto& [name, folder] : read.partition_locations) {
    std::string root = NormalizePath(folder);
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    if (!FileSystemFor(root)->Stat(root)) continue;  // a partition without a folder has no rows
    for (const std::string& file : ListInputs({root}, filter).files) {
      files.push_back(file);
      paths.push_back(base + "/" + name + file.substr(root.size()));
    }
  }
  listing.files = std::move(files);
}

}  // namespace

PlanPtr ResolveRead(const LogicalPlan& plan, const AnalyzerContext& ctx) {
  LogicalPlan node = plan;
  ReadNode& read = node.As<ReadNode>();
  std::shared_ptr<FileFormat> format = FindFileFormat(read.format);
  InputFilter filter;
  filter.name_glob = GetOption(read.options, "pathGlobFilter").value_or("");
  filter.modified_before_ms = TimeOption(read.options, "modifiedBefore", ctx.eval);
  filter.modified_after_ms = TimeOption(read.options, "modifiedAfter", ctx.eval);
  InputListing listing = ListInputs(read.paths, filter);
  // The names discovery reads partition values from (the files' paths but for partitions kept
  // in folders of their own).
  std::vector<std::string> discovery_paths;
  if (!read.partition_locations.empty() && listing.base_directories.size() == 1) {
    AddPartitionLocations(read, filter, listing.base_directories[0], listing, discovery_paths);
  } else {
    discovery_paths = listing.files;
  }
  read.files = std::move(listing.files);
  if (!BoolOption(read.options, "recursiveFileLookup")) {
    std::vector<std::string> bases = listing.base_directories;
    if (std::optional<std::string> base = GetOption(read.options, "basePath")) {
      std::string path = NormalizePath(*base);
      while (path.size() > 1 && path.back() == '/') path.pop_back();
      bases = {path};
    }
    bool infer = absl::AsciiStrToLower(ctx.config.GetOr("spark.sql.sources.partitionColumnTypeInference.enabled", "true")) == "true";
    EvalContext eval = ctx.eval;
    DiscoveredPartitions partitions = DiscoverPartitions(discovery_paths, bases, infer, read.user_schema, eval);
    std::vector<std::string> files;
    if (partitions.schema.empty()) {
      // Not partitioned: only the files directly in the paths given (sub-directories are read
      // with recursiveFileLookup).
      std::set<std::string> roots(listing.base_directories.begin(), listing.base_directories.end());
      for (const std::string& file : read.files) {
        if (roots.contains(file.substr(0, file.rfind('/')))) files.push_back(file);
      }
    } else {
      for (size_t f = 0; f < read.files.size(); ++f) {
        if (!partitions.partitioned[f]) continue;
        files.push_back(read.files[f]);
        read.partition_values.push_back(std::move(partitions.values[f]));
      }
      read.partition_schema = std::move(partitions.schema);
    }
    read.files = std::move(files);
  }
  Schema files_schema = read.user_schema ? *read.user_schema : format->InferSchema(read.files, read.options, ctx.eval);
  read.data_schema.clear();
  for (const auto& field : files_schema) {
    if (!IsPartitionColumn(read.partition_schema, field.name)) read.data_schema.push_back(field);
  }
  read.data_schema.insert(read.data_schema.end(), read.partition_schema.begin(), read.partition_schema.end());
  // File sources read every column as nullable, whatever the given schema says (as Spark).
  for (auto& field : read.data_schema) field.nullable = true;
  node.output.clear();
  for (const auto& field : read.data_schema) node.output.push_back({field.name, field.type, field.nullable, ""});
  return MakePlan(std::move(node));
}

}  // namespace ember

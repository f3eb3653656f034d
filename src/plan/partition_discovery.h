// Hive-style partitioned data as Spark reads and writes it: files under directories
// `col=value/...`, the values escaped in the path (`%XX`) and null written as
// `__HIVE_DEFAULT_PARTITION__`. Discovery reads the trailing `k=v` directories between each file
// and its base directory, infers each column's type from all its values (int, bigint, decimal,
// double, timestamp, date, else string; spark.sql.sources.partitionColumnTypeInference.enabled)
// or takes it from the user's schema, and raises Spark's errors for conflicting layouts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/types.h"
#include "common/value.h"
#include "functions/eval_context.h"

namespace ember {

constexpr const char* kDefaultPartitionName = "__HIVE_DEFAULT_PARTITION__";

struct DiscoveredPartitions {
  Schema schema;                          // the partition columns, outermost directory first
  std::vector<std::vector<Value>> values;  // per file, in schema order (empty without columns)
  // Per file (empty without columns): whether it lies in a partition directory; the others (in
  // the base directory itself) are not part of the data, as in Spark.
  std::vector<bool> partitioned;
};

// `base_directories`: where partition directories may start (the paths given, or `basePath`).
DiscoveredPartitions DiscoverPartitions(const std::vector<std::string>& files,
                                        const std::vector<std::string>& base_directories, bool infer_types,
                                        const std::optional<Schema>& user_schema, EvalContext& eval);

// "col=value" for a value's text (Spark's cast to string; nullopt for null), escaped; null and ""
// are the default partition name.
std::string PartitionDirectoryName(const std::string& column, const std::optional<std::string>& text);
// Spark's path escaping of partition names and values, and its inverse.
std::string EscapePartitionText(const std::string& text);
std::string UnescapePartitionText(const std::string& text);

}  // namespace ember

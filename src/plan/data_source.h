// File-based data sources as the planner sees them. Formats (io/json, io/parquet) implement
// FileFormat and register themselves; the analyzer asks a format for its schema, the physical
// planner for splits, and tasks open one reader per split. Everything a task needs to open a split
// (format name, split, schemas, options) is plain data, so tasks can be shipped to executors.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/options.h"
#include "common/types.h"
#include "common/value.h"
#include "common/vector.h"
#include "expr/expr.h"
#include "functions/eval_context.h"

namespace ember {

struct FileSplit {
  std::string path;
  int64_t offset = 0;
  int64_t length = 0;     // bytes of the split
  int64_t file_size = 0;
  std::vector<Value> partition_values = {};  // of the read's projected partition columns
};

// What a format may know about one data column without reading data.
struct ColumnStatistics {
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_bound;  // at most this many distinct non-null values
  // Bounds of a numeric, date (days) or timestamp (microseconds) column's values.
  std::optional<double> min;
  std::optional<double> max;
};

// Statistics a format may know without reading data (Parquet footers), or a catalog keeps for a
// table (ANALYZE TABLE), for planning.
struct SourceStatistics {
  std::optional<int64_t> row_count;
  int64_t size_bytes = 0;
  std::map<std::string, ColumnStatistics> columns;  // by data column name; absent when unknown
};

class FileWriter {
 public:
  virtual ~FileWriter() = default;
  virtual void Write(const Batch& batch) = 0;
  // Finishes the file; nothing may be written afterwards.
  virtual void Close() = 0;
};

class FileFormat {
 public:
  virtual ~FileFormat() = default;
  // "json", "parquet".
  virtual std::string name() const = 0;
  // Schema of the data in `files` when the user gave none.
  virtual Schema InferSchema(const std::vector<std::string>& files, const Options& options,
                             const EvalContext& ctx) = 0;
  // Cuts the files into splits of at most about `max_split_bytes` (one task each).
  virtual std::vector<FileSplit> PlanSplits(const std::vector<std::string>& files,
                                            const Options& options, int64_t max_split_bytes) = 0;
  virtual SourceStatistics Statistics(const std::vector<std::string>& files, const Options& options) {
    return {};
  }
  // A reader over one split producing batches with the columns of `read_schema` (a subset of
  // `data_schema`, in read_schema's order). `filters` are resolved predicates over read_schema that
  // the reader may use to skip data; the plan still applies them afterwards.
  virtual std::unique_ptr<BatchReader> Open(const FileSplit& split, const Schema& data_schema,
                                            const Schema& read_schema,
                                            const std::vector<ExprPtr>& filters,
                                            const Options& options, const EvalContext& ctx) = 0;
  // A writer of one part file at `path`.
  virtual std::unique_ptr<FileWriter> CreateWriter(const std::string& path, const Schema& schema,
                                                   const Options& options,
                                                   const EvalContext& ctx) = 0;
  // Suffix of part files, e.g. ".snappy.parquet" or ".json", depending on options.
  virtual std::string FileExtension(const Options& options) const = 0;
};

// Registry of formats by name (lower case). Formats register once, at start-up.
void RegisterFileFormat(std::shared_ptr<FileFormat> format);
// Returns the format or throws UNSUPPORTED_FEATURE / the data source error Spark gives.
std::shared_ptr<FileFormat> FindFileFormat(const std::string& name);

}  // namespace ember

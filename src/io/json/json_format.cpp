#include "io/json/json_format.h"

#include <filesystem>

#include "common/error.h"
#include "io/json/json_batch_reader.h"
#include "io/json/json_line_source.h"
#include "io/json/json_options.h"
#include "io/json/json_schema_inference.h"
#include "io/json/json_writer.h"

namespace ember {
namespace {

int64_t FileSize(const std::string& path) {
  std::error_code error;
  auto size = std::filesystem::file_size(path, error);
  if (error) throw SparkError("PATH_NOT_FOUND", {{"path", "file:" + path}});
  return static_cast<int64_t>(size);
}

}  // namespace

void RegisterJsonFormat() { RegisterFileFormat(std::make_shared<JsonFileFormat>()); }

Schema JsonFileFormat::InferSchema(const std::vector<std::string>& files, const Options& options,
                                   const EvalContext& ctx) {
  return InferJsonSchema(files, JsonOptions::Parse(options));
}

std::vector<FileSplit> JsonFileFormat::PlanSplits(const std::vector<std::string>& files,
                                                  const Options& options, int64_t max_split_bytes) {
  std::vector<FileSplit> splits;
  for (const std::string& path : files) {
    int64_t size = FileSize(path);
    if (size == 0) continue;
    if (IsGzipPath(path) || max_split_bytes <= 0) {
      splits.push_back({path, 0, size, size});
      continue;
    }
    for (int64_t offset = 0; offset < size; offset += max_split_bytes) {
      splits.push_back({path, offset, std::min(max_split_bytes, size - offset), size});
    }
  }
  return splits;
}

SourceStatistics JsonFileFormat::Statistics(const std::vector<std::string>& files, const Options& options) {
  SourceStatistics statistics;
  for (const std::string& path : files) statistics.size_bytes += FileSize(path);
  return statistics;
}

std::unique_ptr<BatchReader> JsonFileFormat::Open(const FileSplit& split, const Schema& data_schema,
                                                  const Schema& read_schema,
                                                  const std::vector<ExprPtr>& filters,
                                                  const Options& options, const EvalContext& ctx) {
  return OpenJsonSplit(split, read_schema, JsonOptions::Parse(options), ctx.time_zone);
}

std::unique_ptr<FileWriter> JsonFileFormat::CreateWriter(const std::string& path, const Schema& schema,
                                                         const Options& options, const EvalContext& ctx) {
  return CreateJsonWriter(path, schema, JsonOptions::Parse(options), ctx.time_zone);
}

std::string JsonFileFormat::FileExtension(const Options& options) const {
  return JsonOptions::Parse(options).gzip_output ? ".json.gz" : ".json";
}

}  // namespace ember

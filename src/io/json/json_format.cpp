#include "io/json/json_format.h"

#include "io/json/json_batch_reader.h"
#include "functions/json/json_options.h"
#include "io/json/json_schema_inference.h"
#include "io/json/json_writer.h"
#include "io/line_source.h"

namespace ember {

void RegisterJsonFormat() { RegisterFileFormat(std::make_shared<JsonFileFormat>()); }

Schema JsonFileFormat::InferSchema(const std::vector<std::string>& files, const Options& options,
                                   const EvalContext& ctx) {
  return InferJsonSchema(files, JsonOptions::Parse(options));
}

std::vector<FileSplit> JsonFileFormat::PlanSplits(const std::vector<std::string>& files,
                                                  const Options& options, int64_t max_split_bytes) {
  return PlanLineSplits(files, max_split_bytes);
}

SourceStatistics JsonFileFormat::Statistics(const std::vector<std::string>& files, const Options& options) {
  return LineFileStatistics(files);
}

std::unique_ptr<BatchReader> JsonFileFormat::Open(const FileSplit& split, const Schema& data_schema,
                                                  const Schema& read_schema,
                                                  const std::vector<ExprPtr>& filters,
                                                  const Options& options, const EvalContext& ctx) {
  return OpenJsonSplit(split, read_schema, JsonOptions::Parse(options), ctx.time_zone, ctx.variant_allow_duplicate_keys);
}

std::unique_ptr<FileWriter> JsonFileFormat::CreateWriter(const std::string& path, const Schema& schema,
                                                         const Options& options, const EvalContext& ctx) {
  return CreateJsonWriter(path, schema, JsonOptions::Parse(options), ctx.time_zone);
}

std::string JsonFileFormat::FileExtension(const Options& options) const {
  return JsonOptions::Parse(options).gzip_output ? ".json.gz" : ".json";
}

}  // namespace ember

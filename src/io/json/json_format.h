// The "json" FileFormat: JSON Lines files, plain or gzip-compressed, read and written with Spark's
// semantics (see json_batch_reader.h, json_schema_inference.h, json_writer.h for the details).
#pragma once

#include "plan/data_source.h"

namespace ember {

// Registers the "json" format (idempotent).
void RegisterJsonFormat();

class JsonFileFormat : public FileFormat {
 public:
  std::string name() const override { return "json"; }
  Schema InferSchema(const std::vector<std::string>& files, const Options& options,
                     const EvalContext& ctx) override;
  // Byte ranges of at most max_split_bytes; gzip files are one split each, empty files none.
  std::vector<FileSplit> PlanSplits(const std::vector<std::string>& files, const Options& options,
                                    int64_t max_split_bytes) override;
  SourceStatistics Statistics(const std::vector<std::string>& files, const Options& options) override;
  std::unique_ptr<BatchReader> Open(const FileSplit& split, const Schema& data_schema,
                                    const Schema& read_schema, const std::vector<ExprPtr>& filters,
                                    const Options& options, const EvalContext& ctx) override;
  std::unique_ptr<FileWriter> CreateWriter(const std::string& path, const Schema& schema,
                                           const Options& options, const EvalContext& ctx) override;
  // ".json", or ".json.gz" with compression=gzip.
  std::string FileExtension(const Options& options) const override;
};

}  // namespace ember

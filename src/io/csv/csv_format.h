// The "csv" FileFormat: CSV files, plain or gzip-compressed, read and written with Spark's options
// (csv_options.h) and semantics (csv_reader.h, csv_schema_inference.h, csv_writer.h).
#pragma once

#include "plan/data_source.h"

namespace ember {

// Registers the "csv" format (idempotent).
void RegisterCsvFormat();

class CsvFileFormat : public FileFormat {
 public:
  std::string name() const override { return "csv"; }
  Schema InferSchema(const std::vector<std::string>& files, const Options& options,
                     const EvalContext& ctx) override;
  // Byte ranges of at most max_split_bytes cut at line starts by the reader; gzip files whole.
  std::vector<FileSplit> PlanSplits(const std::vector<std::string>& files, const Options& options,
                                    int64_t max_split_bytes) override;
  SourceStatistics Statistics(const std::vector<std::string>& files, const Options& options) override;
  std::unique_ptr<BatchReader> Open(const FileSplit& split, const Schema& data_schema,
                                    const Schema& read_schema, const std::vector<ExprPtr>& filters,
                                    const Options& options, const EvalContext& ctx) override;
  std::unique_ptr<FileWriter> CreateWriter(const std::string& path, const Schema& schema,
                                           const Options& options, const EvalContext& ctx) override;
  // ".csv", or ".csv.gz" with compression=gzip.
  std::string FileExtension(const Options& options) const override;
};

}  // namespace ember

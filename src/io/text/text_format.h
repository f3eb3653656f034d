// The "text" FileFormat: every line of a text file is a row with one string column `value`
// (wholetext=true: every file is one row). Writing takes exactly one string column and writes one
// line per row. Plain or gzip files, as the other line-oriented formats.
#pragma once

#include "plan/data_source.h"

namespace ember {

// Registers the "text" format (idempotent).
void RegisterTextFormat();

class TextFileFormat : public FileFormat {
 public:
  std::string name() const override { return "text"; }
  Schema InferSchema(const std::vector<std::string>& files, const Options& options,
                     const EvalContext& ctx) override;
  std::vector<FileSplit> PlanSplits(const std::vector<std::string>& files, const Options& options,
                                    int64_t max_split_bytes) override;
  SourceStatistics Statistics(const std::vector<std::string>& files, const Options& options) override;
  std::unique_ptr<BatchReader> Open(const FileSplit& split, const Schema& data_schema,
                                    const Schema& read_schema, const std::vector<ExprPtr>& filters,
                                    const Options& options, const EvalContext& ctx) override;
  // Throws for a schema that is not one string column, as Spark does.
  std::unique_ptr<FileWriter> CreateWriter(const std::string& path, const Schema& schema,
                                           const Options& options, const EvalContext& ctx) override;
  // ".txt", or ".txt.gz" with compression=gzip.
  std::string FileExtension(const Options& options) const override;
};

}  // namespace ember

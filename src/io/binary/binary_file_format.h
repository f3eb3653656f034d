// The "binaryFile" FileFormat: every file is one row of its path (as a URI), modification time,
// length and content, as Spark's binary file source reads it. The content is read only when the
// query asks for it; writing is refused, as in Spark.
#pragma once

#include "plan/data_source.h"

namespace ember {

// Registers the "binaryfile" format (idempotent).
void RegisterBinaryFileFormat();

class BinaryFileFormat : public FileFormat {
 public:
  std::string name() const override { return "binaryfile"; }
  // path string, modificationTime timestamp, length bigint, content binary.
  Schema InferSchema(const std::vector<std::string>& files, const Options& options,
                     const EvalContext& ctx) override;
  // One split per file, empty files included.
  std::vector<FileSplit> PlanSplits(const std::vector<std::string>& files, const Options& options,
                                    int64_t max_split_bytes) override;
  std::unique_ptr<BatchReader> Open(const FileSplit& split, const Schema& data_schema,
                                    const Schema& read_schema, const std::vector<ExprPtr>& filters,
                                    const Options& options, const EvalContext& ctx) override;
  // Throws UNSUPPORTED_FEATURE.WRITE_FOR_BINARY_SOURCE.
  std::unique_ptr<FileWriter> CreateWriter(const std::string& path, const Schema& schema,
                                           const Options& options, const EvalContext& ctx) override;
  std::string FileExtension(const Options& options) const override { return ""; }
};

}  // namespace ember

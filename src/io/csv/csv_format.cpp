#include "io/csv/csv_format.h"

#include "common/error.h"
#include "functions/csv/csv_options.h"
#include "io/csv/csv_reader.h"
#include "io/csv/csv_schema_inference.h"
#include "io/csv/csv_writer.h"
#include "io/line_source.h"

namespace ember {

void RegisterCsvFormat() { RegisterFileFormat(std::make_shared<CsvFileFormat>()); }

Schema CsvFileFormat::InferSchema(const std::vector<std::string>& files, const Options& options,
                                  const EvalContext& ctx) {
  Schema schema = InferCsvSchema(files, CsvOptions::Parse(options), ctx.time_zone);
  if (schema.empty()) throw SparkError("UNABLE_TO_INFER_SCHEMA", {{"format", "CSV"}});
  return schema;
}

std::vector<FileSplit> CsvFileFormat::PlanSplits(const std::vector<std::string>& files, const Options& options,
                                                 int64_t max_split_bytes) {
  // A multi-line record may cross any byte offset, so such files are read whole.
  return PlanLineSplits(files, CsvOptions::Parse(options).multi_line ? 0 : max_split_bytes);
}

SourceStatistics CsvFileFormat::Statistics(const std::vector<std::string>& files, const Options& options) {
  return LineFileStatistics(files);
}

std::unique_ptr<BatchReader> CsvFileFormat::Open(const FileSplit& split, const Schema& data_schema,
                                                 const Schema& read_schema, const std::vector<ExprPtr>& filters,
                                                 const Options& options, const EvalContext& ctx) {
  return OpenCsvSplit(split, data_schema, read_schema, CsvOptions::Parse(options), ctx);
}

std::unique_ptr<FileWriter> CsvFileFormat::CreateWriter(const std::string& path, const Schema& schema,
                                                        const Options& options, const EvalContext& ctx) {
  return CreateCsvWriter(path, schema, CsvOptions::Parse(options, true), ctx);
}

std::string CsvFileFormat::FileExtension(const Options& options) const {
  return CsvOptions::Parse(options, true).gzip_output ? ".csv.gz" : ".csv";
}

}  // namespace ember

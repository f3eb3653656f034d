#include "io/text/text_format.h"

#include "absl/strings/ascii.h"
#include "common/error.h"
#include "io/column_type_errors.h"
#include "io/line_source.h"
#include "io/text_output.h"

namespace ember {
namespace {

bool WholeText(const Options& options) {
  auto whole = GetOption(options, "wholetext");
  return whole && absl::AsciiStrToLower(*whole) == "true";
}

bool GzipOutput(const Options& options) {
  auto codec = GetOption(options, "compression");
  if (!codec) return false;
  std::string lower = absl::AsciiStrToLower(*codec);
  if (lower == "gzip") return true;
  if (lower != "none" && lower != "uncompressed") {
    throw SparkError("UNSUPPORTED_FEATURE", {{"feature", "text compression codec " + *codec}});
  }
  return false;
}

// Lines as rows; with `whole` the file's lines joined back into one row.
class TextReader : public BatchReader {
 public:
  TextReader(const FileSplit& split, bool whole) : source_(split), whole_(whole) {}

  bool Next(Batch* out) override {
    VectorBuilder values(StringType());
    std::string_view line;
    if (whole_) {
      if (done_) return false;
      done_ = true;
      std::string text;
      bool first = true;
      while (source_.Next(&line)) {
        if (!first) text.push_back('\n');
        text.append(line);
        first = false;
      }
      values.AppendString(text);
    } else {
      while (values.length() < kBatchRows && source_.Next(&line)) values.AppendString(line);
      if (values.length() == 0) return false;
    }
    int64_t rows = values.length();
    *out = Batch({values.Finish()}, rows);
    return true;
  }

 private:
  LineSource source_;
  bool whole_;
  bool done_ = false;
};

class TextWriter : public FileWriter {
 public:
  TextWriter(const std::string& path, bool gzip) : output_(path, gzip) {}

  void Write(const Batch& batch) override {
    const Vector& values = *batch.columns[0];
    std::string& buffer = output_.buffer();
    for (int64_t row = 0; row < batch.num_rows; ++row) {
      if (values.IsValid(row)) buffer.append(values.GetString(row));
      buffer.push_back('\n');
      output_.MaybeFlush();
    }
  }

  void Close() override { output_.Close(); }

 private:
  TextOutput output_;
};

}  // namespace

void RegisterTextFormat() { RegisterFileFormat(std::make_shared<TextFileFormat>()); }

Schema TextFileFormat::InferSchema(const std::vector<std::string>& files, const Options& options,
                                   const EvalContext& ctx) {
  return {StructField{"value", StringType(), true}};
}

std::vector<FileSplit> TextFileFormat::PlanSplits(const std::vector<std::string>& files, const Options& options,
                                                  int64_t max_split_bytes) {
  return PlanLineSplits(files, WholeText(options) ? 0 : max_split_bytes);
}

SourceStatistics TextFileFormat::Statistics(const std::vector<std::string>& files, const Options& options) {
  return LineFileStatistics(files);
}

std::unique_ptr<BatchReader> TextFileFormat::Open(const FileSplit& split, const Schema& data_schema,
                                                  const Schema& read_schema, const std::vector<ExprPtr>& filters,
                                                  const Options& options, const EvalContext& ctx) {
  return std::make_unique<TextReader>(split, WholeText(options));
}

std::unique_ptr<FileWriter> TextFileFormat::CreateWriter(const std::string& path, const Schema& schema,
                                                         const Options& options, const EvalContext& ctx) {
  if (schema.size() != 1) {
    throw SparkError("_LEGACY_ERROR_TEMP_1290", "",
                     "Text data source supports only a single column, and you have " +
                         std::to_string(schema.size()) + " columns.",
                     {{"schemaSize", std::to_string(schema.size())}});
  }
  if (schema[0].type->id != TypeId::kString) {
    ThrowUnsupportedColumnType("Text", schema[0]);
  }
  return std::make_unique<TextWriter>(path, GzipOutput(options));
}

std::string TextFileFormat::FileExtension(const Options& options) const {
  return GzipOutput(options) ? ".txt.gz" : ".txt";
}

}  // namespace ember

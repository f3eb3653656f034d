#include "io/csv/csv_writer.h"

#include "io/column_type_errors.h"
#include "functions/csv/csv_field_formatter.h"
#include "io/text_output.h"

namespace ember {
namespace {

class CsvFileWriter : public FileWriter {
 public:
  CsvFileWriter(const std::string& path, const Schema& schema, const CsvOptions& options, const EvalContext& ctx)
      : schema_(schema),
        options_(options),
        formatter_(options, ctx),
        output_(path, options.gzip_output) {
    for (const auto& field : schema) {
      if (field.type->IsNested() || field.type->id == TypeId::kBinary) {
        ThrowUnsupportedColumnType("CSV", field);
      }
    }
    if (options.header) {
      std::string& buffer = output_.buffer();
      for (size_t c = 0; c < schema.size(); ++c) {
        if (c) buffer.push_back(options_.separator);
        formatter_.AppendField(schema[c].name, &buffer);
      }
      buffer.push_back('\n');
    }
  }

  void Write(const Batch& batch) override {
    std::vector<VectorPtr> texts;
    for (size_t c = 0; c < schema_.size(); ++c) texts.push_back(formatter_.AsText(batch.columns[c], *schema_[c].type));
    std::string& buffer = output_.buffer();
    for (int64_t row = 0; row < batch.num_rows; ++row) {
      for (size_t c = 0; c < texts.size(); ++c) {
        if (c) buffer.push_back(options_.separator);
        if (texts[c]->IsNull(row)) {
          buffer.append(options_.null_value);
        } else {
          formatter_.AppendField(texts[c]->GetString(row), &buffer);
        }
      }
      buffer.push_back('\n');
      output_.MaybeFlush();
    }
  }

  void Close() override { output_.Close(); }

 private:
  Schema schema_;
  CsvOptions options_;
  CsvFieldFormatter formatter_;
  TextOutput output_;
};

}  // namespace

std::unique_ptr<FileWriter> CreateCsvWriter(const std::string& path, const Schema& schema, const CsvOptions& options,
                                            const EvalContext& ctx) {
  return std::make_unique<CsvFileWriter>(path, schema, options, ctx);
}

}  // namespace ember

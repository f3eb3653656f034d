#include "io/json/json_writer.h"

#include "common/error.h"
#include "functions/json/json_value_writer.h"
#include "io/text_output.h"

namespace ember {
namespace {

class JsonFileWriter : public FileWriter {
 public:
  JsonFileWriter(const std::string& path, const Schema& schema, const JsonOptions& options,
                 const absl::TimeZone& zone)
      : values_(options, zone), output_(path, options.gzip_output) {
    for (const auto& field : schema) {
      std::string key;
      AppendJsonString(field.name, &key);
      key.push_back(':');
      keys_.push_back(std::move(key));
    }
  }

  void Write(const Batch& batch) override {
    EMBER_CHECK(batch.columns.size() == keys_.size(), "JSON writer batch does not match its schema");
    std::string& buffer = output_.buffer();
    for (int64_t row = 0; row < batch.num_rows; ++row) {
      buffer.push_back('{');
      bool first = true;
      for (size_t c = 0; c < keys_.size(); ++c) {
        const Vector& column = *batch.columns[c];
        if (column.IsNull(row) && values_.ignore_null_fields()) continue;
        if (!first) buffer.push_back(',');
        first = false;
        buffer.append(keys_[c]);
        values_.WriteOrNull(column, row, &buffer);
      }
      buffer.append("}\n");
      output_.MaybeFlush();
    }
  }

  void Close() override { output_.Close(); }

 private:
  JsonValueWriter values_;
  std::vector<std::string> keys_;  // "\"name\":" per column
  TextOutput output_;
};

}  // namespace


std::unique_ptr<FileWriter> CreateJsonWriter(const std::string& path, const Schema& schema,
                                             const JsonOptions& options, const absl::TimeZone& zone) {
  return std::make_unique<JsonFileWriter>(path, schema, options, zone);
}

}  // namespace ember

#include "io/csv/csv_writer.h"

#include "io/column_type_errors.h"
#include "functions/registry.h"
#include "functions/json/json_datetime_codec.h"
#include "io/text_output.h"

namespace ember {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

class CsvFileWriter : public FileWriter {
 public:
  CsvFileWriter(const std::string& path, const Schema& schema, const CsvOptions& options, const EvalContext& ctx)
      : schema_(schema),
        options_(options),
        ctx_(ctx),
        datetimes_(options.date_format, options.timestamp_format, options.timestamp_ntz_format, ctx.time_zone),
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
        AppendField(schema[c].name, &buffer);
      }
      buffer.push_back('\n');
    }
  }

  void Write(const Batch& batch) override {
    std::vector<VectorPtr> texts;
    for (size_t c = 0; c < schema_.size(); ++c) texts.push_back(AsText(batch.columns[c], *schema_[c].type));
    std::string& buffer = output_.buffer();
    for (int64_t row = 0; row < batch.num_rows; ++row) {
      for (size_t c = 0; c < texts.size(); ++c) {
        if (c) buffer.push_back(options_.separator);
        if (texts[c]->IsNull(row)) {
          buffer.append(options_.null_value);
        } else {
          AppendField(texts[c]->GetString(row), &buffer);
        }
      }
      buffer.push_back('\n');
      output_.MaybeFlush();
    }
  }

  void Close() override { output_.Close(); }

 private:
  // A column as text: strings as they are, dates and timestamps through the patterns, the rest
  // as a cast prints them.
  VectorPtr AsText(const VectorPtr& column, const DataType& type) {
    switch (type.id) {
      case TypeId::kString:
        return column;
      case TypeId::kDate:
      case TypeId::kTimestamp:
      case TypeId::kTimestampNtz: {
        VectorBuilder builder(StringType(), column->length());
        std::string text;
        for (int64_t row = 0; row < column->length(); ++row) {
          if (column->IsNull(row)) {
            builder.AppendNull();
            continue;
          }
          text.clear();
          if (type.id == TypeId::kDate) {
            datetimes_.FormatDate(column->Data<int32_t>()[row], &text);
          } else if (type.id == TypeId::kTimestamp) {
            datetimes_.FormatTimestamp(column->Data<int64_t>()[row], &text);
          } else {
            datetimes_.FormatTimestampNtz(column->Data<int64_t>()[row], &text);
          }
          builder.AppendString(text);
        }
        return builder.Finish();
      }
      default:
        return CastVector(column, StringType(), ctx_);
    }
  }

  void AppendField(std::string_view value, std::string* out) const {
    if (options_.ignore_leading_space) {
      while (!value.empty() && IsSpace(value.front())) value.remove_prefix(1);
    }
    if (options_.ignore_trailing_space) {
      while (!value.empty() && IsSpace(value.back())) value.remove_suffix(1);
    }
    const char quote = options_.quote;
    bool needs_quotes = options_.quote_all || value.empty() ||
                        value.find_first_of(std::string{options_.separator, '\n', '\r'}) != std::string_view::npos ||
                        (quote != '\0' && value.find(quote) != std::string_view::npos);
    if (!needs_quotes || quote == '\0') {
      out->append(value);
      return;
    }
    out->push_back(quote);
    for (char c : value) {
      if (c == quote && options_.escape_quotes) out->push_back(options_.escape);
      out->push_back(c);
    }
    out->push_back(quote);
  }

  Schema schema_;
  CsvOptions options_;
  EvalContext ctx_;
  JsonDateTimeCodec datetimes_;
  TextOutput output_;
};

}  // namespace

std::unique_ptr<FileWriter> CreateCsvWriter(const std::string& path, const Schema& schema, const CsvOptions& options,
                                            const EvalContext& ctx) {
  return std::make_unique<CsvFileWriter>(path, schema, options, ctx);
}

}  // namespace ember

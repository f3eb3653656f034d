#include "io/csv/csv_reader.h"

#include <cstring>

#include "common/error.h"
#include "functions/csv/csv_text_converter.h"
#include "functions/registry.h"
#include "io/csv/csv_records.h"

namespace ember {
namespace {

class CsvBatchReader : public BatchReader {
 public:
  CsvBatchReader(const FileSplit& split, const Schema& data_schema, const Schema& read_schema,
                 const CsvOptions& options, const EvalContext& ctx)
      : split_(split),
        options_(options),
        records_(split, options_),
        converter_(options, ctx),
        read_schema_(read_schema),
        skip_header_(options.header && split.offset == 0) {
    // Tokens map to the data columns other than the corrupt-record column, in order.
    std::vector<std::string> token_columns;
    for (const auto& field : data_schema) {
      if (!IsCorruptColumn(field)) token_columns.push_back(field.name);
    }
    for (size_t i = 0; i < read_schema.size(); ++i) {
      if (IsCorruptColumn(read_schema[i])) {
        corrupt_column_ = static_cast<int>(i);
        token_of_.push_back(-1);
        continue;
      }
      int token = -1;
      for (size_t t = 0; t < token_columns.size(); ++t) {
        if (token_columns[t] == read_schema[i].name) token = static_cast<int>(t);
      }
      token_of_.push_back(token);
      tokens_needed_ = std::max<size_t>(tokens_needed_, token + 1);
    }
    keep_lines_ = corrupt_column_ >= 0 || options_.mode == CsvParseMode::kFailFast;
  }

  bool Next(Batch* out) override {
    std::vector<std::unique_ptr<VectorBuilder>> texts;
    for (size_t i = 0; i < read_schema_.size(); ++i) texts.push_back(std::make_unique<VectorBuilder>(StringType()));
    lines_.clear();
    std::vector<bool> unclosed;
    const CsvTokenizer& tokenizer = records_.tokenizer();
    std::string_view line;
    while (static_cast<int64_t>(unclosed.size()) < kBatchRows && records_.NextLine(&line)) {
      if (skip_header_) {
        skip_header_ = false;
        if (!options_.multi_line || tokenizer.SplitPlain(line, SIZE_MAX, &plain_)) continue;
        records_.Tokenize(line, &fields_, &record_, &closed_);  // the header's further lines
        continue;
      }
      if (SplitPlain(line)) {
        for (size_t i = 0; i < read_schema_.size(); ++i) {
          int token = token_of_[i];
          bool present = token >= 0 && token < static_cast<int>(plain_.size()) && tokenizer.IsPlainValue(plain_[token]);
          present ? texts[i]->AppendString(plain_[token]) : texts[i]->AppendNull();
        }
        unclosed.push_back(false);
        if (keep_lines_) lines_.emplace_back(line);
        continue;
      }
      records_.Tokenize(line, &fields_, &record_, &closed_);
      unclosed.push_back(!closed_);
      for (size_t i = 0; i < read_schema_.size(); ++i) {
        int token = token_of_[i];
        const std::string* value =
            token >= 0 && token < static_cast<int>(fields_.size()) ? tokenizer.ValueOf(fields_[token]) : nullptr;
        value ? texts[i]->AppendString(*value) : texts[i]->AppendNull();
      }
      if (keep_lines_) lines_.push_back(record_);
    }
    int64_t rows = static_cast<int64_t>(unclosed.size());
    if (rows == 0) return false;

    std::vector<bool> malformed = unclosed;
    std::vector<VectorPtr> columns;
    for (size_t i = 0; i < read_schema_.size(); ++i) {
      VectorPtr text = texts[i]->Finish();
      columns.push_back(static_cast<int>(i) == corrupt_column_ ? text : converter_.Convert(text, read_schema_[i].type, &malformed));
    }
    return Emit(std::move(columns), malformed, rows, out) || Next(out);
  }

 private:
  // The fields read of a record that is one line without quoted fields, in place (a multiLine
  // record goes on over more lines only from a quoted field); false for other records.
  bool SplitPlain(std::string_view line) {
    size_t wanted = options_.multi_line ? SIZE_MAX : tokens_needed_;
    if (!records_.tokenizer().SplitPlain(line, wanted, &plain_)) return false;
    if (plain_.size() < wanted || options_.quote == '\0') return true;
    // The fields after the last one read hold no quote either (an unclosed one makes the record
    // malformed).
    const char* rest = plain_.empty() ? line.data() : plain_.back().data() + plain_.back().size();
    return std::memchr(rest, options_.quote, line.data() + line.size() - rest) == nullptr;
  }

  bool IsCorruptColumn(const StructField& field) const {
    return field.name == options_.corrupt_column && field.type->id == TypeId::kString;
  }

  // Applies the parse mode to the malformed rows; false when no row is left.
  bool Emit(std::vector<VectorPtr> columns, const std::vector<bool>& malformed, int64_t rows, Batch* out) {
    std::vector<int32_t> kept;
    bool any_malformed = false;
    for (int64_t row = 0; row < rows; ++row) {
      if (!malformed[row]) {
        kept.push_back(static_cast<int32_t>(row));
        continue;
      }
      any_malformed = true;
      if (options_.mode == CsvParseMode::kFailFast) ThrowFailFast(lines_[row]);
    }
    if (corrupt_column_ >= 0) {
      VectorBuilder corrupt(StringType(), rows);
      for (int64_t row = 0; row < rows; ++row) {
        malformed[row] ? corrupt.AppendString(lines_[row]) : corrupt.AppendNull();
      }
      columns[corrupt_column_] = corrupt.Finish();
    }
    Batch batch(std::move(columns), rows);
    if (any_malformed && options_.mode == CsvParseMode::kDropMalformed) {
      batch = TakeBatch(batch, kept.data(), static_cast<int64_t>(kept.size()));
    }
    if (batch.num_rows == 0) return false;
    *out = std::move(batch);
    return true;
  }

  [[noreturn]] void ThrowFailFast(const std::string& line) {
    throw SparkError("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
                     {{"badRecord", line + " (file:" + split_.path + ")"}, {"failFastMode", "FAILFAST"}});
  }

  FileSplit split_;
  CsvOptions options_;
  CsvRecords records_;
  CsvTextConverter converter_;
  Schema read_schema_;
  bool skip_header_;
  std::vector<int> token_of_;  // token position of each read column (-1: none)
  int corrupt_column_ = -1;
  size_t tokens_needed_ = 0;  // the fields up to the last one read
  bool keep_lines_;           // the records' texts are needed (corrupt record column or FAILFAST)
  std::vector<CsvField> fields_;
  std::vector<std::string_view> plain_;
  std::string record_;
  bool closed_ = true;
  std::vector<std::string> lines_;  // the current batch's records when keep_lines_
};

}  // namespace

std::unique_ptr<BatchReader> OpenCsvSplit(const FileSplit& split, const Schema& data_schema,
                                          const Schema& read_schema, const CsvOptions& options,
                                          const EvalContext& ctx) {
  return std::make_unique<CsvBatchReader>(split, data_schema, read_schema, options, ctx);
}

}  // namespace ember

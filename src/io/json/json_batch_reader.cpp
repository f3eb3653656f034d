#include "io/json/json_batch_reader.h"

#include "common/error.h"
#include "functions/json/json_text.h"
#include "functions/json/json_value_converter.h"
#include "functions/variant/variant_json_parser.h"
#include "io/line_source.h"

namespace ember {
namespace {

static_assert(kLinePadding >= static_cast<int64_t>(simdjson::SIMDJSON_PADDING));

class JsonBatchReader : public BatchReader {
 public:
  JsonBatchReader(const FileSplit& split, const Schema& read_schema, const JsonOptions& options,
                  const absl::TimeZone& zone, bool allow_duplicate_keys)
      : split_(split),
        source_(split),
        mode_(options.mode),
        single_variant_(!options.single_variant_column.empty()),
        allow_unquoted_field_names_(options.allow_unquoted_field_names),
        root_(ParseType(read_schema, options), std::make_shared<JsonDateTimeCodec>(options, zone), allow_duplicate_keys) {
    variant_writer_.set_allow_duplicate_keys(allow_duplicate_keys);
    for (size_t i = 0; i < read_schema.size(); ++i) {
      builders_.push_back(std::make_unique<VectorBuilder>(read_schema[i].type));
      if (read_schema[i].name == options.corrupt_column && read_schema[i].type->id == TypeId::kString) {
        corrupt_column_ = static_cast<int>(i);
      } else {
        parse_columns_.push_back(static_cast<int>(i));
      }
    }
  }

  bool Next(Batch* out) override {
    int64_t rows = 0;
    std::string_view line;
    while (rows < kBatchRows && source_.Next(&line)) {
      if (IsBlankJson(line)) continue;
      rows += ReadLine(line);
    }
    if (rows == 0) return false;
    out->columns.clear();
    for (auto& builder : builders_) out->columns.push_back(builder->Finish());
    out->num_rows = rows;
    return true;
  }

 private:
  // The struct of the columns parsed from JSON (the read schema without the corrupt column).
  static TypePtr ParseType(const Schema& read_schema, const JsonOptions& options) {
    std::vector<StructField> fields;
    for (const auto& field : read_schema) {
      if (field.name == options.corrupt_column && field.type->id == TypeId::kString) continue;
      fields.push_back(field);
    }
    return StructType(std::move(fields));
  }

  // Returns the number of rows the line produced.
  int64_t ReadLine(std::string_view line) {
    if (single_variant_) return ReadVariantLine(line);
    simdjson::dom::element document;
    if (!ParsePaddedJson(parser_, line, allow_unquoted_field_names_, &document)) return Malformed(line);
    bool shadowed = root_.holds_variant() && shadow_.Parse(line);
    VariantView whole = shadow_.view();
    if (document.type() == simdjson::dom::element_type::OBJECT) {
      root_.SetShadow(shadowed ? &whole : nullptr);
      return ReadRecord(document.get_object().value_unsafe(), line);
    }
    if (document.type() != simdjson::dom::element_type::ARRAY) return Malformed(line);
    simdjson::dom::array records = document.get_array().value_unsafe();
    for (simdjson::dom::element record : records) {
      if (record.type() != simdjson::dom::element_type::OBJECT) return Malformed(line);
    }
    int64_t rows = 0, index = 0;
    for (simdjson::dom::element record : records) {
      if (shadowed) {
        VariantView part = whole.Element(index++);
        root_.SetShadow(&part);
      } else {
        root_.SetShadow(nullptr);
      }
      rows += ReadRecord(record.get_object().value_unsafe(), line);
    }
    return rows;
  }

  // singleVariantColumn: the line as one variant, a top-level array included.
  int64_t ReadVariantLine(std::string_view line) {
    if (!ParseJsonVariant(line, variant_writer_, &variant_value_, &variant_metadata_)) return Malformed(line);
    for (int column : parse_columns_) AppendVariantRow(*builders_[column], variant_value_, variant_metadata_);
    return 1;
  }

  int64_t ReadRecord(simdjson::dom::object object, std::string_view line) {
    root_.GatherFields(object);
    if (root_.holds_variant() && root_.FieldsRepeatVariantKey()) return Malformed(line);
    if (mode_ == JsonParseMode::kDropMalformed) {
      for (size_t i = 0; i < parse_columns_.size(); ++i) {
        if (!root_.FieldConvertible(i)) return 0;
      }
    }
    bool ok = true;
    for (size_t i = 0; i < parse_columns_.size(); ++i) {
      ok &= root_.AppendField(i, *builders_[parse_columns_[i]]);
    }
    if (!ok && mode_ == JsonParseMode::kFailFast) ThrowFailFast(line);
    if (corrupt_column_ >= 0) {
      if (ok) {
        builders_[corrupt_column_]->AppendNull();
      } else {
        builders_[corrupt_column_]->AppendString(line);
      }
    }
    return 1;
  }

  int64_t Malformed(std::string_view line) {
    if (mode_ == JsonParseMode::kDropMalformed) return 0;
    if (mode_ == JsonParseMode::kFailFast) ThrowFailFast(line);
    for (int column : parse_columns_) builders_[column]->AppendNull();
    if (corrupt_column_ >= 0) builders_[corrupt_column_]->AppendString(line);
    return 1;
  }

  [[noreturn]] void ThrowFailFast(std::string_view line) {
    std::string location = "file:" + split_.path + ", line " + std::to_string(source_.CurrentLineNumber());
    throw SparkError("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
                     {{"badRecord", std::string(line) + " (" + location + ")"},
                      {"failFastMode", "FAILFAST"}});
  }

  FileSplit split_;
  LineSource source_;
  JsonParseMode mode_;
  bool single_variant_;
  bool allow_unquoted_field_names_;
  VariantWriter variant_writer_;
  std::string variant_value_, variant_metadata_;
  JsonConverter root_;
  JsonVariantShadow shadow_;  // for variant columns
  simdjson::dom::parser parser_;
  std::vector<std::unique_ptr<VectorBuilder>> builders_;
  std::vector<int> parse_columns_;  // read-schema index of each field of root_
  int corrupt_column_ = -1;
};

}  // namespace

std::unique_ptr<BatchReader> OpenJsonSplit(const FileSplit& split, const Schema& read_schema,
                                           const JsonOptions& options, const absl::TimeZone& zone,
                                           bool allow_duplicate_keys) {
  return std::make_unique<JsonBatchReader>(split, read_schema, options, zone, allow_duplicate_keys);
}

}  // namespace ember

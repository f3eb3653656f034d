// Parquet's footer and page-header structures (the subset Ember reads and writes), with their
// Thrift compact-protocol encoding. Field ids and enum values are those of the Parquet format
// specification (parquet.thrift); fields Ember does not know are skipped when parsing. Parsing
// throws ParquetDecodeError on malformed input, never reads outside the given bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember::parquet {

// Malformed Parquet data; the reader turns it into FAILED_READ_FILE naming the file.
class ParquetDecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum PhysicalType : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

enum ConvertedType : int32_t {
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32Converted = 17,
  kInt64Converted = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

enum Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

enum Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

enum Codec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,
  kZstd = 6,
  kLz4Raw = 7,
};

enum PageType : int32_t { kDataPage = 0, kIndexPage = 1, kDictionaryPage = 2, kDataPageV2 = 3 };

enum class TimeUnit : uint8_t { kMillis, kMicros, kNanos };

// The LogicalType union: `kind` names the member that is set.
struct LogicalType {
  enum Kind : uint8_t {
    kNone, kString, kMap, kList, kEnum, kDecimal, kDate, kTime, kTimestamp, kInteger, kUnknown,
    kJson, kBson, kUuid, kFloat16,
  };
  Kind kind = kNone;
  int32_t scale = 0;       // decimal
  int32_t precision = 0;   // decimal
  bool adjusted_to_utc = false;  // time, timestamp
  TimeUnit unit = TimeUnit::kMicros;  // time, timestamp
  int8_t bit_width = 0;    // integer
  bool is_signed = true;   // integer
};

struct Statistics {
  std::optional<std::string> max;  // legacy, signed order
  std::optional<std::string> min;
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
  std::optional<std::string> max_value;
  std::optional<std::string> min_value;
};

struct SchemaElement {
  std::optional<int32_t> type;
  std::optional<int32_t> type_length;
  std::optional<int32_t> repetition_type;
  std::string name;
  std::optional<int32_t> num_children;
  std::optional<int32_t> converted_type;
  std::optional<int32_t> scale;
  std::optional<int32_t> precision;
  std::optional<int32_t> field_id;
  std::optional<LogicalType> logical_type;
};

struct ColumnMetaData {
  int32_t type = 0;
  std::vector<int32_t> encodings;
  std::vector<std::string> path_in_schema;
  int32_t codec = kUncompressed;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
  std::optional<Statistics> statistics;
};

struct ColumnChunk {
  std::optional<std::string> file_path;
  int64_t file_offset = 0;
  std::optional<ColumnMetaData> meta_data;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  std::optional<int64_t> file_offset;
  std::optional<int64_t> total_compressed_size;
  std::optional<int16_t> ordinal;
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;
};

struct FileMetaData {
  int32_t version = 1;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::vector<KeyValue> key_value_metadata;
  std::optional<std::string> created_by;
  // Number of TYPE_ORDER column orders (one per leaf column); 0 writes none.
  int32_t type_defined_column_orders = 0;
};

struct DataPageHeader {
  int32_t num_values = 0;
  int32_t encoding = kPlain;
  int32_t definition_level_encoding = kRle;
  int32_t repetition_level_encoding = kRle;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  int32_t encoding = kPlain;
  std::optional<bool> is_sorted;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  int32_t encoding = kPlain;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;
};

struct PageHeader {
  int32_t type = kDataPage;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  std::optional<int32_t> crc;
  std::optional<DataPageHeader> data_page_header;
  std::optional<DictionaryPageHeader> dictionary_page_header;
  std::optional<DataPageHeaderV2> data_page_header_v2;
};

std::string SerializeFileMetaData(const FileMetaData& metadata);
FileMetaData ParseFileMetaData(const uint8_t* data, size_t size);

std::string SerializePageHeader(const PageHeader& header);
// Parses the header at `data`; `*header_size` receives the bytes it took.
PageHeader ParsePageHeader(const uint8_t* data, size_t size, size_t* header_size);

}  // namespace ember::parquet

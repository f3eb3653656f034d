// Decodes one column chunk of a row group into vectors, a batch at a time: walks the chunk's
// pages (dictionary page, data pages v1 and v2), decompresses them, decodes definition levels
// (RLE/bit-packed) and values (PLAIN, dictionary indices, DELTA_* or BYTE_STREAM_SPLIT), and
// converts Parquet's physical values to the Spark type asked for. Only the current page is held decompressed. Malformed data
// raises FAILED_READ_FILE naming the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/vector.h"
#include "io/parquet/parquet_encoding.h"
#include "io/parquet/parquet_file.h"

namespace ember::parquet {

// Throws FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH unless `column` can be read as
// `target`: its own Spark type, or a widening of it (byte -> short -> int -> long, float -> double).
void CheckReadableAs(const ParquetFile& file, const FileColumn& column, const TypePtr& target);

class ColumnChunkReader {
 public:
  // `file` and `column` must outlive the reader; `target` passed CheckReadableAs.
  ColumnChunkReader(const ParquetFile& file, const ColumnChunk& chunk, const FileColumn& column,
                    TypePtr target);

  // Reads the next `count` values into a new vector of the target type.
  VectorPtr Read(int64_t count);

 private:
  enum class Conversion : uint8_t {
    kBool, kInt32ToByte, kInt32ToShort, kInt32ToInt, kInt32ToLong, kUInt32ToLong, kInt64ToLong,
    kMillisToMicros, kUInt64ToWide, kInt96ToMicros, kFloatToFloat, kFloatToDouble,
    kDoubleToDouble, kBytes, kBytesToDecimal, kBytesToWideDecimal,
  };

  VectorPtr ReadValues(int64_t count);
  void NextPage();
  void StartValues(int32_t encoding, const uint8_t* data, size_t size);
  // Decodes a page of a DELTA_* or BYTE_STREAM_SPLIT encoding into converted_ as PLAIN values.
  void ConvertToPlain(int32_t encoding, const uint8_t* data, size_t size);
  void LoadDictionary(const uint8_t* data, size_t size, int32_t count);
  // Decodes `count` PLAIN values from data[*pos, size) into physical_ or strings_.
  void DecodePlain(const uint8_t* data, size_t size, size_t* pos, int64_t count, uint8_t* fixed_out,
                   std::string_view* strings_out);
  void DecodeValues(int64_t count);
  void Store(int64_t rows, const uint32_t* levels, Vector* out, int64_t out_row);
  [[noreturn]] void Corrupt(const std::string& message) const;

  const ParquetFile& file_;
  const FileColumn& column_;
  TypePtr target_;
  int32_t physical_;
  int value_width_;  // bytes per PLAIN value for fixed-width physical types; 0 for BYTE_ARRAY
  int32_t codec_;
  Conversion conversion_;

  Buffer chunk_;
  size_t chunk_pos_ = 0;
  Buffer page_;  // the current page, decompressed

  int64_t page_remaining_ = 0;
  RleBitPackedDecoder levels_decoder_;
  bool dictionary_encoded_ = false;
  RleBitPackedDecoder index_decoder_;
  const uint8_t* values_ = nullptr;
  size_t values_size_ = 0;
  size_t values_pos_ = 0;
  int64_t boolean_bit_ = 0;
  std::string converted_;  // PLAIN form of a page in another value encoding

  Buffer dictionary_page_;
  Buffer dictionary_fixed_;
  std::vector<std::string_view> dictionary_strings_;
  int64_t dictionary_size_ = -1;  // -1: no dictionary page seen

  std::vector<uint32_t> levels_;
  std::vector<uint32_t> indices_;
  Buffer physical_values_;
  std::vector<std::string_view> strings_;
};

}  // namespace ember::parquet

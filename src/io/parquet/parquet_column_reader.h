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
  ColumnChunkReader(const ParquetFile& file, const FileColumn& column, TypePtr target);

  // Starts reading `chunk` (a chunk of this column in another row group); the reader's buffers are
  // kept for reuse.
  void StartChunk(const ColumnChunk& chunk);
  // Reads the next `count` values of the chunk into a new vector of the target type.
  VectorPtr Read(int64_t count);
  // Reads the next `count` level entries of a leaf of a nested column: a vector with a row per
  // entry (null below the maximum definition level), and the entries' levels appended to
  // `definitions` and `repetitions`.
  VectorPtr ReadLeveled(int64_t count, std::vector<uint32_t>* definitions, std::vector<uint32_t>* repetitions);

 private:
  enum class Conversion : uint8_t {
    kBool, kInt32ToByte, kInt32ToShort, kInt32ToInt, kInt32ToLong, kUInt32ToLong, kInt64ToLong,
    kMillisToMicros, kUInt64ToWide, kInt96ToMicros, kFloatToFloat, kFloatToDouble,
    kDoubleToDouble, kBytes, kBytesToDecimal, kBytesToWideDecimal,
  };

  VectorPtr ReadValues(int64_t count);
  void NextPage();
  // The page's bytes decompressed into `buffer`, or in place in the chunk when it is not compressed.
  const uint8_t* Uncompress(const uint8_t* data, int64_t size, int64_t uncompressed_size, Buffer* buffer);
  void StartValues(int32_t encoding, const uint8_t* data, size_t size);
  // Decodes a page of a DELTA_* or BYTE_STREAM_SPLIT encoding into converted_ as PLAIN values.
  void ConvertToPlain(int32_t encoding, const uint8_t* data, size_t size);
  void LoadDictionary(const uint8_t* data, size_t size, int32_t count);
  // The next `count` PLAIN fixed-width values in data[*pos, size), left in place.
  const uint8_t* PlainFixed(const uint8_t* data, size_t size, size_t* pos, int64_t count);
  // Decodes `count` PLAIN BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY values from data[*pos, size) into strings_.
  void PlainStrings(const uint8_t* data, size_t size, size_t* pos, int64_t count);
  // Decodes the definition levels of the next `rows` rows; returns them, or nullptr when every row
  // is non-null. `*present` gets the number of non-null rows.
  const uint32_t* DecodeLevels(int64_t rows, int64_t* present);
  // Reads `present` values of the current page and stores them for `rows` rows of `out`.
  void ReadPageValues(int64_t rows, const uint32_t* levels, int64_t present, Vector* out, int64_t out_row);
  void DecodeBooleans(int64_t count);
  void GatherDictionary(int64_t rows, const uint32_t* levels, int64_t present, Vector* out, int64_t out_row);
  // Converts physical values (fixed-width ones at `in`, strings in strings_) into rows of `out`.
  void Store(int64_t rows, const uint32_t* levels, const uint8_t* in, Vector* out, int64_t out_row);
  [[noreturn]] void Corrupt(const std::string& message) const;

  const ParquetFile& file_;
  const FileColumn& column_;
  TypePtr target_;
  int32_t physical_;
  int value_width_;  // bytes per PLAIN value for fixed-width physical types; 0 for BYTE_ARRAY
  int32_t codec_ = 0;
  Conversion conversion_;

  Buffer chunk_;
  size_t chunk_pos_ = 0;
  Buffer page_;  // the current page, decompressed (unless the chunk is not compressed)

  int64_t page_remaining_ = 0;
  RleBitPackedDecoder levels_decoder_;  // definition levels
  RleBitPackedDecoder repetition_decoder_;
  bool dictionary_encoded_ = false;
  RleBitPackedDecoder index_decoder_;
  const uint8_t* values_ = nullptr;
  size_t values_size_ = 0;
  size_t values_pos_ = 0;
  int64_t boolean_bit_ = 0;
  std::string converted_;  // PLAIN form of a page in another value encoding

  Buffer dictionary_page_;
  VectorPtr dictionary_;  // the dictionary page's values, converted to the target type; null if none
  int64_t dictionary_longest_ = 0;  // bytes of the longest entry of a string dictionary

  std::vector<uint32_t> levels_;
  std::vector<uint32_t> indices_;
  Buffer booleans_;
  std::vector<std::string_view> strings_;
};

}  // namespace ember::parquet

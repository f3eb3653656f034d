// An open Parquet file: its size, its parsed footer and its top-level columns, plus positioned
// reads. Opening validates the magic bytes and footer length; every failure becomes a SparkError
// FAILED_READ_FILE naming the file. A ParquetFile is immutable after Open and may be shared. The
// bytes come through the path's FileSystem: opening reads the file's tail once, later reads are
// one range each (a column chunk), which suits object stores.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/file_system.h"
#include "io/parquet/parquet_metadata.h"
#include "io/parquet/parquet_schema.h"

namespace ember::parquet {

// Throws FAILED_READ_FILE.CORRUPT_PARQUET for `path` with `message`.
[[noreturn]] void ThrowCorruptFile(const std::string& path, const std::string& message);

class ParquetFile {
 public:
  static std::shared_ptr<const ParquetFile> Open(const std::string& path);
  ~ParquetFile();
  ParquetFile(const ParquetFile&) = delete;
  ParquetFile& operator=(const ParquetFile&) = delete;

  const std::string& path() const { return path_; }
  int64_t size() const { return size_; }
  const FileMetaData& metadata() const { return metadata_; }
  const std::vector<FileColumn>& columns() const { return columns_; }

  // Reads `length` bytes at `offset` into `out`; the range must lie inside the file.
  void ReadAt(int64_t offset, int64_t length, uint8_t* out) const;
  // Byte range [start, start + length) of a column chunk, validated against the file size.
  void ChunkRange(const ColumnChunk& chunk, int64_t* start, int64_t* length) const;

 private:
  ParquetFile() = default;

  std::string path_;
  std::unique_ptr<ReadableFile> file_;
  int64_t size_ = 0;
  FileMetaData metadata_;
  std::vector<FileColumn> columns_;
};

}  // namespace ember::parquet

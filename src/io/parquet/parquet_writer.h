// Writes one Parquet file: "PAR1", row groups of column chunks, then the Thrift footer, its length
// and "PAR1". Rows are buffered per column as encoded pages until the row group reaches
// `row_group_bytes` (checked after each batch), then flushed to disk. The footer is written by
// Close; a writer destroyed without Close leaves an incomplete file behind.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/file_system.h"
#include "common/types.h"
#include "io/parquet/parquet_column_writer.h"
#include "io/parquet/parquet_nested.h"

namespace ember::parquet {

struct ParquetWriteOptions {
  ColumnWriterOptions column;
  int64_t row_group_bytes = int64_t{128} << 20;  // parquet.block.size
};

class ParquetFileWriter {
 public:
  ParquetFileWriter(std::string path, Schema schema, const ParquetWriteOptions& options);
  ~ParquetFileWriter();
  ParquetFileWriter(const ParquetFileWriter&) = delete;
  ParquetFileWriter& operator=(const ParquetFileWriter&) = delete;
  // Batches have one column per schema field, in order.
  void Write(const Batch& batch);
  // Writes the footer; nothing may be written afterwards.
  void Close();

 private:
  void FlushRowGroup();
  void WriteBytes(const std::string& bytes);

  std::string path_;
  Schema schema_;
  ParquetWriteOptions options_;
  std::vector<SchemaElement> elements_;
  // Per field: its nested layout (null for a primitive field) and the leaves' level streams.
  std::vector<std::shared_ptr<NestedColumn>> nested_;
  std::vector<LeafLevels> levels_;
  // Per field, its first leaf writer in columns_ (one writer per leaf, in schema order).
  std::vector<size_t> first_column_;
  std::vector<std::unique_ptr<ColumnWriter>> columns_;
  std::unique_ptr<WritableFile> file_;
  int64_t offset_ = 0;
  int64_t group_rows_ = 0;
  int64_t total_rows_ = 0;
  std::vector<RowGroup> row_groups_;
  bool closed_ = false;
};

}  // namespace ember::parquet

// Encodes one column of a Parquet row group. Values arrive a batch at a time; pages (data page v1,
// RLE definition levels, RLE_DICTIONARY indices or PLAIN values, compressed) are buffered until
// the row group ends, when the dictionary page and the data pages are handed out together with
// the column chunk's metadata and statistics. A writer is reused for every row group of a file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/vector.h"
#include "io/parquet/parquet_metadata.h"

namespace ember::parquet {

struct ColumnWriterOptions {
  int32_t codec = kSnappy;
  bool dictionary = true;
  int64_t page_bytes = 1 << 20;             // parquet.page.size
  int64_t page_rows = 20000;                // rows per page at most
  int64_t dictionary_bytes = 1 << 20;       // parquet.dictionary.page.size: fall back past this
};

// Where a leaf sits in a nested column: its full path and maximum levels. A top-level primitive
// column leaves it empty (path = its name, levels from its repetition).
struct LeafPlacement {
  std::vector<std::string> path;
  int max_definition_level = 0;
  int max_repetition_level = 0;
};

class ColumnWriter {
 public:
  virtual ~ColumnWriter() = default;
  // Buffers rows [offset, offset + count) of `values`.
  virtual void Append(const Vector& values, int64_t offset, int64_t count) = 0;
  // Buffers the level entries of a leaf of a nested column (parquet_nested.h's LeafLevels).
  virtual void AppendLevels(const uint32_t* definitions, const uint32_t* repetitions, int64_t entries,
                            const Vector* values, const int64_t* positions) = 0;
  // Bytes buffered for the current row group (compressed pages plus open page estimate).
  virtual int64_t BufferedBytes() const = 0;
  // Appends the row group's pages to `out`, whose first byte lands at `file_offset`, and returns
  // the column chunk's metadata. The writer is then empty and ready for the next row group.
  virtual ColumnChunk FinishRowGroup(int64_t file_offset, std::string* out) = 0;
};

// A writer for a leaf described by `element` (from ToParquetSchema) holding values of `type`.
std::unique_ptr<ColumnWriter> MakeColumnWriter(const SchemaElement& element, const TypePtr& type,
                                               const ColumnWriterOptions& options,
                                               const LeafPlacement& placement = {});

}  // namespace ember::parquet

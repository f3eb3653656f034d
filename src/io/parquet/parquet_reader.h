// Reads the rows of chosen row groups of one Parquet file as batches with the columns of a read
// schema (a projection: other columns are never touched). Columns are matched by name, exactly
// first and then ignoring case; a read column missing from the file reads as NULLs.
#pragma once

#include <memory>
#include <vector>

#include "common/types.h"
#include "common/vector.h"
#include "io/parquet/parquet_column_reader.h"
#include "io/parquet/parquet_file.h"

namespace ember::parquet {

// Indices of the row groups whose byte midpoint lies in [offset, offset + length): the row
// groups a split of that range owns.
std::vector<int> RowGroupsInRange(const ParquetFile& file, int64_t offset, int64_t length);

// Index into file.columns() of the column called `name`, or -1.
int FindFileColumn(const ParquetFile& file, const std::string& name);

class ParquetBatchReader : public BatchReader {
 public:
  ParquetBatchReader(std::shared_ptr<const ParquetFile> file, std::vector<int> row_groups,
                     Schema read_schema, int64_t batch_rows = kBatchRows);
  bool Next(Batch* out) override;

 private:
  // A nested column's leaves, read whole for a row group and assembled into one vector.
  struct NestedReader {
    const NestedColumn* layout = nullptr;
    std::vector<std::unique_ptr<FileColumn>> leaf_columns;
    std::vector<std::unique_ptr<ColumnChunkReader>> leaf_readers;
    VectorPtr group;  // the row group's values
  };

  void StartRowGroup();
  void StartNested(const RowGroup& group, int first_leaf, NestedReader* nested);

  std::shared_ptr<const ParquetFile> file_;
  std::vector<int> row_groups_;
  Schema read_schema_;
  std::vector<int> file_columns_;  // per read field: index into file_->columns(), or -1
  int64_t batch_rows_;
  size_t next_group_ = 0;
  int64_t group_rows_left_ = 0;
  int64_t group_rows_ = 0;
  std::vector<std::unique_ptr<ColumnChunkReader>> readers_;  // per read field of a primitive column
  std::vector<std::unique_ptr<NestedReader>> nested_;        // per read field of a nested column
};

}  // namespace ember::parquet

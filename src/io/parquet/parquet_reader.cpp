#include "io/parquet/parquet_reader.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace ember::parquet {
namespace {

bool EqualsIgnoreCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

}  // namespace

std::vector<int> RowGroupsInRange(const ParquetFile& file, int64_t offset, int64_t length) {
  std::vector<int> groups;
  const auto& row_groups = file.metadata().row_groups;
  for (size_t g = 0; g < row_groups.size(); ++g) {
    const RowGroup& group = row_groups[g];
    int64_t start = -1;
    int64_t size = 0;
    for (const auto& chunk : group.columns) {
      if (!chunk.meta_data) continue;
      int64_t chunk_start, chunk_length;
      file.ChunkRange(chunk, &chunk_start, &chunk_length);
      if (start < 0 || chunk_start < start) start = chunk_start;
      size += chunk_length;
    }
    if (start < 0) start = 4;
    int64_t midpoint = start + size / 2;
    if (midpoint >= offset && midpoint < offset + length) groups.push_back(static_cast<int>(g));
  }
  return groups;
}

int FindFileColumn(const ParquetFile& file, const std::string& name) {
  const auto& columns = file.columns();
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return static_cast<int>(i);
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (EqualsIgnoreCase(columns[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

ParquetBatchReader::ParquetBatchReader(std::shared_ptr<const ParquetFile> file, std::vector<int> row_groups,
                                       Schema read_schema, int64_t batch_rows)
    : file_(std::move(file)),
      row_groups_(std::move(row_groups)),
      read_schema_(std::move(read_schema)),
      batch_rows_(batch_rows) {
  for (const auto& field : read_schema_) {
    int index = FindFileColumn(*file_, field.name);
    std::unique_ptr<ColumnChunkReader> reader;
    std::unique_ptr<NestedReader> nested;
    if (index >= 0) {
      const FileColumn& column = file_->columns()[index];
      CheckReadableAs(*file_, column, field.type);
      if (column.nested) {
        nested = std::make_unique<NestedReader>();
        nested->layout = column.nested.get();
        for (const NestedLeaf& leaf : column.nested->leaves) {
          auto leaf_column = std::make_unique<FileColumn>();
          leaf_column->name = column.name;
          leaf_column->element = &file_->metadata().schema[leaf.element];
          leaf_column->type = leaf.node->type;
          leaf_column->max_definition_level = leaf.max_definition_level;
          leaf_column->max_repetition_level = leaf.max_repetition_level;
          nested->leaf_readers.push_back(std::make_unique<ColumnChunkReader>(*file_, *leaf_column, leaf.node->type));
          nested->leaf_columns.push_back(std::move(leaf_column));
        }
      } else {
        reader = std::make_unique<ColumnChunkReader>(*file_, column, field.type);
      }
    }
    file_columns_.push_back(index);
    readers_.push_back(std::move(reader));
    nested_.push_back(std::move(nested));
  }
}

void ParquetBatchReader::StartRowGroup() {
  const RowGroup& group = file_->metadata().row_groups[row_groups_[next_group_++]];
  group_rows_left_ = group_rows_ = group.num_rows;
  for (size_t i = 0; i < readers_.size(); ++i) {
    if (file_columns_[i] < 0) continue;
    int first_leaf = file_->columns()[file_columns_[i]].leaf_index;
    if (readers_[i]) readers_[i]->StartChunk(group.columns[first_leaf]);
    if (nested_[i]) StartNested(group, first_leaf, nested_[i].get());
  }
}

void ParquetBatchReader::StartNested(const RowGroup& group, int first_leaf, NestedReader* nested) {
  std::vector<ReadLeaf> leaves(nested->leaf_readers.size());
  for (size_t leaf = 0; leaf < leaves.size(); ++leaf) {
    const ColumnChunk& chunk = group.columns[first_leaf + leaf];
    int64_t entries = chunk.meta_data ? chunk.meta_data->num_values : 0;
    // A nested leaf is read whole per row group, its entries indexed by 32-bit offsets.
    if (entries < 0 || entries > std::numeric_limits<int32_t>::max() - 1)
      ThrowCorruptFile(file_->path(), "A column chunk claims " + std::to_string(entries) + " values.");
    nested->leaf_readers[leaf]->StartChunk(chunk);
    leaves[leaf].values =
        nested->leaf_readers[leaf]->ReadLeveled(entries, &leaves[leaf].definitions, &leaves[leaf].repetitions);
  }
  try {
    nested->group = AssembleNested(*nested->layout, leaves, group.num_rows);
  } catch (const ParquetDecodeError& e) {
    ThrowCorruptFile(file_->path(), e.what());
  }
}

bool ParquetBatchReader::Next(Batch* out) {
  while (group_rows_left_ == 0) {
    if (next_group_ >= row_groups_.size()) {
      readers_.clear();
      nested_.clear();
      return false;
    }
    StartRowGroup();
  }
  int64_t rows = std::min(batch_rows_, group_rows_left_);
  std::vector<VectorPtr> columns;
  columns.reserve(read_schema_.size());
  for (size_t i = 0; i < read_schema_.size(); ++i) {
    if (nested_[i]) {
      columns.push_back(SliceRows(*nested_[i]->group, group_rows_ - group_rows_left_, rows));
    } else {
      columns.push_back(readers_[i] ? readers_[i]->Read(rows) : Vector::MakeNulls(read_schema_[i].type, rows));
    }
  }
  group_rows_left_ -= rows;
  *out = Batch(std::move(columns), rows);
  return true;
}

}  // namespace ember::parquet

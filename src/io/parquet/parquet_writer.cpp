#include "io/parquet/parquet_writer.h"

#include "common/error.h"
#include "io/parquet/parquet_schema.h"

namespace ember::parquet {

ParquetFileWriter::ParquetFileWriter(std::string path, Schema schema, const ParquetWriteOptions& options)
    : path_(std::move(path)), schema_(std::move(schema)), options_(options) {
  elements_ = ToParquetSchema(schema_, &nested_);
  size_t element = 1;
  for (size_t i = 0; i < schema_.size(); ++i) {
    first_column_.push_back(columns_.size());
    if (!nested_[i]) {
      columns_.push_back(MakeColumnWriter(elements_[element++], schema_[i].type, options_.column));
      continue;
    }
    for (const NestedLeaf& leaf : nested_[i]->leaves) {
      LeafPlacement placement{leaf.path, leaf.max_definition_level, leaf.max_repetition_level};
      columns_.push_back(MakeColumnWriter(elements_[leaf.element], leaf.node->type, options_.column, placement));
    }
    element = nested_[i]->leaves.back().element + 1;
  }
  file_ = FileSystemFor(path_)->Create(path_);
  WriteBytes("PAR1");
}

ParquetFileWriter::~ParquetFileWriter() = default;

void ParquetFileWriter::WriteBytes(const std::string& bytes) {
  file_->Append(bytes);
  offset_ += static_cast<int64_t>(bytes.size());
}

void ParquetFileWriter::Write(const Batch& batch) {
  EMBER_CHECK(!closed_, "write after close");
  EMBER_CHECK(batch.columns.size() == schema_.size(), "batch does not match the writer's schema");
  if (batch.num_rows == 0) return;
  for (size_t i = 0; i < schema_.size(); ++i) {
    ColumnWriter& first = *columns_[first_column_[i]];
    if (!nested_[i]) {
      first.Append(*batch.columns[i], 0, batch.num_rows);
      continue;
    }
    ShredNested(*nested_[i], *batch.columns[i], 0, batch.num_rows, &levels_);
    for (size_t leaf = 0; leaf < levels_.size(); ++leaf) {
      const LeafLevels& l = levels_[leaf];
      columns_[first_column_[i] + leaf]->AppendLevels(l.definitions.data(), l.repetitions.data(),
                                                     static_cast<int64_t>(l.definitions.size()), l.values,
                                                     l.positions.data());
    }
  }
  group_rows_ += batch.num_rows;
  int64_t buffered = 0;
  for (const auto& column : columns_) buffered += column->BufferedBytes();
  if (buffered >= options_.row_group_bytes) FlushRowGroup();
}

void ParquetFileWriter::FlushRowGroup() {
  if (group_rows_ == 0) return;
  RowGroup group;
  group.num_rows = group_rows_;
  group.file_offset = offset_;
  int64_t compressed = 0;
  for (auto& column : columns_) {
    std::string bytes;
    ColumnChunk chunk = column->FinishRowGroup(offset_, &bytes);
    WriteBytes(bytes);
    group.total_byte_size += chunk.meta_data->total_uncompressed_size;
    compressed += chunk.meta_data->total_compressed_size;
    group.columns.push_back(std::move(chunk));
  }
  group.total_compressed_size = compressed;
  group.ordinal = static_cast<int16_t>(row_groups_.size());
  row_groups_.push_back(std::move(group));
  total_rows_ += group_rows_;
  group_rows_ = 0;
}

void ParquetFileWriter::Close() {
  if (closed_) return;
  FlushRowGroup();
  FileMetaData metadata;
  metadata.version = 1;
  metadata.schema = elements_;
  metadata.num_rows = total_rows_;
  metadata.row_groups = std::move(row_groups_);
  metadata.key_value_metadata.push_back({"org.apache.spark.version", std::string("4.0.0")});
  metadata.key_value_metadata.push_back({kSparkSchemaKey, SparkSchemaJson(schema_)});
  metadata.created_by = "ember version 0.1.0";
  metadata.type_defined_column_orders = static_cast<int32_t>(columns_.size());
  std::string footer = SerializeFileMetaData(metadata);
  WriteBytes(footer);
  uint32_t length = static_cast<uint32_t>(footer.size());
  WriteBytes(std::string(reinterpret_cast<const char*>(&length), 4));
  WriteBytes("PAR1");
  closed_ = true;
  file_->Close();
}

}  // namespace ember::parquet

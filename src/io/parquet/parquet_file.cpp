#include "io/parquet/parquet_file.h"

#include <algorithm>
#include <cstring>

#include "common/error.h"

namespace ember::parquet {
namespace {

constexpr char kMagic[4] = {'P', 'A', 'R', '1'};
constexpr int64_t kTailReadBytes = 64 << 10;

}  // namespace

void ThrowCorruptFile(const std::string& path, const std::string& message) {
  throw SparkError("FAILED_READ_FILE.CORRUPT_PARQUET", {{"path", path}, {"message", message}});
}

std::shared_ptr<const ParquetFile> ParquetFile::Open(const std::string& path) {
  std::shared_ptr<ParquetFile> file(new ParquetFile());
  file->path_ = path;
  try {
    file->file_ = FileSystemFor(path)->OpenForRead(path);
  } catch (const SparkError& e) {
    ThrowCorruptFile(path, std::string("Cannot open the file: ") + e.what());
  }
  file->size_ = file->file_->size();
  if (file->size_ < 12) ThrowCorruptFile(path, "The file is too small to be a Parquet file.");

  // One read of the tail usually holds the whole footer.
  int64_t tail_length = std::min<int64_t>(file->size_, kTailReadBytes);
  std::vector<uint8_t> tail(tail_length);
  uint8_t head[4];
  file->ReadAt(0, 4, head);
  file->ReadAt(file->size_ - tail_length, tail_length, tail.data());
  if (std::memcmp(head, kMagic, 4) != 0 || std::memcmp(tail.data() + tail_length - 4, kMagic, 4) != 0)
    ThrowCorruptFile(path, "It is not a Parquet file: the magic bytes are missing.");
  uint32_t footer_length;
  std::memcpy(&footer_length, tail.data() + tail_length - 8, 4);
  if (footer_length == 0 || footer_length > static_cast<uint64_t>(file->size_ - 12))
    ThrowCorruptFile(path, "The footer length " + std::to_string(footer_length) + " is out of range.");

  std::vector<uint8_t> footer(footer_length);
  if (footer_length + 8 <= tail_length) {
    std::memcpy(footer.data(), tail.data() + tail_length - 8 - footer_length, footer_length);
  } else {
    file->ReadAt(file->size_ - 8 - footer_length, footer_length, footer.data());
  }
  try {
    file->metadata_ = ParseFileMetaData(footer.data(), footer.size());
    file->columns_ = ReadFileColumns(file->metadata_);
  } catch (const ParquetDecodeError& e) {
    ThrowCorruptFile(path, std::string("Cannot read the footer: ") + e.what() + ".");
  }
  size_t leaves = 0;
  for (const auto& column : file->columns_) leaves = std::max<size_t>(leaves, column.leaf_index + 1);
  for (const auto& group : file->metadata_.row_groups) {
    if (group.num_rows < 0 || group.columns.size() < leaves)
      ThrowCorruptFile(path, "A row group does not match the schema.");
  }
  return file;
}

ParquetFile::~ParquetFile() = default;

void ParquetFile::ReadAt(int64_t offset, int64_t length, uint8_t* out) const {
  if (offset < 0 || length < 0 || offset > size_ || length > size_ - offset)
    ThrowCorruptFile(path_, "A read reaches past the end of the file.");
  if (file_->ReadAt(offset, length, reinterpret_cast<char*>(out)) != length)
    ThrowCorruptFile(path_, "Read failed: unexpected end of file.");
}

void ParquetFile::ChunkRange(const ColumnChunk& chunk, int64_t* start, int64_t* length) const {
  if (!chunk.meta_data) ThrowCorruptFile(path_, "A column chunk has no metadata.");
  const ColumnMetaData& meta = *chunk.meta_data;
  int64_t begin = meta.data_page_offset;
  // Some writers store 0 for "no dictionary page".
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 && *meta.dictionary_page_offset < begin)
    begin = *meta.dictionary_page_offset;
  if (begin < 4 || meta.total_compressed_size < 0 || begin > size_ ||
      meta.total_compressed_size > size_ - begin)
    ThrowCorruptFile(path_, "A column chunk lies outside the file.");
  *start = begin;
  *length = meta.total_compressed_size;
}

}  // namespace ember::parquet

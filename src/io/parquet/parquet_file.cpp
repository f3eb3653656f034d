#include "io/parquet/parquet_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/error.h"

namespace ember::parquet {
namespace {

constexpr char kMagic[4] = {'P', 'A', 'R', '1'};

}  // namespace

void ThrowCorruptFile(const std::string& path, const std::string& message) {
  throw SparkError("FAILED_READ_FILE.CORRUPT_PARQUET", {{"path", path}, {"message", message}});
}

std::shared_ptr<const ParquetFile> ParquetFile::Open(const std::string& path) {
  std::shared_ptr<ParquetFile> file(new ParquetFile());
  file->path_ = path;
  file->fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file->fd_ < 0) ThrowCorruptFile(path, std::string("Cannot open the file: ") + std::strerror(errno) + ".");
  struct stat info;
  if (::fstat(file->fd_, &info) != 0) ThrowCorruptFile(path, "Cannot stat the file.");
  file->size_ = info.st_size;
  if (file->size_ < 12) ThrowCorruptFile(path, "The file is too small to be a Parquet file.");

  uint8_t head[4];
  uint8_t tail[8];
  file->ReadAt(0, 4, head);
  file->ReadAt(file->size_ - 8, 8, tail);
  if (std::memcmp(head, kMagic, 4) != 0 || std::memcmp(tail + 4, kMagic, 4) != 0)
    ThrowCorruptFile(path, "It is not a Parquet file: the magic bytes are missing.");
  uint32_t footer_length;
  std::memcpy(&footer_length, tail, 4);
  if (footer_length == 0 || footer_length > static_cast<uint64_t>(file->size_ - 12))
    ThrowCorruptFile(path, "The footer length " + std::to_string(footer_length) + " is out of range.");

  std::vector<uint8_t> footer(footer_length);
  file->ReadAt(file->size_ - 8 - footer_length, footer_length, footer.data());
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

ParquetFile::~ParquetFile() {
  if (fd_ >= 0) ::close(fd_);
}

void ParquetFile::ReadAt(int64_t offset, int64_t length, uint8_t* out) const {
  if (offset < 0 || length < 0 || offset > size_ || length > size_ - offset)
    ThrowCorruptFile(path_, "A read reaches past the end of the file.");
  int64_t done = 0;
  while (done < length) {
    ssize_t n = ::pread(fd_, out + done, static_cast<size_t>(length - done), offset + done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ThrowCorruptFile(path_, std::string("Read failed: ") + (n < 0 ? std::strerror(errno) : "unexpected end of file") + ".");
    done += n;
  }
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

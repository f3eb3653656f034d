#include "exec/spill_file.h"

#include <fcntl.h>
#include <lz4.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "common/error.h"

namespace ember {
namespace {

constexpr int64_t kHeaderBytes = 24;

[[noreturn]] void ThrowWriteFailed(const std::string& path, int error) {
  throw SparkError("TASK_WRITE_FAILED", "58030",
                   "Task failed while writing rows to " + path + ": " + std::strerror(error) +
                       " (spilling to spark.local.dir).",
                   {{"path", path}});
}

void PutU64(std::string& out, uint64_t value) { out.append(reinterpret_cast<const char*>(&value), 8); }

void PutBytes(std::string& out, const void* data, int64_t size) {
  PutU64(out, static_cast<uint64_t>(size));
  out.append(static_cast<const char*>(data), size);
}

void PutVector(std::string& out, const Vector& vector) {
  PutU64(out, static_cast<uint64_t>(vector.length()));
  const uint64_t* validity = vector.ValidityWords();
  PutBytes(out, validity, validity == nullptr ? 0 : (vector.length() + 63) / 64 * 8);
  PutBytes(out, vector.values().data(), vector.values().size());
  PutBytes(out, vector.bytes().data(), vector.bytes().size());
  PutU64(out, vector.children().size());
  for (const auto& child : vector.children()) PutVector(out, *child);
}

class Cursor {
 public:
  Cursor(const char* data, int64_t size) : data_(data), end_(data + size) {}
  uint64_t U64() {
    uint64_t value;
    Take(&value, 8);
    return value;
  }
  void Take(void* out, int64_t size) {
    EMBER_CHECK(end_ - data_ >= size, "truncated spill frame");
    std::memcpy(out, data_, size);
    data_ += size;
  }
  void TakeInto(Buffer& buffer) {
    int64_t size = static_cast<int64_t>(U64());
    buffer.Resize(size);
    if (size > 0) Take(buffer.data(), size);
  }

 private:
  const char* data_;
  const char* end_;
};

VectorPtr TakeVector(Cursor& in, const TypePtr& type) {
  int64_t length = static_cast<int64_t>(in.U64());
  VectorPtr vector = Vector::Make(type, length);
  int64_t validity_bytes = static_cast<int64_t>(in.U64());
  if (validity_bytes > 0) in.Take(vector->MutableValidityWords(), validity_bytes);
  in.TakeInto(vector->values());
  in.TakeInto(vector->bytes());
  uint64_t children = in.U64();
  EMBER_CHECK(children == vector->children().size(), "spill frame of another type");
  for (auto& child : vector->children()) child = TakeVector(in, child->type());
  return vector;
}

void WriteAll(int fd, const char* data, int64_t size, int64_t offset, const std::string& path) {
  while (size > 0) {
    ssize_t written = pwrite(fd, data, size, offset);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) ThrowWriteFailed(path, written < 0 ? errno : ENOSPC);
    data += written;
    size -= written;
    offset += written;
  }
}

void ReadAll(int fd, char* data, int64_t size, int64_t offset) {
  while (size > 0) {
    ssize_t got = pread(fd, data, size, offset);
    if (got < 0 && errno == EINTR) continue;
    EMBER_CHECK(got > 0, std::string("reading a spill file: ") + (got < 0 ? std::strerror(errno) : "truncated"));
    data += got;
    size -= got;
    offset += got;
  }
}

}  // namespace

SpillDirectory::SpillDirectory(std::string root) : root_(std::move(root)) {
  root_ = root_.substr(0, root_.find(','));  // Spark takes a list of folders; the first serves
  if (root_.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    root_ = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  }
}

SpillDirectory::~SpillDirectory() {
  if (path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string SpillDirectory::NewPath(const std::string& prefix) {
  {
    std::lock_guard lock(mutex_);
    if (path_.empty()) {
      std::random_device random;
      std::string path = root_ + "/ember-spill-" + std::to_string(getpid()) + "-" + std::to_string(random());
      std::error_code error;
      std::filesystem::create_directories(path, error);
      if (error) ThrowWriteFailed(path, error.value());
      path_ = path;
    }
  }
  return path_ + "/" + prefix + "-" + std::to_string(next_id_++) + ".spill";
}

void SpillDirectory::RemoveIfEmpty() {
  std::lock_guard lock(mutex_);
  if (!path_.empty() && rmdir(path_.c_str()) == 0) path_.clear();
}

SpillFile::SpillFile(std::string path) : path_(std::move(path)) {
  fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) ThrowWriteFailed(path_, errno);
}

SpillFile::~SpillFile() {
  close(fd_);
  unlink(path_.c_str());
}

SpillFrame SpillFile::Append(const Batch& batch) {
  std::string raw;
  raw.reserve(static_cast<size_t>(batch.MemoryBytes()) + 64 * (batch.columns.size() + 1));
  PutU64(raw, static_cast<uint64_t>(batch.num_rows));
  PutU64(raw, batch.columns.size());
  for (const auto& column : batch.columns) PutVector(raw, *column);

  EMBER_CHECK(raw.size() <= LZ4_MAX_INPUT_SIZE, "a spilled batch beyond lz4's input size");
  const int raw_size = static_cast<int>(raw.size());
  std::string frame(kHeaderBytes + LZ4_compressBound(raw_size), '\0');
  const int compressed = LZ4_compress_default(raw.data(), frame.data() + kHeaderBytes, raw_size,
                                              static_cast<int>(frame.size() - kHeaderBytes));
  EMBER_CHECK(compressed > 0, "lz4 compression failed");
  uint64_t header[3] = {raw.size(), static_cast<uint64_t>(compressed),
                        XXH3_64bits(frame.data() + kHeaderBytes, compressed)};
  std::memcpy(frame.data(), header, kHeaderBytes);
  frame.resize(kHeaderBytes + compressed);

  std::lock_guard lock(append_mutex_);
  int64_t offset = size_.load();
  try {
    WriteAll(fd_, frame.data(), static_cast<int64_t>(frame.size()), offset, path_);
  } catch (...) {
    // Keep nothing of a torn frame on the full disk (the file goes with the query anyway).
    [[maybe_unused]] int ignored = ftruncate(fd_, offset);
    throw;
  }
  size_ += static_cast<int64_t>(frame.size());
  return {offset, static_cast<int64_t>(frame.size())};
}

Batch SpillFile::Read(int64_t offset, const std::vector<TypePtr>& types) const {
  uint64_t header[3];
  ReadAll(fd_, reinterpret_cast<char*>(header), kHeaderBytes, offset);
  std::string compressed(header[1], '\0');
  ReadAll(fd_, compressed.data(), static_cast<int64_t>(compressed.size()), offset + kHeaderBytes);
  EMBER_CHECK(XXH3_64bits(compressed.data(), compressed.size()) == header[2],
              "spill file " + path_ + " is corrupt (checksum mismatch)");
  std::string raw(header[0], '\0');
  const int size = LZ4_decompress_safe(compressed.data(), raw.data(), static_cast<int>(compressed.size()),
                                       static_cast<int>(raw.size()));
  EMBER_CHECK(size >= 0 && static_cast<uint64_t>(size) == raw.size(), "spill file " + path_ + " is corrupt");

  Cursor in(raw.data(), static_cast<int64_t>(raw.size()));
  Batch batch;
  batch.num_rows = static_cast<int64_t>(in.U64());
  EMBER_CHECK(in.U64() == types.size(), "spill frame of another schema");
  for (const auto& type : types) batch.columns.push_back(TakeVector(in, type));
  return batch;
}

}  // namespace ember

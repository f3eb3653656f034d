#include "common/local_file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/error.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void ThrowReadError(const std::string& path) {
  throw SparkError("FAILED_READ_FILE.NO_HINT", {{"path", QualifiedPath(path)}});
}

[[noreturn]] void ThrowWriteError(const std::string& path, const std::string& reason) {
  throw SparkError("TASK_WRITE_FAILED", {{"path", QualifiedPath(path)}, {"reason", reason}});
}

class LocalReadableFile : public ReadableFile {
 public:
  LocalReadableFile(std::string path, int fd, int64_t size) : path_(std::move(path)), fd_(fd), size_(size) {}
  ~LocalReadableFile() override { ::close(fd_); }
  int64_t size() const override { return size_; }
  int64_t ReadAt(int64_t offset, int64_t length, char* out) const override {
    int64_t done = 0;
    while (done < length) {
      ssize_t n = ::pread(fd_, out + done, static_cast<size_t>(length - done), offset + done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) ThrowReadError(path_);
      if (n == 0) break;
      done += n;
    }
    return done;
  }

 private:
  std::string path_;
  int fd_;
  int64_t size_;
};

class LocalWritableFile : public WritableFile {
 public:
  explicit LocalWritableFile(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) ThrowWriteError(path_, std::strerror(errno));
  }
  ~LocalWritableFile() override {
    if (fd_ < 0) return;
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  void Append(std::string_view bytes) override {
    while (!bytes.empty()) {
      ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) ThrowWriteError(path_, std::strerror(errno));
      bytes.remove_prefix(static_cast<size_t>(n));
    }
  }
  void Close() override {
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) ThrowWriteError(path_, std::strerror(errno));
  }

 private:
  std::string path_;
  int fd_ = -1;
};

FileStatus StatusOf(const std::string& path, const struct stat& info) {
  bool directory = S_ISDIR(info.st_mode);
  int64_t modified_ms = static_cast<int64_t>(info.st_mtim.tv_sec) * 1000 + info.st_mtim.tv_nsec / 1000000;
  return FileStatus{path, directory ? 0 : static_cast<int64_t>(info.st_size), directory, modified_ms,
                    static_cast<uint64_t>(info.st_ino)};
}

std::optional<FileStatus> StatusOf(const fs::directory_entry& entry) {
  struct stat info;
  if (::stat(entry.path().c_str(), &info) != 0) return std::nullopt;
  return StatusOf(entry.path().string(), info);
}

class Local : public FileSystem {
 public:
  std::optional<FileStatus> Stat(const std::string& path) override {
    struct stat info;
    if (::stat(path.c_str(), &info) != 0) return std::nullopt;
    return StatusOf(path, info);
  }

  std::vector<FileStatus> List(const std::string& directory) override {
    std::vector<FileStatus> entries;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(directory, error)) {
      std::error_code entry_error;
      if (!entry.is_regular_file(entry_error) && !entry.is_directory(entry_error)) continue;
      if (std::optional<FileStatus> status = StatusOf(entry)) entries.push_back(*status);
    }
    return entries;
  }

  std::vector<FileStatus> ListRecursively(const std::string& directory) override {
    std::vector<FileStatus> files;
    std::error_code error;
    for (const auto& entry : fs::recursive_directory_iterator(directory, error)) {
      std::error_code entry_error;
      if (!entry.is_regular_file(entry_error)) continue;
      if (std::optional<FileStatus> status = StatusOf(entry)) files.push_back(*status);
    }
    return files;
  }

  std::unique_ptr<ReadableFile> OpenForRead(const std::string& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) throw SparkError("PATH_NOT_FOUND", {{"path", QualifiedPath(path)}});
      ThrowReadError(path);
    }
    struct stat info;
    if (::fstat(fd, &info) != 0) {
      ::close(fd);
      ThrowReadError(path);
    }
    return std::make_unique<LocalReadableFile>(path, fd, static_cast<int64_t>(info.st_size));
  }

  std::string ReadAll(const std::string& path) override {
    std::unique_ptr<ReadableFile> file = OpenForRead(path);
    std::string content(static_cast<size_t>(file->size()), '\0');
    content.resize(static_cast<size_t>(file->ReadAt(0, file->size(), content.data())));
    return content;
  }

  std::unique_ptr<WritableFile> Create(const std::string& path) override {
    std::error_code ignored;
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ignored);
    return std::make_unique<LocalWritableFile>(path);
  }

  void Delete(const std::string& path) override {
    std::error_code ignored;
    fs::remove(path, ignored);
  }

  void DeleteRecursively(const std::string& directory) override {
    std::error_code ignored;
    fs::remove_all(directory, ignored);
  }

  bool CreatesAtomically() const override { return false; }
};

}  // namespace

std::shared_ptr<FileSystem> LocalFileSystem() {
  static std::shared_ptr<FileSystem> local = std::make_shared<Local>();
  return local;
}

}  // namespace ember

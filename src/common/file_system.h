// Files wherever they are stored: one FileSystem per path scheme. Plain paths and `file:` URIs
// are local files; other schemes (s3://, s3a://) are registered by the layers that implement them
// (io registers S3). Every access is coarse: positioned reads of large ranges (a Parquet column
// chunk, an 8 MB piece of a text file), sequential writes of whole files, listings of one
// directory. Paths keep the form the user gave (an S3 path keeps its scheme); a directory on an
// object store is a key prefix ending before a '/'.
//
// Object stores have no rename: a file created there becomes visible, complete, only when Close
// succeeds (`CreatesAtomically`), and a file abandoned before Close never appears.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ember {

struct FileStatus {
  std::string path;
  int64_t size = 0;
  bool is_directory = false;
  int64_t modified_ms = 0;  // last modification, ms since the epoch (0 when the store does not say)
  // Changes when the path comes to name another file or directory: the inode number of a local
  // file, 0 on object stores.
  uint64_t identity = 0;
};

// An open file; ReadAt may be called from several threads at once.
class ReadableFile {
 public:
  virtual ~ReadableFile() = default;
  virtual int64_t size() const = 0;
  // Reads up to `length` bytes at `offset` into `out`; returns fewer only at the end of the file.
  virtual int64_t ReadAt(int64_t offset, int64_t length, char* out) const = 0;
};

// A file being written from its start. Destroying it without Close discards it.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual void Append(std::string_view bytes) = 0;
  // Finishes the file (on object stores it appears now); throws when it cannot be stored.
  virtual void Close() = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // The file or directory at `path`, or nothing when there is none.
  virtual std::optional<FileStatus> Stat(const std::string& path) = 0;
  // Files and sub-directories directly inside `directory` (empty when it does not exist).
  virtual std::vector<FileStatus> List(const std::string& directory) = 0;
  // Every file under `directory`, at any depth (object stores list this in one pass).
  virtual std::vector<FileStatus> ListRecursively(const std::string& directory) = 0;
  // Throws PATH_NOT_FOUND when the file does not exist.
  virtual std::unique_ptr<ReadableFile> OpenForRead(const std::string& path) = 0;
  // The whole content of a (small) file, read as one snapshot even while it is being replaced.
  virtual std::string ReadAll(const std::string& path) = 0;
  // Creates or replaces the file (making its parent directories where that means something).
  virtual std::unique_ptr<WritableFile> Create(const std::string& path) = 0;
  // Removes a file; nothing happens when it does not exist.
  virtual void Delete(const std::string& path) = 0;
  // Removes a directory and everything under it.
  virtual void DeleteRecursively(const std::string& directory) = 0;
  virtual bool CreatesAtomically() const = 0;
};

// The file system of `path`'s scheme (local for plain paths, file: and unregistered schemes).
std::shared_ptr<FileSystem> FileSystemFor(const std::string& path);
// Makes `scheme` ("s3") resolve to `file_system`. Call at start-up.
void RegisterFileSystem(const std::string& scheme, std::shared_ptr<FileSystem> file_system);

// True for paths of a registered non-local scheme.
bool IsRemotePath(const std::string& path);
// A local path (without file:) made absolute and normal; remote paths unchanged.
std::string NormalizePath(const std::string& path);
// `path` as Spark prints it in messages: file:/abs/path for local files, the URI otherwise.
std::string QualifiedPath(const std::string& path);
// `directory` + "/" + `name` for any scheme.
std::string JoinPath(const std::string& directory, const std::string& name);
// The last component of a path.
std::string BaseName(const std::string& path);

// The size of the file at `path`; throws PATH_NOT_FOUND when there is none.
int64_t FileSize(const std::string& path);
// Reads a whole (small) file into a string.
std::string ReadWholeFile(const std::string& path);
// Writes `content` as the whole file at `path` (one request on object stores).
void WriteWholeFile(const std::string& path, std::string_view content);

// Hadoop file-system settings (fs.s3a.*) taken from a session's configuration: `spark.hadoop.fs.x`
// and `fs.x` both set `fs.x`, the first winning. File systems read them when they open a file.
void SetFileSystemSettings(const std::map<std::string, std::string>& config);
std::optional<std::string> FileSystemSetting(const std::string& key);

}  // namespace ember

// Spill files: batches that do not fit the memory budget, written to local disk and read back.
// A SpillDirectory is one query's folder under spark.local.dir, removed with everything in it when
// the query ends, fails or is cancelled. A SpillFile is a sequence of frames, one per batch:
//   [serialized size: u64][compressed size: u64][xxh3 of the compressed bytes: u64][lz4 bytes]
// (lz4: spilled bytes are written once and read once, so speed matters more than size) where a
// batch serializes as its row count and, per column, its length, validity words, value and
// byte buffers and children. Appending returns the frame's offset; frames are read back by offset,
// from any thread, so one file can hold the runs of a sort or the partitions of a shuffle.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "common/vector.h"

namespace ember {

class SpillDirectory {
 public:
  // `root`: spark.local.dir (empty: $TMPDIR, else /tmp). The folder is created on first use.
  explicit SpillDirectory(std::string root);
  ~SpillDirectory();
  SpillDirectory(const SpillDirectory&) = delete;
  SpillDirectory& operator=(const SpillDirectory&) = delete;

  // A new file name in the folder, starting with `prefix`.
  std::string NewPath(const std::string& prefix);
  // Removes the folder when no file is left in it (it is made again on the next NewPath), so a
  // long-lived owner leaves nothing behind once its files are gone.
  void RemoveIfEmpty();

 private:
  std::string root_;
  std::mutex mutex_;
  std::string path_;  // empty until first use
  std::atomic<int64_t> next_id_{0};
};

struct SpillFrame {
  int64_t offset = 0;
  int64_t bytes = 0;  // on disk
};

class SpillFile {
 public:
  explicit SpillFile(std::string path);
  ~SpillFile();  // deletes the file
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Writes a frame. A failed write (disk full) raises with the reason and leaves no partial frame.
  SpillFrame Append(const Batch& batch);
  // The batch of the frame at `offset`, whose columns have `types`.
  Batch Read(int64_t offset, const std::vector<TypePtr>& types) const;
  // Bytes on disk.
  int64_t bytes() const { return size_.load(); }

 private:
  std::string path_;
  int fd_ = -1;
  std::mutex append_mutex_;
  std::atomic<int64_t> size_{0};
};

}  // namespace ember

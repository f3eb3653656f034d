// A text file being written by a text format's writer (JSON Lines, CSV): bytes gathered in a
// buffer and written to the path's FileSystem in large pieces, plain or gzip-compressed.
#pragma once

#include <zlib.h>

#include <memory>
#include <string>

#include "common/file_system.h"

namespace ember {

class TextOutput {
 public:
  // Throws when the file cannot be created.
  TextOutput(std::string path, bool gzip);
  ~TextOutput();
  TextOutput(const TextOutput&) = delete;
  TextOutput& operator=(const TextOutput&) = delete;

  // Where the caller appends text; call MaybeFlush after each record.
  std::string& buffer() { return buffer_; }
  void MaybeFlush() {
    if (buffer_.size() >= kFlushBytes) Flush(false);
  }
  // Writes what is left and closes the file; throws on a write error.
  void Close();

 private:
  static constexpr size_t kFlushBytes = 1 << 20;
  void Flush(bool finish);
  [[noreturn]] void ThrowWriteError() const;

  std::string path_;
  std::string buffer_;
  std::string compressed_;
  std::unique_ptr<WritableFile> file_;
  bool gzip_ = false;
  z_stream stream_{};
};

}  // namespace ember

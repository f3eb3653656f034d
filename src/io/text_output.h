// A text file being written by a text format's writer (JSON Lines, CSV): bytes gathered in a
// buffer and written in large pieces, plain or through gzip.
#pragma once

#include <zlib.h>

#include <cstdio>
#include <string>

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
    if (buffer_.size() >= kFlushBytes) Flush();
  }
  // Writes what is left and closes the file; throws on a write error.
  void Close();

 private:
  static constexpr size_t kFlushBytes = 1 << 20;
  void Flush();
  [[noreturn]] void ThrowWriteError() const;

  std::string path_;
  std::string buffer_;
  std::FILE* file_ = nullptr;
  gzFile gzip_ = nullptr;
};

}  // namespace ember

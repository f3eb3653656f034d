// The lines of one split of a line-oriented text file (JSON Lines, CSV). A split owns exactly the
// lines that start inside [offset, offset + length): a split that does not begin a file skips the partial line it starts
// in, and the last line is read past the split's end to its newline. So every line of a file is
// read by exactly one split whatever the split sizes. Gzip files (".gz") are read whole by the
// split at offset 0.
//
// The file is read in large chunks into one buffer; each line handed out stays valid until the next
// call and is followed by at least kLinePadding readable bytes (simdjson's padding requirement).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "plan/data_source.h"

namespace ember {

constexpr int64_t kLinePadding = 64;

// True for files read through gzip (not splittable).
bool IsGzipPath(const std::string& path);

// Splits of line-oriented files: byte ranges of at most `max_split_bytes` (a LineSource reads the
// lines that start in one), gzip files whole, empty files none. Throws PATH_NOT_FOUND.
std::vector<FileSplit> PlanLineSplits(const std::vector<std::string>& files, int64_t max_split_bytes);
// The files' total size.
SourceStatistics LineFileStatistics(const std::vector<std::string>& files);

class LineSource {
 public:
  explicit LineSource(const FileSplit& split, int64_t chunk_bytes = 8 << 20);
  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // The next line without its "\n" or "\r\n"; false after the split's last line.
  bool Next(std::string_view* line);
  // The 1-based line number in the file of the line Next returned last (counts the lines before
  // the split on first use, so it is meant for error messages).
  int64_t CurrentLineNumber();

  // Where the bytes come from (a plain file from an offset, or a gzip stream).
  class Input;

 private:

  // Reads more bytes after the buffered ones; false at the end of the input.
  bool Fill();

  FileSplit split_;
  std::unique_ptr<Input> input_;
  std::unique_ptr<char[]> buffer_;
  int64_t capacity_ = 0;
  int64_t begin_ = 0;  // first unread buffered byte
  int64_t end_ = 0;    // end of buffered bytes
  int64_t buffer_file_offset_ = 0;  // input offset of buffer_[0]
  int64_t split_end_ = 0;
  bool input_done_ = false;
  bool started_ = false;
  int64_t lines_read_ = 0;           // lines handed out, blank ones included
  int64_t lines_before_split_ = -1;  // counted lazily
};

}  // namespace ember

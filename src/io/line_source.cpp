#include "io/line_source.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "common/error.h"
#include "common/file_system.h"

namespace ember {
namespace {

constexpr int64_t kTailReadBytes = 64 << 10;  // reads past the split end finish one line

[[noreturn]] void ThrowReadError(const std::string& path) {
  throw SparkError("FAILED_READ_FILE.NO_HINT", {{"path", QualifiedPath(path)}});
}

}  // namespace

bool IsGzipPath(const std::string& path) {
  return path.size() >= 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
}

namespace {

}  // namespace

std::vector<FileSplit> PlanLineSplits(const std::vector<std::string>& files, int64_t max_split_bytes) {
  std::vector<FileSplit> splits;
  for (const std::string& path : files) {
    int64_t size = FileSize(path);
    if (size == 0) continue;
    if (IsGzipPath(path) || max_split_bytes <= 0) {
      splits.push_back({path, 0, size, size});
      continue;
    }
    for (int64_t offset = 0; offset < size; offset += max_split_bytes) {
      splits.push_back({path, offset, std::min(max_split_bytes, size - offset), size});
    }
  }
  return splits;
}

SourceStatistics LineFileStatistics(const std::vector<std::string>& files) {
  SourceStatistics statistics;
  for (const std::string& path : files) statistics.size_bytes += FileSize(path);
  return statistics;
}

// A sequential byte input: a plain file from some offset, or a decompressed gzip stream.
class LineSource::Input {
 public:
  virtual ~Input() = default;
  // Reads up to `n` bytes; 0 at the end.
  virtual int64_t Read(char* out, int64_t n) = 0;
};

namespace {

class PlainInput : public LineSource::Input {
 public:
  PlainInput(const std::string& path, int64_t offset)
      : file_(FileSystemFor(path)->OpenForRead(path)), position_(offset) {}
  int64_t Read(char* out, int64_t n) override {
    int64_t got = file_->ReadAt(position_, std::min(n, std::max<int64_t>(file_->size() - position_, 0)), out);
    position_ += got;
    return got;
  }

 private:
  std::unique_ptr<ReadableFile> file_;
  int64_t position_;
};

// Inflates a gzip file (any number of concatenated members) read through its FileSystem in large
// pieces.
class GzipInput : public LineSource::Input {
 public:
  explicit GzipInput(const std::string& path) : path_(path), input_(path, 0), compressed_(new char[kPieceBytes]) {
    if (inflateInit2(&stream_, 15 + 16) != Z_OK) ThrowReadError(path);
  }
  ~GzipInput() override { inflateEnd(&stream_); }
  int64_t Read(char* out, int64_t n) override {
    stream_.next_out = reinterpret_cast<Bytef*>(out);
    stream_.avail_out = static_cast<uInt>(std::min<int64_t>(n, 1 << 30));
    while (stream_.avail_out > 0 && !done_) {
      if (stream_.avail_in == 0) {
        int64_t got = input_.Read(compressed_.get(), kPieceBytes);
        if (got == 0) {
          if (in_member_) ThrowReadError(path_);  // truncated
          done_ = true;
          break;
        }
        stream_.next_in = reinterpret_cast<Bytef*>(compressed_.get());
        stream_.avail_in = static_cast<uInt>(got);
      }
      in_member_ = true;
      int status = inflate(&stream_, Z_NO_FLUSH);
      if (status == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&stream_);
      } else if (status != Z_OK && status != Z_BUF_ERROR) {
        ThrowReadError(path_);
      }
    }
    return static_cast<int64_t>(stream_.next_out - reinterpret_cast<Bytef*>(out));
  }

 private:
  static constexpr int64_t kPieceBytes = 1 << 20;
  std::string path_;
  PlainInput input_;
  std::unique_ptr<char[]> compressed_;
  z_stream stream_{};
  bool in_member_ = false;
  bool done_ = false;
};

// Newlines in the first `length` bytes of a plain file.
int64_t CountNewlines(const std::string& path, int64_t length) {
  PlainInput input(path, 0);
  std::unique_ptr<char[]> chunk(new char[1 << 20]);
  int64_t count = 0;
  while (length > 0) {
    int64_t got = input.Read(chunk.get(), std::min<int64_t>(length, 1 << 20));
    if (got == 0) break;
    count += std::count(chunk.get(), chunk.get() + got, '\n');
    length -= got;
  }
  return count;
}

}  // namespace

LineSource::LineSource(const FileSplit& split, int64_t chunk_bytes)
    // A small split needs no full chunk: its bytes and a line past its end (the buffer grows
    // when a line is longer).
    : split_(split), capacity_(std::max<int64_t>(std::min(chunk_bytes, split.length + kTailReadBytes), 4096)) {
  buffer_.reset(new char[capacity_ + kLinePadding]);
  std::memset(buffer_.get() + capacity_, 0, kLinePadding);
}

LineSource::~LineSource() = default;

bool LineSource::Fill() {
  if (input_done_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    buffer_file_offset_ += begin_;
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) {
    int64_t grown = capacity_ * 2;
    std::unique_ptr<char[]> fresh(new char[grown + kLinePadding]);
    std::memcpy(fresh.get(), buffer_.get(), end_);
    std::memset(fresh.get() + grown, 0, kLinePadding);
    buffer_ = std::move(fresh);
    capacity_ = grown;
  }
  int64_t position = buffer_file_offset_ + end_;
  int64_t want = capacity_ - end_;
  if (position >= split_end_) {
    want = std::min(want, kTailReadBytes);
  } else if (split_end_ - position < want - kTailReadBytes) {
    want = split_end_ - position + kTailReadBytes;
  }
  int64_t got = input_->Read(buffer_.get() + end_, want);
  if (got == 0) {
    input_done_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool LineSource::Next(std::string_view* line) {
  if (!started_) {
    started_ = true;
    bool gzip = IsGzipPath(split_.path);
    if (gzip && split_.offset > 0) return false;
    split_end_ = gzip ? std::numeric_limits<int64_t>::max() : split_.offset + split_.length;
    int64_t start = split_.offset > 0 ? split_.offset - 1 : 0;
    if (gzip) {
      input_ = std::make_unique<GzipInput>(split_.path);
    } else {
      input_ = std::make_unique<PlainInput>(split_.path, start);
    }
    buffer_file_offset_ = start;
    if (split_.offset > 0) {
      // Skip through the first newline at or after offset - 1: the line it ends started before
      // this split (or, when that byte is the newline itself, the next line starts at offset).
      while (true) {
        const void* newline = std::memchr(buffer_.get() + begin_, '\n', end_ - begin_);
        if (newline != nullptr) {
          begin_ = static_cast<const char*>(newline) - buffer_.get() + 1;
          break;
        }
        begin_ = end_;
        if (!Fill()) return false;
      }
    } else {
      // A UTF-8 byte order mark at the start of the file is not part of the first line.
      while (end_ < 3 && Fill()) {
      }
      if (end_ >= 3 && std::memcmp(buffer_.get(), "\xEF\xBB\xBF", 3) == 0) begin_ = 3;
    }
  }
  int64_t scanned = 0;  // bytes after begin_ known to hold no newline
  while (true) {
    if (buffer_file_offset_ + begin_ >= split_end_) return false;
    const void* newline = std::memchr(buffer_.get() + begin_ + scanned, '\n', end_ - begin_ - scanned);
    int64_t line_end;
    if (newline != nullptr) {
      line_end = static_cast<const char*>(newline) - buffer_.get();
    } else {
      scanned = end_ - begin_;
      if (Fill()) continue;
      if (begin_ >= end_) return false;
      line_end = end_;
    }
    int64_t length = line_end - begin_;
    if (length > 0 && buffer_[begin_ + length - 1] == '\r') --length;
    *line = std::string_view(buffer_.get() + begin_, length);
    begin_ = std::min(line_end + 1, end_);
    ++lines_read_;
    return true;
  }
}

int64_t LineSource::CurrentLineNumber() {
  if (lines_before_split_ < 0) {
    lines_before_split_ = 0;
    if (split_.offset > 0 && !IsGzipPath(split_.path)) {
      // The split's first line starts right after the first newline at or after offset - 1.
      lines_before_split_ = CountNewlines(split_.path, split_.offset - 1) + 1;
    }
  }
  return lines_before_split_ + lines_read_;
}

}  // namespace ember

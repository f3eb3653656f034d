#include "io/text_output.h"

#include <algorithm>

#include "common/error.h"

namespace ember {

TextOutput::TextOutput(std::string path, bool gzip) : path_(std::move(path)), gzip_(gzip) {
  if (gzip_ && deflateInit2(&stream_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    ThrowWriteError();
  file_ = FileSystemFor(path_)->Create(path_);
}

TextOutput::~TextOutput() {
  if (gzip_) deflateEnd(&stream_);
}

void TextOutput::Close() {
  Flush(true);
  file_->Close();
}

void TextOutput::Flush(bool finish) {
  if (!gzip_) {
    file_->Append(buffer_);
    buffer_.clear();
    return;
  }
  stream_.next_in = reinterpret_cast<Bytef*>(buffer_.data());
  stream_.avail_in = static_cast<uInt>(buffer_.size());
  int status = Z_OK;
  do {
    compressed_.resize(std::max<size_t>(kFlushBytes / 4, buffer_.size() / 2 + 64));
    stream_.next_out = reinterpret_cast<Bytef*>(compressed_.data());
    stream_.avail_out = static_cast<uInt>(compressed_.size());
    status = deflate(&stream_, finish ? Z_FINISH : Z_NO_FLUSH);
    if (status == Z_STREAM_ERROR) ThrowWriteError();
    file_->Append(std::string_view(compressed_.data(), compressed_.size() - stream_.avail_out));
  } while (stream_.avail_in > 0 || (finish && status != Z_STREAM_END));
  buffer_.clear();
}

void TextOutput::ThrowWriteError() const {
  throw SparkError("INTERNAL_ERROR", {{"message", "cannot write " + QualifiedPath(path_)}});
}

}  // namespace ember

#include "io/text_output.h"

#include "common/error.h"

namespace ember {

TextOutput::TextOutput(std::string path, bool gzip) : path_(std::move(path)) {
  if (gzip) {
    gzip_ = gzopen(path_.c_str(), "wb");
    if (gzip_ == nullptr) ThrowWriteError();
  } else {
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr) ThrowWriteError();
  }
}

TextOutput::~TextOutput() {
  if (file_ != nullptr) std::fclose(file_);
  if (gzip_ != nullptr) gzclose(gzip_);
}

void TextOutput::Close() {
  Flush();
  bool ok = true;
  if (file_ != nullptr) ok = std::fclose(file_) == 0;
  if (gzip_ != nullptr) ok = gzclose(gzip_) == Z_OK;
  file_ = nullptr;
  gzip_ = nullptr;
  if (!ok) ThrowWriteError();
}

void TextOutput::Flush() {
  if (buffer_.empty()) return;
  bool ok = file_ != nullptr
                ? std::fwrite(buffer_.data(), 1, buffer_.size(), file_) == buffer_.size()
                : gzwrite(gzip_, buffer_.data(), static_cast<unsigned>(buffer_.size())) ==
                      static_cast<int>(buffer_.size());
  if (!ok) ThrowWriteError();
  buffer_.clear();
}

void TextOutput::ThrowWriteError() const {
  throw SparkError("INTERNAL_ERROR", {{"message", "cannot write file:" + path_}});
}

}  // namespace ember

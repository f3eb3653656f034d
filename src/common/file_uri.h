// A file's path as a URI, as Spark's input_file_name gives it.
#pragma once

#include <string>

namespace ember {

// file:///abs/path for local files, with the characters a URI path cannot hold percent-encoded
// as Java's URI does; remote paths (s3a://...) unchanged.
std::string FileUri(const std::string& path);

}  // namespace ember

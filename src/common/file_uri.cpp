#include "common/file_uri.h"

#include <cctype>
#include <string_view>

#include "common/file_system.h"

namespace ember {

std::string FileUri(const std::string& path) {
  if (IsRemotePath(path)) return path;
  static const std::string_view kKept = "_-!.~'()*:@&=+$,;/";
  std::string uri = "file://";
  for (unsigned char c : NormalizePath(path)) {
    // Java's URI keeps letters, digits, the marks above and non-ASCII characters in a path.
    if (std::isalnum(c) || c >= 0x80 || kKept.find(static_cast<char>(c)) != std::string_view::npos) {
      uri += static_cast<char>(c);
    } else {
      static const char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri;
}

}  // namespace ember

// The local disk as a FileSystem: paths are plain (file: prefixes already removed by
// NormalizePath). Reads use pread, writes go straight to the named file.
#pragma once

#include <memory>

#include "common/file_system.h"

namespace ember {

std::shared_ptr<FileSystem> LocalFileSystem();

}  // namespace ember

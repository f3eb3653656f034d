// Expands input paths as Spark does: a file, a directory (its files, skipping names that start
// with '_' or '.'), or a glob pattern, on any FileSystem. A directory holding a commit manifest
// (common/commit_manifest.h) lists only the files the manifest names. Throws PATH_NOT_FOUND for a
// path that matches nothing.
#pragma once

#include <string>
#include <vector>

namespace ember {

// Returns the files, sorted, without duplicates.
std::vector<std::string> ListInputFiles(const std::vector<std::string>& paths);

// The visible data files directly inside `directory` (hidden names skipped, the manifest honoured).
std::vector<std::string> ListVisibleFiles(const std::string& directory);

}  // namespace ember

// Expands input paths as Spark does: a file, a directory (the files under it at any depth,
// skipping names that start with '_' or '.', except directories `_k=v`), or a glob pattern, on
// any FileSystem. A directory holding a commit manifest
// (common/commit_manifest.h) lists only the files the manifest names. Throws PATH_NOT_FOUND for a
// path that matches nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ember {

// pathGlobFilter, modifiedBefore and modifiedAfter.
struct InputFilter {
  std::string name_glob;                    // files whose base name matches it (empty: all)
  std::optional<int64_t> modified_before_ms;  // files modified strictly before
  std::optional<int64_t> modified_after_ms;   // files modified strictly after
};

struct InputListing {
  std::vector<std::string> files;  // sorted, without duplicates
  // Where partition directories start: each directory given or matched, the directory of each file.
  std::vector<std::string> base_directories;
};

InputListing ListInputs(const std::vector<std::string>& paths, const InputFilter& filter);

// The files given and those directly in the directories given (as Spark reads data that has no
// partition directories), sorted, without duplicates.
std::vector<std::string> ListInputFiles(const std::vector<std::string>& paths);

// The visible data files directly inside `directory` (hidden names skipped, the manifest honoured).
std::vector<std::string> ListVisibleFiles(const std::string& directory);

}  // namespace ember

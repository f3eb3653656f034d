// Expands input paths as Spark does: a file, a directory (its files, skipping names that start
// with '_' or '.'), or a glob pattern. Throws PATH_NOT_FOUND for a path that matches nothing.
#pragma once

#include <string>
#include <vector>

namespace ember {

// Returns the files, sorted, without duplicates.
std::vector<std::string> ListInputFiles(const std::vector<std::string>& paths);

}  // namespace ember

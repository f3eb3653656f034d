#include "common/file_listing.h"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "common/error.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

// Accepts "file:/x", "file:///x" and plain paths; relative paths are made absolute against the
// working directory, as Hadoop qualifies them.
std::string LocalPath(const std::string& path) {
  std::string local = path;
  if (local.rfind("file://", 0) == 0) {
    local = local.substr(7);
  } else if (local.rfind("file:", 0) == 0) {
    local = local.substr(5);
  }
  std::error_code error;
  fs::path absolute = fs::absolute(fs::path(local), error);
  if (error) return local;
  return absolute.lexically_normal().string();
}

// Spark prints missing paths fully qualified: file:/abs/path.
[[noreturn]] void ThrowPathNotFound(const std::string& local_path) {
  throw SparkError("PATH_NOT_FOUND", {{"path", "file:" + local_path}});
}

bool IsHiddenName(const std::string& name) {
  return name.empty() || name[0] == '_' || name[0] == '.';
}

bool HasGlobCharacters(const std::string& path) {
  return path.find_first_of("*?[{") != std::string::npos;
}

// Adds `path` if it is a file, or the visible files directly inside it if it is a directory.
void AddFileOrDirectory(const std::string& path, std::vector<std::string>& files) {
  std::error_code error;
  fs::file_status status = fs::status(path, error);
  if (error || !fs::exists(status)) ThrowPathNotFound(path);
  if (!fs::is_directory(status)) {
    files.push_back(path);
    return;
  }
  for (const auto& entry : fs::directory_iterator(path, error)) {
    if (IsHiddenName(entry.path().filename().string())) continue;
    std::error_code entry_error;
    if (entry.is_regular_file(entry_error)) files.push_back(entry.path().string());
  }
  if (error) ThrowPathNotFound(path);
}

}  // namespace

std::vector<std::string> ListInputFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& raw : paths) {
    std::string path = LocalPath(raw);
    if (!HasGlobCharacters(path)) {
      AddFileOrDirectory(path, files);
      continue;
    }
    glob_t matches{};
    int status = glob(path.c_str(), GLOB_BRACE, nullptr, &matches);
    if (status != 0 || matches.gl_pathc == 0) {
      globfree(&matches);
      ThrowPathNotFound(path);
    }
    std::vector<std::string> matched(matches.gl_pathv, matches.gl_pathv + matches.gl_pathc);
    globfree(&matches);
    for (const std::string& match : matched) AddFileOrDirectory(match, files);
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace ember

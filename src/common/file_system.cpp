#include "common/file_system.h"

#include <cctype>
#include <filesystem>
#include <mutex>

#include "common/error.h"
#include "common/local_file_system.h"

namespace ember {
namespace {

std::mutex& RegistryMutex() {
  static std::mutex mutex;
  return mutex;
}

std::map<std::string, std::shared_ptr<FileSystem>>& Registry() {
  static std::map<std::string, std::shared_ptr<FileSystem>> registry;
  return registry;
}

// The scheme of a URI ("s3" of "s3://b/k"), empty for plain paths.
std::string SchemeOf(const std::string& path) {
  size_t colon = path.find("://");
  if (colon == std::string::npos || colon == 0) return "";
  for (size_t i = 0; i < colon; ++i) {
    if (!std::isalnum(static_cast<unsigned char>(path[i])) && path[i] != '+' && path[i] != '-' && path[i] != '.') return "";
  }
  std::string scheme = path.substr(0, colon);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme;
}

std::shared_ptr<FileSystem> RegisteredFor(const std::string& path) {
  std::string scheme = SchemeOf(path);
  if (scheme.empty() || scheme == "file") return nullptr;
  std::lock_guard<std::mutex> lock(RegistryMutex());
  auto found = Registry().find(scheme);
  return found == Registry().end() ? nullptr : found->second;
}

std::mutex& SettingsMutex() {
  static std::mutex mutex;
  return mutex;
}

std::map<std::string, std::string>& Settings() {
  static std::map<std::string, std::string> settings;
  return settings;
}

}  // namespace

std::shared_ptr<FileSystem> FileSystemFor(const std::string& path) {
  std::shared_ptr<FileSystem> registered = RegisteredFor(path);
  return registered ? registered : LocalFileSystem();
}

void RegisterFileSystem(const std::string& scheme, std::shared_ptr<FileSystem> file_system) {
  std::lock_guard<std::mutex> lock(RegistryMutex());
  Registry()[scheme] = std::move(file_system);
}

bool IsRemotePath(const std::string& path) { return RegisteredFor(path) != nullptr; }

// Accepts "file:/x", "file:///x" and plain paths; relative paths are made absolute against the
// working directory, as Hadoop qualifies them.
std::string NormalizePath(const std::string& path) {
  if (IsRemotePath(path)) return path;
  std::string local = path;
  if (local.rfind("file://", 0) == 0) {
    local = local.substr(7);
  } else if (local.rfind("file:", 0) == 0) {
    local = local.substr(5);
  }
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(std::filesystem::path(local), error);
  if (error) return local;
  return absolute.lexically_normal().string();
}

std::string QualifiedPath(const std::string& path) {
  if (IsRemotePath(path)) return path;
  return "file:" + NormalizePath(path);
}

std::string JoinPath(const std::string& directory, const std::string& name) {
  if (!directory.empty() && directory.back() == '/') return directory + name;
  return directory + "/" + name;
}

std::string BaseName(const std::string& path) {
  std::string_view trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.remove_suffix(1);
  size_t slash = trimmed.rfind('/');
  return std::string(slash == std::string_view::npos ? trimmed : trimmed.substr(slash + 1));
}

int64_t FileSize(const std::string& path) {
  std::optional<FileStatus> status = FileSystemFor(path)->Stat(path);
  if (!status) throw SparkError("PATH_NOT_FOUND", {{"path", QualifiedPath(path)}});
  return status->size;
}

std::string ReadWholeFile(const std::string& path) { return FileSystemFor(path)->ReadAll(path); }

void WriteWholeFile(const std::string& path, std::string_view content) {
  std::unique_ptr<WritableFile> file = FileSystemFor(path)->Create(path);
  file->Append(content);
  file->Close();
}

void SetFileSystemSettings(const std::map<std::string, std::string>& config) {
  std::map<std::string, std::string> settings;
  for (const auto& [key, value] : config) {
    if (key.rfind("fs.", 0) == 0) settings.emplace(key, value);
  }
  // spark.hadoop.* is how Spark passes Hadoop settings; it wins over a plain fs.* key.
  for (const auto& [key, value] : config) {
    if (key.rfind("spark.hadoop.fs.", 0) == 0) settings[key.substr(13)] = value;
  }
  std::lock_guard<std::mutex> lock(SettingsMutex());
  Settings() = std::move(settings);
}

std::optional<std::string> FileSystemSetting(const std::string& key) {
  std::lock_guard<std::mutex> lock(SettingsMutex());
  auto found = Settings().find(key);
  if (found == Settings().end()) return std::nullopt;
  return found->second;
}

}  // namespace ember

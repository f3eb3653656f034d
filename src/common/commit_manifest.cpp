#include "common/commit_manifest.h"

#include <algorithm>

#include "common/error.h"
#include "common/file_system.h"

namespace ember {
namespace {

constexpr char kHeader[] = "ember-manifest 1";

}  // namespace

std::string FormatManifest(const std::vector<std::string>& names) {
  std::string text = std::string(kHeader) + "\n";
  for (const auto& name : names) text += name + "\n";
  return text;
}

std::vector<std::string> ParseManifest(const std::string& text, const std::string& path) {
  size_t end = text.find('\n');
  if (end == std::string::npos || text.compare(0, end, kHeader) != 0)
    throw SparkError("FAILED_READ_FILE.NO_HINT", {{"path", path}});
  std::vector<std::string> names;
  for (size_t start = end + 1; start < text.size(); start = end + 1) {
    end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) names.push_back(text.substr(start, end - start));
  }
  return names;
}

bool HasCommitMarker(const std::string& directory, const std::string& name) {
  std::shared_ptr<FileSystem> file_system = FileSystemFor(directory);
  std::string manifest = JoinPath(directory, kManifestName);
  if (file_system->Stat(manifest)) {
    std::vector<std::string> names = ParseManifest(ReadWholeFile(manifest), QualifiedPath(manifest));
    return std::find(names.begin(), names.end(), name) != names.end();
  }
  return file_system->Stat(JoinPath(directory, name)).has_value();
}

}  // namespace ember

#include "exec/object_store_commit.h"

#include <algorithm>
#include <set>

#include "common/commit_manifest.h"
#include "common/error.h"
#include "exec/write_commit.h"

namespace ember {
namespace {

bool IsHidden(const std::string& name) { return name.empty() || name[0] == '_' || name[0] == '.'; }

// Whether a relative path crosses a hidden file or directory (`_k=v` directories are partitions).
bool HasHiddenPart(const std::string& relative) {
  size_t start = 0;
  while (true) {
    size_t slash = relative.find('/', start);
    std::string part = relative.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    bool last = slash == std::string::npos;
    if (IsHidden(part) && (last || part.find('=') == std::string::npos)) return true;
    if (last) return false;
    start = slash + 1;
  }
}

std::string DirectoryOf(const std::string& relative) {
  size_t slash = relative.rfind('/');
  return slash == std::string::npos ? "" : relative.substr(0, slash);
}

}  // namespace

ObjectStoreCommit::ObjectStoreCommit(std::string output_path, SaveMode mode, std::string job_uuid,
                                     const OverwriteScope& scope)
    : output_path_(std::move(output_path)),
      mode_(mode),
      job_uuid_(std::move(job_uuid)),
      scope_(scope),
      file_system_(FileSystemFor(output_path_)) {
  while (output_path_.size() > 1 && output_path_.back() == '/') output_path_.pop_back();
}

std::vector<std::string> ObjectStoreCommit::Files() const {
  std::vector<std::string> files;
  size_t prefix = output_path_.size() + 1;
  for (const auto& entry : file_system_->ListRecursively(output_path_)) {
    if (entry.path.size() > prefix) files.push_back(entry.path.substr(prefix));
  }
  return files;
}

bool ObjectStoreCommit::Setup() {
  std::vector<std::string> files = Files();
  bool exists = !files.empty();
  if (exists && mode_ == SaveMode::kIgnore) return false;
  if (exists && mode_ == SaveMode::kErrorIfExists) ThrowPathAlreadyExists(output_path_);
  created_output_ = !exists;
  std::string manifest = JoinPath(output_path_, kManifestName);
  if (std::find(files.begin(), files.end(), kManifestName) != files.end()) {
    std::set<std::string> present(files.begin(), files.end());
    for (const std::string& name : ParseManifest(ReadWholeFile(manifest), QualifiedPath(manifest))) {
      if (present.contains(name)) previous_.push_back(name);
    }
    return true;
  }
  for (const std::string& file : files) {
    if (!HasHiddenPart(file)) previous_.push_back(file);
  }
  WriteWholeFile(manifest, FormatManifest(previous_));
  return true;
}

std::vector<std::string> ObjectStoreCommit::JobFiles() const {
  std::vector<std::string> files = Files();
  std::erase_if(files, [&](const std::string& file) { return BaseName(file).find(job_uuid_) == std::string::npos; });
  return files;
}

// Appends keep every old file; a dynamic partition overwrite those of partitions it did not write
// (files at the top are no partition: they stay); a static partition overwrite those outside its
// partitions.
bool ObjectStoreCommit::Replaces(const std::string& file, const std::set<std::string>& written_directories) const {
  std::string directory = DirectoryOf(file);
  switch (scope_.kind) {
    case OverwriteScope::kAll:
      return true;
    case OverwriteScope::kWrittenPartitions:
      return !directory.empty() && written_directories.contains(directory);
    case OverwriteScope::kListedPartitions:
      for (const std::string& partition : scope_.partitions) {
        if (directory == partition || directory.rfind(partition + "/", 0) == 0) return true;
      }
      return false;
  }
  return true;
}

bool ObjectStoreCommit::HasCommittedFiles() const { return !JobFiles().empty(); }

void ObjectStoreCommit::Commit(const std::function<void()>& before_publish, const std::string& commit_marker) {
  std::vector<std::string> committed = JobFiles();
  std::set<std::string> written_directories;
  for (const std::string& file : committed) written_directories.insert(DirectoryOf(file));
  for (const std::string& file : previous_) {
    bool keep = mode_ == SaveMode::kAppend || (mode_ == SaveMode::kOverwrite && !Replaces(file, written_directories));
    if (keep) committed.push_back(file);
  }
  if (!commit_marker.empty()) committed.push_back(commit_marker);
  if (before_publish) before_publish();
  WriteWholeFile(JoinPath(output_path_, kManifestName), FormatManifest(committed));
  // Readers see the new files now; what follows only tidies up: the replaced files, and the part
  // files of jobs that died (an overwrite removes everything else as well).
  std::set<std::string> keep(committed.begin(), committed.end());
  keep.insert(kManifestName);
  keep.insert("_SUCCESS");  // rewritten below; kept meanwhile, as the previous commit's
  for (const std::string& file : Files()) {
    if (keep.contains(file)) continue;
    if (mode_ == SaveMode::kOverwrite || BaseName(file).rfind("part-", 0) == 0) {
      file_system_->Delete(JoinPath(output_path_, file));
    }
  }
  WriteWholeFile(JoinPath(output_path_, "_SUCCESS"), "");
}

void ObjectStoreCommit::Abort() {
  for (const std::string& file : JobFiles()) file_system_->Delete(JoinPath(output_path_, file));
  if (created_output_) file_system_->DeleteRecursively(output_path_);
}

}  // namespace ember

#include "exec/object_store_commit.h"

#include <algorithm>
#include <set>

#include "common/commit_manifest.h"
#include "common/error.h"
#include "common/file_listing.h"
#include "exec/write_commit.h"

namespace ember {

ObjectStoreCommit::ObjectStoreCommit(std::string output_path, SaveMode mode, std::string job_uuid)
    : output_path_(std::move(output_path)),
      mode_(mode),
      job_uuid_(std::move(job_uuid)),
      file_system_(FileSystemFor(output_path_)) {}

bool ObjectStoreCommit::Setup() {
  std::vector<FileStatus> entries = file_system_->List(output_path_);
  bool exists = !entries.empty();
  if (exists && mode_ == SaveMode::kIgnore) return false;
  if (exists && mode_ == SaveMode::kErrorIfExists) ThrowPathAlreadyExists(output_path_);
  created_output_ = !exists;
  for (const std::string& file : ListVisibleFiles(output_path_)) previous_.push_back(BaseName(file));
  bool has_manifest = std::any_of(entries.begin(), entries.end(),
                                  [](const FileStatus& entry) { return BaseName(entry.path) == kManifestName; });
  if (!has_manifest) WriteWholeFile(JoinPath(output_path_, kManifestName), FormatManifest(previous_));
  return true;
}

std::vector<std::string> ObjectStoreCommit::JobFiles() const {
  std::vector<std::string> names;
  for (const auto& entry : file_system_->List(output_path_)) {
    std::string name = BaseName(entry.path);
    if (!entry.is_directory && name.find(job_uuid_) != std::string::npos) names.push_back(name);
  }
  return names;
}

bool ObjectStoreCommit::HasCommittedFiles() const { return !JobFiles().empty(); }

void ObjectStoreCommit::Commit(const std::function<void()>& before_publish, const std::string& commit_marker) {
  std::vector<std::string> committed = JobFiles();
  if (mode_ == SaveMode::kAppend) committed.insert(committed.begin(), previous_.begin(), previous_.end());
  if (!commit_marker.empty()) committed.push_back(commit_marker);
  if (before_publish) before_publish();
  WriteWholeFile(JoinPath(output_path_, kManifestName), FormatManifest(committed));
  // Readers see the new files now; what follows only tidies up.
  std::set<std::string> keep(committed.begin(), committed.end());
  keep.insert(kManifestName);
  keep.insert("_SUCCESS");  // rewritten below; kept meanwhile, as the previous commit's
  // An overwrite removes everything else; an append the data files of jobs that died.
  for (const auto& entry : file_system_->List(output_path_)) {
    std::string name = BaseName(entry.path);
    if (keep.contains(name)) continue;
    if (mode_ == SaveMode::kOverwrite) {
      entry.is_directory ? file_system_->DeleteRecursively(entry.path) : file_system_->Delete(entry.path);
    } else if (!entry.is_directory && name.rfind("part-", 0) == 0) {
      file_system_->Delete(entry.path);
    }
  }
  WriteWholeFile(JoinPath(output_path_, "_SUCCESS"), "");
}

void ObjectStoreCommit::Abort() {
  for (const std::string& name : JobFiles()) file_system_->Delete(JoinPath(output_path_, name));
  if (created_output_) file_system_->DeleteRecursively(output_path_);
}

}  // namespace ember

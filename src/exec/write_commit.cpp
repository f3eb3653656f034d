#include "exec/write_commit.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "common/error.h"
#include "common/file_system.h"
#include "exec/object_store_commit.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTemporary = "_temporary";
constexpr const char* kSuccess = "_SUCCESS";
constexpr const char* kMarkerPrefix = ".ember-commit-";

fs::path AbsoluteOutput(const std::string& path) {
  fs::path out = fs::absolute(path).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  return out;
}

std::string StagingPrefix(const fs::path& out) { return "." + out.filename().string() + ".ember-staging-"; }

bool ProcessAlive(pid_t pid) { return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM); }

// Staging directories (and old trees awaiting deletion) of jobs whose process is gone.
void RemoveLeftovers(const fs::path& out) {
  std::string prefix = StagingPrefix(out);
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(out.parent_path(), error)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    pid_t pid = static_cast<pid_t>(std::atol(name.c_str() + prefix.size()));
    if (pid == getpid() || ProcessAlive(pid)) continue;
    std::error_code ignored;
    fs::remove_all(entry.path(), ignored);
  }
}

// Files that belong to one commit only and are never carried into the next.
bool OwnedByCommit(const std::string& name) {
  return name == kSuccess || name == kTemporary || name.rfind(kMarkerPrefix, 0) == 0;
}

// The directories (relative to `root`) that hold staged files: the partitions a job wrote.
void CollectFileDirectories(const fs::path& root, const fs::path& relative, std::set<fs::path>& out) {
  for (const auto& entry : fs::directory_iterator(root / relative)) {
    std::string name = entry.path().filename().string();
    if (relative.empty() && OwnedByCommit(name)) continue;
    if (entry.is_directory()) {
      CollectFileDirectories(root, relative / name, out);
    } else {
      out.insert(relative);
    }
  }
}

// Hard-links the files of `from` into `to` at the same relative paths, except the directories
// in `skip` and what belongs to the old commit; empty directories (empty partitions) stay too.
void LinkTree(const fs::path& from, const fs::path& to, const fs::path& relative, const std::set<fs::path>& skip) {
  if (skip.count(relative)) return;
  if (fs::is_empty(from / relative)) fs::create_directories(to / relative);
  for (const auto& entry : fs::directory_iterator(from / relative)) {
    std::string name = entry.path().filename().string();
    if (relative.empty() && OwnedByCommit(name)) continue;
    if (entry.is_directory()) {
      LinkTree(from, to, relative / name, skip);
    } else {
      fs::create_directories(to / relative);
      fs::create_hard_link(entry.path(), to / relative / name);
    }
  }
}

void Touch(const fs::path& path) {
  std::ofstream file(path);
  if (!file) throw InternalError("cannot create " + path.string());
}

[[noreturn]] void ThrowSystemError(const std::string& what, const fs::path& path) {
  throw InternalError(what + " " + path.string() + ": " + std::strerror(errno));
}

// The hidden sibling of `folder` where job `job_uuid` of any process stages its new tree.
fs::path FolderStaging(const fs::path& folder, const std::string& job_uuid) {
  std::string prefix = StagingPrefix(folder), suffix = "-" + job_uuid;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder.parent_path(), error)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return entry.path();
    }
  }
  return folder.parent_path() / (prefix + std::to_string(getpid()) + suffix);
}

// Renames the tree `from` to `to` (copies it when they are on different file systems).
void MoveTree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to.parent_path());
  std::error_code error;
  fs::rename(from, to, error);
  if (!error) return;
  if (error != std::errc::cross_device_link) throw InternalError("cannot move " + from.string() + ": " + error.message());
  fs::copy(from, to, fs::copy_options::recursive);
  fs::remove_all(from);
}

// Puts the staged tree `staging` in the place of `out` in one rename (an exchange when `out`
// exists), then deletes the old tree, hidden under the staging name by then.
void PublishTree(const fs::path& staging, const fs::path& out) {
  std::error_code error;
  if (!fs::exists(out, error)) {
    fs::create_directories(out.parent_path());
    if (std::rename(staging.c_str(), out.c_str()) != 0) ThrowSystemError("cannot publish", out);
    return;
  }
  if (renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) != 0) {
    ThrowSystemError("cannot publish", out);
  }
  // The old tree now has the staging name: hidden, and deleted by the next job if not by this.
  fs::remove_all(staging, error);
}

}  // namespace

std::string PartFileName(int partition, const std::string& job_uuid, const std::string& extension, int file_count) {
  char text[64];
  std::snprintf(text, sizeof(text), "part-%05d-%s-c%03d", partition, job_uuid.c_str(), file_count);
  return text + extension;
}

std::string NewUuid() {
  static thread_local std::mt19937_64 generator(std::random_device{}());
  uint64_t high = generator(), low = generator();
  high = (high & ~0xF000ull) | 0x4000ull;                 // version 4
  low = (low & ~(0xC000ull << 48)) | (0x8000ull << 48);   // variant 10
  char text[40];
  std::snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xFFFF),
                static_cast<unsigned>(high & 0xFFFF), static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFull));
  return text;
}

SaveMode ParseSaveMode(const std::string& mode) {
  std::string lower = mode;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower == "overwrite") return SaveMode::kOverwrite;
  if (lower == "append") return SaveMode::kAppend;
  if (lower == "ignore") return SaveMode::kIgnore;
  if (lower == "error" || lower == "errorifexists" || lower == "default" || lower.empty()) {
    return SaveMode::kErrorIfExists;
  }
  throw SparkError("INVALID_SAVE_MODE", "42000",
                   "The specified save mode " + mode +
                       " is invalid. Valid save modes include \"append\", \"overwrite\", \"ignore\", "
                       "\"error\", \"errorifexists\", and \"default\".",
                   {{"mode", mode}});
}

void ThrowPathAlreadyExists(const std::string& output_path) {
  std::string path = QualifiedPath(output_path);
  throw SparkError("PATH_ALREADY_EXISTS", "42K04",
                   "Path " + path + " already exists. Set mode as \"overwrite\" to overwrite the "
                   "existing path.",
                   {{"outputPath", path}});
}

std::string CommitMarkerName(const std::string& commit_id) { return kMarkerPrefix + commit_id; }

WriteJob::WriteJob(std::string output_path, SaveMode mode, OverwriteScope scope)
    : output_path_(std::move(output_path)), mode_(mode), scope_(std::move(scope)), job_uuid_(NewUuid()) {
  if (IsRemotePath(output_path_)) {
    object_store_ = std::make_unique<ObjectStoreCommit>(output_path_, mode_, job_uuid_, scope_);
    staging_dir_ = output_path_;
    return;
  }
  output_path_ = AbsoluteOutput(NormalizePath(output_path_)).string();
  fs::path out(output_path_);
  staging_dir_ = (out.parent_path() / (StagingPrefix(out) + std::to_string(getpid()) + "-" + job_uuid_)).string();
}

WriteJob::~WriteJob() = default;

bool WriteJob::Setup() {
  if (object_store_) return object_store_->Setup();
  bool exists = fs::exists(output_path_);
  if (exists && mode_ == SaveMode::kIgnore) return false;
  if (exists && mode_ == SaveMode::kErrorIfExists) ThrowPathAlreadyExists(output_path_);
  fs::create_directories(fs::path(output_path_).parent_path());
  RemoveLeftovers(output_path_);
  for (const auto& [partition, folder] : partition_folders_) RemoveLeftovers(folder);
  fs::create_directories(fs::path(staging_dir_) / kTemporary);
  return true;
}

bool WriteJob::HasCommittedFiles() const {
  if (object_store_) return object_store_->HasCommittedFiles();
  std::set<fs::path> directories;
  CollectFileDirectories(staging_dir_, {}, directories);
  return !directories.empty();
}

void WriteJob::Commit(const std::function<void()>& before_publish, bool commit_marker) {
  if (object_store_) return object_store_->Commit(before_publish, commit_marker ? CommitMarkerName(job_uuid_) : "");
  fs::path out(output_path_), staging(staging_dir_);
  fs::remove_all(staging / kTemporary);
  if (!partition_folders_.empty()) {
    std::set<fs::path> directories;
    CollectFileDirectories(staging, {}, directories);
    std::set<std::string> written;
    for (const fs::path& directory : directories) written.insert(directory.generic_string());
    StagePartitionFolders(written);
  }
  std::error_code error;
  bool exists = fs::exists(out, error);
  if (exists && fs::is_directory(out) && mode_ != SaveMode::kOverwrite) {
    LinkTree(out, staging, {}, {});
  } else if (exists && fs::is_directory(out) && scope_.kind != OverwriteScope::kAll) {
    std::set<fs::path> replaced(scope_.partitions.begin(), scope_.partitions.end());
    if (scope_.kind == OverwriteScope::kWrittenPartitions) {
      CollectFileDirectories(staging, {}, replaced);
      replaced.erase(fs::path());  // files at the top are no partition: the old ones there stay
    }
    LinkTree(out, staging, {}, replaced);
  }
  Touch(staging / kSuccess);
  if (commit_marker || !staged_folders_.empty()) Touch(staging / CommitMarkerName(job_uuid_));
  if (before_publish) before_publish();
  PublishTree(staging, out);
  for (const std::string& folder : staged_folders_) PublishTree(FolderStaging(folder, job_uuid_), folder);
}

void WriteJob::SetPartitionFolders(std::map<std::string, std::string> folders) {
  bool remote = object_store_ != nullptr;
  for (const auto& [partition, folder] : folders) remote = remote || IsRemotePath(folder);
  if (remote && !folders.empty()) {
    throw SparkError("NOT_IMPLEMENTED", "0A000",
                     "Writing into partitions with their own locations on object stores is not implemented.",
                     {{"feature", "Writing into partitions with their own locations on object stores"}});
  }
  for (auto& [partition, folder] : folders) folder = AbsoluteOutput(folder).string();
  partition_folders_ = std::move(folders);
}

void WriteJob::StagePartitionFolders(const std::set<std::string>& written) {
  fs::path staging(staging_dir_);
  for (const auto& [partition, folder] : partition_folders_) {
    bool wrote = written.count(partition) > 0;
    bool replaced = mode_ == SaveMode::kOverwrite &&
                    (scope_.kind == OverwriteScope::kAll || (scope_.kind == OverwriteScope::kWrittenPartitions && wrote) ||
                     (scope_.kind == OverwriteScope::kListedPartitions && scope_.partitions.count(partition)));
    if (!wrote && !replaced) continue;
    fs::path folder_staging = FolderStaging(folder, job_uuid_);
    if (wrote) {
      MoveTree(staging / partition, folder_staging);
      // Directories of the outer partition columns left empty would read as empty partitions.
      for (fs::path parent = fs::path(partition).parent_path(); !parent.empty(); parent = parent.parent_path()) {
        if (!fs::is_empty(staging / parent)) break;
        fs::remove(staging / parent);
      }
    } else {
      fs::create_directories(folder_staging);
      emptied_partitions_.insert(partition);
    }
    if (!replaced && fs::is_directory(folder)) LinkTree(folder, folder_staging, {}, {});
    Touch(folder_staging / CommitMarkerName(job_uuid_));
    staged_folders_.push_back(folder);
  }
}

bool FinishFolderPublish(const std::string& folder, const std::string& commit_id, bool publish) {
  fs::path staging = FolderStaging(folder, commit_id);
  std::error_code error;
  if (!fs::exists(staging, error)) return true;
  std::string marker = CommitMarkerName(commit_id);
  // After the swap the staging name holds the old tree, which has no marker of this commit.
  if (fs::exists(fs::path(folder) / marker, error) || !fs::exists(staging / marker, error)) {
    fs::remove_all(staging, error);
    return true;
  }
  if (!publish) return false;
  PublishTree(staging, folder);
  return true;
}

void WriteJob::Abort() {
  if (object_store_) return object_store_->Abort();
  std::error_code ignored;
  fs::remove_all(staging_dir_, ignored);
  for (const auto& [partition, folder] : partition_folders_) fs::remove_all(FolderStaging(folder, job_uuid_), ignored);
}

}  // namespace ember

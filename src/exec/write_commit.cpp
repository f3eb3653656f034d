#include "exec/write_commit.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "common/error.h"
#include "common/file_system.h"
#include "exec/object_store_commit.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

}  // namespace

std::string PartFileName(int partition, const std::string& job_uuid, const std::string& extension) {
  char prefix[32];
  std::snprintf(prefix, sizeof(prefix), "part-%05d-", partition);
  return prefix + job_uuid + "-c000" + extension;
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

WriteJob::WriteJob(std::string output_path, SaveMode mode)
    : output_path_(std::move(output_path)), mode_(mode), job_uuid_(NewUuid()) {
  if (IsRemotePath(output_path_)) object_store_ = std::make_unique<ObjectStoreCommit>(output_path_, mode_, job_uuid_);
}

WriteJob::~WriteJob() = default;

bool WriteJob::Setup() {
  if (object_store_) return object_store_->Setup();
  bool exists = fs::exists(output_path_);
  if (exists && mode_ == SaveMode::kIgnore) return false;
  if (exists && mode_ == SaveMode::kErrorIfExists) ThrowPathAlreadyExists(output_path_);
  created_output_ = !exists;
  fs::create_directories(task_dir());
  return true;
}

std::string WriteJob::task_dir() const {
  if (object_store_) return output_path_;
  return (fs::path(output_path_) / "_temporary" / "0").string();
}

bool WriteJob::HasCommittedFiles() const {
  if (object_store_) return object_store_->HasCommittedFiles();
  for (const auto& entry : fs::directory_iterator(task_dir())) {
    if (entry.is_regular_file()) return true;
  }
  return false;
}

void WriteJob::Commit() {
  if (object_store_) return object_store_->Commit();
  fs::path out(output_path_);
  if (mode_ == SaveMode::kOverwrite) {
    for (const auto& entry : fs::directory_iterator(out)) {
      if (entry.path().filename() != "_temporary") fs::remove_all(entry.path());
    }
  }
  for (const auto& entry : fs::directory_iterator(task_dir())) {
    if (entry.is_regular_file()) fs::rename(entry.path(), out / entry.path().filename());
  }
  fs::remove_all(out / "_temporary");
  std::ofstream(out / "_SUCCESS").close();
}

void WriteJob::Abort() {
  if (object_store_) return object_store_->Abort();
  std::error_code ignored;
  fs::remove_all(fs::path(output_path_) / "_temporary", ignored);
  if (created_output_) fs::remove_all(output_path_, ignored);
}

}  // namespace ember

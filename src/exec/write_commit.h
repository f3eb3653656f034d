// Spark's file commit protocol for df.write: tasks write part files under
// <out>/_temporary/0/_temporary/attempt_* and move them to <out>/_temporary/0 when they finish;
// when the whole job succeeded the files move into <out>, old contents are deleted first in
// overwrite mode, `_temporary` is removed and an empty `_SUCCESS` marks the output complete. A
// failed job removes `_temporary` (and the output directory if the job created it), so no
// half-written output remains. Object stores, which cannot rename, commit through a manifest
// instead (exec/object_store_commit.h).
#pragma once

#include <memory>
#include <string>

namespace ember {

// "part-00003-<uuid>-c000.snappy.parquet".
std::string PartFileName(int partition, const std::string& job_uuid, const std::string& extension);
// A random version-4 UUID in its text form.
std::string NewUuid();

enum class SaveMode { kErrorIfExists, kOverwrite, kAppend, kIgnore };
// Parses Spark's save mode names (case-insensitive); throws INVALID_SAVE_MODE.
SaveMode ParseSaveMode(const std::string& mode);
// Throws PATH_ALREADY_EXISTS for `path`.
[[noreturn]] void ThrowPathAlreadyExists(const std::string& path);

class ObjectStoreCommit;

class WriteJob {
 public:
  WriteJob(std::string output_path, SaveMode mode);
  ~WriteJob();

  // False when the job must not run: ignore mode and the path exists. Throws PATH_ALREADY_EXISTS
  // in errorifexists mode when it exists. Otherwise creates the task directory.
  bool Setup();
  // Where tasks put their committed files (on object stores, the output directory itself).
  std::string task_dir() const;
  const std::string& job_uuid() const { return job_uuid_; }
  // Whether any task committed a file.
  bool HasCommittedFiles() const;
  void Commit();
  void Abort();

 private:
  std::string output_path_;
  SaveMode mode_;
  std::string job_uuid_;
  bool created_output_ = false;
  std::unique_ptr<ObjectStoreCommit> object_store_;  // set for remote output paths
};

}  // namespace ember

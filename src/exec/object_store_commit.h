// The commit protocol of df.write on object stores, which have no rename (exec/write_commit.h
// delegates to it for remote paths). Tasks write their part files straight into the output
// directory under names carrying the job's unique id; an object appears only when its upload
// completes; a partitioned write puts them in `k=v` sub-directories. Readers follow the output's
// manifest (common/commit_manifest.h: paths relative to the output), so those files
// stay invisible until the job commits by replacing the manifest in one PUT:
//   setup:  a directory without a manifest gets one naming what readers see now (an empty one for
//           a new directory), so nothing written afterwards becomes visible by accident;
//   commit: the manifest names the new files (plus the previous ones when appending, and those
//           of the partitions not written under dynamic partition overwrite); then the
//           replaced files (overwrite) and the part files of jobs that died are deleted, and
//           `_SUCCESS` is written last;
//   abort:  the job's files are deleted (and the manifest, when the job created the directory).
// A job killed at any moment leaves readers the complete old file set or the complete new one;
// its orphaned files are removed by the next commit. One job at a time may write a directory.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/file_system.h"
#include "exec/write_commit.h"

namespace ember {


class ObjectStoreCommit {
 public:
  ObjectStoreCommit(std::string output_path, SaveMode mode, std::string job_uuid, const OverwriteScope& scope);

  // As WriteJob::Setup.
  bool Setup();
  bool HasCommittedFiles() const;
  // As WriteJob::Commit; a non-empty `commit_marker` is listed in the published manifest.
  void Commit(const std::function<void()>& before_publish, const std::string& commit_marker);
  void Abort();

 private:
  // Every file under the output, as a path relative to it ("k=1/part-...").
  std::vector<std::string> Files() const;
  // The files this job wrote (their names carry its id).
  std::vector<std::string> JobFiles() const;
  // Whether an overwrite replaces the old `file` (relative), given the directories written.
  bool Replaces(const std::string& file, const std::set<std::string>& written_directories) const;

  std::string output_path_;
  SaveMode mode_;
  std::string job_uuid_;
  OverwriteScope scope_;
  std::shared_ptr<FileSystem> file_system_;
  std::vector<std::string> previous_;  // the files readers saw before the job
  bool created_output_ = false;
};

}  // namespace ember

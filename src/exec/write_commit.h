// The commit protocol of file writes (df.write, table writes). Readers see a job's output all at
// once or not at all, whenever the writing process dies:
// - the job builds the complete new output as a hidden sibling of the output directory
//   (`.<name>.ember-staging-<pid>-<uuid>`, skipped by listings as every '.' name is): the files
//   its tasks commit, plus hard links to the old files its mode keeps (append: all; overwrite:
//   none; dynamic partition overwrite: those of the partitions it did not write) and `_SUCCESS`;
// - the commit swaps that directory with the output in one renameat2(RENAME_EXCHANGE) (a plain
//   rename when there was no output), then deletes the old tree, which is hidden by then;
// - the staging directories of killed jobs are deleted by the next write to the same output.
// Tasks write each file under <staging>/_temporary/attempt_* and move it to its place in the
// staging directory when they finish, so a failed task leaves nothing behind. Object stores,
// which cannot rename, commit through a manifest instead (exec/object_store_commit.h).
// Partitions kept in folders of their own (catalog tables' custom partition locations) are staged
// by the same job and moved, at commit, into a hidden sibling of each such folder; each is swapped
// into place right after the output, and a commit killed in between is finished by
// FinishFolderPublish (the catalog's pending commit names it).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace ember {

// "part-00003-<uuid>-c000.snappy.parquet" (`file_count` numbers the files of one task).
std::string PartFileName(int partition, const std::string& job_uuid, const std::string& extension,
                         int file_count = 0);
// A random version-4 UUID in its text form.
std::string NewUuid();

enum class SaveMode { kErrorIfExists, kOverwrite, kAppend, kIgnore };
// Parses Spark's save mode names (case-insensitive); throws INVALID_SAVE_MODE.
SaveMode ParseSaveMode(const std::string& mode);
// Throws PATH_ALREADY_EXISTS for `path`.
[[noreturn]] void ThrowPathAlreadyExists(const std::string& path);

class ObjectStoreCommit;

// What an overwrite replaces of the old output: all of it; the partition directories the job
// writes files into (partitionOverwriteMode=dynamic); or the listed partition directories (a
// static partition spec's, "k=v/k2=w" relative to the output), whatever the job writes.
struct OverwriteScope {
  enum Kind : uint8_t { kAll, kWrittenPartitions, kListedPartitions };
  Kind kind = kAll;
  std::set<std::string> partitions;  // kListedPartitions
};

// The hidden file a commit adds to the tree it publishes when asked to (`commit_marker`): its
// presence in the output tells that this commit's tree is in place.
std::string CommitMarkerName(const std::string& commit_id);

class WriteJob {
 public:
  // `scope`: what overwrite mode replaces.
  WriteJob(std::string output_path, SaveMode mode, OverwriteScope scope = {});
  ~WriteJob();

  // False when the job must not run: ignore mode and the path exists. Throws PATH_ALREADY_EXISTS
  // in errorifexists mode when it exists. Otherwise deletes what killed jobs left and creates
  // the staging directory.
  bool Setup();
  // Where tasks put their committed files, at their path relative to the output (on object
  // stores, the output directory itself).
  const std::string& task_dir() const { return staging_dir_; }
  const std::string& job_uuid() const { return job_uuid_; }
  // Whether any task committed a file.
  bool HasCommittedFiles() const;
  // Partitions ("k=v/k2=w") whose files go to a folder of their own instead of their directory
  // under the output (local paths only). Call before Commit.
  void SetPartitionFolders(std::map<std::string, std::string> folders);
  // The partitions of SetPartitionFolders the commit empties (replaced, nothing written): known
  // once the commit calls `before_publish`.
  const std::set<std::string>& emptied_partitions() const { return emptied_partitions_; }
  // Publishes the output. `before_publish` runs once everything is staged, just before the swap
  // (the catalog records its pending change there). With `commit_marker` (or partition folders
  // to replace), the published tree holds CommitMarkerName(job_uuid()).
  void Commit(const std::function<void()>& before_publish = nullptr, bool commit_marker = false);
  // Deletes the staging directory; the output stays as it was.
  void Abort();

 private:
  void StagePartitionFolders(const std::set<std::string>& written);

  std::string output_path_;
  SaveMode mode_;
  OverwriteScope scope_;
  std::string job_uuid_;
  std::string staging_dir_;
  std::map<std::string, std::string> partition_folders_;
  std::set<std::string> emptied_partitions_;
  std::vector<std::string> staged_folders_;  // folders of partition_folders_ the commit replaces
  std::unique_ptr<ObjectStoreCommit> object_store_;  // set for remote output paths
};

// Finishes, for a commit `commit_id` whose output is published but whose writer died, the swap of
// `folder` with its staged tree (a no-op when there is none or it is in place). Returns whether
// that folder is in its committed state (no staged tree of the commit left to publish).
bool FinishFolderPublish(const std::string& folder, const std::string& commit_id, bool publish);

}  // namespace ember

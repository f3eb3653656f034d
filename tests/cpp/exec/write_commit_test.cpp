#include "exec/write_commit.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "common/error.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

class WriteCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ember_write_commit_" + NewUuid());
    fs::create_directories(dir_);
    out_ = dir_ / "out";
  }
  void TearDown() override { fs::remove_all(dir_); }

  static void Put(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << content;
  }
  static std::string Get(const fs::path& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  // Every file under `root` (relative paths), hidden ones included.
  static std::set<std::string> Tree(const fs::path& root) {
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.is_regular_file()) files.insert(fs::relative(entry.path(), root).string());
    }
    return files;
  }
  // Runs one job of `mode` whose tasks commit `files` (relative path -> content).
  void Write(SaveMode mode, const std::map<std::string, std::string>& files, OverwriteScope scope = {}) {
    WriteJob job(out_.string(), mode, scope);
    ASSERT_TRUE(job.Setup());
    for (const auto& [path, content] : files) Put(fs::path(job.task_dir()) / path, content);
    job.Commit();
  }
  std::set<std::string> Siblings() {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) names.insert(entry.path().filename().string());
    return names;
  }

  fs::path dir_, out_;
};

TEST_F(WriteCommitTest, OverwriteReplacesTheWholeOutput) {
  Write(SaveMode::kErrorIfExists, {{"part-0", "old"}});
  EXPECT_EQ(Tree(out_), (std::set<std::string>{"_SUCCESS", "part-0"}));
  Write(SaveMode::kOverwrite, {{"part-1", "new"}});
  EXPECT_EQ(Tree(out_), (std::set<std::string>{"_SUCCESS", "part-1"}));
  EXPECT_EQ(Get(out_ / "part-1"), "new");
  EXPECT_EQ(Siblings(), (std::set<std::string>{"out"}));  // the old tree is gone
}

TEST_F(WriteCommitTest, AppendKeepsTheOldFilesAsHardLinks) {
  Write(SaveMode::kOverwrite, {{"part-0", "old"}, {"k=1/part-0", "old1"}});
  struct stat before {};
  ASSERT_EQ(stat((out_ / "k=1/part-0").c_str(), &before), 0);
  Write(SaveMode::kAppend, {{"part-1", "new"}, {"k=2/part-1", "new2"}});
  EXPECT_EQ(Tree(out_), (std::set<std::string>{"_SUCCESS", "part-0", "part-1", "k=1/part-0", "k=2/part-1"}));
  struct stat after {};
  ASSERT_EQ(stat((out_ / "k=1/part-0").c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);
  EXPECT_EQ(Get(out_ / "k=1/part-0"), "old1");
}

TEST_F(WriteCommitTest, DynamicPartitionOverwriteKeepsThePartitionsNotWritten) {
  Write(SaveMode::kOverwrite, {{"a=1/b=x/part-0", "1x"}, {"a=1/b=y/part-0", "1y"}, {"a=2/b=x/part-0", "2x"}});
  Write(SaveMode::kOverwrite, {{"a=1/b=x/part-1", "new 1x"}, {"a=3/b=z/part-1", "3z"}},
        {OverwriteScope::kWrittenPartitions, {}});
  EXPECT_EQ(Tree(out_), (std::set<std::string>{"_SUCCESS", "a=1/b=x/part-1", "a=1/b=y/part-0", "a=2/b=x/part-0",
                                                "a=3/b=z/part-1"}));
  Write(SaveMode::kOverwrite, {{"a=9/b=z/part-2", "9z"}});  // static: everything goes
  EXPECT_EQ(Tree(out_), (std::set<std::string>{"_SUCCESS", "a=9/b=z/part-2"}));
}

TEST_F(WriteCommitTest, StaticPartitionOverwriteReplacesOnlyTheListedPartitions) {
  Write(SaveMode::kOverwrite, {{"a=1/b=x/part-0", "1x"}, {"a=1/b=y/part-0", "1y"}, {"a=2/b=x/part-0", "2x"}});
  // a=1 goes whole (both b), though the job writes only a=1/b=z
  Write(SaveMode::kOverwrite, {{"a=1/b=z/part-1", "1z"}}, {OverwriteScope::kListedPartitions, {"a=1"}});
  EXPECT_EQ(Tree(out_), (std::set<std::string>{"_SUCCESS", "a=1/b=z/part-1", "a=2/b=x/part-0"}));
  // a partition that does not exist: nothing old goes
  Write(SaveMode::kOverwrite, {}, {OverwriteScope::kListedPartitions, {}});
  EXPECT_EQ(Tree(out_), (std::set<std::string>{"_SUCCESS", "a=1/b=z/part-1", "a=2/b=x/part-0"}));
}

TEST_F(WriteCommitTest, AbortedJobLeavesTheOutputAsItWas) {
  Write(SaveMode::kOverwrite, {{"part-0", "old"}});
  WriteJob job(out_.string(), SaveMode::kOverwrite);
  ASSERT_TRUE(job.Setup());
  Put(fs::path(job.task_dir()) / "part-1", "new");
  EXPECT_TRUE(job.HasCommittedFiles());
  job.Abort();
  EXPECT_EQ(Tree(out_), (std::set<std::string>{"_SUCCESS", "part-0"}));
  EXPECT_EQ(Siblings(), (std::set<std::string>{"out"}));
}

TEST_F(WriteCommitTest, StagingIsHiddenAndLeftoversOfDeadJobsAreRemoved) {
  WriteJob job(out_.string(), SaveMode::kOverwrite);
  ASSERT_TRUE(job.Setup());
  std::string staging = fs::path(job.task_dir()).filename().string();
  EXPECT_EQ(staging.rfind(".out.ember-staging-", 0), 0u) << staging;
  // A job of a process that no longer exists (pid beyond pid_max), and one of a live process.
  fs::create_directories(dir_ / ".out.ember-staging-999999999-x/_temporary");
  fs::create_directories(dir_ / (".out.ember-staging-" + std::to_string(getppid()) + "-y"));
  Write(SaveMode::kOverwrite, {{"part-0", "data"}});
  std::set<std::string> names = Siblings();
  EXPECT_EQ(names.count(".out.ember-staging-999999999-x"), 0u);
  EXPECT_EQ(names.count(".out.ember-staging-" + std::to_string(getppid()) + "-y"), 1u);
  job.Abort();
}

TEST_F(WriteCommitTest, MarkerAndHookComeBeforeThePublication) {
  Write(SaveMode::kOverwrite, {{"part-0", "old"}});
  WriteJob job(out_.string(), SaveMode::kOverwrite);
  ASSERT_TRUE(job.Setup());
  Put(fs::path(job.task_dir()) / "part-1", "new");
  bool called = false;
  job.Commit([&] {
    called = true;
    EXPECT_TRUE(fs::exists(out_ / "part-0"));  // nothing published yet
    EXPECT_TRUE(fs::exists(fs::path(job.task_dir()) / "_SUCCESS"));
  }, true);
  EXPECT_TRUE(called);
  EXPECT_EQ(Tree(out_), (std::set<std::string>{"_SUCCESS", "part-1", CommitMarkerName(job.job_uuid())}));
}

// Partitions with folders of their own: the job stages their files like any partition's, and
// the commit moves them into those folders (appended to, replaced, or emptied as the mode says).
TEST_F(WriteCommitTest, PartitionFoldersGetTheirFilesInTheSameCommit) {
  fs::path seven = dir_ / "elsewhere" / "seven", eight = dir_ / "eight";
  // The files readers see (the commits leave their hidden markers).
  auto Data = [](const fs::path& root) {
    std::set<std::string> files;
    for (const std::string& file : Tree(root)) {
      if (file[0] != '.') files.insert(file);
    }
    return files;
  };
  Put(seven / "part-old", "7 old");
  Put(eight / "part-old", "8 old");
  Write(SaveMode::kOverwrite, {{"p=1/part-0", "1"}});
  auto write = [&](SaveMode mode, const std::map<std::string, std::string>& files, OverwriteScope scope) {
    WriteJob job(out_.string(), mode, scope);
    job.SetPartitionFolders({{"p=7", seven.string()}, {"p=8", eight.string()}});
    EXPECT_TRUE(job.Setup());
    for (const auto& [path, content] : files) Put(fs::path(job.task_dir()) / path, content);
    job.Commit();
    return job.emptied_partitions();
  };
  EXPECT_TRUE(write(SaveMode::kAppend, {{"p=7/part-1", "7 new"}, {"p=2/part-1", "2"}}, {}).empty());
  EXPECT_EQ(Data(out_), (std::set<std::string>{"_SUCCESS", "p=1/part-0", "p=2/part-1"}));
  EXPECT_EQ(Data(seven), (std::set<std::string>{"part-old", "part-1"}));
  EXPECT_EQ(Get(seven / "part-1"), "7 new");
  EXPECT_EQ(Data(eight), (std::set<std::string>{"part-old"}));
  // dynamic overwrite: p=7 written, p=8 not
  write(SaveMode::kOverwrite, {{"p=7/part-2", "7 newer"}}, {OverwriteScope::kWrittenPartitions, {}});
  EXPECT_EQ(Data(seven), (std::set<std::string>{"part-2"}));
  EXPECT_EQ(Data(eight), (std::set<std::string>{"part-old"}));
  EXPECT_EQ(Data(out_), (std::set<std::string>{"_SUCCESS", "p=1/part-0", "p=2/part-1"}));
  // static overwrite of everything: p=8, not written, is emptied
  EXPECT_EQ(write(SaveMode::kOverwrite, {{"p=7/part-3", "7"}}, {}), (std::set<std::string>{"p=8"}));
  EXPECT_EQ(Data(seven), (std::set<std::string>{"part-3"}));
  EXPECT_TRUE(fs::is_directory(eight) && Data(eight).empty());
  EXPECT_EQ(Data(out_), (std::set<std::string>{"_SUCCESS"}));
  // nothing staged is left next to the folders
  for (const fs::path& parent : {dir_, seven.parent_path()}) {
    for (const auto& entry : fs::directory_iterator(parent)) {
      EXPECT_EQ(entry.path().filename().string().find("ember-staging"), std::string::npos) << entry.path();
    }
  }
}

// A writer killed after publishing the output and before swapping a partition folder leaves that
// folder's staged tree; FinishFolderPublish swaps it in (only when told the writer is gone).
TEST_F(WriteCommitTest, FinishFolderPublishCompletesAKilledCommit) {
  fs::path folder = dir_ / "seven";
  Put(folder / "part-old", "old");
  fs::path staging = dir_ / ".seven.ember-staging-999999999-c1";
  Put(staging / "part-new", "new");
  Put(staging / CommitMarkerName("c1"), "");
  EXPECT_FALSE(FinishFolderPublish(folder.string(), "c1", false));
  EXPECT_EQ(Tree(folder), (std::set<std::string>{"part-old"}));
  EXPECT_TRUE(FinishFolderPublish(folder.string(), "c1", true));
  EXPECT_EQ(Tree(folder), (std::set<std::string>{"part-new", CommitMarkerName("c1")}));
  EXPECT_FALSE(fs::exists(staging));
  // killed between the swap and the deletion of the old tree: only the old tree goes
  Put(staging / "part-old", "old");
  EXPECT_TRUE(FinishFolderPublish(folder.string(), "c1", false));
  EXPECT_FALSE(fs::exists(staging));
  EXPECT_EQ(Tree(folder), (std::set<std::string>{"part-new", CommitMarkerName("c1")}));
  EXPECT_TRUE(FinishFolderPublish(folder.string(), "other", true));  // nothing staged
}

TEST_F(WriteCommitTest, ModesThatDoNotRun) {
  Write(SaveMode::kOverwrite, {{"part-0", "old"}});
  EXPECT_FALSE(WriteJob(out_.string(), SaveMode::kIgnore).Setup());
  EXPECT_THROW(WriteJob(out_.string(), SaveMode::kErrorIfExists).Setup(), SparkError);
  EXPECT_EQ(PartFileName(3, "u", ".json", 2), "part-00003-u-c002.json");
}

}  // namespace
}  // namespace ember

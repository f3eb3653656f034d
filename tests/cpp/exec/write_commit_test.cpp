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

TEST_F(WriteCommitTest, ModesThatDoNotRun) {
  Write(SaveMode::kOverwrite, {{"part-0", "old"}});
  EXPECT_FALSE(WriteJob(out_.string(), SaveMode::kIgnore).Setup());
  EXPECT_THROW(WriteJob(out_.string(), SaveMode::kErrorIfExists).Setup(), SparkError);
  EXPECT_EQ(PartFileName(3, "u", ".json", 2), "part-00003-u-c002.json");
}

}  // namespace
}  // namespace ember

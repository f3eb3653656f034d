#include "common/file_listing.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/commit_manifest.h"
#include "common/error.h"
#include "common/file_system.h"
#include "common/local_file_system.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

class FileListingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("ember_listing_" + std::to_string(getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "data" / "sub");
    for (const char* name : {"data/b.json", "data/a.json", "data/_SUCCESS", "data/.a.json.crc",
                             "data/sub/c.json", "other.txt"}) {
      std::ofstream(root_ / name) << "{}\n";
    }
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string Path(const std::string& relative) const { return (root_ / relative).string(); }

  fs::path root_;
};

TEST_F(FileListingTest, SingleFileIsReturnedAsIs) {
  EXPECT_EQ(ListInputFiles({Path("other.txt")}), std::vector<std::string>{Path("other.txt")});
}

TEST_F(FileListingTest, DirectoryListsVisibleFilesSortedWithoutRecursing) {
  EXPECT_EQ(ListInputFiles({Path("data")}),
            (std::vector<std::string>{Path("data/a.json"), Path("data/b.json")}));
}

TEST_F(FileListingTest, ReadListingsRecurseAndFilter) {
  InputListing listing = ListInputs({Path("data")}, {});
  EXPECT_EQ(listing.files, (std::vector<std::string>{Path("data/a.json"), Path("data/b.json"), Path("data/sub/c.json")}));
  EXPECT_EQ(listing.base_directories, std::vector<std::string>{Path("data")});
  InputFilter filter;
  filter.name_glob = "[bc].json";
  EXPECT_EQ(ListInputs({Path("data")}, filter).files,
            (std::vector<std::string>{Path("data/b.json"), Path("data/sub/c.json")}));
  filter = {};
  filter.modified_after_ms = 4102444800000;  // 2100-01-01
  EXPECT_TRUE(ListInputs({Path("data")}, filter).files.empty());
}

TEST_F(FileListingTest, GlobPatternsExpandAndDuplicatesCollapse) {
  EXPECT_EQ(ListInputFiles({Path("data/*.json"), Path("data/a.json")}),
            (std::vector<std::string>{Path("data/a.json"), Path("data/b.json")}));
  EXPECT_EQ(ListInputFiles({Path("data/{a,b}.json")}),
            (std::vector<std::string>{Path("data/a.json"), Path("data/b.json")}));
  EXPECT_EQ(ListInputFiles({Path("d*/s*")}), std::vector<std::string>{Path("data/sub/c.json")});
}

TEST_F(FileListingTest, FileUriPrefixIsAccepted) {
  EXPECT_EQ(ListInputFiles({"file:" + Path("other.txt")}),
            std::vector<std::string>{Path("other.txt")});
  EXPECT_EQ(ListInputFiles({"file://" + Path("other.txt")}),
            std::vector<std::string>{Path("other.txt")});
}

TEST_F(FileListingTest, RelativePathsAreQualified) {
  fs::path saved = fs::current_path();
  fs::current_path(root_);
  std::vector<std::string> files = ListInputFiles({"data/a.json"});
  fs::current_path(saved);
  EXPECT_EQ(files, std::vector<std::string>{Path("data/a.json")});
}

TEST_F(FileListingTest, MissingPathThrowsPathNotFoundWithQualifiedUri) {
  try {
    ListInputFiles({Path("missing.json")});
    FAIL() << "expected PATH_NOT_FOUND";
  } catch (const SparkError& error) {
    EXPECT_EQ(error.error_class(), "PATH_NOT_FOUND");
    EXPECT_EQ(error.sql_state(), "42K03");
    EXPECT_STREQ(error.what(), ("[PATH_NOT_FOUND] Path does not exist: file:" +
                                Path("missing.json") + ". SQLSTATE: 42K03").c_str());
  }
}

TEST_F(FileListingTest, GlobMatchingNothingThrowsPathNotFound) {
  EXPECT_THROW(ListInputFiles({Path("data/*.parquet")}), SparkError);
}

TEST_F(FileListingTest, ManifestDecidesWhichFilesAreVisible) {
  std::ofstream(root_ / "data" / kManifestName) << FormatManifest({"b.json", "gone.json"});
  EXPECT_EQ(ListInputFiles({Path("data")}), std::vector<std::string>{Path("data/b.json")});
  EXPECT_EQ(ListInputFiles({Path("data/*.json")}), std::vector<std::string>{Path("data/b.json")});
  std::ofstream(root_ / "data" / kManifestName) << "not a manifest\n";
  EXPECT_THROW(ListInputFiles({Path("data")}), SparkError);
}

TEST_F(FileListingTest, LocalIdentityChangesWhenADirectoryIsReplaced) {
  std::optional<FileStatus> before = LocalFileSystem()->Stat(Path("data"));
  ASSERT_TRUE(before && before->identity != 0);
  fs::create_directories(root_ / "staged");
  fs::rename(root_ / "data", root_ / "old");
  fs::rename(root_ / "staged", root_ / "data");
  EXPECT_NE(LocalFileSystem()->Stat(Path("data"))->identity, before->identity);
}

// A store whose directory "swapping://out" is replaced by a commit during its first listing,
// which therefore finds only one of the two files the new tree holds.
class ReplacedWhileListed : public FileSystem {
 public:
  std::optional<FileStatus> Stat(const std::string& path) override {
    return FileStatus{path, 0, path == kOut, 0, generation_};
  }
  std::vector<FileStatus> List(const std::string& directory) override {
    ++listings_;
    if (directory != kOut) return {};
    if (generation_ == 1) {
      generation_ = 2;
      return {File("a.json")};
    }
    return {File("a.json"), File("b.json")};
  }
  std::vector<FileStatus> ListRecursively(const std::string&) override { return {}; }
  std::unique_ptr<ReadableFile> OpenForRead(const std::string&) override { return nullptr; }
  std::string ReadAll(const std::string&) override { return ""; }
  std::unique_ptr<WritableFile> Create(const std::string&) override { return nullptr; }
  void Delete(const std::string&) override {}
  void DeleteRecursively(const std::string&) override {}
  bool CreatesAtomically() const override { return false; }

  static constexpr const char* kOut = "swapping://out";
  int listings_ = 0;

 private:
  FileStatus File(const std::string& name) const { return FileStatus{JoinPath(kOut, name), 3, false, 0, generation_}; }
  uint64_t generation_ = 1;
};

TEST(FileListingRace, DirectoryReplacedWhileListedIsListedAgain) {
  auto store = std::make_shared<ReplacedWhileListed>();
  RegisterFileSystem("swapping", store);
  EXPECT_EQ(ListInputFiles({ReplacedWhileListed::kOut}),
            (std::vector<std::string>{"swapping://out/a.json", "swapping://out/b.json"}));
  EXPECT_EQ(store->listings_, 2);
}

TEST(CommitManifest, RoundTripsNames) {
  std::vector<std::string> names = {"part-00000-x.parquet", "part-00001-x.parquet"};
  EXPECT_EQ(ParseManifest(FormatManifest(names), "m"), names);
  EXPECT_TRUE(ParseManifest(FormatManifest({}), "m").empty());
  EXPECT_THROW(ParseManifest("part-0.parquet\n", "m"), SparkError);
}

}  // namespace
}  // namespace ember

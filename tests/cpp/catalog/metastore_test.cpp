#include "catalog/metastore.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "exec/write_commit.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

class MetastoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "ember_metastore_XXXXXX").string();
    root_ = mkdtemp(pattern.data());
    warehouse_ = root_ + "/warehouse";
  }
  void TearDown() override { fs::remove_all(root_); }

  CatalogTable Table(const std::string& database, const std::string& name) {
    CatalogTable table;
    table.database = database;
    table.name = name;
    table.provider = "parquet";
    table.location = warehouse_ + "/" + name;
    table.schema = {{"id", IntType(), true}, {"odd `name`", StringType(), false}};
    return table;
  }

  std::string root_;
  std::string warehouse_;
};

TEST_F(MetastoreTest, ReadsBeforeAnyChangeCreateNothing) {
  Metastore store(warehouse_);
  ASSERT_EQ(store.ListDatabases().size(), 1u);
  EXPECT_EQ(store.ListDatabases()[0].name, "default");
  EXPECT_EQ(store.GetDatabase("default")->location, warehouse_);
  EXPECT_FALSE(store.GetDatabase("sales"));
  EXPECT_FALSE(store.GetTable("default", "t"));
  EXPECT_FALSE(store.DropTable("default", "t"));
  EXPECT_FALSE(fs::exists(warehouse_));
}

TEST_F(MetastoreTest, TablesRoundTripThroughTheFile) {
  CatalogTable table = Table("default", "t");
  table.type = TableType::kExternal;
  table.properties = {{"a=b", "line\nbreak\\"}, {"empty", ""}};
  table.options = {{"compression", "zstd"}};
  table.partition_columns = {"day", "odd=name"};
  table.comment = "a comment";
  table.created_ms = 1234;
  ASSERT_TRUE(Metastore(warehouse_).CreateTable(table, false));

  std::optional<CatalogTable> read = Metastore(warehouse_).GetTable("default", "t");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->type, TableType::kExternal);
  EXPECT_EQ(read->provider, "parquet");
  EXPECT_EQ(read->location, table.location);
  ASSERT_EQ(read->schema.size(), 2u);
  EXPECT_EQ(read->schema[1].name, "odd `name`");
  EXPECT_EQ(read->schema[1].type->ToString(), "string");
  EXPECT_FALSE(read->schema[1].nullable);
  EXPECT_EQ(read->properties, table.properties);
  EXPECT_EQ(read->options, table.options);
  EXPECT_EQ(read->partition_columns, table.partition_columns);
  EXPECT_EQ(read->comment, "a comment");
  EXPECT_EQ(read->created_ms, 1234);
  EXPECT_TRUE(read->partition_locations.empty());
}

TEST_F(MetastoreTest, PartitionLocationsRoundTripAndRideAlongWithTheEntry) {
  CatalogTable table = Table("default", "t");
  table.partition_columns = {"p", "q"};
  table.partition_locations = {{"p=1/q=a%3Db", root_ + "/elsewhere=1"}, {"p=2/q=c", "s3a://bucket/x"}};
  Metastore store(warehouse_);
  ASSERT_TRUE(store.CreateTable(table, false));
  EXPECT_EQ(Metastore(warehouse_).GetTable("default", "t")->partition_locations, table.partition_locations);
  // A pending commit's entry carries them, and so does a rename.
  table.partition_locations.erase("p=2/q=c");
  store.BeginTableCommit(table, "c1");
  EXPECT_TRUE(store.FinishTableCommit(table, "c1", true));
  EXPECT_EQ(store.GetTable("default", "t")->partition_locations.size(), 1u);
  CatalogTable renamed = table;
  renamed.name = "u";
  ASSERT_TRUE(store.RenameTable("default", "t", renamed));
  EXPECT_EQ(Metastore(warehouse_).GetTable("default", "u")->partition_locations, table.partition_locations);
}

// A table write killed after its output was published but before a partition kept in a folder
// of its own was swapped in: the next read of the table finishes the swap and takes the entry.
TEST_F(MetastoreTest, ReadsFinishTheFolderSwapsOfAKilledWriter) {
  CatalogTable table = Table("default", "t");
  table.partition_columns = {"p"};
  fs::path folder = fs::path(root_) / "seven";
  table.partition_locations = {{"p=7", folder.string()}};
  Metastore store(warehouse_);
  ASSERT_TRUE(store.CreateTable(table, false));
  fs::create_directories(folder);
  std::ofstream(folder / "part-old") << "old";
  CatalogTable committed = table;
  committed.comment = "after the commit";
  pid_t child = fork();
  if (child == 0) {  // the writer: records its pending commit and dies
    Metastore(warehouse_).BeginTableCommit(committed, "c9");
    _exit(0);
  }
  ASSERT_GT(child, 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  // its output is in place (with the marker), the folder's new tree still staged
  fs::create_directories(table.location);
  std::ofstream(fs::path(table.location) / CommitMarkerName("c9"));
  fs::path staging = fs::path(root_) / (".seven.ember-staging-" + std::to_string(child) + "-c9");
  fs::create_directories(staging);
  std::ofstream(staging / "part-new") << "new";
  std::ofstream(staging / CommitMarkerName("c9"));

  std::optional<CatalogTable> read = Metastore(warehouse_).GetTable("default", "t");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->comment, "after the commit");
  EXPECT_TRUE(fs::exists(folder / "part-new"));
  EXPECT_FALSE(fs::exists(folder / "part-old"));
  EXPECT_FALSE(fs::exists(staging));
  EXPECT_FALSE(store.HasPendingCommit("default", "t"));
}

TEST_F(MetastoreTest, CreateReplaceRenameDrop) {
  Metastore store(warehouse_);
  ASSERT_TRUE(store.CreateTable(Table("default", "t"), false));
  EXPECT_FALSE(store.CreateTable(Table("default", "t"), false));
  CatalogTable replacement = Table("default", "t");
  replacement.provider = "json";
  EXPECT_TRUE(store.CreateTable(replacement, true));
  EXPECT_EQ(store.GetTable("default", "t")->provider, "json");

  ASSERT_TRUE(store.CreateTable(Table("default", "u"), false));
  EXPECT_FALSE(store.RenameTable("default", "t", Table("default", "u")));
  EXPECT_TRUE(store.RenameTable("default", "t", Table("default", "v")));
  EXPECT_FALSE(store.GetTable("default", "t"));
  EXPECT_EQ(store.GetTable("default", "v")->provider, "parquet");

  EXPECT_TRUE(store.DropTable("default", "v"));
  EXPECT_FALSE(store.DropTable("default", "v"));
  ASSERT_EQ(store.ListTables("default").size(), 1u);
  EXPECT_EQ(store.ListTables("default")[0].name, "u");
}

TEST_F(MetastoreTest, DatabasesDropOnlyWhenEmptyOrCascading) {
  Metastore store(warehouse_);
  EXPECT_FALSE(store.CreateDatabase({"default", "", warehouse_, {}}));
  ASSERT_TRUE(store.CreateDatabase({"sales", "money", warehouse_ + "/sales.db", {{"k", "v"}}}));
  EXPECT_FALSE(store.CreateDatabase({"sales", "", "", {}}));
  EXPECT_EQ(store.GetDatabase("sales")->properties.at("k"), "v");
  ASSERT_TRUE(store.CreateTable(Table("sales", "orders"), false));

  std::vector<CatalogTable> dropped;
  EXPECT_EQ(store.DropDatabase("sales", false, &dropped), Metastore::DropResult::kNotEmpty);
  EXPECT_TRUE(store.GetDatabase("sales"));
  EXPECT_EQ(store.DropDatabase("sales", true, &dropped), Metastore::DropResult::kDropped);
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_EQ(dropped[0].name, "orders");
  EXPECT_FALSE(store.GetTable("sales", "orders"));
  EXPECT_EQ(store.DropDatabase("sales", true, &dropped), Metastore::DropResult::kNotFound);
}

TEST_F(MetastoreTest, TwoConnectionsSeeEachOthersChanges) {
  Metastore first(warehouse_);
  Metastore second(warehouse_);
  EXPECT_FALSE(second.GetTable("default", "t"));
  ASSERT_TRUE(first.CreateTable(Table("default", "t"), false));
  EXPECT_TRUE(second.GetTable("default", "t"));
  EXPECT_FALSE(second.CreateTable(Table("default", "t"), false));
  EXPECT_TRUE(second.DropTable("default", "t"));
  EXPECT_FALSE(first.GetTable("default", "t"));
}

}  // namespace
}  // namespace ember

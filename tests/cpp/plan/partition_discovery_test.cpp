#include "plan/partition_discovery.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace ember {
namespace {

DiscoveredPartitions Discover(const std::vector<std::string>& files, bool infer = true,
                              const std::vector<std::string>& bases = {"/t"}) {
  EvalContext eval;
  return DiscoverPartitions(files, bases, infer, std::nullopt, eval);
}

TEST(PartitionDiscoveryTest, EscapesAsSparkDoes) {
  EXPECT_EQ(EscapePartitionText("a/b:c=d%e f"), "a%2Fb%3Ac%3Dd%25e f");
  EXPECT_EQ(EscapePartitionText(std::string("\x01{x}[y]^'\"#*?\\")), "%01%7Bx}%5By%5D%5E%27%22%23%2A%3F%5C");
  EXPECT_EQ(UnescapePartitionText("a%2Fb%3Ac%zz%4"), "a/b:c%zz%4");
  EXPECT_EQ(PartitionDirectoryName("k", std::nullopt), "k=__HIVE_DEFAULT_PARTITION__");
  EXPECT_EQ(PartitionDirectoryName("k", std::string("")), "k=__HIVE_DEFAULT_PARTITION__");
  EXPECT_EQ(PartitionDirectoryName("k", std::string("1:2")), "k=1%3A2");
}

TEST(PartitionDiscoveryTest, ReadsTrailingKeyValueDirectoriesBelowTheBase) {
  DiscoveredPartitions found = Discover({"/t/x/a=1/b=u/f1", "/t/x/a=2/b=__HIVE_DEFAULT_PARTITION__/f2"}, true, {"/t"});
  ASSERT_EQ(found.schema.size(), 2u);
  EXPECT_EQ(found.schema[0].name, "a");
  EXPECT_EQ(found.schema[0].type->ToString(), "int");
  EXPECT_EQ(found.schema[1].type->ToString(), "string");
  EXPECT_EQ(found.values[0][0].i64, 1);
  EXPECT_EQ(found.values[1][0].i64, 2);
  EXPECT_EQ(found.values[0][1].str, "u");
  EXPECT_TRUE(found.values[1][1].is_null);
  // Nothing above the base directory counts, nor anything without '='.
  EXPECT_TRUE(Discover({"/t/a=1/f"}, true, {"/t/a=1"}).schema.empty());
  EXPECT_TRUE(Discover({"/t/plain/f"}).schema.empty());
  // Names without '=' below the partition directories are passed over.
  EXPECT_EQ(Discover({"/t/a=1/sub/f"}).values.at(0).at(0).i64, 1);
}

TEST(PartitionDiscoveryTest, WidensTypesAcrossValues) {
  auto type_of = [](std::vector<std::string> values, bool infer = true) {
    std::vector<std::string> files;
    for (const auto& value : values) files.push_back("/t/p=" + value + "/f");
    return Discover(files, infer).schema.at(0).type->ToString();
  };
  EXPECT_EQ(type_of({"1", "-2"}), "int");
  EXPECT_EQ(type_of({"1", "4000000000"}), "bigint");
  EXPECT_EQ(type_of({"1", "99999999999999999999"}), "decimal(20,0)");
  EXPECT_EQ(type_of({"1", "2.5"}), "double");
  EXPECT_EQ(type_of({"2020-01-01", "2020-01-01 01%3A02%3A03"}), "timestamp");
  EXPECT_EQ(type_of({"2020-01-01", "1"}), "string");
  EXPECT_EQ(type_of({"__HIVE_DEFAULT_PARTITION__"}), "string");
  EXPECT_EQ(type_of({"1", "2"}, false), "string");
}

TEST(PartitionDiscoveryTest, ConflictingLayoutsAreRefused) {
  try {
    Discover({"/t/a=1/f", "/t/b=1/f"});
    FAIL() << "expected CONFLICTING_DIRECTORY_STRUCTURES";
  } catch (const SparkError& error) {
    EXPECT_EQ(error.error_class(), "CONFLICTING_DIRECTORY_STRUCTURES");
  }
  EXPECT_THROW(Discover({"/t/a=1/f", "/t/other/f"}), SparkError);
  // A file in the base directory itself is no part of partitioned data.
  EXPECT_EQ(Discover({"/t/a=1/f", "/t/f"}).partitioned, (std::vector<bool>{true, false}));
}

}  // namespace
}  // namespace ember

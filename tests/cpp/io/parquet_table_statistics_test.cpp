// Table statistics from Parquet footers: row counts over several files, null counts, and distinct
// bounds from min/max for integer-ordered columns only, none for nested columns.
#include <gtest/gtest.h>

#include "io/parquet/parquet_table_statistics.h"
#include "parquet_test_util.h"

namespace ember::parquet {
namespace {

// Writes rows key = first..first+rows-1, group = key % 3 (NULL when key % 4 == 0), name = "n<key>".
std::string WriteKeys(const std::string& name, int64_t first, int64_t rows) {
  Schema schema = ParseSchemaDdl("key BIGINT, group_id INT, name STRING");
  VectorBuilder keys(schema[0].type, rows), groups(schema[1].type, rows), names(schema[2].type, rows);
  for (int64_t key = first; key < first + rows; ++key) {
    keys.Append<int64_t>(key);
    if (key % 4 == 0) {
      groups.AppendNull();
    } else {
      groups.Append<int32_t>(static_cast<int32_t>(key % 3));
    }
    names.AppendString("n" + std::to_string(key));
  }
  std::string path = testing::TempPath(name);
  ParquetFileWriter writer(path, schema, ParquetWriteOptions());
  writer.Write(Batch({keys.Finish(), groups.Finish(), names.Finish()}, rows));
  writer.Close();
  return path;
}

TEST(ParquetTableStatisticsTest, RowCountsNullsAndDistinctBoundsSpanFiles) {
  SourceStatistics stats = TableStatistics({ParquetFile::Open(WriteKeys("stats_a.parquet", 1, 100)),
                                            ParquetFile::Open(WriteKeys("stats_b.parquet", 201, 100))});
  EXPECT_EQ(stats.row_count, 200);
  EXPECT_GT(stats.size_bytes, 0);
  // Keys 1..100 and 201..300: the range bound (300) is capped by the 200 rows.
  EXPECT_EQ(stats.columns["key"].distinct_bound, 200);
  EXPECT_EQ(stats.columns["key"].null_count, 0);
  // group_id takes 0..2 (max - min + 1 = 3); 50 keys are multiples of 4.
  EXPECT_EQ(stats.columns["group_id"].distinct_bound, 3);
  EXPECT_EQ(stats.columns["group_id"].null_count, 50);
  // Strings have no integer range.
  EXPECT_FALSE(stats.columns["name"].distinct_bound.has_value());
}

TEST(ParquetTableStatisticsTest, NestedColumnsHaveNoStatistics) {
  Schema schema = ParseSchemaDdl("id INT, values ARRAY<INT>");
  VectorBuilder ids(schema[0].type, 2), values(schema[1].type, 2);
  for (int32_t row = 0; row < 2; ++row) {
    ids.Append<int32_t>(row);
    values.Child(0).Append<int32_t>(row);
    values.FinishNested();
  }
  std::string path = testing::TempPath("stats_nested.parquet");
  ParquetFileWriter writer(path, schema, ParquetWriteOptions());
  writer.Write(Batch({ids.Finish(), values.Finish()}, 2));
  writer.Close();
  SourceStatistics stats = TableStatistics({ParquetFile::Open(path)});
  EXPECT_EQ(stats.columns["id"].distinct_bound, 2);
  EXPECT_FALSE(stats.columns["values"].distinct_bound.has_value());
  EXPECT_FALSE(stats.columns["values"].null_count.has_value());
}

}  // namespace
}  // namespace ember::parquet

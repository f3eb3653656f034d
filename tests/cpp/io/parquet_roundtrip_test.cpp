// Writes Parquet files with Ember's writer and reads them back with its reader: every flat type
// with NULLs, each codec, dictionary and PLAIN paths, dictionary fallback, several row groups and
// pages, empty files, projection, statistics, splits and the "parquet" FileFormat.
#include <gtest/gtest.h>

#include <cstring>
#include <set>

#include "common/error.h"
#include "io/parquet/parquet_compression.h"
#include "io/parquet/parquet_format.h"
#include "parquet_test_util.h"
#include "plan/data_source.h"

namespace ember::parquet {
namespace {

using testing::AllTypesSchema;
using testing::ReadAll;
using testing::Rows;
using testing::TempPath;
using testing::WriteSample;

const ColumnMetaData& ChunkMeta(const ParquetFile& file, int group, int column) {
  return *file.metadata().row_groups[group].columns[column].meta_data;
}

bool HasEncoding(const ColumnMetaData& meta, int32_t encoding) {
  return std::find(meta.encodings.begin(), meta.encodings.end(), encoding) != meta.encodings.end();
}

class ParquetCodecTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ParquetCodecTest, EveryFlatTypeRoundTripsWithNulls) {
  Schema schema = AllTypesSchema();
  std::string path = TempPath("codec_" + GetParam() + ".parquet");
  ParquetWriteOptions options;
  options.column.codec = CodecFromOption(GetParam());
  Rows written = WriteSample(path, schema, 2500, options);
  Rows read = ReadAll(path, schema);
  ASSERT_EQ(read.size(), 2500u);
  EXPECT_EQ(read, written);
  auto file = ParquetFile::Open(path);
  EXPECT_EQ(ChunkMeta(*file, 0, 0).codec, options.column.codec);
  EXPECT_EQ(file->metadata().num_rows, 2500);
  std::remove(path.c_str());
}

INSTANTIATE_TEST_SUITE_P(Codecs, ParquetCodecTest, ::testing::Values("snappy", "none", "zstd", "gzip"));

TEST(ParquetRoundTripTest, DictionaryAndPlainPaths) {
  Schema schema = AllTypesSchema();
  for (bool dictionary : {true, false}) {
    std::string path = TempPath(dictionary ? "dict.parquet" : "plain.parquet");
    ParquetWriteOptions options;
    options.column.dictionary = dictionary;
    Rows written = WriteSample(path, schema, 3000, options);
    EXPECT_EQ(ReadAll(path, schema), written);
    auto file = ParquetFile::Open(path);
    const ColumnMetaData& category = ChunkMeta(*file, 0, 7);
    EXPECT_EQ(HasEncoding(category, kRleDictionary), dictionary);
    EXPECT_EQ(category.dictionary_page_offset.has_value(), dictionary);
    // Booleans and wide decimals are always PLAIN.
    EXPECT_FALSE(HasEncoding(ChunkMeta(*file, 0, 0), kRleDictionary));
    EXPECT_FALSE(HasEncoding(ChunkMeta(*file, 0, 15), kRleDictionary));
    if (dictionary) {
      // Six distinct words: the dictionary chunk is much smaller than the PLAIN one would be.
      EXPECT_LT(category.total_uncompressed_size, 3000);
    }
    std::remove(path.c_str());
  }
}

TEST(ParquetRoundTripTest, DictionaryFallsBackToPlainWhenItGrowsTooLarge) {
  Schema schema = ParseSchemaDdl("label STRING, big BIGINT");
  std::string path = TempPath("fallback.parquet");
  ParquetWriteOptions options;
  options.column.dictionary_bytes = 2000;
  Rows written = WriteSample(path, schema, 5000, options);
  EXPECT_EQ(ReadAll(path, schema), written);
  auto file = ParquetFile::Open(path);
  for (int column = 0; column < 2; ++column) {
    const ColumnMetaData& meta = ChunkMeta(*file, 0, column);
    EXPECT_TRUE(HasEncoding(meta, kRleDictionary)) << column;
    EXPECT_TRUE(HasEncoding(meta, kPlain)) << column;
    EXPECT_TRUE(meta.dictionary_page_offset.has_value());
  }
  std::remove(path.c_str());
}

TEST(ParquetRoundTripTest, SeveralRowGroupsAndPagesReadInAnyBatchSize) {
  Schema schema = AllTypesSchema();
  std::string path = TempPath("groups.parquet");
  ParquetWriteOptions options;
  options.row_group_bytes = 30000;
  options.column.page_rows = 333;
  Rows written = WriteSample(path, schema, 7000, options, 700);
  auto file = ParquetFile::Open(path);
  EXPECT_GE(file->metadata().row_groups.size(), 3u);
  int64_t total = 0;
  for (const auto& group : file->metadata().row_groups) total += group.num_rows;
  EXPECT_EQ(total, 7000);
  for (int64_t batch_rows : {1, 100, 4096, 10000}) {
    EXPECT_EQ(ReadAll(path, schema, batch_rows), written) << "batch rows " << batch_rows;
  }
  std::remove(path.c_str());
}

// Nullable columns whose first pages hold no NULL and whose later pages do, written with and
// without dictionaries, read back in batch sizes that cross page boundaries.
TEST(ParquetRoundTripTest, PagesWithAndWithoutNullsInDictionaryAndPlain) {
  Schema schema =
      ParseSchemaDdl("n INT, b BIGINT, d DOUBLE, s STRING, w STRING, l STRING, p DECIMAL(9,2), h DECIMAL(30,5)");
  const int64_t kRows = 3000;
  std::vector<VectorPtr> columns;
  for (const auto& field : schema) {
    VectorBuilder builder(field.type, kRows);
    for (int64_t r = 0; r < kRows; ++r) {
      if (r >= 2000 && r % 5 == 0) {
        builder.AppendNull();
        continue;
      }
      switch (field.type->id) {
        case TypeId::kInt: builder.Append<int32_t>(static_cast<int32_t>(r % 17 - 8)); break;
        case TypeId::kLong: builder.Append<int64_t>(r * 1000003); break;
        case TypeId::kDouble: builder.Append<double>(static_cast<double>(r % 11) / 4); break;
        case TypeId::kString:
          if (field.name == "s") builder.AppendString(std::string(r % 4, 'a' + r % 3));  // short dictionary
          else if (field.name == "l") builder.AppendString(std::string(30 + r % 7, 'x'));  // some longer than 32
          else builder.AppendString("value-" + std::to_string(r));
          break;
        case TypeId::kDecimal:
          if (field.type->IsWideDecimal()) builder.Append<int128_t>(static_cast<int128_t>(r % 9 - 4) << 70);
          else builder.Append<int64_t>(r % 13 * 100 - 600);
          break;
        default: FAIL();
      }
    }
    columns.push_back(builder.Finish());
  }
  Batch batch(std::move(columns), kRows);
  Rows written;
  testing::AppendRows(batch, &written);
  for (bool dictionary : {true, false}) {
    std::string path = TempPath(dictionary ? "nulls_dict.parquet" : "nulls_plain.parquet");
    ParquetWriteOptions options;
    options.column.dictionary = dictionary;
    options.column.page_rows = 250;
    ParquetFileWriter writer(path, schema, options);
    writer.Write(batch);
    writer.Close();
    for (int64_t batch_rows : {1, 77, 1000, 4096}) {
      EXPECT_EQ(ReadAll(path, schema, batch_rows), written) << "dictionary " << dictionary << ", batch " << batch_rows;
    }
    std::remove(path.c_str());
  }
}

TEST(ParquetRoundTripTest, EmptyFileKeepsItsSchema) {
  Schema schema = AllTypesSchema();
  std::string path = TempPath("empty.parquet");
  ParquetFileWriter writer(path, schema, ParquetWriteOptions());
  writer.Close();
  auto file = ParquetFile::Open(path);
  EXPECT_EQ(file->metadata().num_rows, 0);
  EXPECT_TRUE(file->metadata().row_groups.empty());
  ASSERT_EQ(file->columns().size(), schema.size());
  for (size_t i = 0; i < schema.size(); ++i) {
    EXPECT_EQ(file->columns()[i].name, schema[i].name);
    EXPECT_TRUE(file->columns()[i].type->Equals(*schema[i].type)) << schema[i].name;
  }
  EXPECT_TRUE(ReadAll(path, schema).empty());
  std::remove(path.c_str());
}

TEST(ParquetRoundTripTest, ProjectionReordersMatchesCaseAndFillsMissingColumnsWithNulls) {
  Schema schema = AllTypesSchema();
  std::string path = TempPath("projection.parquet");
  Rows written = WriteSample(path, schema, 1200, ParquetWriteOptions());
  Schema read = ParseSchemaDdl("LABEL STRING, id INT, nothing_here DOUBLE");
  Rows rows = ReadAll(path, read);
  ASSERT_EQ(rows.size(), 1200u);
  for (size_t r = 0; r < rows.size(); ++r) {
    ASSERT_EQ(rows[r], (std::vector<std::string>{written[r][8], written[r][3], "NULL"})) << r;
  }
  // No columns at all (count(*)): batches still carry the row count.
  auto file = ParquetFile::Open(path);
  ParquetBatchReader reader(file, RowGroupsInRange(*file, 0, file->size()), Schema{});
  Batch batch;
  int64_t total = 0;
  while (reader.Next(&batch)) {
    EXPECT_TRUE(batch.columns.empty());
    total += batch.num_rows;
  }
  EXPECT_EQ(total, 1200);
  std::remove(path.c_str());
}

TEST(ParquetRoundTripTest, NarrowColumnsWidenAndIncompatibleTypesFail) {
  Schema schema = ParseSchemaDdl("tiny TINYINT, id INT, ratio FLOAT, label STRING");
  std::string path = TempPath("widen.parquet");
  Rows written = WriteSample(path, schema, 300, ParquetWriteOptions());
  Rows rows = ReadAll(path, ParseSchemaDdl("tiny BIGINT, id BIGINT, ratio DOUBLE"));
  for (size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(rows[r][0], written[r][0]);
    EXPECT_EQ(rows[r][1], written[r][1]);
    if (written[r][2] != "NULL") {
      EXPECT_EQ(std::stod(rows[r][2]), std::stod(written[r][2]));  // hex floats parse exactly
    }
  }
  try {
    ReadAll(path, ParseSchemaDdl("label INT"));
    FAIL() << "expected a type mismatch";
  } catch (const SparkError& e) {
    EXPECT_EQ(e.error_class(), "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH");
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("BINARY (STRING)"), std::string::npos);
  }
  std::remove(path.c_str());
}

TEST(ParquetRoundTripTest, NonNullableColumnsAreRequired) {
  Schema schema = {{"id", IntType(), false}, {"name", StringType(), true}};
  std::string path = TempPath("required.parquet");
  Rows written = WriteSample(path, schema, 100, ParquetWriteOptions());
  auto file = ParquetFile::Open(path);
  EXPECT_EQ(file->columns()[0].max_definition_level, 0);
  EXPECT_EQ(file->columns()[1].max_definition_level, 1);
  EXPECT_EQ(ReadAll(path, schema), written);
  RegisterParquetFormat();
  Schema inferred = FindFileFormat("parquet")->InferSchema({path}, {}, EvalContext());
  EXPECT_TRUE(inferred[0].nullable);  // Spark reads file columns as nullable

  VectorBuilder ids(IntType());
  ids.AppendNull();
  VectorBuilder names(StringType());
  names.AppendString("x");
  ParquetFileWriter writer(TempPath("required_null.parquet"), schema, ParquetWriteOptions());
  EXPECT_THROW(writer.Write(Batch({ids.Finish(), names.Finish()}, 1)), SparkError);
  std::remove(path.c_str());
}

TEST(ParquetRoundTripTest, StatisticsUseSignedIntsAndUnsignedBytes) {
  Schema schema = ParseSchemaDdl("n INT, s STRING, f DOUBLE");
  VectorBuilder n(IntType()), s(StringType()), f(DoubleType());
  n.Append<int32_t>(5);
  n.Append<int32_t>(-7);
  n.AppendNull();
  s.AppendString("zebra");
  s.AppendString("\xC3\xA9t\xC3\xA9");  // sorts after "zebra" as unsigned bytes
  s.AppendString("apple");
  f.Append<double>(0.0);
  f.Append<double>(2.5);
  f.AppendNull();
  std::string path = TempPath("stats.parquet");
  ParquetFileWriter writer(path, schema, ParquetWriteOptions());
  writer.Write(Batch({n.Finish(), s.Finish(), f.Finish()}, 3));
  writer.Close();
  auto file = ParquetFile::Open(path);
  auto as_int = [](const std::string& bytes) {
    int32_t v;
    std::memcpy(&v, bytes.data(), 4);
    return v;
  };
  const Statistics& ints = *ChunkMeta(*file, 0, 0).statistics;
  EXPECT_EQ(as_int(*ints.min_value), -7);
  EXPECT_EQ(as_int(*ints.max_value), 5);
  EXPECT_EQ(ints.null_count, 1);
  const Statistics& strings = *ChunkMeta(*file, 0, 1).statistics;
  EXPECT_EQ(*strings.min_value, "apple");
  EXPECT_EQ(*strings.max_value, "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(strings.null_count, 0);
  const Statistics& doubles = *ChunkMeta(*file, 0, 2).statistics;
  double low;
  std::memcpy(&low, doubles.min_value->data(), 8);
  EXPECT_EQ(low, 0.0);
  EXPECT_TRUE(std::signbit(low));  // zero minimums are written as -0.0
  std::remove(path.c_str());
}

TEST(ParquetRoundTripTest, SplitsOwnEachRowGroupOnce) {
  Schema schema = AllTypesSchema();
  std::string path = TempPath("splits.parquet");
  ParquetWriteOptions options;
  options.row_group_bytes = 20000;
  Rows written = WriteSample(path, schema, 6000, options, 500);
  auto file = ParquetFile::Open(path);
  size_t groups = file->metadata().row_groups.size();
  ASSERT_GE(groups, 3u);
  for (int64_t split_bytes : {int64_t{1000}, int64_t{7777}, file->size()}) {
    std::multiset<int> owned;
    Rows rows;
    for (int64_t offset = 0; offset < file->size(); offset += split_bytes) {
      std::vector<int> mine = RowGroupsInRange(*file, offset, std::min(split_bytes, file->size() - offset));
      owned.insert(mine.begin(), mine.end());
      ParquetBatchReader reader(file, mine, schema);
      Batch batch;
      while (reader.Next(&batch)) testing::AppendRows(batch, &rows);
    }
    EXPECT_EQ(owned.size(), groups) << split_bytes;
    EXPECT_EQ(std::set<int>(owned.begin(), owned.end()).size(), groups) << split_bytes;
    EXPECT_EQ(rows, written) << split_bytes;
  }
  std::remove(path.c_str());
}

TEST(ParquetFormatTest, RegisteredFormatWritesInfersPlansAndReads) {
  RegisterParquetFormat();
  auto format = FindFileFormat("parquet");
  EXPECT_EQ(format->name(), "parquet");
  EXPECT_EQ(format->FileExtension({}), ".snappy.parquet");
  EXPECT_EQ(format->FileExtension({{"compression", "none"}}), ".parquet");
  EXPECT_EQ(format->FileExtension({{"compression", "ZSTD"}}), ".zstd.parquet");
  EXPECT_EQ(format->FileExtension({{"compression", "gzip"}}), ".gz.parquet");
  EXPECT_THROW(format->FileExtension({{"compression", "brotli9"}}), SparkError);

  Schema schema = AllTypesSchema();
  EvalContext ctx;
  std::string path = TempPath("format.zstd.parquet");
  auto writer = format->CreateWriter(path, schema, {{"compression", "zstd"}, {"parquet.block.size", "40k"}}, ctx);
  Rows written;
  for (int i = 0; i < 5; ++i) {
    Batch batch = testing::SampleBatch(schema, i * 1000, 1000);
    writer->Write(batch);
    testing::AppendRows(batch, &written);
  }
  writer->Close();

  Schema inferred = format->InferSchema({path}, {}, ctx);
  ASSERT_EQ(inferred.size(), schema.size());
  for (size_t i = 0; i < schema.size(); ++i) {
    EXPECT_EQ(inferred[i].name, schema[i].name);
    EXPECT_TRUE(inferred[i].type->Equals(*schema[i].type)) << inferred[i].type->ToString();
    EXPECT_TRUE(inferred[i].nullable);
  }
  SourceStatistics stats = format->Statistics({path}, {});
  EXPECT_EQ(stats.row_count, 5000);
  EXPECT_GT(stats.size_bytes, 0);

  auto splits = format->PlanSplits({path}, {}, 16 * 1024);
  EXPECT_GT(splits.size(), 1u);
  Rows rows;
  for (const auto& split : splits) {
    auto reader = format->Open(split, schema, schema, {}, {}, ctx);
    Batch batch;
    while (reader->Next(&batch)) testing::AppendRows(batch, &rows);
  }
  EXPECT_EQ(rows, written);

  try {
    format->InferSchema({}, {}, ctx);
    FAIL() << "expected UNABLE_TO_INFER_SCHEMA";
  } catch (const SparkError& e) {
    EXPECT_EQ(e.error_class(), "UNABLE_TO_INFER_SCHEMA");
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace ember::parquet

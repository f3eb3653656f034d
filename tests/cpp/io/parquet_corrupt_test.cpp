// Truncated and corrupted Parquet files must raise a SparkError naming the file (FAILED_READ_FILE
// for damage the reader detects), never crash, hang or read out of bounds (run under ASan).
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <iterator>

#include "common/error.h"
#include "parquet_test_util.h"

namespace ember::parquet {
namespace {

using testing::AllTypesSchema;
using testing::ReadAll;
using testing::TempPath;
using testing::WriteSample;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void Spit(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Reads the whole file; returns the error class, or "" when it read without error. Any SparkError
// must name the file.
std::string ReadOutcome(const std::string& path, const Schema& schema) {
  try {
    ReadAll(path, schema);
    return "";
  } catch (const SparkError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(e.error_class(), "INTERNAL_ERROR") << e.what();
    return e.error_class();
  }
}

class ParquetCorruptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_ = TempPath("corrupt_source.parquet");
    damaged_ = TempPath("corrupt_damaged.parquet");
    ParquetWriteOptions options;
    options.row_group_bytes = 4000;
    options.column.page_rows = 70;
    WriteSample(source_, schema_, 300, options, 100);
    bytes_ = Slurp(source_);
  }
  void TearDown() override {
    std::remove(source_.c_str());
    std::remove(damaged_.c_str());
  }

  Schema schema_ = AllTypesSchema();
  std::string source_;
  std::string damaged_;
  std::string bytes_;
};

TEST_F(ParquetCorruptTest, BadMagicAndFooterLength) {
  std::string bad = bytes_;
  bad[bad.size() - 1] = 'X';
  Spit(damaged_, bad);
  EXPECT_EQ(ReadOutcome(damaged_, schema_), "FAILED_READ_FILE.CORRUPT_PARQUET");

  bad = bytes_;
  bad[0] = 'Q';
  Spit(damaged_, bad);
  EXPECT_EQ(ReadOutcome(damaged_, schema_), "FAILED_READ_FILE.CORRUPT_PARQUET");

  bad = bytes_;
  uint32_t huge = 0x7FFFFFF0;
  std::memcpy(&bad[bad.size() - 8], &huge, 4);
  Spit(damaged_, bad);
  EXPECT_EQ(ReadOutcome(damaged_, schema_), "FAILED_READ_FILE.CORRUPT_PARQUET");

  Spit(damaged_, "PAR1");
  EXPECT_EQ(ReadOutcome(damaged_, schema_), "FAILED_READ_FILE.CORRUPT_PARQUET");
  Spit(damaged_, "");
  EXPECT_EQ(ReadOutcome(damaged_, schema_), "FAILED_READ_FILE.CORRUPT_PARQUET");
}

TEST_F(ParquetCorruptTest, MissingFileNamesThePath) {
  EXPECT_EQ(ReadOutcome(TempPath("does_not_exist.parquet"), schema_), "FAILED_READ_FILE.CORRUPT_PARQUET");
}

TEST_F(ParquetCorruptTest, EveryTruncationFails) {
  // Cutting the file anywhere loses the footer, so every prefix must be rejected.
  for (size_t length = 0; length < bytes_.size(); length += std::max<size_t>(1, bytes_.size() / 300)) {
    Spit(damaged_, bytes_.substr(0, length));
    EXPECT_EQ(ReadOutcome(damaged_, schema_), "FAILED_READ_FILE.CORRUPT_PARQUET") << "length " << length;
  }
}

TEST_F(ParquetCorruptTest, FlippedBytesNeverCrash) {
  // Damage one byte at a time across the whole file (pages, headers and footer). Damage inside
  // plain values may still decode; everything else must surface as a SparkError naming the file.
  int errors = 0;
  size_t step = std::max<size_t>(1, bytes_.size() / 250);
  for (size_t pos = 4; pos + 8 < bytes_.size(); pos += step) {
    for (uint8_t mask : {0xFF, 0x01}) {
      std::string bad = bytes_;
      bad[pos] = static_cast<char>(bad[pos] ^ mask);
      Spit(damaged_, bad);
      errors += !ReadOutcome(damaged_, schema_).empty();
    }
  }
  EXPECT_GT(errors, 0);
}

// The file with its footer replaced by `metadata` (the data pages untouched).
std::string WithFooter(const std::string& bytes, const FileMetaData& metadata) {
  uint32_t old_length = 0;
  std::memcpy(&old_length, &bytes[bytes.size() - 8], 4);
  std::string footer = SerializeFileMetaData(metadata);
  uint32_t length = static_cast<uint32_t>(footer.size());
  std::string out = bytes.substr(0, bytes.size() - 8 - old_length) + footer;
  out.append(reinterpret_cast<const char*>(&length), 4);
  return out + "PAR1";
}

TEST_F(ParquetCorruptTest, ColumnChunkSizesAndOffsetsBeyondTheFileFail) {
  FileMetaData metadata = ParquetFile::Open(source_)->metadata();
  const int64_t size = static_cast<int64_t>(bytes_.size());
  const std::vector<std::function<void(ColumnMetaData&)>> lies = {
      [&](ColumnMetaData& m) { m.total_compressed_size = size * 10; },
      [&](ColumnMetaData& m) { m.total_compressed_size = int64_t{1} << 62; },
      [&](ColumnMetaData& m) { m.total_compressed_size = -5; },
      // The chunk starts at its dictionary page when it has one.
      [&](ColumnMetaData& m) { m.dictionary_page_offset.reset(), m.data_page_offset = size + 100; },
      [&](ColumnMetaData& m) { m.dictionary_page_offset.reset(), m.data_page_offset = -1; },
      [&](ColumnMetaData& m) { m.dictionary_page_offset = size - 2; },
  };
  for (size_t i = 0; i < lies.size(); ++i) {
    FileMetaData lying = metadata;
    lies[i](*lying.row_groups[0].columns[3].meta_data);
    Spit(damaged_, WithFooter(bytes_, lying));
    EXPECT_EQ(ReadOutcome(damaged_, schema_), "FAILED_READ_FILE.CORRUPT_PARQUET") << "lie " << i;
  }
  FileMetaData many_rows = metadata;
  many_rows.row_groups[0].num_rows = int64_t{1} << 50;
  Spit(damaged_, WithFooter(bytes_, many_rows));
  EXPECT_EQ(ReadOutcome(damaged_, schema_), "FAILED_READ_FILE.CORRUPT_PARQUET");
}

TEST_F(ParquetCorruptTest, DamagedSnappyPageFailsDecompression) {
  // The first data page of the first column starts after "PAR1" and its page header; damage the
  // snappy preamble (the uncompressed length varint) right after the header.
  auto file = ParquetFile::Open(source_);
  const ColumnMetaData& meta = *file->metadata().row_groups[0].columns[0].meta_data;
  size_t header_size = 0;
  ParsePageHeader(reinterpret_cast<const uint8_t*>(bytes_.data()) + meta.data_page_offset,
                  bytes_.size() - meta.data_page_offset, &header_size);
  std::string bad = bytes_;
  bad[meta.data_page_offset + header_size] = static_cast<char>(0xFF);
  Spit(damaged_, bad);
  try {
    ReadAll(damaged_, schema_);
    FAIL() << "expected a decompression error";
  } catch (const SparkError& e) {
    EXPECT_EQ(e.error_class(), "FAILED_READ_FILE.CORRUPT_PARQUET");
    EXPECT_NE(std::string(e.what()).find("snappy"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ember::parquet

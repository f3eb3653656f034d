// Hand-built pages in layouts Ember's writer does not produce: data page v2, INT96 timestamps,
// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "io/parquet/parquet_delta_encoding.h"
#include "io/parquet/parquet_metadata.h"
#include "parquet_test_util.h"

namespace ember::parquet {
namespace {

std::string Bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) out.push_back(static_cast<char>(v));
  return out;
}

const uint8_t* U8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

TEST(ParquetDeltaEncodingTest, DeltaBinaryPacked) {
  // Block of 128 values in 4 miniblocks; values 7 5 3 1 2: deltas -2 -2 -2 1, so the minimum
  // delta is -2 and the first miniblock packs 0 0 0 3 at two bits each.
  std::string data = Bytes({0x80, 0x01, 0x04, 0x05, 0x0E, 0x03, 2, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0});
  size_t consumed = 0;
  EXPECT_EQ(DecodeDeltaBinaryPacked(U8(data), data.size(), &consumed), (std::vector<int64_t>{7, 5, 3, 1, 2}));
  EXPECT_EQ(consumed, data.size());
  std::string plain;
  DeltaBinaryPackedToPlain(U8(data), data.size(), 4, &plain);
  ASSERT_EQ(plain.size(), 20u);
  int32_t fourth;
  std::memcpy(&fourth, plain.data() + 12, 4);
  EXPECT_EQ(fourth, 1);
  for (size_t cut = 0; cut < data.size(); ++cut) {
    EXPECT_THROW(DecodeDeltaBinaryPacked(U8(data), cut, &consumed), ParquetDecodeError) << cut;
  }
  std::string bad_block = Bytes({0x05, 0x01, 0x01, 0x00});  // block size 5 is not a multiple of 128
  EXPECT_THROW(DecodeDeltaBinaryPacked(U8(bad_block), bad_block.size(), &consumed), ParquetDecodeError);
}

TEST(ParquetDeltaEncodingTest, DeltaLengthAndDeltaByteArrays) {
  // Lengths 5 5 6 6: first 5, deltas 0 1 0 packed at one bit.
  std::string lengths = Bytes({0x80, 0x01, 0x04, 0x04, 0x0A, 0x00, 1, 0, 0, 0, 0x02, 0, 0, 0});
  std::string data = lengths + "HelloWorldFoobarABCDEF";
  std::string plain;
  DeltaLengthByteArrayToPlain(U8(data), data.size(), &plain);
  EXPECT_EQ(plain, Bytes({5, 0, 0, 0}) + "Hello" + Bytes({5, 0, 0, 0}) + "World" + Bytes({6, 0, 0, 0}) + "Foobar" +
                       Bytes({6, 0, 0, 0}) + "ABCDEF");
  EXPECT_THROW(DeltaLengthByteArrayToPlain(U8(data), data.size() - 1, &plain), ParquetDecodeError);

  // "axis", "axle": prefixes 0 2, suffixes "axis" and "le".
  std::string prefixes = Bytes({0x80, 0x01, 0x04, 0x02, 0x00, 0x04, 0, 0, 0, 0});
  std::string suffix_lengths = Bytes({0x80, 0x01, 0x04, 0x02, 0x08, 0x03, 0, 0, 0, 0});
  std::string prefixed = prefixes + suffix_lengths + "axisle";
  plain.clear();
  DeltaByteArrayToPlain(U8(prefixed), prefixed.size(), &plain);
  EXPECT_EQ(plain, Bytes({4, 0, 0, 0}) + "axis" + Bytes({4, 0, 0, 0}) + "axle");
}

TEST(ParquetDeltaEncodingTest, ByteStreamSplit) {
  float values[2] = {1.5f, -2.25f};
  std::string raw(reinterpret_cast<const char*>(values), 8);
  std::string split;
  for (int b = 0; b < 4; ++b) {
    for (int v = 0; v < 2; ++v) split.push_back(raw[v * 4 + b]);
  }
  std::string plain;
  ByteStreamSplitToPlain(U8(split), split.size(), 4, &plain);
  EXPECT_EQ(plain, raw);
  EXPECT_THROW(ByteStreamSplitToPlain(U8(split), 7, 4, &plain), ParquetDecodeError);
}

// A file with an optional INT96 column in a v1 page and an optional INT64 column in an
// uncompressed v2 page with DELTA_BINARY_PACKED values: 3 rows.
std::string HandBuiltFile() {
  std::string file = "PAR1";
  FileMetaData metadata;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 2;
  SchemaElement t;
  t.name = "t";
  t.type = kInt96;
  t.repetition_type = kOptional;
  SchemaElement n;
  n.name = "n";
  n.type = kInt64;
  n.repetition_type = kOptional;
  metadata.schema = {root, t, n};
  metadata.num_rows = 3;
  RowGroup group;
  group.num_rows = 3;

  auto add_chunk = [&](int32_t type, const PageHeader& header, const std::string& body) {
    ColumnChunk chunk;
    ColumnMetaData meta;
    meta.type = type;
    meta.codec = kUncompressed;
    meta.num_values = 3;
    meta.data_page_offset = static_cast<int64_t>(file.size());
    chunk.file_offset = meta.data_page_offset;
    std::string bytes = SerializePageHeader(header) + body;
    meta.total_compressed_size = meta.total_uncompressed_size = static_cast<int64_t>(bytes.size());
    file += bytes;
    chunk.meta_data = meta;
    group.columns.push_back(chunk);
  };

  // INT96: levels 1 0 1 (RLE hybrid, bit-packed group), then two 12-byte values.
  std::string levels = Bytes({0x03, 0x05});
  std::string body = Bytes({2, 0, 0, 0}) + levels;
  auto int96 = [&](int64_t nanos, int32_t julian_day) {
    body.append(reinterpret_cast<const char*>(&nanos), 8);
    body.append(reinterpret_cast<const char*>(&julian_day), 4);
  };
  int96(1000, 2458850);                          // 2020-01-01 00:00:00.000001
  int96(int64_t{86399} * 1000000000, 2440587);   // 1969-12-31 23:59:59
  PageHeader v1;
  v1.type = kDataPage;
  v1.uncompressed_page_size = v1.compressed_page_size = static_cast<int32_t>(body.size());
  DataPageHeader data;
  data.num_values = 3;
  v1.data_page_header = data;
  add_chunk(kInt96, v1, body);

  // INT64 v2: levels 1 1 0 without a length prefix, then DELTA_BINARY_PACKED 7 5.
  std::string v2_levels = Bytes({0x03, 0x03});
  std::string values = Bytes({0x80, 0x01, 0x04, 0x02, 0x0E, 0x03, 0, 0, 0, 0});
  PageHeader v2;
  v2.type = kDataPageV2;
  v2.uncompressed_page_size = v2.compressed_page_size = static_cast<int32_t>(v2_levels.size() + values.size());
  DataPageHeaderV2 page;
  page.num_values = 3;
  page.num_nulls = 1;
  page.num_rows = 3;
  page.encoding = kDeltaBinaryPacked;
  page.definition_levels_byte_length = static_cast<int32_t>(v2_levels.size());
  page.is_compressed = false;
  v2.data_page_header_v2 = page;
  add_chunk(kInt64, v2, v2_levels + values);

  metadata.row_groups.push_back(group);
  std::string footer = SerializeFileMetaData(metadata);
  uint32_t length = static_cast<uint32_t>(footer.size());
  return file + footer + std::string(reinterpret_cast<const char*>(&length), 4) + "PAR1";
}

TEST(ParquetPagesTest, Int96TimestampsAndDataPageV2) {
  std::string path = testing::TempPath("hand_built.parquet");
  {
    std::string bytes = HandBuiltFile();
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  auto file = ParquetFile::Open(path);
  ASSERT_EQ(file->columns().size(), 2u);
  EXPECT_EQ(file->columns()[0].type->ToString(), "timestamp");
  EXPECT_EQ(file->columns()[1].type->ToString(), "bigint");
  testing::Rows rows = testing::ReadAll(path, ParseSchemaDdl("t TIMESTAMP, n BIGINT"));
  EXPECT_EQ(rows, (testing::Rows{{"1577836800000001", "7"}, {"NULL", "5"}, {"-1000000", "NULL"}}));
  std::remove(path.c_str());
}

}  // namespace
}  // namespace ember::parquet

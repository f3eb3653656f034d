// RLE / bit-packing hybrid encoding, bit-packed booleans, the Thrift metadata round trip and the
// Spark <-> Parquet schema mapping.
#include <gtest/gtest.h>

#include <random>

#include "io/parquet/parquet_encoding.h"
#include "io/parquet/parquet_metadata.h"
#include "io/parquet/parquet_schema.h"

namespace ember::parquet {
namespace {

std::vector<uint32_t> RoundTrip(const std::vector<uint32_t>& values, int bit_width) {
  std::string encoded;
  AppendRleBitPacked(values.data(), static_cast<int64_t>(values.size()), bit_width, &encoded);
  RleBitPackedDecoder decoder(reinterpret_cast<const uint8_t*>(encoded.data()), encoded.size(), bit_width);
  std::vector<uint32_t> decoded(values.size());
  decoder.Decode(decoded.data(), static_cast<int64_t>(decoded.size()));
  return decoded;
}

TEST(ParquetEncodingTest, BitWidth) {
  EXPECT_EQ(BitWidthFor(0), 0);
  EXPECT_EQ(BitWidthFor(1), 1);
  EXPECT_EQ(BitWidthFor(7), 3);
  EXPECT_EQ(BitWidthFor(8), 4);
  EXPECT_EQ(BitWidthFor(0xFFFFFFFFu), 32);
}

TEST(ParquetEncodingTest, RepeatsBecomeOneRleRun) {
  std::vector<uint32_t> values(10, 1);
  std::string encoded;
  AppendRleBitPacked(values.data(), 10, 1, &encoded);
  // Header 10 << 1, then the value in one byte.
  EXPECT_EQ(encoded, std::string("\x14\x01", 2));
}

TEST(ParquetEncodingTest, BitPackedLayoutMatchesTheSpecExample) {
  // The format documentation packs 0..7 with bit width 3 as 10001000 11000110 11111010.
  std::vector<uint32_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  std::string encoded;
  AppendRleBitPacked(values.data(), 8, 3, &encoded);
  EXPECT_EQ(encoded, std::string("\x03\x88\xC6\xFA", 4));
}

TEST(ParquetEncodingTest, RoundTripsMixedRunsAtEveryWidth) {
  std::mt19937 rng(7);
  for (int width = 1; width <= 32; ++width) {
    uint64_t limit = width == 32 ? 0xFFFFFFFFull : (1ull << width) - 1;
    std::vector<uint32_t> values;
    for (int block = 0; block < 40; ++block) {
      uint32_t v = static_cast<uint32_t>(rng() % (limit + 1));
      int repeat = static_cast<int>(rng() % 20) + 1;  // runs of 1..20
      values.insert(values.end(), repeat, v);
    }
    values.push_back(static_cast<uint32_t>(limit));
    ASSERT_EQ(RoundTrip(values, width), values) << "width " << width;
  }
}

// Decodes in pieces of varying size, so that bit-packed runs are entered at every offset.
std::vector<uint32_t> DecodeInPieces(const std::string& encoded, int bit_width, size_t count) {
  RleBitPackedDecoder decoder(reinterpret_cast<const uint8_t*>(encoded.data()), encoded.size(), bit_width);
  std::vector<uint32_t> decoded(count);
  size_t done = 0;
  for (size_t piece = 1; done < count; piece = piece % 37 + 1) {
    size_t take = std::min(piece, count - done);
    decoder.Decode(decoded.data() + done, static_cast<int64_t>(take));
    done += take;
  }
  return decoded;
}

TEST(ParquetEncodingTest, UnpacksLongBitPackedRunsAtEveryWidthAndOffset) {
  std::mt19937 rng(11);
  for (int width = 0; width <= 32; ++width) {
    uint64_t limit = width == 32 ? 0xFFFFFFFFull : (1ull << width) - 1;
    // Distinct neighbours keep the writer from choosing RLE runs; odd count pads the last group.
    std::vector<uint32_t> values;
    for (int i = 0; i < 1001; ++i) values.push_back(static_cast<uint32_t>(rng() % (limit + 1)));
    std::string encoded;
    AppendRleBitPacked(values.data(), static_cast<int64_t>(values.size()), width, &encoded);
    ASSERT_EQ(RoundTrip(values, width), values) << "width " << width;
    ASSERT_EQ(DecodeInPieces(encoded, width, values.size()), values) << "width " << width;
  }
}

TEST(ParquetEncodingTest, UnpacksRleAndBitPackedMixesInPieces) {
  std::mt19937 rng(5);
  for (int width : {1, 2, 3, 7, 8, 13, 16, 20, 31, 32}) {
    uint64_t limit = width == 32 ? 0xFFFFFFFFull : (1ull << width) - 1;
    std::vector<uint32_t> values;
    for (int block = 0; block < 60; ++block) {
      bool repeat = rng() % 2 == 0;
      int length = static_cast<int>(rng() % 50) + 1;
      uint32_t v = static_cast<uint32_t>(rng() % (limit + 1));
      for (int i = 0; i < length; ++i) values.push_back(repeat ? v : static_cast<uint32_t>(rng() % (limit + 1)));
    }
    std::string encoded;
    AppendRleBitPacked(values.data(), static_cast<int64_t>(values.size()), width, &encoded);
    ASSERT_EQ(DecodeInPieces(encoded, width, values.size()), values) << "width " << width;
  }
}

TEST(ParquetEncodingTest, SkipRunConsumesOnlyAMatchingRleRun) {
  std::vector<uint32_t> values(20, 1);
  for (int i = 0; i < 8; ++i) values.push_back(i % 2);
  std::string encoded;
  AppendRleBitPacked(values.data(), static_cast<int64_t>(values.size()), 1, &encoded);
  RleBitPackedDecoder decoder(reinterpret_cast<const uint8_t*>(encoded.data()), encoded.size(), 1);
  EXPECT_FALSE(decoder.SkipRun(0, 5));   // another value
  EXPECT_FALSE(decoder.SkipRun(1, 21));  // longer than the run
  EXPECT_TRUE(decoder.SkipRun(1, 15));
  EXPECT_FALSE(decoder.SkipRun(1, 6));
  std::vector<uint32_t> rest(13);
  decoder.Decode(rest.data(), 13);
  EXPECT_EQ(rest, std::vector<uint32_t>(values.begin() + 15, values.end()));
  EXPECT_THROW(decoder.SkipRun(1, 1), ParquetDecodeError);  // no data left
}

TEST(ParquetEncodingTest, LongLiteralStretchesSpanSeveralRuns) {
  std::vector<uint32_t> values;
  for (int i = 0; i < 3001; ++i) values.push_back(i % 5);
  EXPECT_EQ(RoundTrip(values, 3), values);
}

TEST(ParquetEncodingTest, WidthZeroDecodesZeros) {
  std::vector<uint32_t> values(100, 0);
  EXPECT_EQ(RoundTrip(values, 0), values);
}

TEST(ParquetEncodingTest, TruncatedInputThrows) {
  std::vector<uint32_t> values;
  for (int i = 0; i < 64; ++i) values.push_back(i);
  std::string encoded;
  AppendRleBitPacked(values.data(), 64, 6, &encoded);
  for (size_t cut = 0; cut < encoded.size(); ++cut) {
    RleBitPackedDecoder decoder(reinterpret_cast<const uint8_t*>(encoded.data()), cut, 6);
    std::vector<uint32_t> out(64);
    EXPECT_THROW(decoder.Decode(out.data(), 64), ParquetDecodeError) << "cut at " << cut;
  }
  EXPECT_THROW(RleBitPackedDecoder(nullptr, 0, 33), ParquetDecodeError);
}

TEST(ParquetEncodingTest, ZeroLengthRunsAreRejected) {
  const uint8_t rle_zero[] = {0x00, 0x01};
  RleBitPackedDecoder decoder(rle_zero, sizeof(rle_zero), 1);
  uint32_t out;
  EXPECT_THROW(decoder.Decode(&out, 1), ParquetDecodeError);
}

TEST(ParquetEncodingTest, PackedBooleans) {
  std::vector<uint8_t> values = {1, 0, 1, 1, 0, 0, 0, 1, 1};
  std::string encoded;
  AppendPackedBooleans(values.data(), static_cast<int64_t>(values.size()), &encoded);
  EXPECT_EQ(encoded, std::string("\x8D\x01", 2));
  PackedBooleanDecoder decoder(reinterpret_cast<const uint8_t*>(encoded.data()), encoded.size());
  std::vector<uint8_t> decoded(values.size());
  decoder.Decode(decoded.data(), static_cast<int64_t>(decoded.size()));
  EXPECT_EQ(decoded, values);
  EXPECT_THROW(decoder.Decode(decoded.data(), 8), ParquetDecodeError);
}

TEST(ParquetMetadataTest, FileMetaDataRoundTrip) {
  FileMetaData metadata;
  metadata.schema = ToParquetSchema(ParseSchemaDdl("a INT, s STRING, ts TIMESTAMP, d DECIMAL(25,3)"));
  metadata.num_rows = 42;
  RowGroup group;
  group.num_rows = 42;
  ColumnChunk chunk;
  chunk.file_offset = 4;
  ColumnMetaData meta;
  meta.type = kInt32;
  meta.encodings = {kPlain, kRle};
  meta.path_in_schema = {"a"};
  meta.codec = kZstd;
  meta.num_values = 42;
  meta.data_page_offset = 4;
  meta.dictionary_page_offset = 4;
  Statistics stats;
  stats.null_count = 3;
  stats.min_value = std::string("\xFF\xFF\xFF\xFF", 4);
  meta.statistics = stats;
  chunk.meta_data = meta;
  group.columns.push_back(chunk);
  metadata.row_groups.push_back(group);
  metadata.key_value_metadata.push_back({"k", std::string("v")});
  metadata.created_by = "me";
  metadata.type_defined_column_orders = 4;

  std::string bytes = SerializeFileMetaData(metadata);
  FileMetaData parsed = ParseFileMetaData(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  ASSERT_EQ(parsed.schema.size(), 5u);
  EXPECT_EQ(parsed.schema[0].num_children, 4);
  EXPECT_EQ(parsed.schema[2].name, "s");
  EXPECT_EQ(parsed.schema[2].converted_type, kUtf8);
  EXPECT_EQ(parsed.schema[3].logical_type->kind, LogicalType::kTimestamp);
  EXPECT_TRUE(parsed.schema[3].logical_type->adjusted_to_utc);
  EXPECT_EQ(parsed.schema[3].logical_type->unit, TimeUnit::kMicros);
  EXPECT_EQ(parsed.schema[4].type, kFixedLenByteArray);
  EXPECT_EQ(parsed.schema[4].type_length, 11);
  EXPECT_EQ(parsed.schema[4].logical_type->precision, 25);
  EXPECT_EQ(parsed.num_rows, 42);
  ASSERT_EQ(parsed.row_groups.size(), 1u);
  const ColumnMetaData& got = *parsed.row_groups[0].columns[0].meta_data;
  EXPECT_EQ(got.codec, kZstd);
  EXPECT_EQ(got.encodings, (std::vector<int32_t>{kPlain, kRle}));
  EXPECT_EQ(got.path_in_schema, std::vector<std::string>{"a"});
  EXPECT_EQ(got.dictionary_page_offset, 4);
  EXPECT_EQ(got.statistics->null_count, 3);
  EXPECT_EQ(got.statistics->min_value, std::string("\xFF\xFF\xFF\xFF", 4));
  EXPECT_EQ(parsed.key_value_metadata[0].value, "v");
  EXPECT_EQ(parsed.created_by, "me");
}

TEST(ParquetMetadataTest, PageHeaderRoundTripReportsItsSize) {
  PageHeader header;
  header.type = kDataPageV2;
  header.uncompressed_page_size = 100;
  header.compressed_page_size = 60;
  DataPageHeaderV2 v2;
  v2.num_values = 7;
  v2.num_nulls = 2;
  v2.num_rows = 7;
  v2.encoding = kRleDictionary;
  v2.definition_levels_byte_length = 3;
  v2.is_compressed = false;
  header.data_page_header_v2 = v2;
  std::string bytes = SerializePageHeader(header) + "trailing page data";
  size_t size = 0;
  PageHeader parsed = ParsePageHeader(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &size);
  EXPECT_EQ(size, bytes.size() - std::string("trailing page data").size());
  EXPECT_EQ(parsed.type, kDataPageV2);
  EXPECT_EQ(parsed.compressed_page_size, 60);
  EXPECT_EQ(parsed.data_page_header_v2->num_nulls, 2);
  EXPECT_EQ(parsed.data_page_header_v2->encoding, kRleDictionary);
  EXPECT_FALSE(parsed.data_page_header_v2->is_compressed);
}

TEST(ParquetMetadataTest, GarbageThrowsDecodeError) {
  std::string bytes = SerializePageHeader(PageHeader());
  for (size_t cut = 0; cut + 1 < bytes.size(); ++cut) {
    size_t size;
    EXPECT_THROW(ParsePageHeader(reinterpret_cast<const uint8_t*>(bytes.data()), cut, &size), ParquetDecodeError);
  }
  const uint8_t junk[] = {0x19, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00};  // a list claiming 2^32 elements
  EXPECT_THROW(ParseFileMetaData(junk, sizeof(junk)), ParquetDecodeError);
}

TEST(ParquetSchemaTest, SparkTypesAsSparkWritesThem) {
  auto elements = ToParquetSchema(
      ParseSchemaDdl("b BOOLEAN, t TINYINT, s SMALLINT, d DATE, n TIMESTAMP_NTZ, p DECIMAL(9,2), q DECIMAL(18,0), "
                     "r DECIMAL(38,0), bin BINARY"));
  EXPECT_EQ(elements[1].type, kBoolean);
  EXPECT_EQ(elements[2].type, kInt32);
  EXPECT_EQ(elements[2].converted_type, kInt8);
  EXPECT_EQ(elements[3].converted_type, kInt16);
  EXPECT_EQ(elements[4].converted_type, kDate);
  EXPECT_EQ(elements[5].type, kInt64);
  EXPECT_FALSE(elements[5].logical_type->adjusted_to_utc);
  EXPECT_FALSE(elements[5].converted_type.has_value());
  EXPECT_EQ(elements[6].type, kInt32);
  EXPECT_EQ(elements[7].type, kInt64);
  EXPECT_EQ(elements[8].type, kFixedLenByteArray);
  EXPECT_EQ(elements[8].type_length, 16);
  EXPECT_EQ(elements[9].type, kByteArray);
  EXPECT_FALSE(elements[9].converted_type.has_value());
  EXPECT_EQ(elements[1].repetition_type, kOptional);
  EXPECT_EQ(DecimalByteWidth(9), 4);
  EXPECT_EQ(DecimalByteWidth(18), 8);
  EXPECT_EQ(DecimalByteWidth(19), 9);
}

TEST(ParquetSchemaTest, ParquetTypesAsSparkReadsThem) {
  auto type_of = [](int32_t physical, std::optional<int32_t> converted, std::optional<LogicalType> logical = {}) {
    SchemaElement element;
    element.type = physical;
    element.converted_type = converted;
    element.logical_type = logical;
    element.precision = 5;
    element.scale = 2;
    element.type_length = 3;
    std::string why;
    TypePtr type = SparkTypeOf(element, &why);
    return type ? type->ToString() : "error: " + why;
  };
  EXPECT_EQ(type_of(kInt32, std::nullopt), "int");
  EXPECT_EQ(type_of(kInt32, kUint8), "smallint");
  EXPECT_EQ(type_of(kInt32, kUint16), "int");
  EXPECT_EQ(type_of(kInt32, kUint32), "bigint");
  EXPECT_EQ(type_of(kInt64, kUint64), "decimal(20,0)");
  EXPECT_EQ(type_of(kInt64, kTimestampMillis), "timestamp");
  EXPECT_EQ(type_of(kInt96, std::nullopt), "timestamp");
  EXPECT_EQ(type_of(kByteArray, std::nullopt), "binary");
  EXPECT_EQ(type_of(kByteArray, kUtf8), "string");
  EXPECT_EQ(type_of(kByteArray, kDecimal), "decimal(5,2)");
  EXPECT_EQ(type_of(kFixedLenByteArray, kDecimal), "decimal(5,2)");
  EXPECT_EQ(type_of(kFixedLenByteArray, std::nullopt), "binary");
  LogicalType ntz;
  ntz.kind = LogicalType::kTimestamp;
  ntz.adjusted_to_utc = false;
  EXPECT_EQ(type_of(kInt64, std::nullopt, ntz), "timestamp_ntz");
  EXPECT_EQ(type_of(kInt32, kTimeMillis).rfind("error: Illegal Parquet type: INT32", 0), 0u);
}

}  // namespace
}  // namespace ember::parquet

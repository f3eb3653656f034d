#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "functions/datetime/datetime_util.h"
#include "functions/json/json_datetime_codec.h"
#include "io/json/json_writer.h"
#include "functions/cast/java_number_format.h"
#include "json_test_util.h"

namespace ember {
namespace {

using json_test::ReadRows;
using json_test::TempDir;

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string JavaDouble(double value, bool is_float = false) {
  std::string out;
  if (is_float) {
    AppendJavaFloat(static_cast<float>(value), &out);
  } else {
    AppendJavaDouble(value, &out);
  }
  return out;
}

TEST(JsonWriterTest, DoublesPrintLikeJava) {
  EXPECT_EQ(JavaDouble(1.0), "1.0");
  EXPECT_EQ(JavaDouble(-2.5), "-2.5");
  EXPECT_EQ(JavaDouble(0.001), "0.001");
  EXPECT_EQ(JavaDouble(0.0001), "1.0E-4");
  EXPECT_EQ(JavaDouble(1234567.0), "1234567.0");
  EXPECT_EQ(JavaDouble(1e7), "1.0E7");
  EXPECT_EQ(JavaDouble(1.5e300), "1.5E300");
  EXPECT_EQ(JavaDouble(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(JavaDouble(0.0), "0.0");
  EXPECT_EQ(JavaDouble(-0.0), "-0.0");
  EXPECT_EQ(JavaDouble(std::nan("")), "NaN");
  EXPECT_EQ(JavaDouble(-INFINITY), "-Infinity");
  EXPECT_EQ(JavaDouble(0.1f, true), "0.1");
  EXPECT_EQ(JavaDouble(100.0), "100.0");
}

TEST(JsonWriterTest, WritesRowsOmittingNulls) {
  TempDir dir;
  Schema schema = ParseSchemaDdl(
      "s string, n bigint, d double, b boolean, dt date, ts timestamp, dec decimal(5,2), bin binary, "
      "arr array<int>, m map<string,bigint>, st struct<x:int,y:string>");
  std::vector<std::unique_ptr<VectorBuilder>> builders;
  for (const auto& field : schema) builders.push_back(std::make_unique<VectorBuilder>(field.type));
  // Row 0: every value set.
  builders[0]->AppendString("a\"b\\c\n\x01é");
  builders[1]->Append<int64_t>(-42);
  builders[2]->Append<double>(1.5);
  builders[3]->AppendBool(true);
  builders[4]->Append<int32_t>(DaysFromCivil(2024, 1, 5));
  builders[5]->Append<int64_t>((int64_t{DaysFromCivil(2024, 1, 5)} * 86400 + 36000) * 1000000 + 123456);
  builders[6]->Append<int64_t>(-1250);
  builders[7]->AppendString("hi!");
  builders[8]->Child(0).Append<int32_t>(1);
  builders[8]->Child(0).AppendNull();
  builders[8]->FinishNested();
  builders[9]->Child(0).AppendString("k");
  builders[9]->Child(1).Append<int64_t>(7);
  builders[9]->FinishNested();
  builders[10]->Child(0).Append<int32_t>(3);
  builders[10]->Child(1).AppendNull();
  builders[10]->FinishNested();
  // Row 1: all null.
  for (auto& builder : builders) builder->AppendNull();
  Batch batch;
  for (auto& builder : builders) batch.columns.push_back(builder->Finish());
  batch.num_rows = 2;

  JsonFileFormat format;
  EXPECT_EQ(format.FileExtension({}), ".json");
  std::string path = dir.Path("part-0.json");
  auto writer = format.CreateWriter(path, schema, {}, EvalContext{});
  writer->Write(batch);
  writer->Close();
  EXPECT_EQ(ReadText(path),
            R"({"s":"a\"b\\c\n\u0001é","n":-42,"d":1.5,"b":true,"dt":"2024-01-05",)"
            R"("ts":"2024-01-05T10:00:00.123Z","dec":-12.50,"bin":"aGkh","arr":[1,null],)"
            R"("m":{"k":7},"st":{"x":3}})"
            "\n{}\n");

  // What was written reads back the same.
  auto rows = ReadRows({path}, schema);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0].str, "a\"b\\c\n\x01é");
  EXPECT_EQ(rows[0][5].i64, (int64_t{DaysFromCivil(2024, 1, 5)} * 86400 + 36000) * 1000000 + 123000);
  EXPECT_EQ(rows[0][6].DecimalUnscaled(), -1250);
  EXPECT_EQ(rows[0][7].str, "hi!");
  for (const auto& value : rows[1]) EXPECT_TRUE(value.is_null);
}

TEST(JsonWriterTest, TimestampsUseTheSessionZoneOffset) {
  std::string out;
  absl::TimeZone zone;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Paris", &zone));
  JsonDateTimeCodec paris(JsonOptions{}, zone);
  int64_t micros = (DaysFromCivil(2024, 7, 1) * 86400 + 3600) * 1000000;
  paris.FormatTimestamp(micros, &out);
  EXPECT_EQ(out, "2024-07-01T03:00:00.000+02:00");
  JsonDateTimeCodec utc(JsonOptions{}, absl::UTCTimeZone());
  out.clear();
  utc.FormatTimestamp(-1, &out);
  EXPECT_EQ(out, "1969-12-31T23:59:59.999Z");
  out.clear();
  utc.FormatDate(static_cast<int32_t>(DaysFromCivil(1, 1, 1)), &out);
  EXPECT_EQ(out, "0001-01-01");
}

TEST(JsonWriterTest, NullFieldsAndPatternsFollowTheOptions) {
  TempDir dir;
  Schema schema = ParseSchemaDdl("a bigint, d date, t timestamp, st struct<x:int>");
  std::vector<std::unique_ptr<VectorBuilder>> builders;
  for (const auto& field : schema) builders.push_back(std::make_unique<VectorBuilder>(field.type));
  builders[0]->AppendNull();
  builders[1]->Append<int32_t>(DaysFromCivil(2024, 3, 9));
  builders[2]->Append<int64_t>((int64_t{DaysFromCivil(2024, 3, 9)} * 86400 + 3723) * 1000000);
  builders[3]->Child(0).AppendNull();
  builders[3]->FinishNested();
  Batch batch;
  for (auto& builder : builders) batch.columns.push_back(builder->Finish());
  batch.num_rows = 1;
  JsonFileFormat format;
  std::string path = dir.Path("part-0.json");
  Options options = {{"ignorenullfields", "false"}, {"dateformat", "dd/MM/yyyy"}, {"timestampformat", "HH:mm:ss"}};
  auto writer = format.CreateWriter(path, schema, options, EvalContext{});
  writer->Write(batch);
  writer->Close();
  EXPECT_EQ(ReadText(path), "{\"a\":null,\"d\":\"09/03/2024\",\"t\":\"01:02:03\",\"st\":{\"x\":null}}\n");
}

TEST(JsonWriterTest, GzipCompressionWritesGzipFiles) {
  TempDir dir;
  Schema schema = ParseSchemaDdl("a bigint");
  VectorBuilder builder(LongType());
  for (int i = 0; i < 3; ++i) builder.Append<int64_t>(i);
  Batch batch({builder.Finish()}, 3);
  JsonFileFormat format;
  Options options = {{"compression", "gzip"}};
  EXPECT_EQ(format.FileExtension(options), ".json.gz");
  std::string path = dir.Path("part-0.json.gz");
  auto writer = format.CreateWriter(path, schema, options, EvalContext{});
  writer->Write(batch);
  writer->Close();
  std::string raw = ReadText(path);
  ASSERT_GE(raw.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(raw[0]), 0x1f);
  auto rows = ReadRows({path}, schema);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2][0].i64, 2);
}

}  // namespace
}  // namespace ember

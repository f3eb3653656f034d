#include <gtest/gtest.h>

#include <cmath>

#include "common/error.h"
#include "functions/datetime/datetime_util.h"
#include "json_test_util.h"

namespace ember {
namespace {

using json_test::ReadRows;
using json_test::TempDir;

Schema Ddl(const std::string& text) { return ParseSchemaDdl(text); }

TEST(JsonReaderTest, ReadsEveryScalarType) {
  TempDir dir;
  std::string path = dir.Write(
      "types.json",
      R"({"s":"héllo \"q\" \u00e9","b":true,"i8":-128,"i16":32767,"i32":-5,"i64":9007199254740993,)"
      R"("f":1.5,"d":-2.25e3,"dec":12.345,"wide":"123456789012345678901.5","dt":"2024-02-29",)"
      R"("ts":"2024-01-05T10:00:00.123456Z","bin":"aGVsbG8="})"
      "\n");
  Schema schema = Ddl(
      "s string, b boolean, i8 tinyint, i16 smallint, i32 int, i64 bigint, f float, d double, "
      "dec decimal(10,2), wide decimal(25,1), dt date, ts timestamp, bin binary");
  auto rows = ReadRows({path}, schema);
  ASSERT_EQ(rows.size(), 1u);
  const auto& row = rows[0];
  EXPECT_EQ(row[0].str, "héllo \"q\" é");
  EXPECT_EQ(row[1].i64, 1);
  EXPECT_EQ(row[2].i64, -128);
  EXPECT_EQ(row[3].i64, 32767);
  EXPECT_EQ(row[4].i64, -5);
  EXPECT_EQ(row[5].i64, 9007199254740993);
  EXPECT_DOUBLE_EQ(row[6].f64, 1.5);
  EXPECT_DOUBLE_EQ(row[7].f64, -2250.0);
  EXPECT_EQ(row[8].DecimalUnscaled(), 1235);  // rounded half up to scale 2
  EXPECT_EQ(Int128ToString(row[9].DecimalUnscaled()), "1234567890123456789015");
  EXPECT_EQ(row[10].i64, DaysFromCivil(2024, 2, 29));
  EXPECT_EQ(row[11].i64, (int64_t{DaysFromCivil(2024, 1, 5)} * 86400 + 36000) * 1000000 + 123456);
  EXPECT_EQ(row[12].str, "hello");
  for (const auto& value : row) EXPECT_FALSE(value.is_null);
}

TEST(JsonReaderTest, AnyJsonValueGoesIntoAStringColumnAsItsText) {
  TempDir dir;
  std::string path = dir.Write("strings.json",
                               "{\"v\":42}\n{\"v\":true}\n{\"v\":{\"a\": [1, 2]}}\n{\"v\":null}\n{\"v\":\"\"}\n");
  auto rows = ReadRows({path}, Ddl("v string, _corrupt_record string"));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0][0].str, "42");
  EXPECT_EQ(rows[1][0].str, "true");
  EXPECT_EQ(rows[2][0].str, "{\"a\":[1,2]}");
  EXPECT_TRUE(rows[3][0].is_null);
  EXPECT_EQ(rows[4][0].str, "");
  for (const auto& row : rows) EXPECT_TRUE(row[1].is_null) << "no record is corrupt";
}

TEST(JsonReaderTest, MissingFieldsAreNullUnknownIgnoredRepeatedKeyKeepsLast) {
  TempDir dir;
  std::string path = dir.Write("fields.json",
                               "{\"a\":1,\"zzz\":[1,{\"x\":2}],\"b\":\"x\"}\n{\"b\":\"y\"}\n{\"a\":1,\"a\":2}\n"
                               "{\"B\":\"case\",\"a\":3}\n");
  auto rows = ReadRows({path}, Ddl("b string, a bigint"));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][0].str, "x");
  EXPECT_EQ(rows[0][1].i64, 1);
  EXPECT_EQ(rows[1][0].str, "y");
  EXPECT_TRUE(rows[1][1].is_null);
  EXPECT_EQ(rows[2][1].i64, 2);
  EXPECT_TRUE(rows[3][0].is_null) << "field names match case-sensitively";
  EXPECT_EQ(rows[3][1].i64, 3);
}

TEST(JsonReaderTest, WrongTypesBecomeNullAndMarkTheRecordCorrupt) {
  TempDir dir;
  std::string lines[] = {
      R"({"n":"12","x":1})",    // string into bigint
      R"({"n":1.5,"x":2})",     // fraction into bigint
      R"({"i":3000000000,"x":3})",  // int overflow
      R"({"i":"","x":4})",      // empty string for a non-string type
      R"({"flag":"true","x":5})",  // string into boolean
      R"({"dt":"not a date","x":6})",
      R"({"n":7,"x":7})",       // fine
  };
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  std::string path = dir.Write("wrong.json", text);
  auto rows = ReadRows({path}, Ddl("n bigint, i int, flag boolean, dt date, x bigint, _corrupt_record string"));
  ASSERT_EQ(rows.size(), 7u);
  for (int r = 0; r < 6; ++r) {
    EXPECT_EQ(rows[r][4].i64, r + 1) << "the good field of a bad record is kept";
    EXPECT_EQ(rows[r][5].str, lines[r]);
    for (int c = 0; c < 4; ++c) EXPECT_TRUE(rows[r][c].is_null) << r << "," << c;
  }
  EXPECT_EQ(rows[6][0].i64, 7);
  EXPECT_TRUE(rows[6][5].is_null);
}

TEST(JsonReaderTest, PermissiveMalformedLinesGiveNullsAndTheRawLine) {
  TempDir dir;
  std::string path = dir.Write("bad.json", "{\"a\":1}\n{\"a\":\n\n   \n[1,2]\n\"text\"\n{\"a\":2} x\n{\"a\":3}\n");
  auto rows = ReadRows({path}, Ddl("a bigint, _corrupt_record string"));
  ASSERT_EQ(rows.size(), 6u) << "blank lines are skipped";
  EXPECT_EQ(rows[0][0].i64, 1);
  EXPECT_TRUE(rows[0][1].is_null);
  std::vector<std::string> bad = {"{\"a\":", "[1,2]", "\"text\"", "{\"a\":2} x"};
  for (size_t i = 0; i < bad.size(); ++i) {
    EXPECT_TRUE(rows[i + 1][0].is_null);
    EXPECT_EQ(rows[i + 1][1].str, bad[i]);
  }
  EXPECT_EQ(rows[5][0].i64, 3);

  auto without_corrupt = ReadRows({path}, Ddl("a bigint"));
  ASSERT_EQ(without_corrupt.size(), 6u);
  EXPECT_TRUE(without_corrupt[1][0].is_null);
}

TEST(JsonReaderTest, CorruptColumnNameComesFromTheOption) {
  TempDir dir;
  std::string path = dir.Write("bad.json", "{\"a\":1}\n{oops\n");
  auto rows = ReadRows({path}, Ddl("a bigint, bad string"), {{"columnnameofcorruptrecord", "bad"}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0][1].is_null);
  EXPECT_EQ(rows[1][1].str, "{oops");
}

TEST(JsonReaderTest, DropMalformedDropsBadLinesAndBadValues) {
  TempDir dir;
  std::string path = dir.Write("drop.json",
                               "{\"a\":1}\n{\"a\":\n{\"a\":\"x\"}\n{\"a\":[1]}\n{\"s\":{\"v\":\"x\"}}\n{\"a\":4}\n");
  auto rows = ReadRows({path}, Ddl("a bigint, s struct<v:int>"), {{"mode", "dropmalformed"}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0].i64, 1);
  EXPECT_EQ(rows[1][0].i64, 4);
}

TEST(JsonReaderTest, FailFastNamesFileLineAndRecord) {
  TempDir dir;
  std::string path = dir.Write("fail.json", "{\"a\":1}\n\n{\"a\":2}\n{\"a\":\"two\"}\n");
  try {
    ReadRows({path}, Ddl("a bigint"), {{"mode", "FAILFAST"}});
    FAIL() << "expected a malformed-record error";
  } catch (const SparkError& error) {
    EXPECT_EQ(error.error_class(), "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION");
    std::string message = error.what();
    EXPECT_NE(message.find("{\"a\":\"two\"}"), std::string::npos) << message;
    EXPECT_NE(message.find("file:" + path), std::string::npos) << message;
    EXPECT_NE(message.find("line 4"), std::string::npos) << message;
    EXPECT_NE(message.find("Parse Mode: FAILFAST"), std::string::npos) << message;
  }
  // The line number counts from the file's start when the split begins mid-file.
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "{\"a\":" + std::to_string(i) + "}\n";
  text += "{broken\n";
  std::string late = dir.Write("late.json", text);
  try {
    ReadRows({late}, Ddl("a bigint"), {{"mode", "failfast"}}, 1000);
    FAIL() << "expected a malformed-record error";
  } catch (const SparkError& error) {
    EXPECT_NE(std::string(error.what()).find("line 1001"), std::string::npos) << error.what();
  }
}

TEST(JsonReaderTest, NestedArraysStructsAndMaps) {
  TempDir dir;
  std::string path = dir.Write(
      "nested.json",
      R"({"arr":[1,null,3],"st":{"x":1,"y":["a","b"]},"m":{"k1":1.5,"k2":null},"as":[{"v":1},{"v":2}]})"
      "\n"
      R"({"arr":[],"st":{"y":null},"m":{},"as":[{"w":1}]})"
      "\n"
      R"({"arr":null})"
      "\n");
  Schema schema = Ddl("arr array<bigint>, st struct<x:int,y:array<string>>, m map<string,double>, "
                      "as array<struct<v:bigint>>");
  auto rows = ReadRows({path}, schema);
  ASSERT_EQ(rows.size(), 3u);
  const auto& first = rows[0];
  ASSERT_EQ(first[0].children.size(), 3u);
  EXPECT_EQ(first[0].children[0].i64, 1);
  EXPECT_TRUE(first[0].children[1].is_null);
  EXPECT_EQ(first[0].children[2].i64, 3);
  EXPECT_EQ(first[1].children[0].i64, 1);
  ASSERT_EQ(first[1].children[1].children.size(), 2u);
  EXPECT_EQ(first[1].children[1].children[1].str, "b");
  ASSERT_EQ(first[2].children.size(), 4u);  // keys then values
  EXPECT_EQ(first[2].children[0].str, "k1");
  EXPECT_EQ(first[2].children[1].str, "k2");
  EXPECT_DOUBLE_EQ(first[2].children[2].f64, 1.5);
  EXPECT_TRUE(first[2].children[3].is_null);
  ASSERT_EQ(first[3].children.size(), 2u);
  EXPECT_EQ(first[3].children[1].children[0].i64, 2);

  const auto& second = rows[1];
  EXPECT_FALSE(second[0].is_null);
  EXPECT_TRUE(second[0].children.empty());
  EXPECT_TRUE(second[1].children[0].is_null);
  EXPECT_TRUE(second[1].children[1].is_null);
  EXPECT_TRUE(second[2].children.empty());
  EXPECT_TRUE(second[3].children[0].children[0].is_null);
  EXPECT_TRUE(rows[2][0].is_null);
  EXPECT_TRUE(rows[2][1].is_null);
}

TEST(JsonReaderTest, BadNestedLeafIsNullAndRecordCorrupt) {
  TempDir dir;
  std::string path = dir.Write("nested_bad.json", "{\"arr\":[1,\"x\",3],\"st\":5}\n");
  auto rows = ReadRows({path}, Ddl("arr array<bigint>, st struct<x:int>, _corrupt_record string"));
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows[0][0].children.size(), 3u);
  EXPECT_EQ(rows[0][0].children[0].i64, 1);
  EXPECT_TRUE(rows[0][0].children[1].is_null);
  EXPECT_EQ(rows[0][0].children[2].i64, 3);
  EXPECT_TRUE(rows[0][1].is_null);
  EXPECT_EQ(rows[0][2].str, "{\"arr\":[1,\"x\",3],\"st\":5}");
}

TEST(JsonReaderTest, TopLevelArrayGivesOneRowPerObject) {
  TempDir dir;
  std::string path = dir.Write("array.json", "[{\"a\":1},{\"a\":2}]\n[]\n{\"a\":3}\n");
  auto rows = ReadRows({path}, Ddl("a bigint"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0].i64, 2);
  EXPECT_EQ(rows[2][0].i64, 3);
}

TEST(JsonReaderTest, DatesAndTimestampsParseLeniently) {
  TempDir dir;
  std::string path = dir.Write(
      "times.json",
      "{\"d\":\"2024-1-5\",\"t\":\"2024-01-05 10:00\"}\n"
      "{\"d\":\"2024-01-05T23:59:59\",\"t\":\"2024-01-05T10:00:00+02:00\"}\n"
      "{\"d\":\"2024\",\"t\":1700000000}\n"
      "{\"d\":\"2024-13-01\",\"t\":\"2024-01-05T10:00:00.5 UTC\"}\n"
      "{\"d\":\"2023-02-29\",\"t\":\"2024-01-05\"}\n");
  EvalContext ctx;
  ASSERT_TRUE(absl::LoadTimeZone("America/Los_Angeles", &ctx.time_zone));
  auto rows = ReadRows({path}, Ddl("d date, t timestamp"), {}, 128 << 20, ctx);
  ASSERT_EQ(rows.size(), 5u);
  int64_t day = DaysFromCivil(2024, 1, 5);
  EXPECT_EQ(rows[0][0].i64, day);
  EXPECT_EQ(rows[0][1].i64, (day * 86400 + 18 * 3600) * 1000000) << "no zone: session zone (UTC-8)";
  EXPECT_EQ(rows[1][0].i64, day);
  EXPECT_EQ(rows[1][1].i64, (day * 86400 + 8 * 3600) * 1000000);
  EXPECT_EQ(rows[2][0].i64, DaysFromCivil(2024, 1, 1));
  EXPECT_EQ(rows[2][1].i64, int64_t{1700000000} * 1000000) << "integers are epoch seconds";
  EXPECT_TRUE(rows[3][0].is_null);
  EXPECT_EQ(rows[3][1].i64, (day * 86400 + 10 * 3600) * 1000000 + 500000);
  EXPECT_TRUE(rows[4][0].is_null);
  EXPECT_EQ(rows[4][1].i64, (day * 86400 + 8 * 3600) * 1000000);
}

TEST(JsonReaderTest, FloatingColumnsAcceptIntegersAndNonNumericStrings) {
  TempDir dir;
  std::string path = dir.Write("floats.json",
                               "{\"d\":3}\n{\"d\":\"NaN\"}\n{\"d\":\"-Infinity\"}\n{\"d\":\"1.5\"}\n");
  auto rows = ReadRows({path}, Ddl("d double, _corrupt_record string"));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_DOUBLE_EQ(rows[0][0].f64, 3.0);
  EXPECT_TRUE(std::isnan(rows[1][0].f64));
  EXPECT_TRUE(std::isinf(rows[2][0].f64) && rows[2][0].f64 < 0);
  EXPECT_TRUE(rows[3][0].is_null);
  EXPECT_FALSE(rows[3][1].is_null);
}

TEST(JsonReaderTest, EmptyReadSchemaCountsRecords) {
  TempDir dir;
  std::string path = dir.Write("count.json", "{\"a\":1}\n\n{\"a\":2}\n[{},{}]\n");
  JsonFileFormat format;
  int64_t rows = 0;
  for (const FileSplit& split : format.PlanSplits({path}, {}, 1 << 20)) {
    auto reader = format.Open(split, Ddl("a bigint"), {}, {}, {}, EvalContext{});
    Batch batch;
    while (reader->Next(&batch)) {
      EXPECT_TRUE(batch.columns.empty());
      rows += batch.num_rows;
    }
  }
  EXPECT_EQ(rows, 4);
}

TEST(JsonReaderTest, LargeInputComesInBatchesOfAboutBatchRows) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 10000; ++i) {
    text += R"({"user_id":"u)" + std::to_string(i % 77) + R"(","account_id":"acc_)" + std::to_string(i % 5) +
            R"(","event_name":"page_view","timestamp":)" + std::to_string(1700000000 + i) + "}\n";
  }
  std::string path = dir.Write("events.json", text);
  JsonFileFormat format;
  Schema schema = Ddl("user_id string, account_id string, event_name string, timestamp bigint");
  auto splits = format.PlanSplits({path}, {}, 1 << 30);
  ASSERT_EQ(splits.size(), 1u);
  auto reader = format.Open(splits[0], schema, schema, {}, {}, EvalContext{});
  Batch batch;
  std::vector<int64_t> sizes;
  int64_t sum = 0;
  while (reader->Next(&batch)) {
    sizes.push_back(batch.num_rows);
    const int64_t* stamps = batch.columns[3]->Data<int64_t>();
    for (int64_t r = 0; r < batch.num_rows; ++r) sum += stamps[r] - 1700000000;
    EXPECT_EQ(batch.columns[1]->GetString(0).substr(0, 4), "acc_");
  }
  EXPECT_EQ(sizes, (std::vector<int64_t>{4096, 4096, 1808}));
  EXPECT_EQ(sum, int64_t{10000} * 9999 / 2);
}

TEST(JsonReaderTest, UnsupportedOptionsAreRejected) {
  TempDir dir;
  std::string path = dir.Write("x.json", "{}\n");
  EXPECT_THROW(ReadRows({path}, Ddl("a int"), {{"multiline", "true"}}), SparkError);
  EXPECT_THROW(ReadRows({path}, Ddl("a int"), {{"compression", "lz5"}}), SparkError);
}

TEST(JsonReaderTest, UserPatternsReplaceTheLenientDefaults) {
  TempDir dir;
  std::string path = dir.Write("patterns.json",
                               "{\"d\":\"05.01.2024\",\"t\":\"05/01/2024 10:30\"}\n"
                               "{\"d\":\"2024-01-05\",\"t\":\"2024-01-05 10:30:00\"}\n");
  auto rows = ReadRows({path}, Ddl("d date, t timestamp"),
                       {{"dateformat", "dd.MM.yyyy"}, {"timestampformat", "dd/MM/yyyy HH:mm"}});
  ASSERT_EQ(rows.size(), 2u);
  int64_t day = DaysFromCivil(2024, 1, 5);
  EXPECT_EQ(rows[0][0].i64, day);
  EXPECT_EQ(rows[0][1].i64, (day * 86400 + 10 * 3600 + 1800) * 1000000);
  EXPECT_TRUE(rows[1][0].is_null) << "no fallback to the default parser with a user pattern";
  EXPECT_TRUE(rows[1][1].is_null);
}

}  // namespace
}  // namespace ember

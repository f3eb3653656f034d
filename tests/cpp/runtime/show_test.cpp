// FormatShowString against show() text written out by hand as Spark 4 prints it.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "runtime/show.h"

namespace ember {
namespace {

VectorPtr Ints(const std::vector<std::optional<int32_t>>& values) {
  VectorBuilder builder(IntType());
  for (const auto& v : values) {
    if (v) {
      builder.Append<int32_t>(*v);
    } else {
      builder.AppendNull();
    }
  }
  return builder.Finish();
}

VectorPtr Strings(const std::vector<std::optional<std::string>>& values) {
  VectorBuilder builder(StringType());
  for (const auto& v : values) {
    if (v) {
      builder.AppendString(*v);
    } else {
      builder.AppendNull();
    }
  }
  return builder.Finish();
}

VectorPtr Doubles(const std::vector<double>& values) {
  VectorBuilder builder(DoubleType());
  for (double v : values) builder.Append<double>(v);
  return builder.Finish();
}

QueryResult Result(Schema schema, std::vector<VectorPtr> columns) {
  QueryResult result;
  result.schema = std::move(schema);
  int64_t rows = columns.empty() ? 0 : columns[0]->length();
  result.batches.emplace_back(std::move(columns), rows);
  return result;
}

QueryResult People() {
  return Result({{"id", IntType(), true}, {"name", StringType(), true}},
                {Ints({1, 2, 30}), Strings({"alice", std::nullopt, "bob"})});
}

std::string Show(const QueryResult& result, int num_rows, int truncate, bool vertical) {
  EvalContext ctx;
  return FormatShowString(result, num_rows, truncate, vertical, ctx);
}

TEST(ShowString, RightAlignsWhenTruncating) {
  EXPECT_EQ(Show(People(), 20, 20, false),
            "+---+-----+\n"
            "| id| name|\n"
            "+---+-----+\n"
            "|  1|alice|\n"
            "|  2| NULL|\n"
            "| 30|  bob|\n"
            "+---+-----+\n");
}

TEST(ShowString, LeftAlignsWithoutTruncation) {
  EXPECT_EQ(Show(People(), 20, 0, false),
            "+---+-----+\n"
            "|id |name |\n"
            "+---+-----+\n"
            "|1  |alice|\n"
            "|2  |NULL |\n"
            "|30 |bob  |\n"
            "+---+-----+\n");
}

TEST(ShowString, FooterWhenRowsAreLeftOut) {
  EXPECT_EQ(Show(People(), 2, 20, false),
            "+---+-----+\n"
            "| id| name|\n"
            "+---+-----+\n"
            "|  1|alice|\n"
            "|  2| NULL|\n"
            "+---+-----+\n"
            "only showing top 2 rows\n");
  EXPECT_EQ(Show(People(), 1, 20, false),
            "+---+-----+\n"
            "| id| name|\n"
            "+---+-----+\n"
            "|  1|alice|\n"
            "+---+-----+\n"
            "only showing top 1 row\n");
}

TEST(ShowString, TruncatesLongCellsButNotHeaders) {
  QueryResult result = Result({{"a_rather_long_column_name", StringType(), true}},
                              {Strings({"abcdefghijklmnopqrstuvwxyz", "short"})});
  EXPECT_EQ(Show(result, 20, 20, false),
            "+-------------------------+\n"
            "|a_rather_long_column_name|\n"
            "+-------------------------+\n"
            "|     abcdefghijklmnopq...|\n"
            "|                    short|\n"
            "+-------------------------+\n");
  // Under four characters the cut is hard, without an ellipsis.
  EXPECT_EQ(Show(result, 20, 3, false),
            "+-------------------------+\n"
            "|a_rather_long_column_name|\n"
            "+-------------------------+\n"
            "|                      abc|\n"
            "|                      sho|\n"
            "+-------------------------+\n");
}

TEST(ShowString, WideCharactersCountTwice) {
  QueryResult result = Result({{"s", StringType(), true}}, {Strings({"日本", "ab"})});
  EXPECT_EQ(Show(result, 20, 20, false),
            "+----+\n"
            "|   s|\n"
            "+----+\n"
            "|日本|\n"
            "|  ab|\n"
            "+----+\n");
}

TEST(ShowString, EscapesControlCharacters) {
  QueryResult result = Result({{"s", StringType(), true}}, {Strings({"a\nb\tc"})});
  EXPECT_EQ(Show(result, 20, 20, false),
            "+-------+\n"
            "|      s|\n"
            "+-------+\n"
            "|a\\nb\\tc|\n"
            "+-------+\n");
}

TEST(ShowString, EmptyResultKeepsTheHeader) {
  QueryResult result = Result({{"id", IntType(), true}}, {Ints({})});
  EXPECT_EQ(Show(result, 20, 20, false),
            "+---+\n"
            "| id|\n"
            "+---+\n"
            "+---+\n");
}

TEST(ShowString, Vertical) {
  EXPECT_EQ(Show(People(), 20, 20, true),
            "-RECORD 0-----\n"
            " id   | 1     \n"
            " name | alice \n"
            "-RECORD 1-----\n"
            " id   | 2     \n"
            " name | NULL  \n"
            "-RECORD 2-----\n"
            " id   | 30    \n"
            " name | bob   \n");
  EXPECT_EQ(Show(People(), 1, 20, true),
            "-RECORD 0-----\n"
            " id   | 1     \n"
            " name | alice \n"
            "only showing top 1 row\n");
}

TEST(ShowString, VerticalEmptyResult) {
  QueryResult result = Result({{"id", IntType(), true}}, {Ints({})});
  EXPECT_EQ(Show(result, 20, 20, true), "(0 rows)\n");
}

TEST(ShowString, DoublesAsJavaPrintsThem) {
  QueryResult result = Result({{"d", DoubleType(), true}}, {Doubles({1.0, 1e10, 0.0001, -2.5})});
  EXPECT_EQ(Show(result, 20, 20, false),
            "+------+\n"
            "|     d|\n"
            "+------+\n"
            "|   1.0|\n"
            "|1.0E10|\n"
            "|1.0E-4|\n"
            "|  -2.5|\n"
            "+------+\n");
}

TEST(ShowString, DatesTimestampsDecimalsAndBinary) {
  VectorBuilder dates(DateType());
  dates.Append<int32_t>(19727);
  VectorBuilder stamps(TimestampType());
  stamps.Append<int64_t>(1704448800500000);  // 2024-01-05 10:00:00.5 UTC
  VectorBuilder decimals(DecimalType(5, 2));
  decimals.Append<int64_t>(1250);
  VectorBuilder binary(BinaryType());
  binary.AppendString(std::string("\x0a\x1b", 2));
  QueryResult result = Result({{"d", DateType(), true},
                               {"t", TimestampType(), true},
                               {"n", DecimalType(5, 2), true},
                               {"b", BinaryType(), true}},
                              {dates.Finish(), stamps.Finish(), decimals.Finish(), binary.Finish()});
  EXPECT_EQ(Show(result, 20, 0, false),
            "+----------+---------------------+-----+-------+\n"
            "|d         |t                    |n    |b      |\n"
            "+----------+---------------------+-----+-------+\n"
            "|2024-01-05|2024-01-05 10:00:00.5|12.50|[0A 1B]|\n"
            "+----------+---------------------+-----+-------+\n");
}

TEST(ShowString, NestedValues) {
  VectorBuilder arrays(ArrayType(IntType()));
  arrays.Child(0).Append<int32_t>(1);
  arrays.Child(0).Append<int32_t>(2);
  arrays.FinishNested();
  VectorBuilder maps(MapType(StringType(), IntType()));
  maps.Child(0).AppendString("a");
  maps.Child(1).Append<int32_t>(1);
  maps.FinishNested();
  TypePtr struct_type = StructType({{"x", IntType(), true}, {"y", StringType(), true}});
  VectorBuilder structs(struct_type);
  structs.Child(0).Append<int32_t>(7);
  structs.Child(1).AppendString("z");
  structs.FinishNested();
  QueryResult result = Result({{"a", ArrayType(IntType()), true},
                               {"m", MapType(StringType(), IntType()), true},
                               {"s", struct_type, true}},
                              {arrays.Finish(), maps.Finish(), structs.Finish()});
  EXPECT_EQ(Show(result, 20, 20, false),
            "+------+--------+------+\n"
            "|     a|       m|     s|\n"
            "+------+--------+------+\n"
            "|[1, 2]|{a -> 1}|{7, z}|\n"
            "+------+--------+------+\n");
}

TEST(ShowString, RowsSpanSeveralBatches) {
  QueryResult result;
  result.schema = {{"id", IntType(), true}};
  result.batches.emplace_back(std::vector<VectorPtr>{Ints({1, 2})}, 2);
  result.batches.emplace_back(std::vector<VectorPtr>{Ints({3, 4})}, 2);
  EXPECT_EQ(Show(result, 3, 20, false),
            "+---+\n"
            "| id|\n"
            "+---+\n"
            "|  1|\n"
            "|  2|\n"
            "|  3|\n"
            "+---+\n"
            "only showing top 3 rows\n");
}

}  // namespace
}  // namespace ember

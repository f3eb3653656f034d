#include "common/vector.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "common/value.h"

namespace ember {
namespace {

TEST(VectorBuilderTest, BuildsLongsWithNulls) {
  VectorBuilder builder(LongType());
  builder.Append<int64_t>(1);
  builder.AppendNull();
  for (int i = 0; i < 100; ++i) builder.Append<int64_t>(i);
  VectorPtr vector = builder.Finish();
  ASSERT_EQ(vector->length(), 102);
  EXPECT_TRUE(vector->IsValid(0));
  EXPECT_TRUE(vector->IsNull(1));
  EXPECT_TRUE(vector->IsValid(101));
  EXPECT_EQ(vector->Data<int64_t>()[101], 99);
  EXPECT_EQ(vector->CountNulls(), 1);
}

TEST(VectorBuilderTest, BuildsStringsWithArrowOffsets) {
  VectorBuilder builder(StringType());
  builder.AppendString("ab");
  builder.AppendNull();
  builder.AppendString("");
  builder.AppendString("xyz");
  VectorPtr vector = builder.Finish();
  ASSERT_EQ(vector->length(), 4);
  const int32_t* offsets = vector->Offsets();
  EXPECT_EQ(offsets[0], 0);
  EXPECT_EQ(offsets[1], 2);
  EXPECT_EQ(offsets[2], 2);
  EXPECT_EQ(offsets[4], 5);
  EXPECT_EQ(vector->GetString(3), "xyz");
  EXPECT_TRUE(vector->IsNull(1));
  EXPECT_FALSE(vector->IsNull(2));
}

TEST(VectorBuilderTest, BuildsNestedValues) {
  TypePtr type = StructType({{"tags", ArrayType(StringType())}, {"n", IntType()}});
  Value row = Value::Null(type);
  row.is_null = false;
  Value tags = Value::Null(ArrayType(StringType()));
  tags.is_null = false;
  tags.children = {Value::String("a"), Value::Null(StringType())};
  row.children = {tags, Value::Int(7)};
  VectorBuilder builder(type);
  AppendValue(builder, row);
  builder.AppendNull();
  VectorPtr vector = builder.Finish();
  ASSERT_EQ(vector->length(), 2);
  Value back = GetValue(*vector, 0);
  ASSERT_EQ(back.children.size(), 2u);
  EXPECT_EQ(back.children[0].children[0].str, "a");
  EXPECT_TRUE(back.children[0].children[1].is_null);
  EXPECT_EQ(back.children[1].i64, 7);
  EXPECT_TRUE(GetValue(*vector, 1).is_null);
}

TEST(VectorTest, TakeGathersValuesAndNulls) {
  VectorBuilder builder(StringType());
  builder.AppendString("a");
  builder.AppendNull();
  builder.AppendString("c");
  VectorPtr vector = builder.Finish();
  std::vector<int32_t> indices = {2, 1, 0, 2};
  VectorPtr taken = TakeRows(*vector, indices.data(), 4);
  EXPECT_EQ(taken->GetString(0), "c");
  EXPECT_TRUE(taken->IsNull(1));
  EXPECT_EQ(taken->GetString(2), "a");
  EXPECT_EQ(taken->GetString(3), "c");
}

TEST(VectorBuilderTest, AppendRowsGathersInBulkAndAfterNulls) {
  VectorBuilder ints(IntType());
  for (int32_t v : {10, 20, 30}) ints.Append<int32_t>(v);
  VectorPtr source = ints.Finish();
  VectorBuilder strings(StringType());
  for (const char* v : {"a", "bb", ""}) strings.AppendString(v);
  VectorPtr words = strings.Finish();
  std::vector<int32_t> indices = {2, 0, 2};

  VectorBuilder out(IntType());
  out.Append<int32_t>(1);
  out.AppendRows(*source, indices.data(), 3);
  out.AppendNull();  // from here on the builder keeps validity, and appends row by row
  out.AppendRows(*source, indices.data(), 2);
  VectorPtr result = out.Finish();
  ASSERT_EQ(result->length(), 7);
  std::vector<int32_t> expected = {1, 30, 10, 30, 0, 30, 10};
  for (int i = 0; i < 7; ++i) {
    if (i == 4) continue;
    EXPECT_EQ(result->Data<int32_t>()[i], expected[i]) << i;
  }
  EXPECT_TRUE(result->IsNull(4));
  EXPECT_FALSE(result->IsNull(5));

  VectorBuilder text(StringType());
  text.AppendString("x");
  text.AppendRows(*words, indices.data(), 3);
  VectorPtr joined = text.Finish();
  ASSERT_EQ(joined->length(), 4);
  EXPECT_EQ(joined->GetString(0), "x");
  EXPECT_EQ(joined->GetString(1), "");
  EXPECT_EQ(joined->GetString(2), "a");
  EXPECT_EQ(joined->GetString(3), "");
}

TEST(VectorTest, ConcatKeepsNulls) {
  VectorBuilder a(IntType());
  a.Append<int32_t>(1);
  VectorBuilder b(IntType());
  b.AppendNull();
  b.Append<int32_t>(3);
  VectorPtr joined = ConcatVectors({a.Finish(), b.Finish()});
  ASSERT_EQ(joined->length(), 3);
  EXPECT_TRUE(joined->IsNull(1));
  EXPECT_EQ(joined->Data<int32_t>()[2], 3);
}

TEST(TypesTest, ParsesDdl) {
  Schema schema = ParseSchemaDdl("id INT, s STRING NOT NULL, d decimal(10, 2), m map<string,array<bigint>>");
  ASSERT_EQ(schema.size(), 4u);
  EXPECT_EQ(schema[0].type->ToString(), "int");
  EXPECT_FALSE(schema[1].nullable);
  EXPECT_EQ(schema[2].type->ToString(), "decimal(10,2)");
  EXPECT_EQ(schema[3].type->ToString(), "map<string,array<bigint>>");
  EXPECT_EQ(schema[0].type->TypeName(), "integer");
  EXPECT_THROW(ParseSchemaDdl("id INTT"), SparkError);
}

TEST(ValueTest, FormatsDecimals) {
  EXPECT_EQ(DecimalToString(12345, 2), "123.45");
  EXPECT_EQ(DecimalToString(-5, 3), "-0.005");
  EXPECT_EQ(DecimalToString(7, 0), "7");
}

TEST(ErrorTest, RendersSparkMessage) {
  SparkError error("PATH_NOT_FOUND", {{"path", "file:/x"}});
  EXPECT_STREQ(error.what(), "[PATH_NOT_FOUND] Path does not exist: file:/x. SQLSTATE: 42K03");
  EXPECT_EQ(error.sql_state(), "42K03");
}

}  // namespace
}  // namespace ember

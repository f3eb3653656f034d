// Nested columns (arrays of arrays, maps, structs with lists, ML vectors) written by Ember's
// Parquet writer and read back by its reader: nulls and empty lists at every level, several
// pages and row groups, and the Spark schema metadata that marks vector columns.
#include <gtest/gtest.h>

#include "common/error.h"
#include "common/value.h"
#include "parquet_test_util.h"

namespace ember::parquet {
namespace {

using testing::TempPath;

std::string Text(const Value& v) {
  if (v.is_null) return "null";
  switch (v.type->id) {
    case TypeId::kArray:
    case TypeId::kMap:
    case TypeId::kStruct: {
      std::string out = "(";
      for (const Value& child : v.children) out += Text(child) + " ";
      return out + ")";
    }
    case TypeId::kString: return "'" + v.str + "'";
    case TypeId::kDouble: return std::to_string(v.f64);
    default: return std::to_string(v.i64);
  }
}

Value Nested(TypePtr type, std::vector<Value> children) {
  Value v = Value::Null(std::move(type));
  v.is_null = false;
  v.children = std::move(children);
  return v;
}

Value Byte(int8_t b) {
  Value v = Value::Long(b);
  v.type = ByteType();
  return v;
}

Schema NestedSchema() {
  return {{"id", IntType(), false},
          {"a", ParseDataType("array<array<string>>"), true},
          {"m", ParseDataType("map<string,int>"), true},
          {"s", ParseDataType("struct<x:int,y:array<double>>"), true},
          {"v", VectorUdtType(), true}};
}

std::vector<Value> SampleRow(int r) {
  const Schema schema = NestedSchema();
  std::vector<Value> row{Value::Int(r)};
  if (r % 5 == 0) {
    row.push_back(Value::Null(schema[1].type));
  } else {
    std::vector<Value> outer;
    for (int j = 0; j < r % 4; ++j) {
      if (j == 1 && r % 3 == 0) {
        outer.push_back(Value::Null(schema[1].type->element));
        continue;
      }
      std::vector<Value> inner;
      for (int k = 0; k < (j + r) % 3; ++k) {
        inner.push_back(k == 2 ? Value::Null(StringType())
                               : Value::String("s" + std::to_string(r) + "_" + std::to_string(k)));
      }
      outer.push_back(Nested(schema[1].type->element, std::move(inner)));
    }
    row.push_back(Nested(schema[1].type, std::move(outer)));
  }
  if (r % 7 == 3) {
    row.push_back(Value::Null(schema[2].type));
  } else {
    std::vector<Value> keys, values;
    for (int i = 0; i < r % 3; ++i) {
      keys.push_back(Value::String("k" + std::to_string(i)));
      values.push_back(i == 1 ? Value::Null(IntType()) : Value::Int(r * i));
    }
    for (Value& v : values) keys.push_back(std::move(v));
    row.push_back(Nested(schema[2].type, std::move(keys)));
  }
  if (r % 6 == 5) {
    row.push_back(Value::Null(schema[3].type));
  } else {
    std::vector<Value> y;
    for (int k = 0; k < r % 3; ++k) y.push_back(Value::Double(r + 0.5 * k));
    row.push_back(Nested(schema[3].type, {r % 4 == 0 ? Value::Null(IntType()) : Value::Int(r),
                                          Nested(schema[3].type->fields[1].type, std::move(y))}));
  }
  TypePtr ints = ArrayType(IntType(), false), doubles = ArrayType(DoubleType(), false);
  if (r % 4 == 0) {
    row.push_back(Value::Null(VectorUdtType()));
  } else if (r % 2 == 1) {
    row.push_back(Nested(VectorUdtType(), {Byte(1), Value::Null(IntType()), Value::Null(ints),
                                           Nested(doubles, {Value::Double(r), Value::Double(0), Value::Double(-r)})}));
  } else {
    row.push_back(Nested(VectorUdtType(), {Byte(0), Value::Int(5), Nested(ints, {Value::Int(1), Value::Int(3)}),
                                           Nested(doubles, {Value::Double(r), Value::Double(r / 2.0)})}));
  }
  return row;
}

TEST(ParquetNestedTest, RoundTripsNullsAndEmptyListsAcrossPagesAndRowGroups) {
  Schema schema = NestedSchema();
  std::string path = TempPath("nested.parquet");
  ParquetWriteOptions options;
  options.column.page_rows = 7;
  options.row_group_bytes = 1;  // a row group per batch
  std::vector<std::string> written;
  {
    ParquetFileWriter writer(path, schema, options);
    for (int first = 0; first < 200; first += 50) {
      std::vector<VectorBuilder> builders;
      for (const auto& field : schema) builders.emplace_back(field.type);
      for (int r = first; r < first + 50; ++r) {
        std::vector<Value> row = SampleRow(r);
        std::string text;
        for (size_t c = 0; c < row.size(); ++c) {
          AppendValue(builders[c], row[c]);
          text += Text(row[c]) + "|";
        }
        written.push_back(text);
      }
      std::vector<VectorPtr> columns;
      for (auto& builder : builders) columns.push_back(builder.Finish());
      writer.Write(Batch(std::move(columns), 50));
    }
    writer.Close();
  }
  auto file = ParquetFile::Open(path);
  EXPECT_EQ(file->metadata().row_groups.size(), 4u);
  ASSERT_EQ(file->columns().size(), 5u);
  for (size_t c = 0; c < schema.size(); ++c) EXPECT_TRUE(file->columns()[c].type->Equals(*schema[c].type)) << c;
  ParquetBatchReader reader(file, RowGroupsInRange(*file, 0, file->size()), schema, 33);
  std::vector<std::string> read;
  Batch batch;
  while (reader.Next(&batch)) {
    for (int64_t r = 0; r < batch.num_rows; ++r) {
      std::string text;
      for (const auto& column : batch.columns) text += Text(GetValue(*column, r)) + "|";
      read.push_back(text);
    }
  }
  EXPECT_EQ(read, written);
  std::remove(path.c_str());
}

TEST(ParquetNestedTest, LeafPathsAndLevelsFollowSparksLayout) {
  std::vector<std::shared_ptr<NestedColumn>> nested;
  Schema schema{{"a", ParseDataType("array<array<string>>"), true}, {"v", VectorUdtType(), true}};
  std::vector<SchemaElement> elements = ToParquetSchema(schema, &nested);
  ASSERT_EQ(nested.size(), 2u);
  const NestedLeaf& string_leaf = nested[0]->leaves[0];
  EXPECT_EQ(string_leaf.path, (std::vector<std::string>{"a", "list", "element", "list", "element"}));
  EXPECT_EQ(string_leaf.max_definition_level, 5);
  EXPECT_EQ(string_leaf.max_repetition_level, 2);
  ASSERT_EQ(nested[1]->leaves.size(), 4u);
  EXPECT_EQ(nested[1]->leaves[0].path, (std::vector<std::string>{"v", "type"}));
  EXPECT_EQ(nested[1]->leaves[0].max_definition_level, 1);  // required inside an optional struct
  EXPECT_EQ(nested[1]->leaves[2].path, (std::vector<std::string>{"v", "indices", "list", "element"}));
  EXPECT_EQ(nested[1]->leaves[2].max_definition_level, 3);
  EXPECT_EQ(elements[1].converted_type, kList);
  std::string json = SparkSchemaJson(schema);
  EXPECT_NE(json.find("{\"name\":\"v\",\"type\":{\"type\":\"udt\",\"class\":\"org.apache.spark.ml.linalg.VectorUDT\""),
            std::string::npos);
}

TEST(ParquetNestedTest, NullInRequiredNestedFieldIsRejected) {
  Schema schema{{"s", ParseDataType("struct<x:int not null>"), true}};
  std::string path = TempPath("required.parquet");
  ParquetFileWriter writer(path, schema, ParquetWriteOptions{});
  VectorBuilder builder(schema[0].type);
  AppendValue(builder, Nested(schema[0].type, {Value::Null(IntType())}));
  EXPECT_THROW(writer.Write(Batch({builder.Finish()}, 1)), SparkError);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace ember::parquet

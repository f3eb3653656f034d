#include <gtest/gtest.h>

#include "common/error.h"
#include "functions/json/json_type_inference.h"
#include "io/json/json_schema_inference.h"
#include "json_test_util.h"

namespace ember {
namespace {

using json_test::TempDir;

std::string Infer(const std::vector<std::string>& files, const Options& options = {}) {
  JsonFileFormat format;
  return SchemaToString(format.InferSchema(files, options, EvalContext{}));
}

TEST(JsonInferenceTest, ScalarTypesAndSortedFieldNames) {
  TempDir dir;
  std::string path = dir.Write("scalars.json",
                               R"({"z":"s","a":1,"m":1.5,"b":true,"n":null,"e":""})"
                               "\n");
  EXPECT_EQ(Infer({path}), "struct<a:bigint,b:boolean,e:string,m:double,n:string,z:string>");
}

TEST(JsonInferenceTest, ConflictingTypesWiden) {
  TempDir dir;
  std::string path = dir.Write("widen.json",
                               "{\"a\":1,\"b\":1,\"c\":true,\"d\":null,\"e\":[1]}\n"
                               "{\"a\":2.5,\"b\":\"x\",\"c\":1,\"d\":3,\"e\":{\"k\":1}}\n"
                               "{\"f\":18446744073709551615}\n{\"f\":1}\n");
  EXPECT_EQ(Infer({path}), "struct<a:double,b:string,c:string,d:bigint,e:string,f:decimal(20,0)>");
}

TEST(JsonInferenceTest, NestedObjectsAndArraysMerge) {
  TempDir dir;
  std::string path = dir.Write("nested.json",
                               "{\"s\":{\"y\":1,\"x\":\"a\"},\"arr\":[1,2.5],\"objs\":[{\"p\":1}]}\n"
                               "{\"s\":{\"z\":[true]},\"arr\":[],\"objs\":[{\"q\":\"v\"},{\"p\":null}]}\n"
                               "{\"empty\":{},\"none\":[],\"nulls\":[null]}\n");
  EXPECT_EQ(Infer({path}),
            "struct<arr:array<double>,none:array<string>,nulls:array<string>,"
            "objs:array<struct<p:bigint,q:string>>,s:struct<x:string,y:bigint,z:array<boolean>>>");
}

TEST(JsonInferenceTest, RepeatedShapesStillNoticeLaterChanges) {
  TempDir dir;
  std::string path = dir.Write("shapes.json",
                               "{\"s\":{\"x\":1},\"a\":[1],\"n\":null,\"u\":1}\n"
                               "{\"s\":{\"x\":2},\"a\":[2],\"n\":null,\"u\":2}\n"
                               "{\"s\":{\"x\":3,\"y\":\"n\"},\"a\":[1.5],\"n\":true,\"u\":9223372036854775808}\n"
                               "{\"s\":{\"x\":4},\"a\":[3],\"n\":false,\"u\":3}\n");
  EXPECT_EQ(Infer({path}), "struct<a:array<double>,n:boolean,s:struct<x:bigint,y:string>,u:decimal(20,0)>");
}

TEST(JsonInferenceTest, MalformedLinesFollowTheMode) {
  TempDir dir;
  std::string path = dir.Write("bad.json", "{\"a\":1}\n{\"a\":\n5\n\n");
  EXPECT_EQ(Infer({path}), "struct<_corrupt_record:string,a:bigint>");
  EXPECT_EQ(Infer({path}, {{"columnnameofcorruptrecord", "broken"}}), "struct<a:bigint,broken:string>");
  EXPECT_EQ(Infer({path}, {{"mode", "DROPMALFORMED"}}), "struct<a:bigint>");
  try {
    Infer({path}, {{"mode", "FAILFAST"}});
    FAIL() << "expected an inference error";
  } catch (const SparkError& error) {
    EXPECT_NE(std::string(error.what()).find("Malformed records are detected in schema inference"),
              std::string::npos);
  }
}

TEST(JsonInferenceTest, TopLevelArraysAndNullDocumentsAndSeveralFiles) {
  TempDir dir;
  std::string first = dir.Write("a.json", "[{\"a\":1},{\"b\":\"x\"}]\nnull\n");
  std::string second = dir.Write("b.json", "{\"c\":false}\n");
  EXPECT_EQ(Infer({first, second}), "struct<a:bigint,b:string,c:boolean>");
}

TEST(JsonInferenceTest, EmptyInputGivesEmptySchema) {
  TempDir dir;
  std::string path = dir.Write("empty.json", "\n{}\n");
  EXPECT_EQ(Infer({path}), "struct<>");
}

TEST(JsonInferenceTest, CompatibleTypeRules) {
  EXPECT_EQ(CompatibleJsonType(LongType(), DecimalType(5, 2))->ToString(), "decimal(22,2)");
  EXPECT_EQ(CompatibleJsonType(DecimalType(10, 1), DecimalType(5, 3))->ToString(), "decimal(12,3)");
  EXPECT_EQ(CompatibleJsonType(DecimalType(38, 0), DecimalType(5, 3))->ToString(), "double");
  EXPECT_EQ(CompatibleJsonType(DoubleType(), DecimalType(5, 3))->ToString(), "double");
  EXPECT_EQ(CompatibleJsonType(NullType(), BooleanType())->ToString(), "boolean");
  EXPECT_EQ(CompatibleJsonType(ArrayType(LongType()), ArrayType(DoubleType()))->ToString(), "array<double>");
}

}  // namespace
}  // namespace ember

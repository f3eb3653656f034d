// The serving runtime over a pipeline saved in Spark's layout by the test itself (metadata JSON and
// Parquet data): StringIndexer -> VectorAssembler -> StandardScaler -> LogisticRegression, with
// expected values worked out by hand.
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "io/parquet/parquet_writer.h"
#include "runtime/serving/serving_input.h"
#include "runtime/serving/serving_json.h"
#include "runtime/serving/serving_model.h"

namespace ember::serving {
namespace {

namespace fs = std::filesystem;

Value Array(TypePtr element, std::vector<Value> items) {
  Value v;
  v.type = ArrayType(element, false);
  v.is_null = false;
  v.children = std::move(items);
  return v;
}

Value Doubles(const std::vector<double>& values) {
  std::vector<Value> items;
  for (double d : values) items.push_back(Value::Double(d));
  return Array(DoubleType(), items);
}

Value Struct(TypePtr type, std::vector<Value> fields) {
  Value v;
  v.type = std::move(type);
  v.is_null = false;
  v.children = std::move(fields);
  return v;
}

Value DenseVector(const std::vector<double>& values) {
  Value v = Struct(VectorUdtType(), {Value::Null(ByteType()), Value::Null(IntType()), Value::Null(ArrayType(IntType(), false)),
                                     Doubles(values)});
  v.children[0] = Value::Null(ByteType());
  v.children[0].is_null = false;
  v.children[0].i64 = 1;
  return v;
}

Value Byte(int64_t b) {
  Value v = Value::Null(ByteType());
  v.is_null = false;
  v.i64 = b;
  return v;
}

// A double as the JSON response writes it (shortest round-trip text).
std::string Shortest(double v) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, end);
}

class ServingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ember_serving_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes stage `index` of the pipeline: its metadata line and, when given, its one row of data.
  void WriteStage(size_t index, const std::string& class_name, const std::string& uid, const std::string& params,
                  const std::vector<std::pair<std::string, Value>>& data = {}) {
    fs::path stage = dir_ / "stages" / (std::to_string(index) + "_" + uid);
    WriteMetadata(stage, class_name, uid, params);
    if (!data.empty()) {
      fs::create_directories(stage / "data");
      Schema schema;
      std::vector<VectorPtr> columns;
      for (const auto& [name, value] : data) {
        schema.push_back({name, value.type, true});
        VectorBuilder builder(value.type, 1);
        AppendValue(builder, value);
        columns.push_back(builder.Finish());
      }
      parquet::ParquetFileWriter writer((stage / "data" / "part-00000.parquet").string(), schema, {});
      writer.Write(Batch(columns, 1));
      writer.Close();
    }
    uids_.push_back(uid);
  }

  void WriteMetadata(const fs::path& dir, const std::string& class_name, const std::string& uid,
                     const std::string& params) {
    fs::create_directories(dir / "metadata");
    std::ofstream(dir / "metadata" / "part-00000")
        << "{\"class\":\"" << class_name << "\",\"timestamp\":1,\"sparkVersion\":\"4.0.0\",\"uid\":\"" << uid
        << "\",\"paramMap\":" << params << ",\"defaultParamMap\":{\"missingValue\":NaN}}\n";
  }

  std::string Finish() {
    std::string uids;
    for (const auto& uid : uids_) uids += (uids.empty() ? "\"" : ",\"") + uid + "\"";
    WriteMetadata(dir_, "org.apache.spark.ml.PipelineModel", "PipelineModel_1", "{\"stageUids\":[" + uids + "]}");
    return dir_.string();
  }

  // labels a, b; features [index, x] scaled by [2, 0.5]; margin = 1 * f0 - 1 * f1 + 0.5
  std::string ChurnLike(const std::string& handle_invalid) {
    WriteStage(0, "org.apache.spark.ml.feature.StringIndexerModel", "si",
               "{\"inputCol\":\"tier\",\"outputCol\":\"tier_index\",\"handleInvalid\":\"" + handle_invalid + "\"}",
               {{"labelsArray", Array(ArrayType(StringType(), false), {Array(StringType(), {Value::String("a"), Value::String("b")})})}});
    WriteStage(1, "org.apache.spark.ml.feature.VectorAssembler", "va",
               "{\"inputCols\":[\"tier_index\",\"x\"],\"outputCol\":\"features\",\"handleInvalid\":\"error\"}");
    WriteStage(2, "org.apache.spark.ml.feature.StandardScalerModel", "ss",
               "{\"inputCol\":\"features\",\"outputCol\":\"scaled\",\"withMean\":false,\"withStd\":true}",
               {{"std", DenseVector({0.5, 2.0})}, {"mean", DenseVector({9.0, 9.0})}});
    Value matrix = Struct(MatrixUdtType(), {Byte(1), Value::Int(1), Value::Int(2), Value::Null(ArrayType(IntType(), false)),
                                            Value::Null(ArrayType(IntType(), false)), Doubles({1.0, -1.0}),
                                            Value::Boolean(false)});
    WriteStage(3, "org.apache.spark.ml.classification.LogisticRegressionModel", "lr",
               "{\"featuresCol\":\"scaled\",\"rawPredictionCol\":\"\",\"probabilityCol\":\"probability\","
               "\"predictionCol\":\"prediction\",\"threshold\":0.5}",
               {{"numClasses", Value::Int(2)}, {"numFeatures", Value::Int(2)}, {"interceptVector", DenseVector({0.5})},
                {"coefficientMatrix", matrix}, {"isMultinomial", Value::Boolean(false)}});
    return Finish();
  }

  fs::path dir_;
  std::vector<std::string> uids_;
};

TEST_F(ServingTest, ScoresRowsAsTheStagesDefine) {
  auto model = ServingModel::Load(ChurnLike("error"));
  ASSERT_EQ(model->inputs().size(), 2u);
  EXPECT_EQ(model->inputs()[0].name, "tier");
  EXPECT_EQ(model->inputs()[0].kind, InputKind::kString);
  EXPECT_EQ(model->inputs()[1].name, "x");
  EXPECT_EQ(model->inputs()[1].kind, InputKind::kNumber);
  std::vector<std::string> outputs;
  for (const auto& output : model->outputs()) outputs.push_back(output.name);
  EXPECT_EQ(outputs, (std::vector<std::string>{"tier_index", "features", "scaled", "probability", "prediction"}));

  InputColumns input(*model, 2);
  input.String(0, "b");
  input.Double(1, 4.0);
  input.String(0, "a");
  input.Int(1, 1);
  std::vector<bool> kept;
  auto out = model->Score(input.Finish(), 2, &kept);
  EXPECT_EQ(kept, (std::vector<bool>{true, true}));
  EXPECT_EQ(out[0]->Data<double>()[0], 1.0);
  EXPECT_EQ(out[0]->Data<double>()[1], 0.0);
  // row 0: scaled [2, 2], margin 2 - 2 + 0.5; row 1: scaled [0, 0.5], margin -0.5 + 0.5
  double p0 = 1.0 / (1.0 + std::exp(-0.5));
  EXPECT_EQ(ScoreJson(*model, R"({"tier": "b", "x": 4})"),
            "{\"tier_index\":1.0,\"features\":[1.0,4.0],\"scaled\":[2.0,2.0],\"probability\":[" + Shortest(1 - p0) +
                "," + Shortest(p0) + "],\"prediction\":1.0}");
  EXPECT_EQ(ScoreJson(*model, R"([{"tier": "a", "x": 1, "extra": [1]}])"),
            "[{\"tier_index\":0.0,\"features\":[0.0,1.0],\"scaled\":[0.0,0.5],\"probability\":[0.5,0.5],\"prediction\":0.0}]");
}

TEST_F(ServingTest, RejectsInvalidRowsNamingTheField) {
  auto model = ServingModel::Load(ChurnLike("error"));
  auto status_and_field = [&](const std::string& body) {
    try {
      ScoreJson(*model, body);
    } catch (const ServingError& error) {
      return std::to_string(error.status()) + " " + error.field() + ": " + error.what();
    }
    return std::string("scored");
  };
  EXPECT_EQ(status_and_field(R"({"tier": "c", "x": 1})"),
            "422 tier: StringIndexerModel (uid si): Unseen label: c. To handle unseen labels, set Param "
            "handleInvalid to keep.");
  EXPECT_EQ(status_and_field(R"({"x": 1})"), "400 tier: missing field tier (a string)");
  EXPECT_EQ(status_and_field(R"({"tier": "a", "x": "1"})"), "400 x: field x must be a number, not a string");
  EXPECT_EQ(status_and_field(R"({"tier": "a", "x": null})").substr(0, 35), "422 x: VectorAssembler (uid va): En");
  EXPECT_EQ(status_and_field(R"({"tier": "a")").substr(0, 21), "400 : malformed JSON:");
  EXPECT_EQ(status_and_field("[1]"), "400 : a row must be a JSON object, not a number");
}

TEST_F(ServingTest, SkipDropsRowsAndKeepIndexesUnseenLabels) {
  auto model = ServingModel::Load(ChurnLike("skip"));
  EXPECT_EQ(ScoreJson(*model, R"([{"tier": "c", "x": 1}, {"tier": "b", "x": 0}])").substr(0, 44),
            "[null,{\"tier_index\":1.0,\"features\":[1.0,0.0]");
  uids_.clear();
  fs::remove_all(dir_);
  auto keep = ServingModel::Load(ChurnLike("keep"));
  EXPECT_EQ(ScoreJson(*keep, R"({"tier": null, "x": 1})").substr(0, 50),
            "{\"tier_index\":2.0,\"features\":[2.0,1.0],\"scaled\":[4");
}

// A decision tree over a features vector given directly: the root splits x0 <= 1.5 into leaves of
// class weights [3, 1] and [0, 2].
TEST_F(ServingTest, TreeModelsPredictFromTheirNodes) {
  TypePtr split_type = StructType({{"featureIndex", IntType(), true},
                                   {"leftCategoriesOrThreshold", ArrayType(DoubleType(), false), true},
                                   {"numCategories", IntType(), true}});
  auto node = [&](int id, std::vector<double> stats, int left, int right, int feature, std::vector<double> threshold) {
    return std::vector<std::pair<std::string, Value>>{
        {"id", Value::Int(id)},
        {"impurityStats", Doubles(stats)},
        {"leftChild", Value::Int(left)},
        {"rightChild", Value::Int(right)},
        {"split", Struct(split_type, {Value::Int(feature), Doubles(threshold), Value::Int(-1)})}};
  };
  fs::path stage = dir_ / "stages" / "0_dt";
  WriteMetadata(stage, "org.apache.spark.ml.classification.DecisionTreeClassificationModel", "dt",
                "{\"featuresCol\":\"f\",\"rawPredictionCol\":\"raw\",\"probabilityCol\":\"\",\"predictionCol\":\"p\"}");
  fs::create_directories(stage / "data");
  std::vector<std::vector<std::pair<std::string, Value>>> rows = {node(0, {3, 3}, 1, 2, 0, {1.5}),
                                                                  node(1, {3, 1}, -1, -1, -1, {}),
                                                                  node(2, {0, 2}, -1, -1, -1, {})};
  Schema schema;
  for (const auto& [name, value] : rows[0]) schema.push_back({name, value.type, true});
  std::vector<VectorBuilder> builders;
  for (const auto& field : schema) builders.emplace_back(field.type, 3);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) AppendValue(builders[i], row[i].second);
  }
  std::vector<VectorPtr> columns;
  for (auto& builder : builders) columns.push_back(builder.Finish());
  parquet::ParquetFileWriter writer((stage / "data" / "part-00000.parquet").string(), schema, {});
  writer.Write(Batch(columns, 3));
  writer.Close();
  uids_.push_back("dt");
  auto model = ServingModel::Load(Finish());
  ASSERT_EQ(model->inputs().size(), 1u);
  EXPECT_EQ(model->inputs()[0].kind, InputKind::kVector);
  EXPECT_EQ(ScoreJson(*model, R"([{"f": [1, 7]}, {"f": {"size": 2, "indices": [0], "values": [2]}}])"),
            "[{\"raw\":[3.0,1.0],\"p\":0.0},{\"raw\":[0.0,2.0],\"p\":1.0}]");
  try {
    ScoreJson(*model, R"({"f": 1})");
    FAIL() << "scored";
  } catch (const ServingError& error) {
    EXPECT_EQ(std::string(error.what()), "field f must be a vector, not a number");
  }
}

TEST_F(ServingTest, TextStagesMakeStringArraysAndTermVectors) {
  WriteStage(0, "org.apache.spark.ml.feature.Tokenizer", "tok", "{\"inputCol\":\"text\",\"outputCol\":\"words\"}");
  WriteStage(1, "org.apache.spark.ml.feature.StopWordsRemover", "swr",
             "{\"inputCol\":\"words\",\"outputCol\":\"kept\",\"stopWords\":[\"the\"],\"caseSensitive\":false}");
  WriteStage(2, "org.apache.spark.ml.feature.HashingTF", "htf",
             "{\"inputCol\":\"kept\",\"outputCol\":\"tf\",\"numFeatures\":8,\"binary\":false}");
  auto model = ServingModel::Load(Finish());
  ASSERT_EQ(model->inputs().size(), 1u);
  EXPECT_EQ(model->inputs()[0].kind, InputKind::kString);
  // MurmurHash3 (seed 42) of "a" is 3 and of "b\"a" 1 modulo 8
  EXPECT_EQ(ScoreJson(*model, R"({"text": "The a b\"a a"})"),
            "{\"words\":[\"the\",\"a\",\"b\\\"a\",\"a\"],\"kept\":[\"a\",\"b\\\"a\",\"a\"],"
            "\"tf\":{\"size\":8,\"indices\":[1,3],\"values\":[1.0,2.0]}}");
}

TEST_F(ServingTest, UnsupportedStageIsNamed) {
  WriteStage(0, "org.apache.spark.ml.feature.RFormulaModel", "formula", "{}");
  try {
    ServingModel::Load(Finish());
    FAIL() << "loaded";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(),
                 "the serving runtime does not support stage RFormulaModel (uid formula) (org.apache.spark.ml.feature.RFormulaModel)");
  }
}

TEST_F(ServingTest, SqlTransformerIsRefusedForItsQuery) {
  WriteStage(0, "org.apache.spark.ml.feature.SQLTransformer", "sql", "{\"statement\":\"SELECT * FROM __THIS__\"}");
  try {
    ServingModel::Load(Finish());
    FAIL() << "loaded";
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()).rfind("the serving runtime does not support stage SQLTransformer (uid sql): its SQL "
                                              "statement needs the query engine", 0),
              0u)
        << error.what();
  }
}

}  // namespace
}  // namespace ember::serving

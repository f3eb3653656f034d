#include "runtime/serving/serving_model.h"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <map>
#include <numeric>
#include <set>

#include "common/error.h"
#include "functions/bound_literals.h"
#include "functions/registry.h"
#include "runtime/serving/saved_stage.h"

namespace ember::serving {
namespace {

namespace fs = std::filesystem;

// Doubles as the ml_* functions take them in text ("%.17g" parses back to the same double, as
// the repr Python's transformers write does).
std::string DoublesText(const std::vector<double>& values) {
  std::string out;
  char buffer[32];
  for (double v : values) {
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    if (!out.empty()) out += ',';
    out += buffer;
  }
  return out;
}

std::string ShortClass(const std::string& class_name) {
  size_t dot = class_name.rfind('.');
  return class_name.substr(dot == std::string::npos ? 0 : dot + 1);
}

TypePtr KindType(InputKind kind) {
  switch (kind) {
    case InputKind::kString:
      return StringType();
    case InputKind::kNumber:
      return DoubleType();
    case InputKind::kVector:
      return VectorUdtType();
    case InputKind::kStrings:
      return ArrayType(StringType());
    case InputKind::kScalar:
      return StructType({{"number", DoubleType(), true}, {"text", StringType(), true}});
  }
  return NullType();
}

// (input columns, output columns) of a stage with inputCol/outputCol or inputCols/outputCols.
std::pair<std::vector<std::string>, std::vector<std::string>> InOut(const SavedStage& stage) {
  if (stage.IsSet("inputCols")) return {stage.Strings("inputCols"), stage.Strings("outputCols")};
  return {{stage.String("inputCol")}, {stage.String("outputCol")}};
}

VectorPtr Take(const Vector& vector, const std::vector<int32_t>& rows) {
  VectorBuilder out(vector.type(), static_cast<int64_t>(rows.size()));
  for (int32_t r : rows) out.AppendFrom(vector, r);
  return out.Finish();
}

std::string ErrorText(const SparkError& error) {
  for (const auto& [key, value] : error.params()) {
    if (key == "errorMessage") return value;
  }
  return error.what();
}

}  // namespace

class ServingModel::Compiler {
 public:
  explicit Compiler(ServingModel* model) : model_(model) {}

  void AddStage(const SavedStage& stage) {
    std::string kind = ShortClass(stage.class_name());
    if (kind == "StringIndexerModel") {
      StringIndexer(stage);
    } else if (kind == "VectorAssembler") {
      VectorAssembler(stage);
    } else if (kind == "StandardScalerModel") {
      ShiftAndScale(stage, VectorValues(stage.Data("mean")), stage.Bool("withMean"),
                    VectorValues(stage.Data("std")), stage.Bool("withStd"));
    } else if (kind == "RobustScalerModel") {
      ShiftAndScale(stage, VectorValues(stage.Data("median")), stage.Bool("withCentering"),
                    VectorValues(stage.Data("range")), stage.Bool("withScaling"));
    } else if (kind == "MinMaxScalerModel") {
      MinMaxScaler(stage);
    } else if (kind == "ImputerModel") {
      Imputer(stage);
    } else if (kind == "Bucketizer") {
      Bucketizer(stage);
    } else if (kind == "OneHotEncoderModel") {
      OneHotEncoder(stage);
    } else if (kind == "LogisticRegressionModel") {
      LogisticRegression(stage);
    } else if (kind == "LinearRegressionModel") {
      LinearRegression(stage);
    } else if (kind == "GeneralizedLinearRegressionModel") {
      GeneralizedLinearRegression(stage);
    } else if (kind == "LinearSVCModel") {
      LinearSvc(stage);
    } else if (kind == "MaxAbsScalerModel") {
      Scale(stage, VectorValues(stage.Data("maxAbs")), true);
    } else if (kind == "Tokenizer" || kind == "RegexTokenizer") {
      bool regex = kind == "RegexTokenizer";
      AddStep(stage, stage.String("outputCol"), "ml_tokenize",
              {Column(stage, stage.String("inputCol"), InputKind::kString), Text(regex ? stage.String("pattern") : "\\s"),
               Text(!regex || stage.Bool("gaps") ? "true" : "false"),
               Text(regex ? std::to_string(static_cast<int64_t>(stage.Double("minTokenLength"))) : "0"),
               Text(!regex || stage.Bool("toLowercase") ? "true" : "false")},
              Drop::kNever);
    } else if (kind == "StopWordsRemover") {
      StopWordsRemover(stage);
    } else if (kind == "NGram") {
      AddStep(stage, stage.String("outputCol"), "ml_ngram",
              {Column(stage, stage.String("inputCol"), InputKind::kString),
               Text(std::to_string(static_cast<int64_t>(stage.Double("n"))))},
              Drop::kNever);
    } else if (kind == "HashingTF") {
      AddStep(stage, stage.String("outputCol"), "ml_hashing_tf",
              {Column(stage, stage.String("inputCol"), InputKind::kString),
               Text(std::to_string(static_cast<int64_t>(stage.Double("numFeatures")))),
               Text(stage.Bool("binary") ? "true" : "false")},
              Drop::kNever, static_cast<int>(stage.Double("numFeatures")));
    } else if (kind == "CountVectorizerModel") {
      std::vector<Arg> args = {Column(stage, stage.String("inputCol"), InputKind::kString),
                               Text(DoublesText({stage.Double("minTF")})), Text(stage.Bool("binary") ? "true" : "false")};
      const auto& vocabulary = stage.Data("vocabulary").children;
      for (const auto& word : vocabulary) args.push_back(Text(word.str));
      AddStep(stage, stage.String("outputCol"), "ml_count_vectorize", std::move(args), Drop::kNever,
              static_cast<int>(vocabulary.size()));
    } else if (kind == "FeatureHasher") {
      FeatureHasher(stage);
    } else if (kind == "Word2VecModel") {
      Word2Vec(stage);
    } else if (kind == "PCAModel") {
      Pca(stage);
    } else if (kind == "Interaction") {
      Interaction(stage);
    } else if (kind == "VectorIndexerModel") {
      VectorIndexer(stage);
    } else if (kind == "ChiSqSelectorModel" || kind == "UnivariateFeatureSelectorModel" ||
               kind == "VarianceThresholdSelectorModel") {
      Selector(stage);
    } else if (kind == "IDFModel") {
      Scale(stage, VectorValues(stage.Data("idf")), false);
    } else if (kind == "PolynomialExpansion") {
      VectorMap(stage, "ml_polynomial_expand", {std::to_string(static_cast<int64_t>(stage.Double("degree")))});
    } else if (kind == "ElementwiseProduct") {
      Scale(stage, stage.Vector("scalingVec"), false);
    } else if (kind == "Normalizer") {
      double p = stage.Double("p");
      VectorMap(stage, "ml_normalize", {std::isinf(p) ? "inf" : DoublesText({p})});
    } else if (kind == "VectorSlicer") {
      std::string indices;
      for (double i : stage.Doubles("indices")) indices += (indices.empty() ? "" : ",") + std::to_string(static_cast<int64_t>(i));
      VectorMap(stage, "ml_vector_slice", {indices});
    } else if (kind == "DCT") {
      VectorMap(stage, "ml_dct", {stage.Bool("inverse") ? "true" : "false"});
    } else if (kind == "IndexToString") {
      std::vector<Arg> args = {Column(stage, stage.String("inputCol"), InputKind::kNumber)};
      for (const auto& label : stage.Strings("labels")) args.push_back(Text(label));
      AddStep(stage, stage.String("outputCol"), "ml_index_to_string", std::move(args), Drop::kNever);
    } else if (kind == "Binarizer") {
      AddStep(stage, stage.String("outputCol"), "ml_binarize",
              {Column(stage, stage.String("inputCol"), InputKind::kNumber), Text(DoublesText({stage.Double("threshold")}))},
              Drop::kNever, 1);
    } else if (kind == "NaiveBayesModel") {
      NaiveBayes(stage);
    } else if (kind == "KMeansModel") {
      KMeans(stage);
    } else if (kind == "BisectingKMeansModel") {
      BisectingKMeans(stage);
    } else if (kind == "ALSModel") {
      Als(stage);
    } else if (kind == "FPGrowthModel") {
      FpGrowth(stage);
    } else if (kind == "GaussianMixtureModel") {
      GaussianMixture(stage);
    } else if (kind == "DecisionTreeClassificationModel" || kind == "RandomForestClassificationModel" ||
               kind == "DecisionTreeRegressionModel" || kind == "RandomForestRegressionModel" ||
               kind == "GBTClassificationModel" || kind == "GBTRegressionModel") {
      bool boosted = kind.rfind("GBT", 0) == 0;
      Trees(stage, kind.find("Classification") != std::string::npos, boosted || kind.rfind("RandomForest", 0) == 0,
            boosted);
    } else if (kind == "SQLTransformer") {
      // Even a row-wise statement is parsed, analyzed and run by the query engine, which the
      // runtime leaves out to score in microseconds.
      throw std::invalid_argument("the serving runtime does not support stage " + stage.Describe() +
                                  ": its SQL statement needs the query engine; score it with the batch transform,"
                                  " or express it with feature stages (VectorAssembler, Bucketizer, ...)");
    } else {
      throw std::invalid_argument("the serving runtime does not support stage " + stage.Describe() +
                                  " (" + stage.class_name() + ")");
    }
  }

 private:
  // The working column `name`: an earlier stage's output, or an input field of `kind`.
  Arg Column(const SavedStage& stage, const std::string& name, InputKind kind) {
    int index = Find(name);
    if (index >= 0) {
      const auto& column = model_->columns_[static_cast<size_t>(index)];
      if (column.input >= 0 && model_->inputs_[static_cast<size_t>(column.input)].kind != kind) {
        throw std::invalid_argument(stage.Describe() + " reads input " + name +
                                    " as another type than an earlier stage does");
      }
      return ColumnArg(index);
    }
    int input = static_cast<int>(model_->inputs_.size());
    model_->inputs_.push_back({name, kind, KindType(kind)});
    model_->columns_.push_back({name, KindType(kind), input, input, kind == InputKind::kVector ? -1 : 1});
    return ColumnArg(static_cast<int>(model_->columns_.size() - 1));
  }

  // A column read as a number, unless an earlier stage made it a vector (VectorAssembler's inputs).
  Arg NumberOrVector(const SavedStage& stage, const std::string& name) {
    int index = Find(name);
    if (index >= 0 && IsVector(*TypeOf(index))) return ColumnArg(index);
    return Column(stage, name, InputKind::kNumber);
  }

  int Find(const std::string& name) const {
    const auto& columns = model_->columns_;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].name == name) return static_cast<int>(i);
    }
    return -1;
  }

  TypePtr TypeOf(int column) const { return model_->columns_[static_cast<size_t>(column)].type; }
  int SizeOf(int column) const { return model_->columns_[static_cast<size_t>(column)].size; }

  static bool IsVector(const DataType& type) { return type.udt == kVectorUdtClass; }

  static Arg ColumnArg(int column) {
    Arg arg;
    arg.column = column;
    return arg;
  }

  static Arg Literal(Value value) {
    Arg arg;
    arg.literal_row = MakeConstantVector(value, 1);
    arg.literal = std::move(value);
    return arg;
  }

  static Arg Text(std::string text) { return Literal(Value::String(std::move(text))); }

  // Adds the step computing `output` with engine function `function` (empty: a copy of args[0]).
  void AddStep(const SavedStage& stage, const std::string& output, const std::string& function,
               std::vector<Arg> args, Drop drop, int size = -1) {
    if (Find(output) >= 0) {
      throw std::invalid_argument(stage.Describe() + ": requirement failed: Output column " + output +
                                  " already exists.");
    }
    Step step;
    step.stage = stage.Describe();
    step.one_row_literals = ReadsLiteralsWhenBound(function);
    step.drop = drop;
    std::vector<BindArg> bind_args;
    for (const auto& arg : args) {
      BindArg bind;
      bind.type = arg.column >= 0 ? TypeOf(arg.column) : arg.literal.type;
      bind.literal = arg.column >= 0 ? nullptr : &arg.literal;
      if (arg.column >= 0) bind.name = model_->columns_[static_cast<size_t>(arg.column)].name;
      bind_args.push_back(std::move(bind));
    }
    TypePtr result_type = bind_args.at(0).type;
    if (!function.empty()) {
      const ScalarFunction* scalar = FunctionRegistry::Instance().FindScalar(function);
      if (scalar == nullptr) throw InternalError("the engine has no function " + function);
      EvalContext ctx;
      step.bound = scalar->bind(bind_args, ctx);
      for (size_t i = 0; i < bind_args.size(); ++i) {
        if (!(*step.bound.arg_types.at(i) == *bind_args[i].type)) {
          throw std::invalid_argument(stage.Describe() + ": column " + bind_args[i].name + " has type " +
                                      bind_args[i].type->TypeName() + ", the stage needs " +
                                      step.bound.arg_types[i]->TypeName());
        }
      }
      result_type = step.bound.result_type;
    }
    // a column derived from one column keeps that column's origin
    int origin = -1, column_args = 0;
    for (const auto& arg : args) {
      if (arg.column < 0) continue;
      origin = model_->columns_[static_cast<size_t>(arg.column)].origin;
      ++column_args;
    }
    step.args = std::move(args);
    step.column = static_cast<int>(model_->columns_.size());
    model_->columns_.push_back({output, result_type, -1, column_args == 1 ? origin : -1, size});
    model_->steps_.push_back(std::move(step));
    model_->outputs_.push_back({output, result_type});
  }

  // AddStep for an intermediate column the outputs leave out; returns it as an argument.
  Arg AddHiddenStep(const SavedStage& stage, const std::string& name, const std::string& function,
                    std::vector<Arg> args) {
    AddStep(stage, "__ember_" + stage.uid() + "_" + name, function, std::move(args), Drop::kNever);
    model_->outputs_.pop_back();
    model_->steps_.back().hidden = true;
    return ColumnArg(model_->steps_.back().column);
  }

  void StringIndexer(const SavedStage& stage) {
    auto [inputs, outputs] = InOut(stage);
    std::string mode = stage.String("handleInvalid");
    const auto& labels_array = stage.Data("labelsArray").children;
    if (labels_array.size() != inputs.size()) {
      throw std::invalid_argument(stage.Describe() + ": the number of input columns does not match the labels");
    }
    // the string inputs first, so that the working batch keeps inputs before outputs
    std::vector<Arg> columns;
    for (const auto& input : inputs) columns.push_back(Column(stage, input, InputKind::kString));
    for (size_t i = 0; i < inputs.size(); ++i) {
      std::vector<Arg> args = {columns[i], Text(mode)};
      for (const auto& label : labels_array[i].children) args.push_back(Text(label.str));
      AddStep(stage, outputs[i], "ml_string_index", std::move(args), mode == "skip" ? Drop::kNullResult : Drop::kNever, 1);
    }
  }

  void VectorAssembler(const SavedStage& stage) {
    std::string mode = stage.String("handleInvalid");
    std::vector<Arg> columns;
    std::string sizes;
    int total = 0;
    for (const auto& input : stage.Strings("inputCols")) {
      columns.push_back(NumberOrVector(stage, input));
      int size = SizeOf(columns.back().column);
      sizes += (sizes.empty() ? "" : ",") + std::to_string(size);
      total = total < 0 || size < 0 ? -1 : total + size;
    }
    std::vector<Arg> args = {Text(mode == "keep" ? "keep" : "error"), Text(sizes)};
    for (auto& column : columns) args.push_back(std::move(column));
    AddStep(stage, stage.String("outputCol"), "ml_assemble_vector", std::move(args),
            mode == "skip" ? Drop::kInvalidArguments : Drop::kNever, total);
  }

  // (v - shift) / spread element by element (0 where spread is 0), either part left out when not
  // applied, as the batch transform's _shift_and_scale: StandardScalerModel, RobustScalerModel.
  void ShiftAndScale(const SavedStage& stage, std::vector<double> shift, bool with_shift,
                     const std::vector<double>& spread, bool with_spread) {
    Arg input = Column(stage, stage.String("inputCol"), InputKind::kVector);
    auto size = static_cast<int>(spread.size());
    if (!with_shift && !with_spread) {
      AddStep(stage, stage.String("outputCol"), "", {input}, Drop::kNever, size);
      return;
    }
    std::vector<double> scale;
    if (with_spread) {
      for (double s : spread) scale.push_back(s == 0 ? 0.0 : 1.0 / s);
    }
    if (!with_shift) shift.clear();
    AddStep(stage, stage.String("outputCol"), "ml_standard_scale",
            {input, Text(DoublesText(shift)), Text(DoublesText(scale))}, Drop::kNever, size);
  }

  void MinMaxScaler(const SavedStage& stage) {
    Arg input = Column(stage, stage.String("inputCol"), InputKind::kVector);
    std::vector<double> low = VectorValues(stage.Data("originalMin"));
    std::vector<double> high = VectorValues(stage.Data("originalMax"));
    std::vector<double> range(low.size());
    for (size_t i = 0; i < low.size(); ++i) range[i] = high.at(i) - low[i];
    AddStep(stage, stage.String("outputCol"), "ml_min_max_scale",
            {input, Text(DoublesText(low)), Text(DoublesText(range)), Text(DoublesText({stage.Double("min")})),
             Text(DoublesText({stage.Double("max")}))},
            Drop::kNever, static_cast<int>(low.size()));
  }

  void Imputer(const SavedStage& stage) {
    auto [inputs, outputs] = InOut(stage);
    std::string missing = DoublesText({stage.Double("missingValue")});
    std::vector<Arg> columns;
    for (const auto& input : inputs) columns.push_back(Column(stage, input, InputKind::kNumber));
    for (size_t i = 0; i < inputs.size(); ++i) {
      const Value& surrogate = stage.Data(inputs[i]);
      double value = surrogate.type->id == TypeId::kDouble ? surrogate.f64 : static_cast<double>(surrogate.i64);
      AddStep(stage, outputs[i], "ml_impute", {columns[i], Text(missing), Text(DoublesText({value}))},
              Drop::kNever, 1);
    }
  }

  void Bucketizer(const SavedStage& stage) {
    auto [inputs, outputs] = InOut(stage);
    std::string mode = stage.String("handleInvalid");
    std::vector<std::vector<double>> splits =
        stage.IsSet("inputCols") ? stage.DoubleArrays("splitsArray")
                                 : std::vector<std::vector<double>>{stage.Doubles("splits")};
    if (splits.size() != inputs.size()) throw std::invalid_argument(stage.Describe() + ": splits do not match the inputs");
    std::vector<Arg> columns;
    for (const auto& input : inputs) columns.push_back(Column(stage, input, InputKind::kNumber));
    for (size_t i = 0; i < inputs.size(); ++i) {
      AddStep(stage, outputs[i], "ml_bucketize", {columns[i], Text(mode), Text(DoublesText(splits[i]))},
              mode == "skip" ? Drop::kNullResultOfValue : Drop::kNever, 1);
    }
  }

  void OneHotEncoder(const SavedStage& stage) {
    auto [inputs, outputs] = InOut(stage);
    bool keep = stage.String("handleInvalid") == "keep";
    bool drop_last = stage.Bool("dropLast");
    const auto& sizes = stage.Data("categorySizes").children;
    if (sizes.size() != inputs.size()) throw std::invalid_argument(stage.Describe() + ": categorySizes do not match the inputs");
    std::vector<Arg> columns;
    for (const auto& input : inputs) columns.push_back(Column(stage, input, InputKind::kNumber));
    for (size_t i = 0; i < inputs.size(); ++i) {
      auto categories = static_cast<int32_t>(sizes[i].i64);
      AddStep(stage, outputs[i], "ml_one_hot",
              {columns[i], Literal(Value::Int(categories)), Literal(Value::Boolean(drop_last)),
               Literal(Value::Boolean(keep))},
              Drop::kNever, categories + (keep ? 1 : 0) - (drop_last ? 1 : 0));
    }
  }

  // ml_glm_predict(kind, sets, table, thresholds, features) for each non-empty output param.
  // The outputs of ml_glm_predict over the table's rows, or with `naive_bayes` (a gaussian or
  // complement NaiveBayesModel's type) of ml_nb_predict.
  void GlmOutputs(const SavedStage& stage, const std::vector<std::vector<double>>& table,
                  const std::vector<std::pair<std::string, std::string>>& outputs, const std::string& thresholds,
                  const std::string& naive_bayes = "") {
    Arg features = Column(stage, stage.String("featuresCol"), InputKind::kVector);
    std::vector<double> flat;
    for (const auto& row : table) flat.insert(flat.end(), row.begin(), row.end());
    for (const auto& [param, kind] : outputs) {
      if (!stage.Has(param)) continue;
      std::string output = stage.String(param);
      if (output.empty()) continue;
      std::vector<Arg> args = {Text(kind), Text(std::to_string(table.size())), Text(DoublesText(flat)),
                               Text(kind.find("prediction") != std::string::npos ? thresholds : ""), features};
      if (!naive_bayes.empty()) args.insert(args.begin() + 1, Text(naive_bayes));
      AddStep(stage, output, naive_bayes.empty() ? "ml_glm_predict" : "ml_nb_predict", std::move(args), Drop::kNever);
    }
  }

  void LogisticRegression(const SavedStage& stage) {
    std::vector<std::vector<double>> table = MatrixRows(stage.Data("coefficientMatrix"));
    std::vector<double> intercepts = VectorValues(stage.Data("interceptVector"));
    if (intercepts.size() != table.size()) throw std::invalid_argument(stage.Describe() + ": intercepts do not match");
    for (size_t k = 0; k < table.size(); ++k) table[k].push_back(intercepts[k]);
    bool multinomial = stage.Data("isMultinomial").i64 != 0;
    std::string thresholds;
    if (!multinomial) {
      double threshold = stage.Double("threshold");
      if (stage.IsSet("thresholds")) {
        std::vector<double> t = stage.Doubles("thresholds");
        if (t.size() != 2) throw std::invalid_argument(stage.Describe() + ": a binomial model needs 2 thresholds");
        threshold = 1.0 / (1.0 + t[0] / t[1]);
      }
      thresholds = DoublesText({threshold});
    } else if (stage.Has("thresholds")) {
      thresholds = DoublesText(stage.Doubles("thresholds"));
    }
    GlmOutputs(stage, table,
               {{"rawPredictionCol", "raw"}, {"probabilityCol", "probability"}, {"predictionCol", "prediction"}},
               thresholds);
  }

  // A multinomial or Bernoulli NaiveBayesModel's rawPrediction is linear in the features: theta's
  // rows with pi as their intercepts, as its batch transform hands them to ml_glm_predict; a
  // gaussian one's rows are the means, variances and pi, a complement one's theta, for
  // ml_nb_predict.
  void NaiveBayes(const SavedStage& stage) {
    std::string type = stage.String("modelType");
    std::vector<std::vector<double>> table = MatrixRows(stage.Data("theta"));
    std::vector<double> pi = VectorValues(stage.Data("pi"));
    if (pi.size() != table.size()) throw std::invalid_argument(stage.Describe() + ": pi does not match theta");
    std::vector<std::pair<std::string, std::string>> outputs = {
        {"rawPredictionCol", "raw"}, {"probabilityCol", "probability"}, {"predictionCol", "prediction"}};
    std::string thresholds = stage.Has("thresholds") ? DoublesText(stage.Doubles("thresholds")) : "";
    if (type == "gaussian" || type == "complement") {
      if (type == "gaussian") {
        std::vector<std::vector<double>> sigma = MatrixRows(stage.Data("sigma"));
        if (sigma.size() != table.size()) throw std::invalid_argument(stage.Describe() + ": sigma does not match theta");
        for (size_t k = 0; k < table.size(); ++k) {
          table[k].insert(table[k].end(), sigma[k].begin(), sigma[k].end());
          table[k].push_back(pi[k]);
        }
      }
      GlmOutputs(stage, table, outputs, thresholds, type);
      return;
    }
    for (size_t k = 0; k < table.size(); ++k) {
      double intercept = pi[k];
      if (type == "bernoulli") {
        // x log p + (1 - x) log(1 - p) = x (log p - log(1 - p)) + log(1 - p), summed in feature
        // order as NaiveBayesModel._table sums it
        double absent = 0.0;
        for (double& theta : table[k]) {
          double log_absent = std::log1p(-std::exp(theta));
          absent += log_absent;
          theta -= log_absent;
        }
        intercept += absent;
      }
      table[k].push_back(intercept);
    }
    GlmOutputs(stage, table, outputs, thresholds);
  }

  void LinearRegression(const SavedStage& stage) {
    std::vector<double> row = VectorValues(stage.Data("coefficients"));
    row.push_back(stage.Data("intercept").f64);
    GlmOutputs(stage, {row}, {{"predictionCol", "linear"}}, "");
  }

  // GeneralizedLinearRegressionModel: the linear predictor (hidden unless linkPredictionCol names
  // it) and its mean through the link's inverse, the family's canonical link when none is set.
  void GeneralizedLinearRegression(const SavedStage& stage) {
    static const std::map<std::string, std::string> canonical = {
        {"gaussian", "identity"}, {"binomial", "logit"}, {"poisson", "log"}, {"gamma", "inverse"}};
    std::string family = stage.String("family");
    std::transform(family.begin(), family.end(), family.begin(), ::tolower);
    std::string link = stage.Has("link") ? stage.String("link") : "";
    std::transform(link.begin(), link.end(), link.begin(), ::tolower);
    if (link.empty() && canonical.count(family)) link = canonical.at(family);
    if (link.empty() || link == "probit" || link == "cloglog" || (stage.Has("offsetCol") && stage.IsSet("offsetCol"))) {
      throw std::invalid_argument("the serving runtime does not support stage " + stage.Describe() + " with family " +
                                  family + (link.empty() ? "" : " and link " + link) + " or an offset");
    }
    std::vector<double> row = VectorValues(stage.Data("coefficients"));
    row.push_back(stage.Data("intercept").f64);
    Arg eta = AddHiddenStep(stage, "eta", "ml_glm_predict",
                            {Text("linear"), Text("1"), Text(DoublesText(row)), Text(""),
                             Column(stage, stage.String("featuresCol"), InputKind::kVector)});
    if (!stage.String("predictionCol").empty()) {
      AddStep(stage, stage.String("predictionCol"), "ml_glm_unlink", {Text(link), eta}, Drop::kNever, 1);
    }
    if (stage.Has("linkPredictionCol") && !stage.String("linkPredictionCol").empty()) {
      AddStep(stage, stage.String("linkPredictionCol"), "", {eta}, Drop::kNever, 1);
    }
  }

  // Interaction: its inputs as numbers, or vectors when an earlier stage makes them.
  void Interaction(const SavedStage& stage) {
    std::vector<Arg> args;
    for (const auto& input : stage.Strings("inputCols")) args.push_back(NumberOrVector(stage, input));
    AddStep(stage, stage.String("outputCol"), "ml_interaction", std::move(args), Drop::kNever);
  }

  // VectorIndexerModel: categoryMaps (map<int, map<double, int>>) as ml_vector_index's texts.
  void VectorIndexer(const SavedStage& stage) {
    std::string mode = stage.String("handleInvalid");
    auto features = static_cast<int>(stage.Data("numFeatures").i64);
    std::vector<Arg> args = {Column(stage, stage.String("inputCol"), InputKind::kVector), Text(mode),
                             Text(std::to_string(features))};
    const Value& maps = stage.Data("categoryMaps");
    size_t count = maps.is_null ? 0 : maps.children.size() / 2;
    for (size_t f = 0; f < count; ++f) {
      const Value& map = maps.children[count + f];
      size_t size = map.children.size() / 2;
      std::vector<double> ordered(size);
      for (size_t e = 0; e < size; ++e) {
        int64_t index = map.children[size + e].i64;
        if (index < 0 || static_cast<size_t>(index) >= size) {
          throw std::invalid_argument(stage.Describe() + ": category indices out of range");
        }
        ordered[static_cast<size_t>(index)] = map.children[e].f64;
      }
      ordered.insert(ordered.begin(), static_cast<double>(maps.children[f].i64));
      args.push_back(Text(DoublesText(ordered)));
    }
    AddStep(stage, stage.String("outputCol"), "ml_vector_index", std::move(args),
            mode == "skip" ? Drop::kNullResult : Drop::kNever, features);
  }

  // The selectors' models: their selectedFeatures in increasing order, as ml_vector_slice's indices.
  void Selector(const SavedStage& stage) {
    std::vector<int64_t> selected;
    for (const auto& index : stage.Data("selectedFeatures").children) selected.push_back(index.i64);
    std::sort(selected.begin(), selected.end());
    std::string indices;
    for (int64_t i : selected) indices += (indices.empty() ? "" : ",") + std::to_string(i);
    AddStep(stage, stage.String("outputCol"), "ml_vector_slice",
            {Column(stage, stage.String("featuresCol"), InputKind::kVector), Text(indices)}, Drop::kNever,
            static_cast<int>(selected.size()));
  }

  // LinearSVCModel: rawPrediction [-m, m], prediction m > threshold.
  void LinearSvc(const SavedStage& stage) {
    std::vector<double> row = VectorValues(stage.Data("coefficients"));
    row.push_back(stage.Data("intercept").f64);
    GlmOutputs(stage, {row}, {{"rawPredictionCol", "raw"}, {"predictionCol", "margin_prediction"}},
               DoublesText({stage.Double("threshold")}));
  }

  // PCAModel: pc's columns as ml_glm_predict's coefficient rows (no intercept), their margins the
  // projection.
  void Pca(const SavedStage& stage) {
    std::vector<std::vector<double>> pc = MatrixRows(stage.Data("pc"));  // n rows of k
    size_t k = pc.empty() ? 0 : pc[0].size();
    std::vector<double> flat;
    for (size_t j = 0; j < k; ++j) {
      for (const auto& row : pc) flat.push_back(row[j]);
      flat.push_back(0.0);
    }
    AddStep(stage, stage.String("outputCol"), "ml_glm_predict",
            {Text("margins"), Text(std::to_string(k)), Text(DoublesText(flat)), Text(""),
             Column(stage, stage.String("inputCol"), InputKind::kVector)},
            Drop::kNever, static_cast<int>(k));
  }

  // StopWordsRemover, one column or several.
  void StopWordsRemover(const SavedStage& stage) {
    std::vector<std::string> inputs = stage.Has("inputCols") && stage.IsSet("inputCols") ? stage.Strings("inputCols")
                                                                                          : std::vector<std::string>{stage.String("inputCol")};
    std::vector<std::string> outputs = stage.Has("outputCols") && stage.IsSet("outputCols") ? stage.Strings("outputCols")
                                                                                            : std::vector<std::string>{stage.String("outputCol")};
    for (size_t c = 0; c < inputs.size() && c < outputs.size(); ++c) {
      std::vector<Arg> args = {Column(stage, inputs[c], InputKind::kString), Text(stage.Bool("caseSensitive") ? "true" : "false")};
      for (const auto& word : stage.Strings("stopWords")) args.push_back(Text(word));
      AddStep(stage, outputs[c], "ml_remove_stop_words", std::move(args), Drop::kNever);
    }
  }

  // MaxAbsScalerModel (1 / maxAbs, 1 where it is 0), ElementwiseProduct and IDFModel: ml_standard_scale
  // without a shift.
  void Scale(const SavedStage& stage, std::vector<double> factors, bool inverse) {
    if (inverse) {
      for (double& m : factors) m = m == 0 ? 1.0 : 1.0 / m;
    }
    VectorMap(stage, "ml_standard_scale", {"", DoublesText(factors)}, static_cast<int>(factors.size()));
  }

  // function(inputCol, texts...) as outputCol, the input a vector.
  void VectorMap(const SavedStage& stage, const std::string& function, const std::vector<std::string>& texts,
                 int size = -1) {
    std::vector<Arg> args = {Column(stage, stage.String("inputCol"), InputKind::kVector)};
    for (const auto& text : texts) args.push_back(Text(text));
    AddStep(stage, stage.String("outputCol"), function, std::move(args), Drop::kNever, size);
  }

  void KMeans(const SavedStage& stage) {
    std::map<int64_t, std::vector<double>> centers;
    for (const auto& row : stage.DataRows()) centers[row.at("clusterIdx").i64] = VectorValues(row.at("clusterCenter"));
    std::vector<double> flat;
    for (const auto& [index, center] : centers) flat.insert(flat.end(), center.begin(), center.end());
    if (!stage.Has("predictionCol") || stage.String("predictionCol").empty()) return;
    AddStep(stage, stage.String("predictionCol"), "ml_kmeans_predict",
            {Text("cluster"), Text(DoublesText(flat)), Text(std::to_string(centers.size())),
             Column(stage, stage.String("featuresCol"), InputKind::kVector)},
            Drop::kNever);
  }

  // GaussianMixtureModel: weights, mus and sigmas as ml_gmm_predict's mixture text.
  void GaussianMixture(const SavedStage& stage) {
    const auto& weights = stage.Data("weights").children;
    const auto& mus = stage.Data("mus").children;
    const auto& sigmas = stage.Data("sigmas").children;
    if (weights.empty() || mus.size() != weights.size() || sigmas.size() != weights.size()) {
      throw std::invalid_argument(stage.Describe() + ": weights, mus and sigmas do not match");
    }
    size_t n = VectorValues(mus[0]).size();
    std::vector<double> text = {static_cast<double>(weights.size()), static_cast<double>(n)};
    for (size_t c = 0; c < weights.size(); ++c) {
      std::vector<double> mean = VectorValues(mus[c]);
      std::vector<std::vector<double>> covariance = MatrixRows(sigmas[c]);
      if (mean.size() != n || covariance.size() != n) throw std::invalid_argument(stage.Describe() + ": a Gaussian of another size");
      text.push_back(weights[c].f64);
      text.insert(text.end(), mean.begin(), mean.end());
      for (const auto& row : covariance) text.insert(text.end(), row.begin(), row.end());
    }
    Arg features = Column(stage, stage.String("featuresCol"), InputKind::kVector);
    for (const char* param : {"probabilityCol", "predictionCol"}) {
      if (!stage.Has(param) || stage.String(param).empty()) continue;
      AddStep(stage, stage.String(param), "ml_gmm_predict",
              {Text(param == std::string("probabilityCol") ? "probability" : "prediction"), Text(DoublesText(text)), features},
              Drop::kNever, param == std::string("probabilityCol") ? static_cast<int>(weights.size()) : 1);
    }
  }

  // FPGrowthModel: the association rules at minConfidence from the frequent itemsets, in their
  // order (each item of a set as the consequent of the others), as the batch transform derives
  // them; ml_fp_predict applies them. Serves string items.
  // FeatureHasher: categoricalCols are strings (numbers as the batch casts them to text), other
  // input fields scalars hashed as what the row gives, a number by its name, a string or boolean
  // with it, as the batch hashes a column by its type.
  void FeatureHasher(const SavedStage& stage) {
    std::set<std::string> categorical;
    if (stage.Has("categoricalCols")) {
      for (const auto& name : stage.Strings("categoricalCols")) categorical.insert(name);
    }
    std::vector<Arg> args = {Text(std::to_string(static_cast<int64_t>(stage.Double("numFeatures"))))};
    for (const auto& name : stage.Strings("inputCols")) {
      bool text = categorical.count(name) > 0;
      int made = Find(name);
      if (text && made >= 0 && model_->columns_[static_cast<size_t>(made)].input < 0 &&
          model_->columns_[static_cast<size_t>(made)].type->id != TypeId::kString) {
        throw std::invalid_argument("the serving runtime does not support stage " + stage.Describe() +
                                    " hashing " + name + ", a number an earlier stage makes, as categorical");
      }
      args.push_back(Text(name));
      args.push_back(Column(stage, name, text ? InputKind::kString : InputKind::kScalar));
    }
    AddStep(stage, stage.String("outputCol"), "ml_feature_hash", std::move(args), Drop::kNever,
            static_cast<int>(stage.Double("numFeatures")));
  }

  // Word2VecModel's rows of word and vector (floats), in the order Word2VecModel.save wrote them.
  void Word2Vec(const SavedStage& stage) {
    std::vector<double> vectors;
    std::vector<Arg> words;
    size_t size = 0;
    for (const auto& row : stage.DataRows()) {
      const Value& vector = row.at("vector");
      if (words.empty()) size = vector.children.size();
      if (vector.children.size() != size) throw std::invalid_argument(stage.Describe() + ": vectors of different sizes");
      for (const auto& v : vector.children) vectors.push_back(v.f64);
      words.push_back(Text(row.at("word").str));
    }
    if (words.empty()) throw std::invalid_argument(stage.Describe() + " has no model data");
    std::vector<Arg> args = {Column(stage, stage.String("inputCol"), InputKind::kStrings), Text(std::to_string(size)),
                             Text(DoublesText(vectors))};
    for (auto& word : words) args.push_back(std::move(word));
    AddStep(stage, stage.String("outputCol"), "ml_word2vec_average", std::move(args), Drop::kNever,
            static_cast<int>(size));
  }

  void FpGrowth(const SavedStage& stage) {
    std::map<std::set<std::string>, int64_t> counts;
    std::vector<std::pair<std::vector<std::string>, int64_t>> itemsets;
    for (const auto& row : stage.DataRows()) {
      const Value& items = row.at("items");
      if (items.type->element->id != TypeId::kString) {
        throw std::invalid_argument("the serving runtime does not support stage " + stage.Describe() +
                                    " with items of type " + items.type->element->ToString());
      }
      std::vector<std::string> set;
      for (const auto& item : items.children) set.push_back(item.str);
      counts[std::set<std::string>(set.begin(), set.end())] = row.at("freq").i64;
      itemsets.emplace_back(std::move(set), row.at("freq").i64);
    }
    TypePtr items_type = KindType(InputKind::kStrings);
    Value antecedents = Value::Null(ArrayType(items_type));
    Value consequents = Value::Null(items_type);
    antecedents.is_null = consequents.is_null = false;
    double min_confidence = stage.Double("minConfidence");
    for (const auto& [set, freq] : itemsets) {
      if (set.size() < 2) continue;
      for (size_t c = 0; c < set.size(); ++c) {
        Value antecedent = Value::Null(items_type);
        antecedent.is_null = false;
        std::set<std::string> key;
        for (size_t i = 0; i < set.size(); ++i) {
          if (i == c) continue;
          antecedent.children.push_back(Value::String(set[i]));
          key.insert(set[i]);
        }
        auto count = counts.find(key);
        if (count == counts.end()) throw std::invalid_argument(stage.Describe() + ": an itemset's subset is not frequent");
        if (static_cast<double>(freq) / static_cast<double>(count->second) < min_confidence) continue;
        antecedents.children.push_back(std::move(antecedent));
        consequents.children.push_back(Value::String(set[c]));
      }
    }
    AddStep(stage, stage.String("predictionCol"), "ml_fp_predict",
            {Column(stage, stage.String("itemsCol"), InputKind::kStrings), Literal(std::move(antecedents)),
             Literal(std::move(consequents))},
            Drop::kNever);
  }

  // ALSModel: each id's factors looked up in its table (hidden steps), then their dot product as
  // the batch transform computes it after joining the factor tables.
  void Als(const SavedStage& stage) {
    auto table = [&](const std::string& folder) {
      std::vector<std::map<std::string, Value>> rows = stage.FolderRows(folder);
      std::vector<double> flat;
      size_t rank = rows.empty() ? 0 : rows[0].at("features").children.size();
      flat.push_back(static_cast<double>(rank));
      for (const auto& row : rows) {
        const auto& factors = row.at("features").children;
        if (factors.size() != rank) throw std::invalid_argument(stage.Describe() + ": factors of different ranks");
        flat.push_back(static_cast<double>(row.at("id").i64));
        for (const auto& f : factors) flat.push_back(f.f64);
      }
      return DoublesText(flat);
    };
    std::string user = stage.String("userCol"), item = stage.String("itemCol");
    Arg users = AddHiddenStep(stage, "user", "ml_als_lookup",
                              {Column(stage, user, InputKind::kNumber), Text(user), Text(item), Text(table("userFactors"))});
    Arg items = AddHiddenStep(stage, "item", "ml_als_lookup",
                              {Column(stage, item, InputKind::kNumber), Text(user), Text(item), Text(table("itemFactors"))});
    AddStep(stage, stage.String("predictionCol"), "ml_als_dot", {users, items},
            stage.String("coldStartStrategy") == "drop" ? Drop::kNanResult : Drop::kNever, 1);
  }

  // BisectingKMeansModel from Spark's node rows (leaves indexed 0, 1..., splits -1, -2... with
  // their two children): ml_bisecting_assign's tree numbers the root 1 and node i's children 2i
  // and 2i + 1, and its leaves text maps those numbers back to the leaves' indices.
  void BisectingKMeans(const SavedStage& stage) {
    std::map<int64_t, const std::map<std::string, Value>*> nodes;
    std::set<int64_t> children;
    for (const auto& row : stage.DataRows()) {
      nodes[row.at("index").i64] = &row;
      for (const auto& child : row.at("children").children) children.insert(child.i64);
    }
    int64_t root = 0;
    bool found = false;
    for (const auto& [index, row] : nodes) {
      if (!children.count(index)) {
        root = index;
        found = true;
      }
    }
    if (!found) throw std::invalid_argument(stage.Describe() + ": no root node");
    size_t n = VectorValues(nodes.at(root)->at("center")).size();
    std::vector<double> tree = {static_cast<double>(n)}, leaves;
    std::vector<std::pair<int64_t, int64_t>> pending = {{1, root}};
    while (!pending.empty()) {
      auto [number, index] = pending.back();
      pending.pop_back();
      const auto& kids = nodes.at(index)->at("children").children;
      if (kids.size() != 2) {
        leaves.insert(leaves.end(), {static_cast<double>(number), static_cast<double>(index)});
        continue;
      }
      tree.push_back(static_cast<double>(number));
      for (const auto& kid : kids) {
        std::vector<double> center = VectorValues(nodes.at(kid.i64)->at("center"));
        tree.insert(tree.end(), center.begin(), center.end());
      }
      pending.push_back({2 * number, kids[0].i64});
      pending.push_back({2 * number + 1, kids[1].i64});
    }
    if (!stage.Has("predictionCol") || stage.String("predictionCol").empty()) return;
    AddStep(stage, stage.String("predictionCol"), "ml_bisecting_assign",
            {Text(DoublesText(tree)), Column(stage, stage.String("featuresCol"), InputKind::kVector),
             Text(DoublesText(leaves))},
            Drop::kNever);
  }

  // A tree model's forest as ml_tree_predict takes it (ml_util.h, Forest), from Spark's nodeData
  // rows: a decision tree's leaves give their class weights, a forest's its class probabilities,
  // a regression tree's the mean label (weighted label sum over weight); a boosted tree's leaves
  // give that mean times the tree's weight (from treesMetadata), and the outputs are the margin's.
  void Trees(const SavedStage& stage, bool classification, bool ensemble, bool boosted) {
    std::map<int64_t, double> tree_weights;
    if (boosted) {
      for (const auto& row : stage.FolderRows("treesMetadata")) tree_weights[row.at("treeID").i64] = row.at("weights").f64;
    }
    std::map<int64_t, std::vector<Value>> trees;  // tree -> nodes (structs of nodeData's fields)
    for (const auto& row : stage.DataRows()) {
      if (ensemble) {
        trees[row.at("treeID").i64].push_back(row.at("nodeData"));
      } else {
        Value node = Value::Null(NullType());
        for (const char* field : {"id", "impurityStats", "leftChild", "rightChild", "split"}) {
          node.children.push_back(row.at(field));
        }
        trees[0].push_back(std::move(node));
      }
    }
    // the fields by position: nodeData's struct, or the five picked above
    auto field = [ensemble](const Value& node, const char* name) -> const Value& {
      static const std::vector<std::string> picked = {"id", "impurityStats", "leftChild", "rightChild", "split"};
      if (!ensemble) {
        return node.children.at(static_cast<size_t>(std::find(picked.begin(), picked.end(), name) - picked.begin()));
      }
      const auto& fields = node.type->fields;
      for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == name) return node.children.at(i);
      }
      throw std::invalid_argument(std::string("a tree node without ") + name);
    };
    std::vector<double> text;
    size_t k = 0;
    for (auto& [tree, nodes] : trees) {
      std::sort(nodes.begin(), nodes.end(),
                [&](const Value& a, const Value& b) { return field(a, "id").i64 < field(b, "id").i64; });
      if (k == 0) k = classification && !boosted ? field(nodes[0], "impurityStats").children.size() : 1;
      text.push_back(static_cast<double>(nodes.size()));
      for (const auto& node : nodes) {
        const Value& split = field(node, "split");
        bool leaf = field(node, "leftChild").i64 < 0;
        text.push_back(leaf ? -1.0 : static_cast<double>(split.children.at(0).i64));
        text.push_back(leaf ? 0.0 : split.children.at(1).children.at(0).f64);
        text.push_back(static_cast<double>(field(node, "leftChild").i64));
        text.push_back(static_cast<double>(field(node, "rightChild").i64));
        std::vector<double> stats;
        for (const auto& v : field(node, "impurityStats").children) stats.push_back(v.f64);
        if (!classification || boosted) {
          double weight = boosted ? tree_weights.at(tree) : 1.0;
          text.push_back(weight * (stats.at(0) > 0 ? stats.at(1) / stats.at(0) : 0.0));
          continue;
        }
        double total = 0.0;
        for (double v : stats) total += v;
        for (double v : stats) text.push_back(ensemble && total > 0 ? v / total : v);
      }
    }
    if (trees.empty()) throw std::invalid_argument(stage.Describe() + " has no trees");
    text.insert(text.begin(), {static_cast<double>(k), static_cast<double>(trees.size())});
    if (classification && stage.Has("thresholds")) {
      throw std::invalid_argument("the serving runtime does not support stage " + stage.Describe() +
                                  " with thresholds");
    }
    Arg features = Column(stage, stage.String("featuresCol"), InputKind::kVector);
    std::vector<std::pair<std::string, std::string>> outputs;
    if (classification && boosted) {
      outputs = {{"rawPredictionCol", "margin_raw"},
                 {"probabilityCol", "margin_probability"},
                 {"predictionCol", "margin_prediction"}};
    } else if (classification) {
      outputs = {{"rawPredictionCol", "raw"}, {"probabilityCol", "probability"}, {"predictionCol", "prediction"}};
    } else {
      outputs = {{"predictionCol", boosted ? "margin" : "regression"}};
    }
    for (const auto& [param, kind] : outputs) {
      if (!stage.Has(param) || stage.String(param).empty()) continue;
      AddStep(stage, stage.String(param), "ml_tree_predict", {Text(kind), Text(DoublesText(text)), features},
              Drop::kNever);
    }
  }

  ServingModel* model_;
};

namespace {

// The stages saved in `dir`, a pipeline's (nested pipelines' stages in their place), a tuning
// model's best model's, or the one stage saved there.
void ReadStages(const std::string& dir, std::vector<SavedStage>* stages) {
  SavedStage root = SavedStage::Read(dir);
  std::string kind = ShortClass(root.class_name());
  if (kind == "CrossValidatorModel" || kind == "TrainValidationSplitModel") {  // they transform with it
    ReadStages((fs::path(dir) / "bestModel").string(), stages);
    return;
  }
  if (root.class_name() != "org.apache.spark.ml.PipelineModel") {
    stages->push_back(std::move(root));
    return;
  }
  std::vector<std::string> uids = root.Strings("stageUids");
  std::map<std::string, std::string> folders;  // "<index>_<uid>" -> path
  for (const auto& entry : fs::directory_iterator(fs::path(dir) / "stages")) {
    folders[entry.path().filename().string()] = entry.path().string();
  }
  size_t digits = std::to_string(uids.size()).size();  // indices are zero-padded to that width
  for (size_t i = 0; i < uids.size(); ++i) {
    std::string index = std::to_string(i);
    auto it = folders.find(std::string(digits - index.size(), '0') + index + "_" + uids[i]);
    if (it == folders.end()) throw std::invalid_argument("stage " + uids[i] + " is missing from " + dir);
    ReadStages(it->second, stages);
  }
}

}  // namespace

std::shared_ptr<const ServingModel> ServingModel::Load(const std::string& dir) {
  std::vector<SavedStage> stages;
  ReadStages(dir, &stages);
  auto model = std::make_shared<ServingModel>();
  Compiler compiler(model.get());
  for (const auto& stage : stages) compiler.AddStage(stage);
  return model;
}

std::string ServingModel::FieldAtFault(const Step& step, const std::vector<VectorPtr>& columns) const {
  std::string field;
  for (const auto& arg : step.args) {
    if (arg.column < 0) continue;
    const Column& column = columns_[static_cast<size_t>(arg.column)];
    std::string name = column.origin >= 0 ? inputs_[static_cast<size_t>(column.origin)].name : column.name;
    bool has_null = columns[static_cast<size_t>(arg.column)]->CountNulls() > 0;
    if (field.empty() || has_null) field = name;
    if (has_null) break;
  }
  return field;
}

std::vector<VectorPtr> ServingModel::Score(const std::vector<VectorPtr>& inputs, int64_t rows,
                                           std::vector<bool>* kept) const {
  if (inputs.size() != inputs_.size()) throw InternalError("serving: one column per input field expected");
  std::vector<VectorPtr> columns(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].input >= 0) columns[c] = inputs[static_cast<size_t>(columns_[c].input)];
  }
  std::vector<int32_t> original(static_cast<size_t>(rows));  // request row of each working row
  std::iota(original.begin(), original.end(), 0);
  int64_t live = rows;
  auto drop_rows = [&](const std::vector<bool>& drop) {
    std::vector<int32_t> keep;
    for (int64_t r = 0; r < live; ++r) {
      if (!drop[static_cast<size_t>(r)]) keep.push_back(static_cast<int32_t>(r));
    }
    if (static_cast<int64_t>(keep.size()) == live) return;
    for (auto& column : columns) {
      if (column) column = Take(*column, keep);
    }
    std::vector<int32_t> still(keep.size());
    for (size_t i = 0; i < keep.size(); ++i) still[i] = original[static_cast<size_t>(keep[i])];
    original = std::move(still);
    live = static_cast<int64_t>(keep.size());
  };
  EvalContext ctx;
  std::vector<VectorPtr> args;
  for (const auto& step : steps_) {
    if (step.drop == Drop::kInvalidArguments) {
      std::vector<bool> drop(static_cast<size_t>(live), false);
      for (const auto& arg : step.args) {
        if (arg.column < 0) continue;
        const Vector& column = *columns[static_cast<size_t>(arg.column)];
        bool is_double = column.type()->id == TypeId::kDouble;
        for (int64_t r = 0; r < live; ++r) {
          if (column.IsNull(r) || (is_double && std::isnan(column.Data<double>()[r]))) drop[static_cast<size_t>(r)] = true;
        }
      }
      drop_rows(drop);
    }
    args.clear();
    for (const auto& arg : step.args) {
      if (arg.column >= 0) {
        args.push_back(columns[static_cast<size_t>(arg.column)]);
      } else {
        args.push_back(live == 1 || step.one_row_literals ? arg.literal_row : MakeConstantVector(arg.literal, live));
      }
    }
    VectorPtr result;
    if (!step.bound.kernel) {
      result = args.at(0);
    } else {
      try {
        result = step.bound.kernel(args, live, ctx);
      } catch (const SparkError& error) {
        throw ServingError(422, FieldAtFault(step, columns), step.stage + ": " + ErrorText(error));
      }
    }
    columns[static_cast<size_t>(step.column)] = result;
    if (step.drop == Drop::kNullResult || step.drop == Drop::kNullResultOfValue) {
      std::vector<bool> drop(static_cast<size_t>(live), false);
      const Vector& value = *args.at(0);
      for (int64_t r = 0; r < live; ++r) {
        drop[static_cast<size_t>(r)] = result->IsNull(r) && (step.drop == Drop::kNullResult || !value.IsNull(r));
      }
      drop_rows(drop);
    } else if (step.drop == Drop::kNanResult) {
      std::vector<bool> drop(static_cast<size_t>(live), false);
      for (int64_t r = 0; r < live; ++r) drop[static_cast<size_t>(r)] = std::isnan(result->Data<float>()[r]);
      drop_rows(drop);
    }
  }
  kept->assign(static_cast<size_t>(rows), false);
  for (int32_t r : original) (*kept)[static_cast<size_t>(r)] = true;
  std::vector<VectorPtr> out;
  for (const auto& step : steps_) {
    if (!step.hidden) out.push_back(columns[static_cast<size_t>(step.column)]);
  }
  if (live == rows) return out;
  for (auto& column : out) {  // dropped rows are null
    VectorBuilder full(column->type(), rows);
    int64_t next = 0;
    for (int64_t r = 0; r < rows; ++r) {
      if ((*kept)[static_cast<size_t>(r)]) {
        full.AppendFrom(*column, next++);
      } else {
        full.AppendNull();
      }
    }
    column = full.Finish();
  }
  return out;
}

}  // namespace ember::serving

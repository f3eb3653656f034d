// The engine side of the tree models' transform (DecisionTree and RandomForest classification and
// regression models):
//   ml_tree_predict(kind, forest, features) with the forest as text (ml_util.h, Forest):
//   'raw'         -> vector, the sum over the trees of the values of the leaf each reaches
//                    (a decision tree's class weights, or a forest's per-tree probabilities);
//   'probability' -> vector, 'raw' divided by its sum;
//   'prediction'  -> double, the class of the largest raw value (the first on ties);
//   'regression'  -> double, the mean over the trees of their leaf's value.
// and for gradient-boosted trees, whose leaf values carry their tree's weight, on the margin m (the
// sum of the leaf values):
//   'margin'             -> double, m (a GBT regression's prediction);
//   'margin_raw'         -> vector [-m, m] (a GBT classification's rawPrediction);
//   'margin_probability' -> vector [p, 1 - p] with p = 1 / (1 + exp(2m)), logistic loss's;
//   'margin_prediction'  -> double, 1 when m > 0, else 0.
#include <cmath>
#include <string>
#include <vector>

#include "common/error.h"
#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"
#include "functions/ml_util.h"

namespace ember {
namespace {

enum class TreeOutput {
  kRaw, kProbability, kPrediction, kRegression, kMargin, kMarginRaw, kMarginProbability, kMarginPrediction
};

BoundScalar BindTreePredict(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_tree_predict";
  CheckArgCount(name, args, 3, 3);
  auto output = static_cast<TreeOutput>(LiteralChoice(name, args, 0,
                                                           {"raw", "probability", "prediction", "regression", "margin",
                                                            "margin_raw", "margin_probability", "margin_prediction"}));
  Forest forest(LiteralDoubles(name, args, 1));
  if (forest.tree_start.empty()) ThrowUnexpectedType(name, 1, "a forest of at least one tree", *args[1].type);
  if (!IsVectorType(*args[2].type)) ThrowUnexpectedType(name, 2, "\"VECTOR\"", *args[2].type);
  BoundScalar bound;
  bound.arg_types = {StringType(), StringType(), args[2].type};
  bool vector_result = output == TreeOutput::kRaw || output == TreeOutput::kProbability ||
                       output == TreeOutput::kMarginRaw || output == TreeOutput::kMarginProbability;
  bound.result_type = vector_result ? VectorUdtType() : DoubleType();
  bound.kernel = [forest, output, vector_result](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorReader features{*a[2]};
    std::vector<double> x, raw;
    size_t trees = forest.tree_start.size();
    auto sum_leaves = [&](int64_t r) {
      Forest::Densify(features, r, x);
      raw.assign(forest.k, 0.0);
      for (size_t t = 0; t < trees; ++t) {
        const double* values = forest.Values(t, forest.Leaf(t, x));
        for (size_t c = 0; c < forest.k; ++c) raw[c] += values[c];
      }
    };
    if (vector_result) {
      VectorBuilder out(VectorUdtType(), rows);
      for (int64_t r = 0; r < rows; ++r) {
        if (a[2]->IsNull(r)) {
          out.AppendNull();
          continue;
        }
        sum_leaves(r);
        if (output == TreeOutput::kMarginRaw || output == TreeOutput::kMarginProbability) {
          double margin = raw.at(0);
          raw.assign({-margin, margin});
          if (output == TreeOutput::kMarginProbability) {
            raw[0] = 1.0 / (1.0 + std::exp(-2.0 * raw[0]));
            raw[1] = 1.0 - raw[0];
          }
        } else if (output == TreeOutput::kProbability) {
          double total = 0.0;
          for (double v : raw) total += v;
          if (total > 0) {
            for (double& v : raw) v /= total;
          }
        }
        AppendDense(out, raw.data(), static_cast<int64_t>(raw.size()));
      }
      return out.Finish();
    }
    VectorPtr out = Vector::Make(DoubleType(), rows);
    double* o = out->Data<double>();
    for (int64_t r = 0; r < rows; ++r) {
      o[r] = 0.0;
      if (a[2]->IsNull(r)) {
        out->SetNull(r);
        continue;
      }
      sum_leaves(r);
      if (output == TreeOutput::kRegression) {
        o[r] = raw.at(0) / static_cast<double>(trees);
      } else if (output == TreeOutput::kMargin) {
        o[r] = raw.at(0);
      } else if (output == TreeOutput::kMarginPrediction) {
        o[r] = raw.at(0) > 0.0 ? 1.0 : 0.0;
      } else {
        size_t best = 0;
        for (size_t c = 1; c < raw.size(); ++c) {
          if (raw[c] > raw[best]) best = c;
        }
        o[r] = static_cast<double>(best);
      }
    }
    return out;
  };
  return bound;
}

}  // namespace

void RegisterMlTreeFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("ml_tree_predict",
                          "ml_tree_predict(kind, forest, features): a tree model's rawPrediction ('raw'), "
                          "probability, prediction or regression value from its trees given as text. "
                          "ml_tree_predict('regression', '1,1,1,-1,0,0,0,2.5', v) = 2.5",
                          BindTreePredict));
}

}  // namespace ember

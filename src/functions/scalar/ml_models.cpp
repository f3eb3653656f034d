// The engine side of the models' transform (LogisticRegressionModel, LinearRegressionModel,
// KMeansModel):
//   ml_glm_predict(kind, sets, coefficients, thresholds, features)
// with coefficients `sets` rows of n + 1 values (n feature coefficients, then the intercept) as
// text, as ml_glm_gradient takes them. kind is
//   'linear'      -> double, the margin x.beta + b of one set (LinearRegressionModel's prediction);
//   'raw'         -> vector, rawPrediction: [-m, m] for one set (binomial), the margins otherwise;
//   'probability' -> vector, [1 - p, p] with p the logistic of m, or the softmax of the margins;
//   'margins'     -> vector, the margins of every set (PCAModel's projection);
//   'prediction'  -> double: binomial 1.0 when p > threshold (thresholds holds that one value);
//                    multinomial the class maximising p_k / t_k, or the largest margin without
//                    thresholds (the first one on ties);
//   'margin_prediction' -> double: 1.0 when the one margin is above the threshold (LinearSVC).
//   ml_nb_predict(kind, modelType, classes, table, thresholds, features): a 'gaussian' or
//   'complement' NaiveBayesModel's 'raw', 'probability' or 'prediction' (NaiveBayesScores).
//   ml_glm_unlink(link, eta) -> double: GeneralizedLinearRegressionModel's mean, the inverse of
//   'identity', 'log', 'inverse', 'logit' or 'sqrt' at the linear predictor eta.
//   ml_kmeans_predict(kind, centers, k, features): KMeansModel's 'cluster' (int, the nearest of
//   the k centers given as text) or the 'cost' (double, the squared distance to it).
//   ml_gmm_predict(kind, mixture, features): GaussianMixtureModel's 'probability' (vector, each
//   component's share of the densities) or 'prediction' (int, the first most probable one).
//   ml_bisecting_assign(tree, features[, leaves]): BisectingKMeans' node of a row (bigint): from
//   the root (1) down to the closer child (2i left, 2i + 1 right; left on ties) while the node is
//   split. tree is the text "n, then per split node: its index, the left child's center, the right
//   child's". With leaves ("node, cluster, ..."), the cluster of the node reached (int).
//   ml_silhouette(clusters, features, prediction, weight): ClusteringEvaluator's silhouette of a
//   row with squared Euclidean distances, from each cluster's weight N, sum of w * ||x||^2 and
//   sum of w * x (text: n, then per cluster N, that sum, and the n sums).
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"
#include "functions/ml_util.h"

namespace ember {
namespace {

enum class Output { kLinear, kRaw, kProbability, kPrediction, kMargins, kMarginPrediction };  // in the order of the kind literal's names

struct GlmModel {
  size_t sets;
  size_t width;  // n + 1
  std::vector<double> coefficients;
  std::vector<double> thresholds;

  void Margins(const VectorReader& features, int64_t row, std::vector<double>& out) const {
    size_t n = width - 1;
    if (static_cast<size_t>(features.Size(row)) != n) {
      ThrowMlError("requirement failed: The size of features " + std::to_string(features.Size(row)) +
                   " does not match the model's number of features " + std::to_string(n) + ".");
    }
    out.resize(sets);
    for (size_t k = 0; k < sets; ++k) out[k] = coefficients[k * width + n];
    features.ForEach(row, [&](int32_t i, double x) {
      for (size_t k = 0; k < sets; ++k) out[k] += coefficients[k * width + i] * x;
    });
  }

  // Probabilities of each class from the margins (binomial: two classes from one margin).
  void Probabilities(const std::vector<double>& margins, std::vector<double>& out) const {
    if (sets == 1) {
      double p = 1.0 / (1.0 + std::exp(-margins[0]));
      out = {1.0 - p, p};
      return;
    }
    double top = *std::max_element(margins.begin(), margins.end());
    double total = 0.0;
    out.resize(sets);
    for (size_t k = 0; k < sets; ++k) total += (out[k] = std::exp(margins[k] - top));
    for (double& p : out) p /= total;
  }

  double Prediction(const std::vector<double>& margins, std::vector<double>& probabilities) const {
    if (sets == 1) {
      Probabilities(margins, probabilities);
      return probabilities[1] > thresholds.at(0) ? 1.0 : 0.0;
    }
    if (thresholds.empty()) return static_cast<double>(std::max_element(margins.begin(), margins.end()) - margins.begin());
    Probabilities(margins, probabilities);
    size_t best = 0;
    double best_value = -std::numeric_limits<double>::infinity();
    for (size_t k = 0; k < sets; ++k) {
      double scaled = thresholds[k] == 0.0 ? std::numeric_limits<double>::infinity() : probabilities[k] / thresholds[k];
      if (scaled > best_value) {
        best_value = scaled;
        best = k;
      }
    }
    return static_cast<double>(best);
  }
};

BoundScalar BindGlmPredict(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_glm_predict";
  CheckArgCount(name, args, 5, 5);
  auto output = static_cast<Output>(LiteralChoice(name, args, 0, {"linear", "raw", "probability", "prediction", "margins", "margin_prediction"}));
  GlmModel model;
  std::vector<double> sets = LiteralDoubles(name, args, 1);
  model.sets = sets.size() == 1 && sets[0] >= 1 ? static_cast<size_t>(sets[0]) : 0;
  model.coefficients = LiteralDoubles(name, args, 2);
  model.thresholds = LiteralDoubles(name, args, 3);
  if (model.sets == 0 || model.coefficients.size() % model.sets != 0 || model.coefficients.empty() ||
      (output == Output::kMarginPrediction && (model.sets != 1 || model.thresholds.size() != 1))) {
    throw InternalError("ml_glm_predict: coefficients do not match the number of sets");
  }
  model.width = model.coefficients.size() / model.sets;
  if (!IsVectorType(*args[4].type)) ThrowUnexpectedType(name, 4, "\"VECTOR\"", *args[4].type);
  BoundScalar bound;
  bound.arg_types = {StringType(), StringType(), StringType(), StringType(), args[4].type};
  bool vector_result = output == Output::kRaw || output == Output::kProbability || output == Output::kMargins;
  bound.result_type = vector_result ? VectorUdtType() : DoubleType();
  bound.kernel = [model, output, vector_result](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorReader features{*a[4]};
    std::vector<double> margins, probabilities, raw;
    if (vector_result) {
      VectorBuilder out(VectorUdtType(), rows);
      for (int64_t r = 0; r < rows; ++r) {
        if (a[4]->IsNull(r)) {
          out.AppendNull();
          continue;
        }
        model.Margins(features, r, margins);
        if (output == Output::kProbability) {
          model.Probabilities(margins, probabilities);
          AppendDense(out, probabilities.data(), static_cast<int64_t>(probabilities.size()));
        } else if (model.sets == 1 && output == Output::kRaw) {
          raw = {-margins[0], margins[0]};
          AppendDense(out, raw.data(), 2);
        } else {
          AppendDense(out, margins.data(), static_cast<int64_t>(margins.size()));
        }
      }
      return out.Finish();
    }
    VectorPtr out = Vector::Make(DoubleType(), rows);
    double* o = out->Data<double>();
    for (int64_t r = 0; r < rows; ++r) {
      o[r] = 0;
      if (a[4]->IsNull(r)) {
        out->SetNull(r);
        continue;
      }
      model.Margins(features, r, margins);
      if (output == Output::kLinear) {
        o[r] = margins[0];
      } else if (output == Output::kMarginPrediction) {
        o[r] = margins[0] > model.thresholds[0] ? 1.0 : 0.0;
      } else {
        o[r] = model.Prediction(margins, probabilities);
      }
    }
    return out;
  };
  return bound;
}

// NaiveBayesModel's gaussian and complement scores: per class, gaussian rows of 2n + 1 values
// (the n means, the n variances, the log prior) give pi - (sum (x - mean)^2 / variance + sum log
// variance) / 2; complement rows of n values give theta . x, its rawPrediction less their
// log-sum-exp.
struct NaiveBayesScores {
  bool gaussian = false;
  size_t n = 0;
  std::vector<double> table;
  std::vector<double> log_variance_sums;  // gaussian, per class

  void Scores(const VectorReader& features, int64_t row, std::vector<double>& dense, std::vector<double>& out) const {
    if (static_cast<size_t>(features.Size(row)) != n) {
      ThrowMlError("requirement failed: The size of features " + std::to_string(features.Size(row)) +
                   " does not match the model's number of features " + std::to_string(n) + ".");
    }
    size_t sets = gaussian ? log_variance_sums.size() : table.size() / n;
    out.assign(sets, 0.0);
    if (!gaussian) {
      features.ForEach(row, [&](int32_t i, double x) {
        for (size_t k = 0; k < sets; ++k) out[k] += table[k * n + static_cast<size_t>(i)] * x;
      });
      return;
    }
    dense.assign(n, 0.0);
    features.ForEach(row, [&](int32_t i, double x) { dense[static_cast<size_t>(i)] = x; });
    for (size_t k = 0; k < sets; ++k) {
      const double* mean = &table[k * (2 * n + 1)];
      const double* variance = mean + n;
      double s = 0.0;
      for (size_t j = 0; j < n; ++j) {
        double d = dense[j] - mean[j];
        s += d * d / variance[j];
      }
      out[k] = variance[n] - (s + log_variance_sums[k]) / 2;
    }
  }
};

BoundScalar BindNaiveBayesPredict(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_nb_predict";
  CheckArgCount(name, args, 6, 6);
  auto output = static_cast<Output>(1 + LiteralChoice(name, args, 0, {"raw", "probability", "prediction"}));
  NaiveBayesScores scores;
  scores.gaussian = LiteralChoice(name, args, 1, {"complement", "gaussian"}) == 1;
  std::vector<double> sets = LiteralDoubles(name, args, 2);
  size_t classes = sets.size() == 1 && sets[0] >= 1 ? static_cast<size_t>(sets[0]) : 0;
  scores.table = LiteralDoubles(name, args, 3);
  if (classes == 0 || scores.table.size() % classes != 0) throw InternalError("ml_nb_predict: table");
  size_t width = scores.table.size() / classes;
  scores.n = scores.gaussian ? (width - 1) / 2 : width;
  if (scores.n == 0 || (scores.gaussian && width % 2 == 0)) throw InternalError("ml_nb_predict: table");
  if (scores.gaussian) {
    for (size_t k = 0; k < classes; ++k) {
      double sum = 0.0;
      for (size_t j = 0; j < scores.n; ++j) sum += std::log(scores.table[k * width + scores.n + j]);
      scores.log_variance_sums.push_back(sum);
    }
  }
  GlmModel choice;  // softmax and thresholds over the scores
  choice.sets = classes;
  choice.thresholds = LiteralDoubles(name, args, 4);
  if (!IsVectorType(*args[5].type)) ThrowUnexpectedType(name, 5, "\"VECTOR\"", *args[5].type);
  BoundScalar bound;
  bound.arg_types = {StringType(), StringType(), StringType(), StringType(), StringType(), args[5].type};
  bound.result_type = output == Output::kPrediction ? DoubleType() : VectorUdtType();
  bound.kernel = [scores, choice, output](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorReader features{*a[5]};
    VectorBuilder out(output == Output::kPrediction ? DoubleType() : VectorUdtType(), rows);
    std::vector<double> dense, raw, probabilities;
    for (int64_t r = 0; r < rows; ++r) {
      if (a[5]->IsNull(r)) {
        out.AppendNull();
        continue;
      }
      scores.Scores(features, r, dense, raw);
      if (output == Output::kPrediction) {
        out.Append<double>(choice.Prediction(raw, probabilities));
      } else if (output == Output::kProbability) {
        choice.Probabilities(raw, probabilities);
        AppendDense(out, probabilities.data(), static_cast<int64_t>(probabilities.size()));
      } else {
        if (!scores.gaussian) {
          double top = *std::max_element(raw.begin(), raw.end());
          double total = 0.0;
          for (double v : raw) total += std::exp(v - top);
          double log_sum = std::log(total) + top;
          for (double& v : raw) v -= log_sum;
        }
        AppendDense(out, raw.data(), static_cast<int64_t>(raw.size()));
      }
    }
    return out.Finish();
  };
  return bound;
}

enum class Link { kIdentity, kLog, kInverse, kLogit, kSqrt };  // in the order of the link literal's names

BoundScalar BindGlmUnlink(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_glm_unlink";
  CheckArgCount(name, args, 2, 2);
  auto link = static_cast<Link>(LiteralChoice(name, args, 0, {"identity", "log", "inverse", "logit", "sqrt"}));
  if (args[1].type->id != TypeId::kDouble) ThrowUnexpectedType(name, 1, "\"DOUBLE\"", *args[1].type);
  BoundScalar bound;
  bound.arg_types = {StringType(), DoubleType()};
  bound.result_type = DoubleType();
  bound.kernel = [link](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& eta = *a[1];
    VectorPtr out = Vector::Make(DoubleType(), rows);
    double* mean = out->Data<double>();
    const double* x = eta.Data<double>();
    for (int64_t r = 0; r < rows; ++r) {
      mean[r] = 0.0;
      if (eta.IsNull(r)) {
        out->SetNull(r);
        continue;
      }
      switch (link) {
        case Link::kIdentity: mean[r] = x[r]; break;
        case Link::kLog: mean[r] = std::exp(x[r]); break;
        case Link::kInverse: mean[r] = 1.0 / x[r]; break;
        case Link::kLogit: mean[r] = 1.0 / (1.0 + std::exp(-x[r])); break;
        case Link::kSqrt: mean[r] = x[r] * x[r]; break;
      }
    }
    return out;
  };
  return bound;
}

BoundScalar BindKMeansPredict(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_kmeans_predict";
  CheckArgCount(name, args, 4, 4);
  bool cost = LiteralChoice(name, args, 0, {"cluster", "cost"}) == 1;
  std::vector<double> k = LiteralDoubles(name, args, 2);
  if (k.size() != 1 || k[0] < 1) ThrowUnexpectedType(name, 2, "a positive count of centers", *args[2].type);
  Centers centers(LiteralDoubles(name, args, 1), static_cast<size_t>(k[0]));
  if (!IsVectorType(*args[3].type)) ThrowUnexpectedType(name, 3, "\"VECTOR\"", *args[3].type);
  BoundScalar bound;
  bound.arg_types = {StringType(), StringType(), StringType(), args[3].type};
  bound.result_type = cost ? DoubleType() : IntType();
  bound.kernel = [centers, cost](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorReader features{*a[3]};
    VectorPtr out = Vector::Make(cost ? DoubleType() : IntType(), rows);
    for (int64_t r = 0; r < rows; ++r) {
      double distance = 0.0;
      size_t nearest = 0;
      if (a[3]->IsNull(r)) {
        out->SetNull(r);
      } else {
        nearest = centers.Nearest(features, r, &distance);
      }
      if (cost) {
        out->Data<double>()[r] = distance;
      } else {
        out->Data<int32_t>()[r] = static_cast<int32_t>(nearest);
      }
    }
    return out;
  };
  return bound;
}

BoundScalar BindGmmPredict(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_gmm_predict";
  CheckArgCount(name, args, 3, 3);
  bool probability = LiteralChoice(name, args, 0, {"prediction", "probability"}) == 1;
  Mixture mixture(LiteralDoubles(name, args, 1));
  if (!IsVectorType(*args[2].type)) ThrowUnexpectedType(name, 2, "\"VECTOR\"", *args[2].type);
  BoundScalar bound;
  bound.arg_types = {StringType(), StringType(), args[2].type};
  bound.result_type = probability ? VectorUdtType() : IntType();
  bound.kernel = [mixture, probability](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorReader features{*a[2]};
    std::vector<double> dense, densities;
    if (probability) {
      VectorBuilder out(VectorUdtType(), rows);
      for (int64_t r = 0; r < rows; ++r) {
        if (a[2]->IsNull(r)) {
          out.AppendNull();
          continue;
        }
        double total = mixture.Densities(features, r, dense, densities);
        for (double& p : densities) p /= total;
        AppendDense(out, densities.data(), static_cast<int64_t>(densities.size()));
      }
      return out.Finish();
    }
    VectorPtr out = Vector::Make(IntType(), rows);
    for (int64_t r = 0; r < rows; ++r) {
      out->Data<int32_t>()[r] = 0;
      if (a[2]->IsNull(r)) {
        out->SetNull(r);
        continue;
      }
      double total = mixture.Densities(features, r, dense, densities);
      size_t best = 0;
      for (size_t c = 1; c < densities.size(); ++c) {
        if (densities[c] / total > densities[best] / total) best = c;
      }
      out->Data<int32_t>()[r] = static_cast<int32_t>(best);
    }
    return out;
  };
  return bound;
}

BoundScalar BindBisectingAssign(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_bisecting_assign";
  CheckArgCount(name, args, 2, 3);
  std::vector<double> text = LiteralDoubles(name, args, 0);
  if (text.empty() || text[0] < 1) throw InternalError("ml_bisecting_assign: the tree");
  bool clusters = args.size() == 3;
  std::unordered_map<int64_t, int32_t> leaves;
  if (clusters) {
    std::vector<double> pairs = LiteralDoubles(name, args, 2);
    if (pairs.size() % 2 != 0) throw InternalError("ml_bisecting_assign: the leaves");
    for (size_t i = 0; i < pairs.size(); i += 2) leaves[static_cast<int64_t>(pairs[i])] = static_cast<int32_t>(pairs[i + 1]);
  }
  auto n = static_cast<size_t>(text[0]);
  if ((text.size() - 1) % (1 + 2 * n) != 0) throw InternalError("ml_bisecting_assign: the tree does not match n");
  std::unordered_map<int64_t, size_t> splits;  // node -> offset of its children's centers
  for (size_t start = 1; start < text.size(); start += 1 + 2 * n) splits[static_cast<int64_t>(text[start])] = start + 1;
  if (!IsVectorType(*args[1].type)) ThrowUnexpectedType(name, 1, "\"VECTOR\"", *args[1].type);
  BoundScalar bound;
  bound.arg_types = {StringType(), args[1].type};
  if (clusters) bound.arg_types.push_back(StringType());
  bound.result_type = clusters ? IntType() : LongType();
  bound.kernel = [text = std::move(text), splits, n, clusters, leaves](const std::vector<VectorPtr>& a, int64_t rows,
                                                                      EvalContext&) {
    VectorReader features{*a[1]};
    VectorPtr out = Vector::Make(clusters ? IntType() : LongType(), rows);
    std::vector<double> x;
    for (int64_t r = 0; r < rows; ++r) {
      if (clusters) {
        out->Data<int32_t>()[r] = 0;
      } else {
        out->Data<int64_t>()[r] = 0;
      }
      if (a[1]->IsNull(r)) {
        out->SetNull(r);
        continue;
      }
      if (static_cast<size_t>(features.Size(r)) != n) {
        ThrowMlError("requirement failed: Vector size " + std::to_string(features.Size(r)) +
                     " does not match the cluster centers' size " + std::to_string(n) + ".");
      }
      x.assign(n, 0.0);
      features.ForEach(r, [&](int32_t i, double v) { x[static_cast<size_t>(i)] = v; });
      int64_t node = 1;
      for (auto it = splits.find(node); it != splits.end(); it = splits.find(node)) {
        double distance[2] = {0.0, 0.0};
        for (size_t c = 0; c < 2; ++c) {
          const double* center = &text[it->second + c * n];
          for (size_t i = 0; i < n; ++i) distance[c] += (x[i] - center[i]) * (x[i] - center[i]);
        }
        node = 2 * node + (distance[1] < distance[0] ? 1 : 0);
      }
      if (!clusters) {
        out->Data<int64_t>()[r] = node;
        continue;
      }
      auto leaf = leaves.find(node);
      if (leaf == leaves.end()) throw InternalError("ml_bisecting_assign: a leaf without a cluster");
      out->Data<int32_t>()[r] = leaf->second;
    }
    return out;
  };
  return bound;
}

// The mean squared distance from x to the rows of a cluster is (N ||x||^2 - 2 x.Y + Psi) / N.
BoundScalar BindSilhouette(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_silhouette";
  CheckArgCount(name, args, 4, 4);
  std::vector<double> text = LiteralDoubles(name, args, 0);
  if (text.empty() || text[0] < 1) ThrowUnexpectedType(name, 0, "the clusters' statistics", *args[0].type);
  size_t n = static_cast<size_t>(text[0]);
  size_t width = n + 2;
  if ((text.size() - 1) % width != 0) ThrowUnexpectedType(name, 0, "the clusters' statistics", *args[0].type);
  size_t k = (text.size() - 1) / width;
  std::vector<double> clusters(text.begin() + 1, text.end());
  if (!IsVectorType(*args[1].type)) ThrowUnexpectedType(name, 1, "\"VECTOR\"", *args[1].type);
  BoundScalar bound;
  bound.arg_types = {StringType(), args[1].type, DoubleType(), DoubleType()};
  bound.result_type = DoubleType();
  bound.kernel = [clusters, n, k, width](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorReader features{*a[1]};
    const double* prediction = a[2]->Data<double>();
    const double* weight = a[3]->Data<double>();
    VectorPtr out = Vector::Make(DoubleType(), rows);
    double* o = out->Data<double>();
    for (int64_t r = 0; r < rows; ++r) {
      o[r] = 0.0;
      if (a[1]->IsNull(r) || a[2]->IsNull(r) || a[3]->IsNull(r)) {
        out->SetNull(r);
        continue;
      }
      if (static_cast<size_t>(features.Size(r)) != n) {
        ThrowMlError("requirement failed: Vector size " + std::to_string(features.Size(r)) +
                     " does not match the clusters' size " + std::to_string(n) + ".");
      }
      double own = prediction[r];
      if (!(own >= 0 && own < static_cast<double>(k))) ThrowMlError("Unexpected cluster " + std::to_string(own) + ".");
      double norm = 0.0;
      features.ForEach(r, [&](int32_t, double x) { norm += x * x; });
      double a_own = 0.0, b = std::numeric_limits<double>::infinity();
      bool alone = false;  // the only row of its cluster: silhouette 0
      for (size_t c = 0; c < k; ++c) {
        const double* cluster = &clusters[c * width];
        double dot = 0.0;
        features.ForEach(r, [&](int32_t i, double x) { dot += x * cluster[2 + i]; });
        double total = cluster[0] * norm - 2.0 * dot + cluster[1];  // weighted sum of squared distances
        if (static_cast<size_t>(own) == c) {
          // the row's distance to itself is 0: average over the other rows' weight
          alone = cluster[0] == weight[r];
          if (!alone) a_own = total / (cluster[0] - weight[r]);
        } else if (cluster[0] > 0) {
          b = std::min(b, total / cluster[0]);
        }
      }
      if (alone) continue;
      if (a_own < b) {
        o[r] = 1.0 - a_own / b;
      } else if (a_own > b) {
        o[r] = b / a_own - 1.0;
      }
    }
    return out;
  };
  return bound;
}

}  // namespace

void RegisterMlModelFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("ml_glm_predict",
                          "ml_glm_predict(kind, sets, coefficients, thresholds, features): a linear "
                          "model's prediction ('linear'), a logistic regression model's "
                          "rawPrediction ('raw'), probability or prediction, or a LinearSVC's "
                          "prediction ('margin_prediction'). "
                          "ml_glm_predict('linear', '1', '2,1', '', v) = 5.0",
                          BindGlmPredict));
  registry.Add(MakeScalar("ml_nb_predict",
                          "ml_nb_predict(kind, modelType, classes, table, thresholds, features): a gaussian or "
                          "complement NaiveBayesModel's rawPrediction ('raw'), probability or prediction",
                          BindNaiveBayesPredict));
  registry.Add(MakeScalar("ml_glm_unlink",
                          "ml_glm_unlink(link, eta): a generalized linear model's mean, the inverse "
                          "of its link at the linear predictor. ml_glm_unlink('sqrt', 3.0) = 9.0",
                          BindGlmUnlink));
  registry.Add(MakeScalar("ml_kmeans_predict",
                          "ml_kmeans_predict(kind, centers, k, features): the nearest of k cluster "
                          "centers ('cluster') or the squared distance to it ('cost'). "
                          "ml_kmeans_predict('cluster', '0,0,5,5', '2', v) = 1",
                          BindKMeansPredict));
  registry.Add(MakeScalar("ml_gmm_predict",
                          "ml_gmm_predict(kind, mixture, features): a Gaussian mixture's 'probability' "
                          "of each component or its 'prediction', the most probable one",
                          BindGmmPredict));
  registry.Add(MakeScalar("ml_bisecting_assign",
                          "ml_bisecting_assign(tree, features[, leaves]): BisectingKMeans' tree node of a "
                          "row, walking down to the closer child of each split node, or its cluster",
                          BindBisectingAssign));
  registry.Add(MakeScalar("ml_silhouette",
                          "ml_silhouette(clusters, features, prediction, weight): a row's silhouette "
                          "with squared Euclidean distances, from the clusters' statistics as text",
                          BindSilhouette));
}

}  // namespace ember

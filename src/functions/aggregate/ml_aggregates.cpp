// The aggregates Spark ML's training runs over a vector column, so that fitting is engine jobs over
// the partitions and only small results reach the driver:
//   ml_summary(features, weight) -> array<double> (features a vector, or a number as a vector of one): count, weight sum, size n, then per feature
//       mean, variance (unbiased, weighted), min, max, numNonZeros, normL1, normL2 (n values each),
//       as Spark's Summarizer defines them. Rows of weight 0 are left out.
//   ml_summarizer(metrics, features, weight) -> struct of the metrics named in the text
//       "mean,count,..." (pyspark.ml.stat.Summarizer): vectors for mean, sum, variance, std,
//       numNonZeros, max, min, normL2, normL1; count a bigint, weightSum a double.
//   ml_summarizer_metric(metric, features, weight) -> that one metric's value, not in a struct.
//   ml_glm_gradient(family, sets, coefficients, features, label, weight) -> array<double>: weight
//       sum, the weighted loss sum and its gradient with respect to the coefficients, for
//       'binomial' (logistic), 'multinomial' (softmax), 'squared' (least squares) or 'hinge'
//       (LinearSVC's max(0, 1 - (2y - 1) m)) loss.
//       coefficients are `sets` rows of n + 1 values (n feature coefficients, then the intercept),
//       given as text; the gradient has the same layout.
//   ml_gram(features, label, weight) -> array<double>: the normal equations' weighted sums: count,
//       sum w, sum w*y, sum w*y^2, n, then sum w*x (n), sum w*x*y (n) and the upper triangle of
//       sum w*x*x^T packed by columns (n(n+1)/2), as Spark's WeightedLeastSquares aggregates them.
//   ml_kmeans_step(centers, k, features, weight) -> array<double>: the weighted cost (squared
//       distance to the nearest of the k centers, given as text), then per center the weight
//       of the rows nearest to it and their weighted sum (n values): one Lloyd iteration.
//   ml_gmm_step(mixture, features, weight) -> array<double>: one EM pass of a Gaussian mixture
//       (text as ml_util.h's Mixture): the weighted log-likelihood, then per component the sum of
//       w * responsibility, of w * r * x (n) and of w * r * x x^T (the upper triangle packed by
//       columns, n(n+1)/2), as Spark's ExpectationAggregator.
// Partial states are one array<double> column; rows with a null argument are skipped.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"
#include "functions/aggregate/double_list_accumulator.h"
#include "functions/ml_util.h"

namespace ember {
namespace {

[[noreturn]] void ThrowSizeMismatch(size_t expected, int32_t actual) {
  ThrowMlError("requirement failed: Dimensions mismatch when adding new sample. Expecting " +
               std::to_string(expected) + " but got " + std::to_string(actual) + ".");
}

// ---- ml_summary ------------------------------------------------------------------------------

// State: count, weight sum, weight square sum, n, then per feature (over its non-zero entries, as
// Spark's SummarizerBuffer keeps them): mean, M2n (sum of squared deviations), weight sum,
// count, max, min, sum of w*x^2, sum of w*|x|.
constexpr size_t kSummaryHeader = 4;
constexpr size_t kSummaryFields = 8;
enum SummaryField { kMean, kM2n, kWeight, kNnz, kMax, kMin, kSquares, kAbs };

class SummaryAccumulator : public DoubleListAccumulator {
 public:
  // The features and weights are arguments `first` and `first + 1`.
  SummaryAccumulator(bool scalar, size_t first) : scalar_(scalar), first_(first) {}
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    const Vector& input = *args[first_];
    const Vector& weights = *args[first_ + 1];
    const double* w = weights.Data<double>();
    if (scalar_) {
      const double* x = input.Data<double>();
      for (int64_t r = 0; r < rows; ++r) {
        if (input.IsNull(r) || weights.IsNull(r) || w[r] == 0.0) continue;
        Add(states_[group_ids[r]], w[r], 1, [&](auto&& f) { f(0, x[r]); });
      }
      return;
    }
    VectorReader features{input};
    for (int64_t r = 0; r < rows; ++r) {
      if (input.IsNull(r) || weights.IsNull(r) || w[r] == 0.0) continue;
      Add(states_[group_ids[r]], w[r], features.Size(r), [&](auto&& f) { features.ForEach(r, f); });
    }
  }

 private:
  // Adds one row of weight w and size n whose entries for_each(f) calls f(index, value) with.
  template <typename ForEach>
  static void Add(std::vector<double>& state, double w, int32_t n, ForEach&& for_each) {
    if (state.empty()) Init(state, static_cast<size_t>(n));
    if (static_cast<int32_t>(state[3]) != n) ThrowSizeMismatch(static_cast<size_t>(state[3]), n);
    state[0] += 1;
    state[1] += w;
    state[2] += w * w;
    for_each([&](int32_t i, double x) {
      if (x == 0.0) return;
      double* f = &state[kSummaryHeader + i * kSummaryFields];
      double new_weight = f[kWeight] + w;
      double delta = x - f[kMean];
      f[kMean] += delta * w / new_weight;
      f[kM2n] += w * (x - f[kMean]) * delta;
      f[kWeight] = new_weight;
      f[kNnz] += 1;
      f[kMax] = std::max(f[kMax], x);
      f[kMin] = std::min(f[kMin], x);
      f[kSquares] += w * x * x;
      f[kAbs] += w * std::abs(x);
    });
  }
  bool scalar_;
  size_t first_;

 protected:
  static void Init(std::vector<double>& state, size_t n) {
    state.assign(kSummaryHeader + n * kSummaryFields, 0.0);
    state[3] = static_cast<double>(n);
    for (size_t i = 0; i < n; ++i) {
      state[kSummaryHeader + i * kSummaryFields + kMax] = -std::numeric_limits<double>::infinity();
      state[kSummaryHeader + i * kSummaryFields + kMin] = std::numeric_limits<double>::infinity();
    }
  }
  void MergeState(std::vector<double>& state, const double* other, size_t size) override {
    if (size != state.size()) ThrowSizeMismatch(static_cast<size_t>(state[3]), static_cast<int32_t>(other[3]));
    for (size_t h = 0; h < 3; ++h) state[h] += other[h];
    size_t n = static_cast<size_t>(state[3]);
    for (size_t i = 0; i < n; ++i) {
      double* a = &state[kSummaryHeader + i * kSummaryFields];
      const double* b = other + kSummaryHeader + i * kSummaryFields;
      double weight = a[kWeight] + b[kWeight];
      if (weight != 0.0) {
        double delta = b[kMean] - a[kMean];
        a[kMean] += delta * b[kWeight] / weight;
        a[kM2n] += b[kM2n] + delta * delta * a[kWeight] * b[kWeight] / weight;
      }
      a[kWeight] = weight;
      a[kNnz] += b[kNnz];
      a[kMax] = std::max(a[kMax], b[kMax]);
      a[kMin] = std::min(a[kMin], b[kMin]);
      a[kSquares] += b[kSquares];
      a[kAbs] += b[kAbs];
    }
  }
  std::vector<double> Result(const std::vector<double>& state) const override {
    double count = state[0], total = state[1], squares = state[2];
    size_t n = static_cast<size_t>(state[3]);
    std::vector<double> out(3 + 7 * n);
    out[0] = count;
    out[1] = total;
    out[2] = static_cast<double>(n);
    double denominator = total - squares / total;
    for (size_t i = 0; i < n; ++i) {
      const double* f = &state[kSummaryHeader + i * kSummaryFields];
      double mean = f[kMean] * (f[kWeight] / total);
      double variance = 0.0;
      if (denominator > 0.0) {
        variance = (f[kM2n] + f[kMean] * f[kMean] * f[kWeight] * (total - f[kWeight]) / total) / denominator;
        variance = std::max(variance, 0.0);
      }
      bool has_zeros = f[kNnz] < count;
      out[3 + i] = mean;
      out[3 + n + i] = variance;
      out[3 + 2 * n + i] = has_zeros ? std::min(f[kMin], 0.0) : f[kMin];
      out[3 + 3 * n + i] = has_zeros ? std::max(f[kMax], 0.0) : f[kMax];
      out[3 + 4 * n + i] = f[kNnz];
      out[3 + 5 * n + i] = f[kAbs];
      out[3 + 6 * n + i] = std::sqrt(f[kSquares]);
    }
    return out;
  }
};

// Summarizer's metrics, read from ml_summary's result list (count, weight sum, n, then n values
// of each of mean, variance, min, max, numNonZeros, normL1, normL2).
const std::vector<std::string> kSummarizerMetrics = {"mean", "sum", "variance", "std", "count", "numNonZeros",
                                                     "max", "min", "normL2", "normL1", "weightSum"};

class SummarizerAccumulator : public SummaryAccumulator {
 public:
  // `type` is the struct of the metrics, or with `bare` the type of the only one.
  SummarizerAccumulator(std::vector<size_t> metrics, TypePtr type, bool bare)
      : SummaryAccumulator(false, 1), metrics_(std::move(metrics)), type_(std::move(type)), bare_(bare) {}

  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    VectorBuilder out(type_, end - begin);
    std::vector<double> values;
    for (int64_t g = begin; g < end; ++g) {
      if (states_[g].empty()) {
        out.AppendNull();
        continue;
      }
      std::vector<double> summary = Result(states_[g]);
      size_t n = static_cast<size_t>(summary[2]);
      auto part = [&](size_t k) { return summary.begin() + 3 + k * n; };
      for (size_t f = 0; f < metrics_.size(); ++f) {
        const std::string& metric = kSummarizerMetrics[metrics_[f]];
        VectorBuilder& field = bare_ ? out : out.Child(f);
        if (metric == "count") {
          field.Append<int64_t>(static_cast<int64_t>(summary[0]));
          continue;
        }
        if (metric == "weightSum") {
          field.Append<double>(summary[1]);
          continue;
        }
        static const std::vector<std::string> kParts = {"mean", "variance", "min", "max", "numNonZeros",
                                                        "normL1", "normL2"};
        std::string source = metric == "sum" ? "mean" : metric == "std" ? "variance" : metric;
        size_t k = std::find(kParts.begin(), kParts.end(), source) - kParts.begin();
        values.assign(part(k), part(k) + n);
        if (metric == "sum") {
          for (double& v : values) v *= summary[1];
        } else if (metric == "std") {
          for (double& v : values) v = std::sqrt(v);
        }
        AppendDense(field, values.data(), static_cast<int64_t>(n));
      }
      if (!bare_) out.FinishNested();
    }
    return out.Finish();
  }

 private:
  std::vector<size_t> metrics_;
  TypePtr type_;
  bool bare_;
};

BoundAggregate BindSummarizer(const char* name, bool bare, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 3, 3);
  std::string text = LiteralString(name, args, 0);
  std::vector<size_t> metrics;
  std::vector<StructField> fields;
  for (size_t start = 0; start < text.size();) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string metric = text.substr(start, comma - start);
    size_t index = std::find(kSummarizerMetrics.begin(), kSummarizerMetrics.end(), metric) - kSummarizerMetrics.begin();
    if (index == kSummarizerMetrics.size()) ThrowUnexpectedType(name, 0, "Summarizer's metric names", *args[0].type);
    metrics.push_back(index);
    TypePtr type = metric == "count" ? LongType() : metric == "weightSum" ? DoubleType() : VectorUdtType();
    fields.push_back({metric, type, true});
    start = comma + 1;
  }
  if (bare && metrics.size() != 1) ThrowUnexpectedType(name, 0, "one of Summarizer's metric names", *args[0].type);
  if (!IsVectorType(*args[1].type)) ThrowUnexpectedType(name, 1, "\"VECTOR\"", *args[1].type);
  BoundAggregate bound;
  bound.arg_types = {StringType(), args[1].type, DoubleType()};
  bound.result_type = bare ? fields[0].type : StructType(fields);
  bound.partial_types = {DoubleArray()};
  TypePtr type = bound.result_type;
  bound.create = [metrics, type, bare] { return std::make_unique<SummarizerAccumulator>(metrics, type, bare); };
  return bound;
}

BoundAggregate BindSummary(const std::vector<BindArg>& args, bool, const EvalContext&) {
  CheckArgCount("ml_summary", args, 2, 2);
  bool scalar = args[0].type->IsNumeric();
  if (!scalar && !IsVectorType(*args[0].type)) ThrowUnexpectedType("ml_summary", 0, "\"VECTOR\" or numeric", *args[0].type);
  BoundAggregate bound;
  bound.arg_types = {scalar ? DoubleType() : args[0].type, DoubleType()};
  bound.result_type = DoubleArray();
  bound.partial_types = {DoubleArray()};
  bound.create = [scalar] { return std::make_unique<SummaryAccumulator>(scalar, 0); };
  return bound;
}

// ---- ml_glm_gradient -------------------------------------------------------------------------

enum class Loss { kBinomial, kMultinomial, kSquared, kHinge };  // in the order of the family literal's names

// State: weight sum, loss sum, gradient (sets * (n + 1)).
class GradientAccumulator : public DoubleListAccumulator {
 public:
  GradientAccumulator(Loss loss, size_t sets, std::vector<double> coefficients)
      : loss_(loss), sets_(sets), width_(coefficients.size() / sets), coefficients_(std::move(coefficients)),
        margins_(sets) {}

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    // args 0-2 are the literal family, sets and coefficients.
    const Vector& vectors = *args[3];
    VectorReader features{vectors};
    const double* label = args[4]->Data<double>();
    const double* weight = args[5]->Data<double>();
    size_t n = width_ - 1;
    for (int64_t r = 0; r < rows; ++r) {
      if (vectors.IsNull(r) || args[4]->IsNull(r) || args[5]->IsNull(r)) continue;
      if (static_cast<size_t>(features.Size(r)) != n) ThrowSizeMismatch(n, features.Size(r));
      std::vector<double>& state = states_[group_ids[r]];
      if (state.empty()) state.assign(2 + coefficients_.size(), 0.0);
      double w = weight[r];
      double y = label[r];
      double* __restrict grad = &state[2];
      if (sets_ == 1) {  // one margin in a register: no reloads of margins_ around the stores to grad
        const double* __restrict beta = coefficients_.data();
        double m = beta[n];
        features.ForEach(r, [&](int32_t i, double x) { m += beta[i] * x; });
        margins_[0] = m;
        state[0] += w;
        state[1] += w * LossAndMultipliers(y);
        double multiplier = margins_[0] * w;
        features.ForEach(r, [&](int32_t i, double x) { grad[i] += multiplier * x; });
        grad[n] += multiplier;
        continue;
      }
      for (size_t k = 0; k < sets_; ++k) margins_[k] = coefficients_[k * width_ + n];
      features.ForEach(r, [&](int32_t i, double x) {
        for (size_t k = 0; k < sets_; ++k) margins_[k] += coefficients_[k * width_ + i] * x;
      });
      // margins_ becomes the multiplier of each set's gradient: d loss / d margin_k, times w.
      state[0] += w;
      state[1] += w * LossAndMultipliers(y);
      for (size_t k = 0; k < sets_; ++k) margins_[k] *= w;
      features.ForEach(r, [&](int32_t i, double x) {
        for (size_t k = 0; k < sets_; ++k) grad[k * width_ + i] += margins_[k] * x;
      });
      for (size_t k = 0; k < sets_; ++k) grad[k * width_ + n] += margins_[k];
    }
  }

 protected:
  void MergeState(std::vector<double>& state, const double* other, size_t size) override {
    for (size_t i = 0; i < size && i < state.size(); ++i) state[i] += other[i];
  }
  std::vector<double> Result(const std::vector<double>& state) const override { return state; }

 private:
  // The loss of one row at margins_, leaving d loss / d margin_k in margins_.
  double LossAndMultipliers(double y) {
    switch (loss_) {
      case Loss::kBinomial: {
        double m = margins_[0];
        // log(1 + exp(m)) - y * m and the logistic of m from one exp(-|m|), without overflow
        double e = std::exp(-std::fabs(m));
        double loss = (m > 0 ? m : 0.0) + std::log1p(e) - y * m;
        margins_[0] = (m > 0 ? 1.0 : e) / (1.0 + e) - y;
        return loss;
      }
      case Loss::kMultinomial: {
        double top = *std::max_element(margins_.begin(), margins_.end());
        double total = 0.0;
        for (double m : margins_) total += std::exp(m - top);
        size_t label = static_cast<size_t>(y);
        double loss = top + std::log(total) - margins_[label];
        for (size_t k = 0; k < sets_; ++k) {
          margins_[k] = std::exp(margins_[k] - top) / total - (k == label ? 1.0 : 0.0);
        }
        return loss;
      }
      case Loss::kSquared: {
        double residual = margins_[0] - y;
        margins_[0] = residual;
        return 0.5 * residual * residual;
      }
      case Loss::kHinge: {
        double sign = 2.0 * y - 1.0;
        double slack = 1.0 - sign * margins_[0];
        margins_[0] = slack > 0.0 ? -sign : 0.0;
        return slack > 0.0 ? slack : 0.0;
      }
    }
    return 0.0;
  }

  Loss loss_;
  size_t sets_;
  size_t width_;
  std::vector<double> coefficients_;
  std::vector<double> margins_;
};

BoundAggregate BindGlmGradient(const std::vector<BindArg>& args, bool, const EvalContext&) {
  const char* name = "ml_glm_gradient";
  CheckArgCount(name, args, 6, 6);
  auto loss = static_cast<Loss>(LiteralChoice(name, args, 0, {"binomial", "multinomial", "squared", "hinge"}));
  std::vector<double> sets_value = LiteralDoubles(name, args, 1);
  std::vector<double> coefficients = LiteralDoubles(name, args, 2);
  size_t sets = sets_value.size() == 1 && sets_value[0] >= 1 ? static_cast<size_t>(sets_value[0]) : 0;
  if (sets == 0 || coefficients.size() % sets != 0 || coefficients.size() / sets < 1 ||
      (loss != Loss::kMultinomial && sets != 1)) {
    throw InternalError("ml_glm_gradient: coefficients do not match the number of sets");
  }
  if (!IsVectorType(*args[3].type)) ThrowUnexpectedType(name, 3, "\"VECTOR\"", *args[3].type);
  BoundAggregate bound;
  bound.arg_types = {StringType(), StringType(), StringType(), args[3].type, DoubleType(), DoubleType()};
  bound.result_type = DoubleArray();
  bound.partial_types = {DoubleArray()};
  bound.create = [loss, sets, coefficients] {
    return std::make_unique<GradientAccumulator>(loss, sets, coefficients);
  };
  return bound;
}

// ---- ml_gram ---------------------------------------------------------------------------------

constexpr size_t kGramHeader = 5;

class GramAccumulator : public DoubleListAccumulator {
 public:
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    VectorReader features{*args[0]};
    const double* label = args[1]->Data<double>();
    const double* weight = args[2]->Data<double>();
    for (int64_t r = 0; r < rows; ++r) {
      if (args[0]->IsNull(r) || args[1]->IsNull(r) || args[2]->IsNull(r)) continue;
      size_t n = static_cast<size_t>(features.Size(r));
      std::vector<double>& state = states_[group_ids[r]];
      if (state.empty()) {
        state.assign(kGramHeader + 2 * n + n * (n + 1) / 2, 0.0);
        state[4] = static_cast<double>(n);
      }
      if (static_cast<size_t>(state[4]) != n) ThrowSizeMismatch(static_cast<size_t>(state[4]), features.Size(r));
      double w = weight[r], y = label[r];
      state[0] += 1;
      state[1] += w;
      state[2] += w * y;
      state[3] += w * y * y;
      double* sum_x = &state[kGramHeader];
      double* sum_xy = sum_x + n;
      double* sum_xx = sum_xy + n;
      entries_.clear();
      features.ForEach(r, [&](int32_t i, double x) {
        if (x != 0.0) entries_.emplace_back(i, x);
      });
      for (size_t a = 0; a < entries_.size(); ++a) {
        auto [j, xj] = entries_[a];
        sum_x[j] += w * xj;
        sum_xy[j] += w * xj * y;
        // Entries come in increasing index order: (i <= j) sits at j(j+1)/2 + i.
        double* column = sum_xx + static_cast<size_t>(j) * (j + 1) / 2;
        for (size_t b = 0; b <= a; ++b) column[entries_[b].first] += w * entries_[b].second * xj;
      }
    }
  }

 protected:
  void MergeState(std::vector<double>& state, const double* other, size_t size) override {
    if (size != state.size()) ThrowSizeMismatch(static_cast<size_t>(state[4]), static_cast<int32_t>(other[4]));
    for (size_t i = 0; i < size; ++i) {
      if (i != 4) state[i] += other[i];
    }
  }
  std::vector<double> Result(const std::vector<double>& state) const override { return state; }

 private:
  std::vector<std::pair<int32_t, double>> entries_;
};

BoundAggregate BindGram(const std::vector<BindArg>& args, bool, const EvalContext&) {
  CheckArgCount("ml_gram", args, 3, 3);
  if (!IsVectorType(*args[0].type)) ThrowUnexpectedType("ml_gram", 0, "\"VECTOR\"", *args[0].type);
  BoundAggregate bound;
  bound.arg_types = {args[0].type, DoubleType(), DoubleType()};
  bound.result_type = DoubleArray();
  bound.partial_types = {DoubleArray()};
  bound.create = [] { return std::make_unique<GramAccumulator>(); };
  return bound;
}

// ---- ml_kmeans_step --------------------------------------------------------------------------

class KMeansStepAccumulator : public DoubleListAccumulator {
 public:
  explicit KMeansStepAccumulator(Centers centers) : centers_(std::move(centers)) {}

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    // args 0 and 1 are the literal centers and k.
    const Vector& vectors = *args[2];
    VectorReader features{vectors};
    const double* weight = args[3]->Data<double>();
    size_t n = centers_.n;
    for (int64_t r = 0; r < rows; ++r) {
      if (vectors.IsNull(r) || args[3]->IsNull(r)) continue;
      std::vector<double>& state = states_[group_ids[r]];
      if (state.empty()) state.assign(1 + centers_.k * (n + 1), 0.0);
      double distance = 0.0;
      size_t nearest = centers_.Nearest(features, r, &distance);
      double w = weight[r];
      state[0] += w * distance;
      double* cluster = &state[1 + nearest * (n + 1)];
      cluster[0] += w;
      features.ForEach(r, [&](int32_t i, double x) { cluster[1 + i] += w * x; });
    }
  }

 protected:
  void MergeState(std::vector<double>& state, const double* other, size_t size) override {
    for (size_t i = 0; i < size && i < state.size(); ++i) state[i] += other[i];
  }
  std::vector<double> Result(const std::vector<double>& state) const override { return state; }

 private:
  Centers centers_;
};

BoundAggregate BindKMeansStep(const std::vector<BindArg>& args, bool, const EvalContext&) {
  const char* name = "ml_kmeans_step";
  CheckArgCount(name, args, 4, 4);
  std::vector<double> k = LiteralDoubles(name, args, 1);
  if (k.size() != 1 || k[0] < 1) ThrowUnexpectedType(name, 1, "a positive count of centers", *args[1].type);
  Centers centers(LiteralDoubles(name, args, 0), static_cast<size_t>(k[0]));
  if (!IsVectorType(*args[2].type)) ThrowUnexpectedType(name, 2, "\"VECTOR\"", *args[2].type);
  BoundAggregate bound;
  bound.arg_types = {StringType(), StringType(), args[2].type, DoubleType()};
  bound.result_type = DoubleArray();
  bound.partial_types = {DoubleArray()};
  bound.create = [centers] { return std::make_unique<KMeansStepAccumulator>(centers); };
  return bound;
}

// ---- ml_gmm_step -----------------------------------------------------------------------------

class GmmStepAccumulator : public DoubleListAccumulator {
 public:
  explicit GmmStepAccumulator(Mixture mixture) : mixture_(std::move(mixture)) {}

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    // arg 0 is the literal mixture.
    const Vector& vectors = *args[1];
    VectorReader features{vectors};
    const double* weight = args[2]->Data<double>();
    size_t n = mixture_.n;
    size_t width = 1 + n + n * (n + 1) / 2;
    for (int64_t r = 0; r < rows; ++r) {
      if (vectors.IsNull(r) || args[2]->IsNull(r)) continue;
      std::vector<double>& state = states_[group_ids[r]];
      if (state.empty()) state.assign(1 + mixture_.k * width, 0.0);
      double total = mixture_.Densities(features, r, dense_, densities_);
      double w = weight[r];
      state[0] += std::log(total) * w;
      dense_.assign(n, 0.0);
      features.ForEach(r, [&](int32_t i, double x) { dense_[static_cast<size_t>(i)] = x; });
      for (size_t c = 0; c < mixture_.k; ++c) {
        double* part = &state[1 + c * width];
        double share = densities_[c] / total * w;
        part[0] += share;
        double* sum = part + 1;
        double* packed = sum + n;
        for (size_t j = 0; j < n; ++j) {
          double xj = share * dense_[j];
          sum[j] += xj;
          double* column = packed + j * (j + 1) / 2;
          for (size_t i = 0; i <= j; ++i) column[i] += xj * dense_[i];
        }
      }
    }
  }

 protected:
  void MergeState(std::vector<double>& state, const double* other, size_t size) override {
    for (size_t i = 0; i < size && i < state.size(); ++i) state[i] += other[i];
  }
  std::vector<double> Result(const std::vector<double>& state) const override { return state; }

 private:
  Mixture mixture_;
  std::vector<double> dense_;
  std::vector<double> densities_;
};

BoundAggregate BindGmmStep(const std::vector<BindArg>& args, bool, const EvalContext&) {
  const char* name = "ml_gmm_step";
  CheckArgCount(name, args, 3, 3);
  Mixture mixture(LiteralDoubles(name, args, 0));
  if (!IsVectorType(*args[1].type)) ThrowUnexpectedType(name, 1, "\"VECTOR\"", *args[1].type);
  BoundAggregate bound;
  bound.arg_types = {StringType(), args[1].type, DoubleType()};
  bound.result_type = DoubleArray();
  bound.partial_types = {DoubleArray()};
  bound.create = [mixture] { return std::make_unique<GmmStepAccumulator>(mixture); };
  return bound;
}

}  // namespace

void RegisterMlAggregates(FunctionRegistry& registry) {
  RegisterMlTreeAggregates(registry);
  RegisterMlAlsAggregates(registry);
  registry.Add(MakeAggregate("ml_summary",
                             "ml_summary(features, weight): count, weight sum, size, then per feature "
                             "mean, variance, min, max, numNonZeros, normL1, normL2 (Spark's Summarizer)",
                             BindSummary));
  registry.Add(MakeAggregate("ml_summarizer",
                             "ml_summarizer(metrics, features, weight): a struct of Summarizer's metrics "
                             "named in the text 'mean,count,...'",
                             [](const std::vector<BindArg>& a, bool, const EvalContext&) {
                               return BindSummarizer("ml_summarizer", false, a);
                             }));
  registry.Add(MakeAggregate("ml_summarizer_metric",
                             "ml_summarizer_metric(metric, features, weight): one of Summarizer's metrics",
                             [](const std::vector<BindArg>& a, bool, const EvalContext&) {
                               return BindSummarizer("ml_summarizer_metric", true, a);
                             }));
  registry.Add(MakeAggregate("ml_glm_gradient",
                             "ml_glm_gradient(family, sets, coefficients, features, label, weight): weight "
                             "sum, loss sum and gradient of a generalized linear model's loss",
                             BindGlmGradient));
  registry.Add(MakeAggregate("ml_gram",
                             "ml_gram(features, label, weight): the weighted sums of the normal equations "
                             "(count, sum w, sum wy, sum wy^2, n, sum wx, sum wxy, packed sum wxx^T)",
                             BindGram));
  registry.Add(MakeAggregate("ml_kmeans_step",
                             "ml_kmeans_step(centers, k, features, weight): cost, then per center the "
                             "weight and weighted sum of its nearest rows (one Lloyd iteration)",
                             BindKMeansStep));
  registry.Add(MakeAggregate("ml_gmm_step",
                             "ml_gmm_step(mixture, features, weight): log-likelihood, then per Gaussian the "
                             "weighted responsibility sums of 1, x and packed x x^T (one EM pass)",
                             BindGmmStep));
}

}  // namespace ember

// ALS's half-iteration (pyspark.ml.recommendation), grouped by the user (or item) being solved:
//   ml_als_factor(factors, rank, regParam, implicit, alpha, yty, nonnegative, other, rating) ->
//       array<double>:
//       the group's new factor, solving Spark's normal equations over its ratings against the
//       fixed factors of the other side (text: per id, the id then `rank` values). Explicit:
//       (sum y y^T + regParam * n I) x = sum r y. Implicit (c = alpha |r|): (YtY + sum c y y^T +
//       regParam * n+ I) x = sum (1 + c) y over r > 0, n+ the count of positive ratings, with YtY
//       (rank x rank, row-major text) over every factor of the other side. With nonnegative
//       'true' the system's quadratic is minimised over x >= 0 instead (Spark's NNLS problem).
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/error.h"
#include "functions/aggregate/double_list_accumulator.h"
#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"
#include "functions/ml_util.h"

namespace ember {
namespace {

struct AlsSide {
  size_t rank = 0;
  double reg = 0.0;
  bool implicit = false;
  bool nonnegative = false;
  double alpha = 1.0;
  std::vector<double> yty;  // rank x rank, implicit only
  std::unordered_map<int32_t, size_t> offsets;  // id -> start of its factor in `factors`
  std::vector<double> factors;
};

// Solves the symmetric positive definite a x = b in place (Cholesky; a is rank x rank).
std::vector<double> Cholesky(std::vector<double> a, std::vector<double> b, size_t n) {
  for (size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0.0)) ThrowMlError("ALS: the normal equations are not positive definite (try a larger regParam).");
    d = std::sqrt(d);
    a[j * n + j] = d;
    for (size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < i; ++k) b[i] -= a[i * n + k] * b[k];
    b[i] /= a[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {
    for (size_t k = i + 1; k < n; ++k) b[i] -= a[k * n + i] * b[k];
    b[i] /= a[i * n + i];
  }
  return b;
}

// Minimises x^T a x / 2 - b^T x over x >= 0 (a positive definite) by cyclic coordinate descent,
// each step the exact minimum along its coordinate clipped at 0, until no coordinate moves.
std::vector<double> NonNegative(const std::vector<double>& a, const std::vector<double>& b, size_t n) {
  std::vector<double> x(n, 0.0);
  for (int sweep = 0; sweep < 100000; ++sweep) {
    double largest = 0.0, scale = 0.0;
    for (size_t i = 0; i < n; ++i) {
      if (!(a[i * n + i] > 0.0)) ThrowMlError("ALS: the normal equations are not positive definite (try a larger regParam).");
      double gradient = -b[i];
      for (size_t j = 0; j < n; ++j) gradient += a[i * n + j] * x[j];
      double next = std::max(0.0, x[i] - gradient / a[i * n + i]);
      largest = std::max(largest, std::abs(next - x[i]));
      scale = std::max(scale, std::abs(next));
      x[i] = next;
    }
    if (largest <= 1e-15 * std::max(scale, 1e-300)) break;
  }
  return x;
}

// State: count of ratings counted in the regularization, then a^T b (rank), then a^T a (rank x rank).
class AlsFactorAccumulator : public DoubleListAccumulator {
 public:
  explicit AlsFactorAccumulator(std::shared_ptr<const AlsSide> side) : side_(std::move(side)) {}

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    // args 0-6 are literals.
    const Vector& ids = *args[7];
    const Vector& ratings = *args[8];
    size_t n = side_->rank;
    for (int64_t r = 0; r < rows; ++r) {
      if (ids.IsNull(r) || ratings.IsNull(r)) continue;
      auto found = side_->offsets.find(ids.Data<int32_t>()[r]);
      if (found == side_->offsets.end()) continue;
      const double* y = &side_->factors[found->second];
      std::vector<double>& state = states_[group_ids[r]];
      if (state.empty()) state.assign(1 + n + n * n, 0.0);
      double rating = ratings.Data<double>()[r];
      double scale = 1.0, target = rating;
      if (side_->implicit) {
        scale = side_->alpha * std::abs(rating);
        target = rating > 0.0 ? 1.0 + scale : 0.0;
        if (rating > 0.0) state[0] += 1;
      } else {
        state[0] += 1;
      }
      double* atb = &state[1];
      double* ata = atb + n;
      for (size_t i = 0; i < n; ++i) {
        atb[i] += target * y[i];
        for (size_t j = 0; j < n; ++j) ata[i * n + j] += scale * y[i] * y[j];
      }
    }
  }

 protected:
  void MergeState(std::vector<double>& state, const double* other, size_t size) override {
    for (size_t i = 0; i < size && i < state.size(); ++i) state[i] += other[i];
  }
  std::vector<double> Result(const std::vector<double>& state) const override {
    size_t n = side_->rank;
    std::vector<double> atb(state.begin() + 1, state.begin() + 1 + static_cast<std::ptrdiff_t>(n));
    std::vector<double> ata(state.begin() + 1 + static_cast<std::ptrdiff_t>(n), state.end());
    if (side_->implicit) {
      for (size_t i = 0; i < n * n; ++i) ata[i] += side_->yty[i];
    }
    for (size_t i = 0; i < n; ++i) ata[i * n + i] += side_->reg * state[0];
    return side_->nonnegative ? NonNegative(ata, atb, n) : Cholesky(std::move(ata), std::move(atb), n);
  }

 private:
  std::shared_ptr<const AlsSide> side_;
};

BoundAggregate BindAlsFactor(const std::vector<BindArg>& args, bool, const EvalContext&) {
  const char* name = "ml_als_factor";
  CheckArgCount(name, args, 9, 9);
  auto side = std::make_shared<AlsSide>();
  std::vector<double> rank = LiteralDoubles(name, args, 1);
  if (rank.size() != 1 || rank[0] < 1) throw InternalError("ml_als_factor: rank");
  side->rank = static_cast<size_t>(rank[0]);
  side->reg = LiteralDoubles(name, args, 2).at(0);
  side->implicit = LiteralChoice(name, args, 3, {"false", "true"}) == 1;
  side->alpha = LiteralDoubles(name, args, 4).at(0);
  side->yty = LiteralDoubles(name, args, 5);
  side->nonnegative = LiteralChoice(name, args, 6, {"false", "true"}) == 1;
  if (side->implicit && side->yty.size() != side->rank * side->rank) throw InternalError("ml_als_factor: YtY");
  std::vector<double> text = LiteralDoubles(name, args, 0);
  size_t width = side->rank + 1;
  if (text.size() % width != 0) throw InternalError("ml_als_factor: factors do not match the rank");
  for (size_t start = 0; start < text.size(); start += width) {
    side->offsets[static_cast<int32_t>(text[start])] = side->factors.size();
    side->factors.insert(side->factors.end(), text.begin() + static_cast<std::ptrdiff_t>(start + 1),
                         text.begin() + static_cast<std::ptrdiff_t>(start + width));
  }
  BoundAggregate bound;
  bound.arg_types = {StringType(), StringType(), StringType(), StringType(), StringType(), StringType(),
                     StringType(), IntType(), DoubleType()};
  bound.result_type = DoubleArray();
  bound.partial_types = {DoubleArray()};
  bound.create = [side] { return std::make_unique<AlsFactorAccumulator>(side); };
  return bound;
}

}  // namespace

void RegisterMlAlsAggregates(FunctionRegistry& registry) {
  registry.Add(MakeAggregate("ml_als_factor",
                             "ml_als_factor(factors, rank, regParam, implicit, alpha, yty, nonnegative, other, rating): "
                             "the group's ALS factor from its ratings against the other side's factors",
                             BindAlsFactor));
}

}  // namespace ember

// The ML aggregates (ml_summary, ml_summarizer, ml_glm_gradient, ml_gram, ml_kmeans_step) and the
// models' prediction functions (ml_glm_predict, ml_kmeans_predict, ml_silhouette), checked against
// values computed by hand; each aggregate also in two phases (partial states merged), as a query
// runs it over partitions.
#include <cmath>
#include <cstdio>
#include <limits>

#include "function_test_util.h"

namespace ember::ftest {
namespace {

using V = std::vector<std::string>;

std::vector<double> Doubles(const VectorPtr& lists, int64_t row) {
  const int32_t* offsets = lists->Offsets();
  const double* values = lists->child(0)->Data<double>();
  return std::vector<double>(values + offsets[row], values + offsets[row + 1]);
}

void ExpectNear(const std::vector<double>& actual, const std::vector<double>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) EXPECT_NEAR(actual[i], expected[i], 1e-12) << "at " << i;
}

// Rows x = [1, 2] (w 1), (3, 0) sparse (w 2), [0, 4] (w 1), a null vector, and a row of weight 0.
VectorPtr Features() {
  return Col(VectorUdtType(), {Dense({1, 2}), Sparse(2, {0}, {3}), Dense({0, 4}), Null(VectorUdtType()),
                               Dense({100, 100})});
}
VectorPtr Weights() { return Col(DoubleType(), {F64(1), F64(2), F64(1), F64(1), F64(0)}); }
VectorPtr Labels() { return Col(DoubleType(), {F64(1), F64(0), F64(1), F64(1), F64(0)}); }
const std::vector<uint32_t> kOneGroup(5, 0);

TEST(MlAggregates, SummaryIsSparksSummarizer) {
  EvalContext ctx = Ctx();
  // weights 1, 2, 1: W = 4, W2 = 6, unbiased denominator W - W2 / W = 2.5
  // feature 0: mean (1 + 6 + 0) / 4 = 1.75, sum w (x - mean)^2 = 0.5625 + 3.125 + 3.0625 = 6.75
  // feature 1: mean (2 + 0 + 4) / 4 = 1.5, sum w (x - mean)^2 = 0.25 + 4.5 + 6.25 = 11
  std::vector<double> expected = {3, 4, 2, 1.75, 1.5, 6.75 / 2.5, 11 / 2.5, 0, 0, 3, 4, 2, 2,
                                  7, 6, std::sqrt(19.0), std::sqrt(20.0)};
  for (bool two_phase : {false, true}) {
    std::vector<Arg> args = {Vec(Features()), Vec(Weights())};
    VectorPtr out = two_phase ? AggregateTwoPhase("ml_summary", args, kOneGroup, 1, ctx)
                              : Aggregate("ml_summary", args, kOneGroup, 1, ctx);
    ExpectNear(Doubles(out, 0), expected);
  }
  // A number is a vector of one; an empty input has no summary.
  VectorPtr numbers = Col(DoubleType(), {F64(2), F64(4)});
  VectorPtr ones = Col(DoubleType(), {F64(1), F64(1)});
  ExpectNear(Doubles(Aggregate("ml_summary", {Vec(numbers), Vec(ones)}, {0, 0}, 1, ctx), 0),
             {2, 2, 1, 3, 2, 2, 4, 2, 6, std::sqrt(20.0)});
  EXPECT_TRUE(Aggregate("ml_summary", {Vec(numbers), Vec(ones)}, {}, 1, ctx)->IsNull(0));
  VectorPtr mixed = Col(VectorUdtType(), {Dense({1}), Dense({1, 2})});
  EXPECT_EQ(ErrorClass([&] { Aggregate("ml_summary", {Vec(mixed), Vec(ones)}, {0, 0}, 1, ctx); }),
            "USER_RAISED_EXCEPTION");
}

TEST(MlAggregates, SummarizerStructAndSingleMetric) {
  EvalContext ctx = Ctx();
  std::vector<Arg> args = {Lit(Str("std,count,max,weightSum"), 5), Vec(Features()), Vec(Weights())};
  VectorPtr out = AggregateTwoPhase("ml_summarizer", args, kOneGroup, 1, ctx);
  EXPECT_EQ(out->type()->ToString(), "struct<std:vector,count:bigint,max:vector,weightSum:double>");
  // std: the square roots of the variances 2.7 and 4.4 (see SummaryIsSparksSummarizer)
  const double* std_values = out->child(0)->child(3)->child(0)->Data<double>();
  EXPECT_NEAR(std_values[0], std::sqrt(2.7), 1e-12);
  EXPECT_NEAR(std_values[1], std::sqrt(4.4), 1e-12);
  EXPECT_EQ(out->child(1)->Data<int64_t>()[0], 3);
  EXPECT_EQ(Texts(out->child(2)), (V{"[3.0,4.0]"}));
  EXPECT_EQ(out->child(3)->Data<double>()[0], 4.0);
  VectorPtr max = Aggregate("ml_summarizer_metric", {Lit(Str("max"), 5), Vec(Features()), Vec(Weights())},
                            kOneGroup, 1, ctx);
  EXPECT_EQ(Texts(max), (V{"[3.0,4.0]"}));
  EXPECT_EQ(ErrorClass([&] {
              Aggregate("ml_summarizer", {Lit(Str("median"), 5), Vec(Features()), Vec(Weights())}, kOneGroup, 1, ctx);
            }),
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
}

TEST(MlAggregates, LogisticLossAndGradient) {
  EvalContext ctx = Ctx();
  // coefficients [0.5, -0.25], intercept 0.1: margins 0.1, 1.6, -0.9 (the weight-0 row adds nothing)
  std::vector<Arg> args = {Lit(Str("binomial"), 5), Lit(Str("1"), 5), Lit(Str("0.5,-0.25,0.1"), 5),
                           Vec(Features()), Vec(Labels()), Vec(Weights())};
  auto softplus = [](double m) { return std::log1p(std::exp(m)); };
  auto sigmoid = [](double m) { return 1 / (1 + std::exp(-m)); };
  double loss = (softplus(0.1) - 0.1) + 2 * softplus(1.6) + (softplus(-0.9) + 0.9);
  double r1 = sigmoid(0.1) - 1, r2 = 2 * sigmoid(1.6), r3 = sigmoid(-0.9) - 1;
  std::vector<double> expected = {4, loss, r1 * 1 + r2 * 3, r1 * 2 + r3 * 4, r1 + r2 + r3};
  ExpectNear(Doubles(Aggregate("ml_glm_gradient", args, kOneGroup, 1, ctx), 0), expected);
  ExpectNear(Doubles(AggregateTwoPhase("ml_glm_gradient", args, kOneGroup, 1, ctx), 0), expected);
}

TEST(MlAggregates, MultinomialAndSquaredLoss) {
  EvalContext ctx = Ctx();
  VectorPtr x = Col(VectorUdtType(), {Dense({1, 0})});
  VectorPtr y = Col(DoubleType(), {F64(2)});
  VectorPtr w = Col(DoubleType(), {F64(1)});
  // three classes, margins 1, 0, 2 for x = [1, 0]
  std::vector<Arg> args = {Lit(Str("multinomial")), Lit(Str("3")), Lit(Str("1,0,0,0,0,0,1,0,1")),
                           Vec(x), Vec(y), Vec(w)};
  double z = std::exp(1.0) + 1 + std::exp(2.0);
  double p0 = std::exp(1.0) / z, p1 = 1 / z, p2 = std::exp(2.0) / z;
  ExpectNear(Doubles(Aggregate("ml_glm_gradient", args, {0}, 1, ctx), 0),
             {1, std::log(z) - 2, p0, 0, p0, p1, 0, p1, p2 - 1, 0, p2 - 1});
  std::vector<Arg> squared = {Lit(Str("squared")), Lit(Str("1")), Lit(Str("2,1,0.5")), Vec(x), Vec(y), Vec(w)};
  // prediction 2.5, residual 0.5
  ExpectNear(Doubles(Aggregate("ml_glm_gradient", squared, {0}, 1, ctx), 0), {1, 0.125, 0.5, 0, 0.5});
  EXPECT_EQ(ErrorClass([&] {
              Aggregate("ml_glm_gradient", {Lit(Str("poisson")), Lit(Str("1")), Lit(Str("1")), Vec(x), Vec(y), Vec(w)},
                        {0}, 1, ctx);
            }),
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
}

TEST(MlAggregates, HingeLossAndSubgradient) {
  EvalContext ctx = Ctx();
  // coefficients [0.5, -0.25], intercept 0.1: margins 0.1 (y 1), 1.6 (y 0, w 2), -0.9 (y 1);
  // slacks 1 - 0.1 = 0.9, 1 + 1.6 = 2.6, 1 + 0.9 = 1.9, all active: d loss / d m = -(2y - 1)
  std::vector<Arg> args = {Lit(Str("hinge"), 5), Lit(Str("1"), 5), Lit(Str("0.5,-0.25,0.1"), 5),
                           Vec(Features()), Vec(Labels()), Vec(Weights())};
  std::vector<double> expected = {4, 0.9 + 2 * 2.6 + 1.9, -1 + 2 * 3, -2 - 4, -1 + 2 - 1};
  ExpectNear(Doubles(Aggregate("ml_glm_gradient", args, kOneGroup, 1, ctx), 0), expected);
  ExpectNear(Doubles(AggregateTwoPhase("ml_glm_gradient", args, kOneGroup, 1, ctx), 0), expected);
  // a row beyond the margin (y 1, m 2) and one exactly on it (y 0, m -1) add no loss and no gradient
  VectorPtr x = Col(VectorUdtType(), {Dense({2}), Dense({-1})});
  VectorPtr y = Col(DoubleType(), {F64(1), F64(0)});
  VectorPtr w = Col(DoubleType(), {F64(1), F64(1)});
  ExpectNear(Doubles(Aggregate("ml_glm_gradient", {Lit(Str("hinge")), Lit(Str("1")), Lit(Str("1,0")), Vec(x), Vec(y), Vec(w)},
                               {0, 0}, 1, ctx),
                     0),
             {2, 0, 0, 0});
}

// Two Gaussians on one feature: N(0, 1) and N(2, 4), weights 0.25 and 0.75.
// Two one-dimensional Gaussians: weight 0.25, mean 0, variance 1; weight 0.75, mean 2, variance 4.
std::string MixtureText() { return "2,1,0.25,0,1,0.75,2,4"; }

// EPSILON + weight * pdf of each Gaussian at x.
std::vector<double> MixtureDensities(double x) {
  double eps = std::numeric_limits<double>::epsilon();
  return {eps + 0.25 * std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI),
          eps + 0.75 * std::exp(-0.5 * (x - 2) * (x - 2) / 4) / std::sqrt(2 * M_PI * 4)};
}

TEST(MlAggregates, GaussianMixtureStep) {
  EvalContext ctx = Ctx();
  VectorPtr x = Col(VectorUdtType(), {Dense({1}), Sparse(1, {}, {}), Null(VectorUdtType())});
  VectorPtr w = Col(DoubleType(), {F64(2), F64(1), F64(1)});
  std::vector<double> expected(1 + 2 * 3, 0.0);
  for (auto [value, weight] : {std::pair{1.0, 2.0}, std::pair{0.0, 1.0}}) {
    std::vector<double> p = MixtureDensities(value);
    double total = p[0] + p[1];
    expected[0] += weight * std::log(total);
    for (size_t c = 0; c < 2; ++c) {
      double share = p[c] / total * weight;
      expected[1 + c * 3] += share;
      expected[2 + c * 3] += share * value;
      expected[3 + c * 3] += share * value * value;
    }
  }
  std::vector<Arg> args = {Lit(Str(MixtureText()), 3), Vec(x), Vec(w)};
  ExpectNear(Doubles(Aggregate("ml_gmm_step", args, {0, 0, 0}, 1, ctx), 0), expected);
  ExpectNear(Doubles(AggregateTwoPhase("ml_gmm_step", args, {0, 0, 0}, 1, ctx), 0), expected);
}

TEST(MlModelFunctions, GaussianMixturePredictions) {
  EvalContext ctx = Ctx();
  VectorPtr x = Col(VectorUdtType(), {Dense({-1}), Dense({3}), Null(VectorUdtType())});
  VectorPtr probability = Apply("ml_gmm_predict", {Lit(Str("probability"), 3), Lit(Str(MixtureText()), 3), Vec(x)}, ctx);
  const double* values = probability->child(3)->child(0)->Data<double>();
  for (int row = 0; row < 2; ++row) {
    std::vector<double> p = MixtureDensities(row == 0 ? -1.0 : 3.0);
    EXPECT_NEAR(values[row * 2], p[0] / (p[0] + p[1]), 1e-15);
    EXPECT_NEAR(values[row * 2 + 1], p[1] / (p[0] + p[1]), 1e-15);
  }
  EXPECT_EQ(Texts(Apply("ml_gmm_predict", {Lit(Str("prediction"), 3), Lit(Str(MixtureText()), 3), Vec(x)}, ctx)),
            (V{"0", "1", "NULL"}));
  // two dimensions, a correlated covariance [[2, 1], [1, 2]] (inverse [[2, -1], [-1, 2]] / 3,
  // determinant 3) and the identity around (1, 1), weights 0.5 each
  VectorPtr y = Col(VectorUdtType(), {Dense({0.5, -1}), Dense({2, 1.5})});
  VectorPtr shares = Apply("ml_gmm_predict", {Lit(Str("probability"), 2), Lit(Str("2,2,0.5,0,0,2,1,1,2,0.5,1,1,1,0,0,1"), 2), Vec(y)}, ctx);
  const double* got = shares->child(3)->child(0)->Data<double>();
  double eps = std::numeric_limits<double>::epsilon();
  for (int row = 0; row < 2; ++row) {
    double a = row == 0 ? 0.5 : 2, b = row == 0 ? -1 : 1.5;
    double p0 = eps + 0.5 * std::exp(-0.5 * (2 * a * a - 2 * a * b + 2 * b * b) / 3) / (2 * M_PI * std::sqrt(3.0));
    double p1 = eps + 0.5 * std::exp(-0.5 * ((a - 1) * (a - 1) + (b - 1) * (b - 1))) / (2 * M_PI);
    EXPECT_NEAR(got[row * 2], p0 / (p0 + p1), 1e-14);
    EXPECT_NEAR(got[row * 2 + 1], p1 / (p0 + p1), 1e-14);
  }
}

TEST(MlAggregates, AlsFactorSolvesTheNormalEquations) {
  EvalContext ctx = Ctx();
  // rank 1, other side's factors: id 7 -> 2, id 9 -> 1; one group rating 7 with 4 and 9 with 3
  VectorPtr other = Col(IntType(), {I32(7), I32(9), I32(5)});
  VectorPtr rating = Col(DoubleType(), {F64(4), F64(3), F64(1)});
  auto factor = [&](const std::string& implicit, const std::string& yty, const std::string& factors = "7,2,9,1",
                    const std::string& nonnegative = "false") {
    std::vector<Arg> args = {Lit(Str(factors), 3), Lit(Str("1"), 3), Lit(Str("0.5"), 3), Lit(Str(implicit), 3),
                             Lit(Str("2"), 3), Lit(Str(yty), 3), Lit(Str(nonnegative), 3), Vec(other), Vec(rating)};
    return Doubles(AggregateTwoPhase("ml_als_factor", args, {0, 0, 0}, 1, ctx), 0);
  };
  // explicit (id 5 unknown, skipped): (4 + 1 + 0.5 * 2) x = 4 * 2 + 3 * 1
  ExpectNear(factor("false", ""), {11.0 / 6.0});
  // implicit, alpha 2, YtY = 5: c = 8 and 6; (5 + 8 * 4 + 6 * 1 + 0.5 * 2) x = 9 * 2 + 7 * 1
  ExpectNear(factor("true", "5"), {25.0 / 44.0});
  // other side's factors -2 and -1 make the unconstrained solution negative: 0 when nonnegative
  ExpectNear(factor("false", "", "7,-2,9,-1"), {-11.0 / 6.0});
  ExpectNear(factor("false", "", "7,-2,9,-1", "true"), {0.0});
  ExpectNear(factor("false", "", "7,2,9,1", "true"), {11.0 / 6.0});
}

TEST(MlModelFunctions, BisectingAssignWalksToTheCloserChild) {
  EvalContext ctx = Ctx();
  // one feature; root 1 splits into 2 (center 0) and 3 (center 10); 3 splits into 6 (8) and 7 (12)
  VectorPtr x = Col(VectorUdtType(), {Dense({1}), Dense({9.5}), Dense({11}), Dense({5}), Null(VectorUdtType())});
  EXPECT_EQ(Texts(Apply("ml_bisecting_assign", {Lit(Str("1,1,0,10,3,8,12"), 5), Vec(x)}, ctx)),
            (V{"2", "6", "7", "2", "NULL"}));  // 5 is as far from 0 as from 10: the left child
  EXPECT_EQ(Texts(Apply("ml_bisecting_assign", {Lit(Str("1"), 5), Vec(x)}, ctx)), (V{"1", "1", "1", "1", "NULL"}));
  // the clusters of the leaves 2, 6 and 7
  EXPECT_EQ(Texts(Apply("ml_bisecting_assign", {Lit(Str("1,1,0,10,3,8,12"), 5), Vec(x), Lit(Str("2,0,6,1,7,2"), 5)}, ctx)),
            (V{"0", "1", "2", "0", "NULL"}));
}

TEST(MlAggregates, GramHoldsTheNormalEquationsSums) {
  EvalContext ctx = Ctx();
  std::vector<Arg> args = {Vec(Features()), Vec(Labels()), Vec(Weights())};
  // count 4 (the null row skipped; the weight-0 row counted with no weight), W 4, sum wy 2, sum wy^2 2,
  // n 2, sum wx [7, 6], sum wxy [1, 6], packed sum wxx^T: (0,0) 19, (0,1) 2, (1,1) 20
  std::vector<double> expected = {4, 4, 2, 2, 2, 7, 6, 1, 6, 19, 2, 20};
  ExpectNear(Doubles(Aggregate("ml_gram", args, kOneGroup, 1, ctx), 0), expected);
  ExpectNear(Doubles(AggregateTwoPhase("ml_gram", args, kOneGroup, 1, ctx), 0), expected);
}

TEST(MlKMeans, LloydStepAndNearestCenter) {
  EvalContext ctx = Ctx();
  // centers (0, 0) and (2, 3); rows as in Features(): [1, 2] w 1 is nearer (2, 3) (distance 2 vs 5),
  // (3, 0) sparse w 2 nearer (0, 0) (9 vs 10), [0, 4] w 1 nearer (2, 3) (5 vs 16); the null row is
  // skipped and the weight-0 row adds nothing.
  std::vector<Arg> args = {Lit(Str("0,0,2,3"), 5), Lit(Str("2"), 5), Vec(Features()), Vec(Weights())};
  std::vector<double> expected = {2 + 18 + 5, 2, 6, 0, 2, 1, 6};
  ExpectNear(Doubles(Aggregate("ml_kmeans_step", args, kOneGroup, 1, ctx), 0), expected);
  ExpectNear(Doubles(AggregateTwoPhase("ml_kmeans_step", args, kOneGroup, 1, ctx), 0), expected);
  auto predict = [&](const std::string& kind) {
    return Texts(Apply("ml_kmeans_predict", {Lit(Str(kind), 5), Lit(Str("0,0,2,3"), 5), Lit(Str("2"), 5), Vec(Features())},
                       ctx));
  };
  EXPECT_EQ(predict("cluster"), (V{"1", "0", "1", "NULL", "1"}));
  EXPECT_EQ(predict("cost"), (V{"2.0", "9.0", "5.0", "NULL", "19013.0"}));
  VectorPtr wrong = Col(VectorUdtType(), {Dense({1, 2, 3})});
  EXPECT_EQ(ErrorClass([&] {
              Apply("ml_kmeans_predict", {Lit(Str("cluster")), Lit(Str("0,0,2,3")), Lit(Str("2")), Vec(wrong)}, ctx);
            }),
            "USER_RAISED_EXCEPTION");
}

TEST(MlKMeans, SilhouetteFromClusterStatistics) {
  EvalContext ctx = Ctx();
  // 1-D rows 0, 1 in cluster 0 and 4, 6 in cluster 1, weight 1 each: per cluster N, sum x^2, sum x
  VectorPtr x = Col(VectorUdtType(), {Dense({0}), Dense({1}), Dense({4}), Dense({6}), Null(VectorUdtType())});
  VectorPtr cluster = Col(DoubleType(), {F64(0), F64(0), F64(1), F64(1), F64(0)});
  VectorPtr weight = Col(DoubleType(), {F64(1), F64(1), F64(1), F64(1), F64(1)});
  VectorPtr out = Apply("ml_silhouette", {Lit(Str("1,2,1,1,2,52,10"), 5), Vec(x), Vec(cluster), Vec(weight)}, ctx);
  // a: mean squared distance to the rest of the own cluster; b: to the nearest other cluster
  std::vector<double> expected = {1 - 1 / 26.0, 1 - 1 / 17.0, 1 - 4 / 12.5, 1 - 4 / 30.5};
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(out->Data<double>()[i], expected[i], 1e-12);
  EXPECT_TRUE(out->IsNull(4));
  // alone in its cluster: 0
  VectorPtr one = Apply("ml_silhouette", {Lit(Str("1,1,0,0,2,52,10")), Vec(Col(VectorUdtType(), {Dense({0})})),
                                          Vec(Col(DoubleType(), {F64(0)})), Vec(Col(DoubleType(), {F64(1)}))},
                        ctx);
  EXPECT_EQ(one->Data<double>()[0], 0.0);
}

TEST(MlModelFunctions, LogisticAndLinearPredictions) {
  EvalContext ctx = Ctx();
  VectorPtr x = Col(VectorUdtType(), {Dense({1, 2}), Sparse(2, {1}, {-4}), Null(VectorUdtType())});
  auto predict = [&](const std::string& kind, const std::string& sets, const std::string& coefficients,
                     const std::string& thresholds) {
    return Texts(Apply("ml_glm_predict",
                       {Lit(Str(kind), 3), Lit(Str(sets), 3), Lit(Str(coefficients), 3), Lit(Str(thresholds), 3), Vec(x)},
                       ctx));
  };
  // margins: 1 * 1 + 2 * 0.5 - 2 = 0 and -4 * 0.5 - 2 = -4
  EXPECT_EQ(predict("linear", "1", "1,0.5,-2", ""), (V{"0.0", "-4.0", "NULL"}));
  EXPECT_EQ(predict("raw", "1", "1,0.5,-2", ""), (V{"[-0.0,0.0]", "[4.0,-4.0]", "NULL"}));
  EXPECT_EQ(predict("margins", "1", "1,0.5,-2", ""), (V{"[0.0]", "[-4.0]", "NULL"}));
  EXPECT_EQ(predict("prediction", "1", "1,0.5,-2", "0.5"), (V{"0.0", "0.0", "NULL"}));
  EXPECT_EQ(predict("prediction", "1", "1,0.5,-2", "0.01"), (V{"1.0", "1.0", "NULL"}));
  // LinearSVC: the margin itself against the threshold, strictly above
  EXPECT_EQ(predict("margin_prediction", "1", "1,0.5,-2", "0"), (V{"0.0", "0.0", "NULL"}));
  EXPECT_EQ(predict("margin_prediction", "1", "1,0.5,-2", "-4.5"), (V{"1.0", "1.0", "NULL"}));
  EXPECT_EQ(predict("margin_prediction", "1", "1,0.5,-2", "-1"), (V{"1.0", "0.0", "NULL"}));
  VectorPtr p = Apply("ml_glm_predict",
                      {Lit(Str("probability"), 3), Lit(Str("1"), 3), Lit(Str("1,0.5,-2"), 3), Lit(Str(""), 3), Vec(x)}, ctx);
  EXPECT_EQ(Texts(p)[0], "[0.5,0.5]");
  // two sets: margins [1, 0] and [0, 2] for row 0; thresholds scale the probabilities
  EXPECT_EQ(predict("raw", "2", "1,0,0,0,1,0", ""), (V{"[1.0,2.0]", "[0.0,-4.0]", "NULL"}));
  EXPECT_EQ(predict("margins", "2", "1,0,0,0,1,0", ""), (V{"[1.0,2.0]", "[0.0,-4.0]", "NULL"}));
  EXPECT_EQ(predict("prediction", "2", "1,0,0,0,1,0", ""), (V{"1.0", "0.0", "NULL"}));
  EXPECT_EQ(predict("prediction", "2", "1,0,0,0,1,0", "0.1,1"), (V{"0.0", "0.0", "NULL"}));
  VectorPtr wrong = Col(VectorUdtType(), {Dense({1, 2, 3})});
  EXPECT_EQ(ErrorClass([&] {
              Apply("ml_glm_predict", {Lit(Str("linear")), Lit(Str("1")), Lit(Str("1,1,0")), Lit(Str("")), Vec(wrong)}, ctx);
            }),
            "USER_RAISED_EXCEPTION");
}

TEST(MlModelFunctions, NaiveBayesGaussianAndComplementScores) {
  EvalContext ctx = Ctx();
  auto values = [](const VectorPtr& v) {
    std::vector<double> out;
    const Vector& elements = *v->child(3)->child(0);
    for (int32_t i = v->child(3)->Offsets()[0]; i < v->child(3)->Offsets()[1]; ++i) out.push_back(elements.Data<double>()[i]);
    return out;
  };
  // gaussian, one feature: means 0 and 2, variances 1 and 4, priors 1/2; x = 1
  VectorPtr x = Col(VectorUdtType(), {Dense({1})});
  auto gaussian = [&](const std::string& kind, const std::string& thresholds = "") {
    return Apply("ml_nb_predict", {Lit(Str(kind)), Lit(Str("gaussian")), Lit(Str("2")),
                                   Lit(Str("0,1,-0.6931471805599453,2,4,-0.6931471805599453")), Lit(Str(thresholds)), Vec(x)},
                 ctx);
  };
  double raw0 = -0.6931471805599453 - 1.0 / 2, raw1 = -0.6931471805599453 - (0.25 + std::log(4.0)) / 2;
  std::vector<double> raw = values(gaussian("raw"));
  ASSERT_EQ(raw.size(), 2u);
  EXPECT_DOUBLE_EQ(raw[0], raw0);
  EXPECT_DOUBLE_EQ(raw[1], raw1);
  std::vector<double> probability = values(gaussian("probability"));
  EXPECT_DOUBLE_EQ(probability[0], 1.0 / (1.0 + std::exp(raw1 - raw0)));
  EXPECT_EQ(Texts(gaussian("prediction")), (V{"0.0"}));
  EXPECT_EQ(Texts(gaussian("prediction", "1,0.1")), (V{"1.0"}));
  // complement: theta rows [1, 0] and [0, 2] on [1, 1] score 1 and 2; raw less log(e + e^2)
  VectorPtr y = Col(VectorUdtType(), {Sparse(2, {0, 1}, {1, 1}), Null(VectorUdtType())});
  VectorPtr complement = Apply("ml_nb_predict", {Lit(Str("raw"), 2), Lit(Str("complement"), 2), Lit(Str("2"), 2),
                                                 Lit(Str("1,0,0,2"), 2), Lit(Str(""), 2), Vec(y)},
                               ctx);
  double log_sum = std::log(std::exp(1.0 - 2.0) + 1.0) + 2.0;
  raw = values(complement);
  EXPECT_DOUBLE_EQ(raw[0], 1.0 - log_sum);
  EXPECT_DOUBLE_EQ(raw[1], 2.0 - log_sum);
  EXPECT_TRUE(complement->IsNull(1));
}

// An array value of `element` type from its elements.
Value ListOf(TypePtr element, std::vector<Value> items, bool contains_null = true) {
  Value v = Value::Null(ArrayType(std::move(element), contains_null));
  v.is_null = false;
  v.children = std::move(items);
  return v;
}

Value Strings(const std::vector<std::string>& items) {
  std::vector<Value> values;
  for (const auto& item : items) values.push_back(Str(item));
  return ListOf(StringType(), std::move(values));
}

Value Floats(const std::vector<float>& items) {
  std::vector<Value> values;
  for (float f : items) values.push_back(TypedF(FloatType(), f));
  return ListOf(FloatType(), std::move(values), false);
}

TEST(MlModelFunctions, GlmUnlinkInvertsEachLink) {
  EvalContext ctx = Ctx();
  VectorPtr eta = Col(DoubleType(), {F64(0.5), F64(-2), Null(DoubleType())});
  auto unlink = [&](const char* link) {
    VectorPtr mean = Apply("ml_glm_unlink", {Lit(Str(link), 3), Vec(eta)}, ctx);
    return std::vector<double>(mean->Data<double>(), mean->Data<double>() + 2);
  };
  EXPECT_EQ(Texts(Apply("ml_glm_unlink", {Lit(Str("log"), 3), Vec(eta)}, ctx))[2], "NULL");
  std::vector<double> identity = unlink("identity"), log = unlink("log"), inverse = unlink("inverse"),
                      logit = unlink("logit"), sqrt = unlink("sqrt");
  for (size_t i = 0; i < 2; ++i) {
    double x = i == 0 ? 0.5 : -2;
    EXPECT_EQ(identity[i], x);
    EXPECT_EQ(log[i], std::exp(x));
    EXPECT_EQ(inverse[i], 1 / x);
    EXPECT_EQ(logit[i], 1 / (1 + std::exp(-x)));
    EXPECT_EQ(sqrt[i], x * x);
  }
}

TEST(MlModelFunctions, AlsLooksUpFactorsAndMultipliesThemInFloat) {
  EvalContext ctx = Ctx();
  // rank 2: user 3 -> (0.5, 2), user 8 -> (1, -1)
  VectorPtr ids = Col(DoubleType(), {F64(8), F64(4), Null(DoubleType()), F64(3)});
  VectorPtr factors = Apply("ml_als_lookup", {Vec(ids), Lit(Str("u"), 4), Lit(Str("i"), 4), Lit(Str("2,3,0.5,2,8,1,-1"), 4)}, ctx);
  EXPECT_EQ(Texts(factors), (V{"[1.0, -1.0]", "NULL", "NULL", "[0.5, 2.0]"}));
  VectorPtr items = Col(ArrayType(FloatType(), false), {Floats({0.1f, 0.3f}), Floats({1, 1}), Floats({1, 1}), Floats({4, 0.25f})});
  VectorPtr dot = Apply("ml_als_dot", {Vec(factors), Vec(items)}, ctx);
  const float* p = dot->Data<float>();
  EXPECT_EQ(p[0], 0.1f * 1.0f + 0.3f * -1.0f);
  EXPECT_TRUE(std::isnan(p[1]) && std::isnan(p[2]));
  EXPECT_EQ(p[3], 2.5f);
  VectorPtr fractional = Col(DoubleType(), {F64(1.5)});
  try {
    Apply("ml_als_lookup", {Vec(fractional), Lit(Str("u"), 1), Lit(Str("i"), 1), Lit(Str("1,1,1"), 1)}, ctx);
    FAIL() << "a fractional id was looked up";
  } catch (const SparkError& error) {
    EXPECT_NE(std::string(error.what()).find("for columns u and i. Value 1.5 was either out of Integer range"), std::string::npos);
  }
}

TEST(MlModelFunctions, FpPredictAppliesTheRulesThatHold) {
  EvalContext ctx = Ctx();
  // rules: {a} -> b, {a, c} -> d, {b} -> a, {c} -> b
  Value antecedents = ListOf(ArrayType(StringType()), {Strings({"a"}), Strings({"a", "c"}), Strings({"b"}), Strings({"c"})});
  Value consequents = Strings({"b", "d", "a", "b"});
  VectorPtr items = Col(ArrayType(StringType()), {Strings({"c", "a"}), Strings({"b"}), Strings({}), Null(ArrayType(StringType())),
                                                  Strings({"a", "b"})});
  EXPECT_EQ(Texts(Apply("ml_fp_predict", {Vec(items), Lit(antecedents, 5), Lit(consequents, 5)}, ctx)),
            (V{"[b, d]", "[a]", "[]", "[]", "[]"}));
}

}  // namespace
}  // namespace ember::ftest

// The tree functions: ml_tree_predict over a forest given as text and ml_tree_histogram's
// per-node, per-feature, per-bin statistics (also in two phases), checked against values worked
// out by hand.
#include "function_test_util.h"

namespace ember::ftest {
namespace {

using V = std::vector<std::string>;

std::vector<double> Doubles(const VectorPtr& lists, int64_t row) {
  const int32_t* offsets = lists->Offsets();
  const double* values = lists->child(0)->Data<double>();
  return std::vector<double>(values + offsets[row], values + offsets[row + 1]);
}

// One tree of two classes: root splits x1 <= 0.5, its left child is a leaf with class weights
// [3, 1], its right child a leaf [0, 2].
const char* kTree = "2,1,3, 1,0.5,1,2,0,0, -1,0,0,0,3,1, -1,0,0,0,0,2";

TEST(MlTreeFunctions, PredictRoutesRowsToLeaves) {
  EvalContext ctx = Ctx();
  VectorPtr x = Col(VectorUdtType(), {Dense({9, 0.5}), Sparse(2, {1}, {0.75}), Null(VectorUdtType())});
  auto predict = [&](const std::string& kind, const std::string& forest) {
    return Texts(Apply("ml_tree_predict", {Lit(Str(kind), 3), Lit(Str(forest), 3), Vec(x)}, ctx));
  };
  EXPECT_EQ(predict("raw", kTree), (V{"[3.0,1.0]", "[0.0,2.0]", "NULL"}));
  EXPECT_EQ(predict("probability", kTree), (V{"[0.75,0.25]", "[0.0,1.0]", "NULL"}));
  EXPECT_EQ(predict("prediction", kTree), (V{"0.0", "1.0", "NULL"}));
  // a forest of two regression trees: the leaf values 4 and 6 average to 5; a single leaf tree
  EXPECT_EQ(predict("regression", "1,2,3, 0,1,1,2,0, -1,0,0,0,4, -1,0,0,0,8, 1, -1,0,0,0,6"),
            (V{"7.0", "5.0", "NULL"}));
  // boosted trees: leaf values 0.5 / -0.25 and a single leaf 0.25 give margins 0.75 and 0
  const char* boosted = "1,2,3, 1,0.5,1,2,0, -1,0,0,0,0.5, -1,0,0,0,-0.25, 1, -1,0,0,0,0.25";
  EXPECT_EQ(predict("margin", boosted), (V{"0.75", "0.0", "NULL"}));
  EXPECT_EQ(predict("margin_raw", boosted), (V{"[-0.75,0.75]", "[-0.0,0.0]", "NULL"}));
  EXPECT_EQ(predict("margin_prediction", boosted), (V{"1.0", "0.0", "NULL"}));
  // 1 / (1 + e^1.5) = 0.18242552380635635; at a zero margin one half each
  EXPECT_EQ(predict("margin_probability", boosted),
            (V{"[0.18242552380635635,0.8175744761936437]", "[0.5,0.5]", "NULL"}));
  VectorPtr short_vector = Col(VectorUdtType(), {Dense({1})});
  EXPECT_EQ(ErrorClass([&] {
              Apply("ml_tree_predict", {Lit(Str("raw")), Lit(Str(kTree)), Vec(short_vector)}, ctx);
            }),
            "USER_RAISED_EXCEPTION");
}

TEST(MlTreeFunctions, HistogramCountsEachFrontierNodesBins) {
  EvalContext ctx = Ctx();
  // features (x0, x1), labels, weights, row ids
  VectorPtr x = Col(VectorUdtType(), {Dense({1, 0}), Dense({2, 1}), Dense({3, 0}), Dense({5, 1})});
  VectorPtr label = Col(DoubleType(), {F64(0), F64(1), F64(1), F64(0)});
  VectorPtr weight = Col(DoubleType(), {F64(1), F64(2), F64(1), F64(1)});
  VectorPtr id = Col(LongType(), {I64(0), I64(1), I64(2), I64(3)});
  // thresholds: x0 at 2.5 (bins x0 <= 2.5, above), x1 none (one bin)
  std::string thresholds = "2,1,2.5,0";
  std::vector<uint32_t> one_group(4, 0);
  // the root alone as slot 0: per bin count, class 0 weight, class 1 weight
  for (bool two_phase : {false, true}) {
    std::vector<Arg> args = {Lit(Str("2"), 4), Lit(Str(thresholds), 4), Lit(Str("1,1,1,-1,0,0,0,0"), 4),
                             Lit(Str("0,1,0"), 4), Vec(x), Vec(label), Vec(weight), Vec(id)};
    VectorPtr out = two_phase ? AggregateTwoPhase("ml_tree_histogram", args, one_group, 1, ctx)
                              : Aggregate("ml_tree_histogram", args, one_group, 1, ctx);
    EXPECT_EQ(Doubles(out, 0), (std::vector<double>{2, 1, 2, 2, 1, 1, 4, 2, 3}));
  }
  // after a split on x1 <= 0.5: leaf 1 (rows 0, 2) is slot 1, leaf 2 (rows 1, 3) slot 0; a
  // regression on the labels: count, w, sum wy, sum wy^2
  std::vector<Arg> args = {Lit(Str("0"), 4), Lit(Str(thresholds), 4),
                           Lit(Str("1,1,3, 1,0.5,1,2,-1, -1,0,0,0,1, -1,0,0,0,0"), 4), Lit(Str("0,1,0"), 4),
                           Vec(x), Vec(label), Vec(weight), Vec(id)};
  EXPECT_EQ(Doubles(Aggregate("ml_tree_histogram", args, one_group, 1, ctx), 0),
            (std::vector<double>{1, 2, 2, 2, 1, 1, 0, 0, 2, 3, 2, 2,     // slot 0: x0 bins, x1 bin
                                 1, 1, 0, 0, 1, 1, 1, 1, 2, 2, 1, 1}));  // slot 1
  // bootstrap multiplicities are whole numbers that depend on the seed, the same for both phases
  std::vector<Arg> bagged = {Lit(Str("2"), 4), Lit(Str(thresholds), 4), Lit(Str("1,1,1,-1,0,0,0,0"), 4),
                             Lit(Str("7,1,1"), 4), Vec(x), Vec(label), Vec(weight), Vec(id)};
  std::vector<double> once = Doubles(Aggregate("ml_tree_histogram", bagged, one_group, 1, ctx), 0);
  EXPECT_EQ(once, Doubles(AggregateTwoPhase("ml_tree_histogram", bagged, one_group, 1, ctx), 0));
  double total = 0;
  for (size_t bin = 0; bin < 2; ++bin) total += once[bin * 3];
  EXPECT_EQ(total, std::floor(total));
  VectorPtr bad_label = Col(DoubleType(), {F64(0.5), F64(1), F64(1), F64(0)});
  EXPECT_EQ(ErrorClass([&] {
              Aggregate("ml_tree_histogram",
                        {Lit(Str("2"), 4), Lit(Str(thresholds), 4), Lit(Str("1,1,1,-1,0,0,0,0"), 4),
                         Lit(Str("0,1,0"), 4), Vec(x), Vec(bad_label), Vec(weight), Vec(id)},
                        one_group, 1, ctx);
            }),
            "USER_RAISED_EXCEPTION");
}

}  // namespace
}  // namespace ember::ftest

// The aggregate the tree models' training runs once per level of the trees, over all trees of a
// forest at once (Spark's level-wise training):
//   ml_tree_histogram(classes, thresholds, forest, bagging, features, label, weight, row_id)
//     -> array<double>: per frontier node ("slot"), per feature, per bin the instance count and
//        the label statistics: K class weights for a classification (classes = K), or the weight,
//        weighted label sum and weighted squared label sum for a regression (classes = 0).
//   thresholds: "n, c_0, t_0..., c_1, ..." the c_f ascending candidate thresholds of each of the n
//     features; bin b of feature f holds the values in (t_{b-1}, t_b], the last one those above.
//   forest: the trees grown so far (ml_util.h, Forest, one value per node): a leaf's value is its
//     slot, or -1 for a leaf not split further; rows are routed to their leaf in each tree.
//   bagging: "seed, rate, bootstrap": each (tree, row) counts m times, m drawn from a hash of seed,
//     tree and row_id: Poisson(rate) with bootstrap, else Bernoulli(rate) (m = 1 when rate is 1).
// Layout: slot-major, then the features' bins in order, then the statistics (1 + K, or 4).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "functions/aggregate/double_list_accumulator.h"
#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"
#include "functions/ml_util.h"

namespace ember {
namespace {

uint64_t Mix(uint64_t z) {  // splitmix64's finalizer
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct Bagging {
  uint64_t seed = 0;
  double rate = 1.0;
  bool bootstrap = false;

  // How many times row `row_id` counts in tree `tree`.
  double Multiplicity(size_t tree, int64_t row_id) const {
    if (!bootstrap && rate >= 1.0) return 1.0;
    uint64_t h = Mix(seed ^ Mix(static_cast<uint64_t>(tree) * 0x632be59bd9b4e019ULL ^ Mix(static_cast<uint64_t>(row_id))));
    double u = static_cast<double>(h >> 11) * 0x1.0p-53;
    if (!bootstrap) return u < rate ? 1.0 : 0.0;
    // Poisson(rate) by inversion
    double p = std::exp(-rate), cdf = p;
    double k = 0;
    while (u > cdf && k < 100) {
      k += 1;
      p *= rate / k;
      cdf += p;
    }
    return k;
  }
};

struct HistogramSpec {
  size_t classes = 0;  // 0: regression
  size_t stats = 0;    // per bin
  std::vector<std::vector<double>> thresholds;
  std::vector<size_t> bin_offset;  // per feature, its first bin
  size_t bins = 0;                 // over all features
  size_t slots = 0;
  Forest forest{std::vector<double>{1, 0}};
  Bagging bagging;
};

class TreeHistogramAccumulator : public DoubleListAccumulator {
 public:
  explicit TreeHistogramAccumulator(std::shared_ptr<const HistogramSpec> spec) : spec_(std::move(spec)) {}

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    const HistogramSpec& spec = *spec_;
    const Vector& vectors = *args[4];
    VectorReader features{vectors};
    const double* label = args[5]->Data<double>();
    const double* weight = args[6]->Data<double>();
    const int64_t* row_id = args[7]->Data<int64_t>();
    size_t n = spec.thresholds.size();
    size_t slot_size = spec.bins * spec.stats;
    for (int64_t r = 0; r < rows; ++r) {
      if (vectors.IsNull(r) || args[5]->IsNull(r) || args[6]->IsNull(r) || args[7]->IsNull(r)) continue;
      std::vector<double>& state = states_[group_ids[r]];
      if (state.empty()) state.assign(spec.slots * slot_size, 0.0);
      Forest::Densify(features, r, x_);
      if (x_.size() != n) {
        ThrowMlError("requirement failed: The features vector has size " + std::to_string(x_.size()) +
                     " but the trees were given " + std::to_string(n) + " features.");
      }
      double y = label[r];
      if (spec.classes > 0 && !(y >= 0 && y < static_cast<double>(spec.classes) && y == std::floor(y))) {
        ThrowMlError("Classifier found invalid label " + std::to_string(y) + ": labels must be whole numbers in [0, " +
                     std::to_string(spec.classes) + ").");
      }
      for (size_t t = 0; t < spec.forest.tree_start.size(); ++t) {
        double slot = spec.forest.Values(t, spec.forest.Leaf(t, x_))[0];
        if (slot < 0) continue;
        double m = spec.bagging.Multiplicity(t, row_id[r]);
        if (m == 0) continue;
        double w = weight[r] * m;
        double* base = &state[static_cast<size_t>(slot) * slot_size];
        for (size_t f = 0; f < n; ++f) {
          const auto& t_f = spec.thresholds[f];
          size_t bin = std::lower_bound(t_f.begin(), t_f.end(), x_[f]) - t_f.begin();
          double* s = base + (spec.bin_offset[f] + bin) * spec.stats;
          s[0] += m;
          if (spec.classes > 0) {
            s[1 + static_cast<size_t>(y)] += w;
          } else {
            s[1] += w;
            s[2] += w * y;
            s[3] += w * y * y;
          }
        }
      }
    }
  }

 protected:
  void MergeState(std::vector<double>& state, const double* other, size_t size) override {
    if (size != state.size()) throw InternalError("ml_tree_histogram: partial states differ in size");
    for (size_t i = 0; i < size; ++i) state[i] += other[i];
  }
  std::vector<double> Result(const std::vector<double>& state) const override { return state; }

 private:
  std::shared_ptr<const HistogramSpec> spec_;
  std::vector<double> x_;
};

BoundAggregate BindTreeHistogram(const std::vector<BindArg>& args, bool, const EvalContext&) {
  const char* name = "ml_tree_histogram";
  CheckArgCount(name, args, 8, 8);
  auto spec = std::make_shared<HistogramSpec>();
  std::vector<double> classes = LiteralDoubles(name, args, 0);
  if (classes.size() != 1 || classes[0] < 0) ThrowUnexpectedType(name, 0, "a class count", *args[0].type);
  spec->classes = static_cast<size_t>(classes[0]);
  spec->stats = spec->classes > 0 ? 1 + spec->classes : 4;
  std::vector<double> thresholds = LiteralDoubles(name, args, 1);
  if (thresholds.empty()) ThrowUnexpectedType(name, 1, "the features' thresholds", *args[1].type);
  size_t at = 1;
  for (size_t f = 0; f < static_cast<size_t>(thresholds[0]); ++f) {
    if (at >= thresholds.size()) ThrowUnexpectedType(name, 1, "the features' thresholds", *args[1].type);
    auto count = static_cast<size_t>(thresholds[at++]);
    if (at + count > thresholds.size()) ThrowUnexpectedType(name, 1, "the features' thresholds", *args[1].type);
    spec->thresholds.emplace_back(thresholds.begin() + static_cast<std::ptrdiff_t>(at),
                                  thresholds.begin() + static_cast<std::ptrdiff_t>(at + count));
    spec->bin_offset.push_back(spec->bins);
    spec->bins += count + 1;
    at += count;
  }
  spec->forest = Forest(LiteralDoubles(name, args, 2));
  if (spec->forest.k != 1) ThrowUnexpectedType(name, 2, "a forest of slot numbers", *args[2].type);
  for (size_t t = 0; t < spec->forest.tree_start.size(); ++t) {
    for (size_t node = 0; node < spec->forest.tree_size[t]; ++node) {
      double slot = spec->forest.Values(t, node)[0];
      if (slot >= 0) spec->slots = std::max(spec->slots, static_cast<size_t>(slot) + 1);
    }
  }
  std::vector<double> bagging = LiteralDoubles(name, args, 3);
  if (bagging.size() != 3) ThrowUnexpectedType(name, 3, "'seed,rate,bootstrap'", *args[3].type);
  spec->bagging = {static_cast<uint64_t>(static_cast<int64_t>(bagging[0])), bagging[1], bagging[2] != 0};
  if (!IsVectorType(*args[4].type)) ThrowUnexpectedType(name, 4, "\"VECTOR\"", *args[4].type);
  BoundAggregate bound;
  bound.arg_types = {StringType(), StringType(), StringType(), StringType(), args[4].type, DoubleType(),
                     DoubleType(), LongType()};
  bound.result_type = DoubleArray();
  bound.partial_types = {DoubleArray()};
  bound.create = [spec] { return std::make_unique<TreeHistogramAccumulator>(spec); };
  return bound;
}

}  // namespace

void RegisterMlTreeAggregates(FunctionRegistry& registry) {
  registry.Add(MakeAggregate("ml_tree_histogram",
                             "ml_tree_histogram(classes, thresholds, forest, bagging, features, label, "
                             "weight, row_id): per frontier node, feature and bin the count and label "
                             "statistics of the rows (one level of tree training)",
                             BindTreeHistogram));
}

}  // namespace ember

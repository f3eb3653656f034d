// What the ML functions (scalar/ml_vectors.cpp, scalar/ml_models.cpp, aggregate/ml_aggregates.cpp)
// share: reading rows of a vector column, fitted state passed as literal text, and Spark's plain
// SparkException messages. Internal to the functions layer.
#pragma once

#include <string>
#include <vector>

#include "common/vector.h"
#include "functions/function.h"

namespace ember {

class FunctionRegistry;

// Registers Normalizer's, VectorSlicer's and DCT's functions (scalar/ml_vector_transforms.cpp);
// RegisterMlFunctions calls it.
void RegisterMlVectorTransforms(FunctionRegistry& registry);
// Tokenizers', HashingTF's and CountVectorizerModel's functions (scalar/ml_text_features.cpp);
// RegisterMlFunctions calls it.
void RegisterMlTextFunctions(FunctionRegistry& registry);
// ALS's factor solving (aggregate/ml_als_aggregates.cpp); RegisterMlAggregates calls it.
void RegisterMlAlsAggregates(FunctionRegistry& registry);
// Word2Vec's training pass (scalar/ml_word2vec.cpp); RegisterMlFunctions calls it.
void RegisterMlWord2VecFunctions(FunctionRegistry& registry);
// ALSModel's prediction and factor lookup (scalar/ml_recommend.cpp); RegisterMlFunctions calls it.
void RegisterMlRecommendFunctions(FunctionRegistry& registry);
// FPGrowth's itemset counting (scalar/ml_itemsets.cpp); RegisterMlFunctions calls it.
void RegisterMlItemsetFunctions(FunctionRegistry& registry);
// The tree models' prediction (scalar/ml_tree_predict.cpp; RegisterMlFunctions calls it) and
// training histograms (aggregate/ml_tree_aggregates.cpp; RegisterMlAggregates calls it).
void RegisterMlTreeFunctions(FunctionRegistry& registry);
void RegisterMlTreeAggregates(FunctionRegistry& registry);

bool IsVectorType(const DataType& type);

// Spark raises these as plain SparkExceptions; they travel as USER_RAISED_EXCEPTION (the class of
// raise_error) so that Python sees a SparkRuntimeException carrying Spark's message.
[[noreturn]] void ThrowMlError(const std::string& message);

// The STRING literal argument `index` (throws DATATYPE_MISMATCH otherwise).
std::string LiteralString(const std::string& function, const std::vector<BindArg>& args, size_t index);
// The position of the STRING literal argument `index` among `choices` (throws DATATYPE_MISMATCH
// naming them otherwise).
size_t LiteralChoice(const std::string& function, const std::vector<BindArg>& args, size_t index,
                     const std::vector<std::string>& choices);
// Doubles of a literal "1.5,-2,..." list (Python writes them with repr, so they parse back exactly).
std::vector<double> LiteralDoubles(const std::string& function, const std::vector<BindArg>& args,
                                   size_t index);

// Reads one row of a vector column (VectorUdtType: type 0 sparse / 1 dense, size, indices,
// values) as (index, value) entries, dense vectors included.
struct VectorReader {
  const Vector& v;
  int8_t Kind(int64_t row) const { return v.child(0)->Data<int8_t>()[row]; }
  int32_t Size(int64_t row) const {
    if (Kind(row) == 1) {
      const int32_t* offsets = v.child(3)->Offsets();
      return offsets[row + 1] - offsets[row];
    }
    return v.child(1)->Data<int32_t>()[row];
  }
  // Calls f(index, value) for each stored entry of row `row`.
  template <typename F>
  void ForEach(int64_t row, F&& f) const {
    const Vector& values = *v.child(3);
    const int32_t* value_offsets = values.Offsets();
    const double* data = values.child(0)->Data<double>();
    int32_t begin = value_offsets[row], end = value_offsets[row + 1];
    if (Kind(row) == 1) {
      for (int32_t i = begin; i < end; ++i) f(i - begin, data[i]);
      return;
    }
    const Vector& indices = *v.child(2);
    const int32_t* index_data = indices.child(0)->Data<int32_t>();
    int32_t index_begin = indices.Offsets()[row];
    for (int32_t i = begin; i < end; ++i) f(index_data[index_begin + (i - begin)], data[i]);
  }
};

// k cluster centers of n values each (KMeansModel's), with their squared norms.
struct Centers {
  Centers(std::vector<double> flat, size_t k);
  // The nearest center to row `row` and, in *distance, its squared Euclidean distance.
  size_t Nearest(const VectorReader& x, int64_t row, double* distance) const;
  size_t k;
  size_t n;
  std::vector<double> values;  // k rows of n
  std::vector<double> squared_norms;
};

// A Gaussian mixture as ml_gmm_step and ml_gmm_predict take it (GaussianMixtureModel's): the
// text "k,n", then per component its weight, mean (n) and covariance (n x n, row-major). Each
// covariance is decomposed once here, as Spark's MultivariateGaussian does: the n x n matrix R
// (row-major) whose columns scale its eigenvectors by 1 / sqrt(eigenvalue) (0 for eigenvalues at
// most EPSILON * max * n, the null space), and u = -(n log(2 pi) + log pseudo-determinant) / 2.
struct Mixture {
  explicit Mixture(const std::vector<double>& text);
  // Spark's EPSILON + weight_i * pdf_i(x) of each component into `out`, returning their sum.
  double Densities(const VectorReader& x, int64_t row, std::vector<double>& dense, std::vector<double>& out) const;
  size_t k = 0;
  size_t n = 0;
  std::vector<double> weights;
  std::vector<double> means;  // k rows of n
  std::vector<double> roots;  // k matrices of n x n
  std::vector<double> us;
};

// Decision trees as the tree functions take them (ml_tree_predict, ml_tree_histogram): the text
// "K,T" then per tree its node count and nodes of 4 + K values: feature (-1 for a leaf), threshold
// (rows with x[feature] <= threshold go left), left and right node indices, then K values of the
// node (a leaf's prediction: class weights or a regression value). Node 0 is a tree's root.
struct Forest {
  explicit Forest(const std::vector<double>& text);
  // Row `row` of `features` as dense values, into `dense`.
  static void Densify(const VectorReader& features, int64_t row, std::vector<double>& dense);
  // The leaf the dense features `x` reach in tree t (throws when a split's feature is past x).
  size_t Leaf(size_t t, const std::vector<double>& x) const;
  const double* Values(size_t t, size_t node) const { return &nodes[tree_start[t] + node * width + 4]; }
  size_t k = 0;
  size_t width = 0;  // 4 + k
  std::vector<size_t> tree_start;  // offset of each tree's first node in `nodes`
  std::vector<size_t> tree_size;
  std::vector<double> nodes;
};

// Appends a dense vector of `count` values to a VectorUdtType builder.
void AppendDense(VectorBuilder& out, const double* values, int64_t count);

}  // namespace ember

#include "functions/bound_literals.h"

#include <algorithm>
#include <iterator>

namespace ember {

bool ReadsLiteralsWhenBound(std::string_view function) {
  // Each of these kernels reads only its column arguments (the features, the terms).
  static constexpr std::string_view kFunctions[] = {
      "ml_count_vectorize", "ml_glm_predict", "ml_gmm_predict", "ml_kmeans_predict", "ml_nb_predict",
      "ml_tree_predict",    "ml_word2vec_average", "ml_word2vec_train"};
  return std::find(std::begin(kFunctions), std::end(kFunctions), function) != std::end(kFunctions);
}

}  // namespace ember

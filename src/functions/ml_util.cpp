#include "functions/ml_util.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "common/error.h"
#include "functions/kernel_util.h"

namespace ember {

bool IsVectorType(const DataType& type) { return type.udt == kVectorUdtClass; }

void ThrowMlError(const std::string& message) {
  throw SparkError("USER_RAISED_EXCEPTION", {{"errorMessage", message}});
}

std::string LiteralString(const std::string& function, const std::vector<BindArg>& args, size_t index) {
  const Value* literal = args[index].literal;
  if (literal == nullptr || literal->is_null || args[index].type->id != TypeId::kString)
    ThrowUnexpectedType(function, index, "a STRING literal", *args[index].type);
  return literal->str;
}

size_t LiteralChoice(const std::string& function, const std::vector<BindArg>& args, size_t index,
                     const std::vector<std::string>& choices) {
  std::string value = LiteralString(function, args, index);
  for (size_t i = 0; i < choices.size(); ++i) {
    if (choices[i] == value) return i;
  }
  std::string names;
  for (const auto& choice : choices) names += (names.empty() ? "'" : ", '") + choice + "'";
  ThrowUnexpectedType(function, index, "one of " + names, *args[index].type);
}

std::vector<double> LiteralDoubles(const std::string& function, const std::vector<BindArg>& args,
                                   size_t index) {
  std::string text = LiteralString(function, args, index);
  std::vector<double> out;
  for (size_t start = 0; start < text.size();) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(std::strtod(text.substr(start, comma - start).c_str(), nullptr));
    start = comma + 1;
  }
  return out;
}

Centers::Centers(std::vector<double> flat, size_t count)
    : k(count), n(count == 0 ? 0 : flat.size() / count), values(std::move(flat)), squared_norms(k, 0.0) {
  if (k == 0 || values.size() != k * n) throw InternalError("cluster centers do not match their count");
  for (size_t c = 0; c < k; ++c) {
    for (size_t i = 0; i < n; ++i) squared_norms[c] += values[c * n + i] * values[c * n + i];
  }
}

namespace {

// The eigenvalues of the symmetric n x n matrix `a` (row-major, destroyed) and its eigenvectors as
// the columns of `vectors`, by cyclic Jacobi rotations (accurate to rounding for small n).
void SymmetricEigen(size_t n, std::vector<double>& a, std::vector<double>& values, std::vector<double>& vectors) {
  vectors.assign(n * n, 0.0);
  for (size_t i = 0; i < n; ++i) vectors[i * n + i] = 1.0;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0.0;
    for (size_t p = 0; p < n; ++p) {
      for (size_t q = p + 1; q < n; ++q) off += a[p * n + q] * a[p * n + q];
    }
    if (off == 0.0) break;
    for (size_t p = 0; p < n; ++p) {
      for (size_t q = p + 1; q < n; ++q) {
        double apq = a[p * n + q];
        if (apq == 0.0) continue;
        double theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
        double t = (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1.0));
        double c = 1.0 / std::sqrt(t * t + 1.0), s = t * c;
        for (size_t k = 0; k < n; ++k) {  // a = J^T a J, columns then rows
          double akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (size_t k = 0; k < n; ++k) {
          double apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (size_t k = 0; k < n; ++k) {
          double vkp = vectors[k * n + p], vkq = vectors[k * n + q];
          vectors[k * n + p] = c * vkp - s * vkq;
          vectors[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  values.resize(n);
  for (size_t i = 0; i < n; ++i) values[i] = a[i * n + i];
}

}  // namespace

Mixture::Mixture(const std::vector<double>& text) {
  if (text.size() < 2 || text[0] < 1 || text[1] < 1) throw InternalError("a Gaussian mixture's text");
  k = static_cast<size_t>(text[0]);
  n = static_cast<size_t>(text[1]);
  size_t width = 1 + n + n * n;
  if (text.size() != 2 + k * width) throw InternalError("a Gaussian mixture's text does not match k and n");
  std::vector<double> covariance, eigenvalues, eigenvectors;
  for (size_t c = 0; c < k; ++c) {
    const double* part = &text[2 + c * width];
    weights.push_back(part[0]);
    means.insert(means.end(), part + 1, part + 1 + n);
    covariance.assign(part + 1 + n, part + 1 + n + n * n);
    SymmetricEigen(n, covariance, eigenvalues, eigenvectors);
    double tolerance = std::numeric_limits<double>::epsilon() * *std::max_element(eigenvalues.begin(), eigenvalues.end()) *
                       static_cast<double>(n);
    double log_determinant = 0.0;
    for (size_t j = 0; j < n; ++j) {
      bool kept = eigenvalues[j] > tolerance;
      if (kept) log_determinant += std::log(eigenvalues[j]);
      double scale = kept ? std::sqrt(1.0 / eigenvalues[j]) : 0.0;
      for (size_t i = 0; i < n; ++i) eigenvectors[i * n + j] *= scale;
    }
    roots.insert(roots.end(), eigenvectors.begin(), eigenvectors.end());
    us.push_back(-0.5 * (static_cast<double>(n) * std::log(2.0 * M_PI) + log_determinant));
  }
}

double Mixture::Densities(const VectorReader& x, int64_t row, std::vector<double>& dense,
                          std::vector<double>& out) const {
  if (static_cast<size_t>(x.Size(row)) != n) {
    ThrowMlError("requirement failed: Vector size " + std::to_string(x.Size(row)) +
                 " does not match the Gaussians' size " + std::to_string(n) + ".");
  }
  out.resize(k);
  double total = 0.0;
  for (size_t c = 0; c < k; ++c) {
    dense.assign(n, 0.0);
    x.ForEach(row, [&](int32_t i, double v) { dense[static_cast<size_t>(i)] = v; });
    const double* mean = &means[c * n];
    for (size_t i = 0; i < n; ++i) dense[i] -= mean[i];
    const double* root = &roots[c * n * n];
    double squared = 0.0;
    for (size_t j = 0; j < n; ++j) {
      double z = 0.0;
      for (size_t i = 0; i < n; ++i) z += root[i * n + j] * dense[i];
      squared += z * z;
    }
    out[c] = std::numeric_limits<double>::epsilon() + weights[c] * std::exp(us[c] - 0.5 * squared);
    total += out[c];
  }
  return total;
}

size_t Centers::Nearest(const VectorReader& x, int64_t row, double* distance) const {
  if (static_cast<size_t>(x.Size(row)) != n) {
    ThrowMlError("requirement failed: Vector size " + std::to_string(x.Size(row)) +
                 " does not match the cluster centers' size " + std::to_string(n) + ".");
  }
  bool dense = x.Kind(row) == 1;
  size_t best = 0;
  double best_distance = std::numeric_limits<double>::infinity();
  for (size_t c = 0; c < k; ++c) {
    const double* center = &values[c * n];
    // Dense rows sum every (x_i - c_i)^2; sparse ones correct ||c||^2 at their entries.
    double d = dense ? 0.0 : squared_norms[c];
    x.ForEach(row, [&](int32_t i, double v) {
      double diff = v - center[i];
      d += dense ? diff * diff : diff * diff - center[i] * center[i];
    });
    d = std::max(d, 0.0);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  *distance = best_distance;
  return best;
}

Forest::Forest(const std::vector<double>& text) {
  if (text.size() < 2) throw InternalError("a forest needs its class count and tree count");
  k = static_cast<size_t>(text[0]);
  width = 4 + k;
  auto trees = static_cast<size_t>(text[1]);
  size_t at = 2;
  for (size_t t = 0; t < trees; ++t) {
    if (at >= text.size()) throw InternalError("a forest's text ends early");
    auto count = static_cast<size_t>(text[at++]);
    if (count == 0 || at + count * width > text.size()) throw InternalError("a forest's tree does not fit its text");
    tree_start.push_back(nodes.size());
    tree_size.push_back(count);
    nodes.insert(nodes.end(), text.begin() + static_cast<std::ptrdiff_t>(at),
                 text.begin() + static_cast<std::ptrdiff_t>(at + count * width));
    at += count * width;
  }
}

void Forest::Densify(const VectorReader& features, int64_t row, std::vector<double>& dense) {
  dense.assign(static_cast<size_t>(features.Size(row)), 0.0);
  features.ForEach(row, [&](int32_t i, double v) { dense[static_cast<size_t>(i)] = v; });
}

size_t Forest::Leaf(size_t t, const std::vector<double>& dense) const {
  const double* tree = &nodes[tree_start[t]];
  size_t node = 0;
  for (size_t steps = 0; steps <= tree_size[t]; ++steps) {
    const double* n = tree + node * width;
    if (n[0] < 0) return node;
    auto feature = static_cast<size_t>(n[0]);
    if (feature >= dense.size()) {
      ThrowMlError("requirement failed: a tree splits on feature " + std::to_string(feature) +
                   " but the features vector has size " + std::to_string(dense.size()) + ".");
    }
    node = static_cast<size_t>(dense[feature] <= n[1] ? n[2] : n[3]);
    if (node >= tree_size[t]) throw InternalError("a tree's child index is out of range");
  }
  throw InternalError("a tree has a cycle");
}

void AppendDense(VectorBuilder& out, const double* values, int64_t count) {
  out.Child(0).Append<int8_t>(1);
  out.Child(1).AppendNull();
  out.Child(2).AppendNull();
  for (int64_t i = 0; i < count; ++i) out.Child(3).Child(0).Append<double>(values[i]);
  out.Child(3).FinishNested();
  out.FinishNested();
}

}  // namespace ember

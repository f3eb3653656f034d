// Feature transformers that map each vector on its own:
//   ml_normalize(v, p)        -> Normalizer: v / ||v||_p (p as text, 'inf' for the largest |v_i|);
//                                a zero vector is left as it is, sparse vectors stay sparse
//   ml_vector_slice(v, idx)   -> VectorSlicer: the elements at the indices "i,j,..." in that
//                                order, sparse for a sparse input
//   ml_dct(v, inverse)        -> DCT: the orthonormal DCT-II of v ('false') or its inverse, the
//                                DCT-III ('true'), as a dense vector
//   ml_vector_index(v, mode, n, map...) -> VectorIndexerModel: each categorical feature's value
//                                replaced by its category index; a map is the text "feature,
//                                value 0, value 1, ..." (the values in index order). A value not
//                                in its map raises ('error'), becomes the map's size ('keep') or
//                                makes the row null ('skip'). Sparse vectors map their stored
//                                entries only (0 is always category 0), as Spark's does.
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "functions/cast/java_number_format.h"
#include "functions/kernel_util.h"
#include "functions/ml_util.h"
#include "functions/registry.h"

namespace ember {
namespace {

// Appends a vector of `size` from (index, value) entries, sparse or dense like the input row.
void AppendLike(VectorBuilder& out, bool sparse, int32_t size, const std::vector<int32_t>& indices,
                const std::vector<double>& values) {
  if (!sparse) {
    std::vector<double> dense(static_cast<size_t>(size), 0.0);
    for (size_t e = 0; e < indices.size(); ++e) dense[indices[e]] = values[e];
    AppendDense(out, dense.data(), size);
    return;
  }
  out.Child(0).Append<int8_t>(0);
  out.Child(1).Append<int32_t>(size);
  for (int32_t i : indices) out.Child(2).Child(0).Append<int32_t>(i);
  out.Child(2).FinishNested();
  for (double v : values) out.Child(3).Child(0).Append<double>(v);
  out.Child(3).FinishNested();
  out.FinishNested();
}

void CheckArgs(const char* name, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 2, 2);
  if (!IsVectorType(*args[0].type)) ThrowUnexpectedType(name, 0, "\"VECTOR\"", *args[0].type);
}

// Scratch space of one kernel call, reused across its rows.
struct Buffers {
  std::vector<int32_t> indices;
  std::vector<double> values;
  std::vector<double> dense;
  std::unordered_map<int32_t, double> entries;
};

// A function of (vector, literal text) to vector: row(out, reader, r, buffers) appends the
// result of each non-null row.
template <typename Row>
BoundScalar MapVectors(const std::vector<BindArg>& args, Row row) {
  BoundScalar bound;
  bound.arg_types = {args[0].type, StringType()};
  bound.result_type = VectorUdtType();
  bound.kernel = [row](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorReader in{*a[0]};
    VectorBuilder out(VectorUdtType(), rows);
    Buffers buffers;
    for (int64_t r = 0; r < rows; ++r) {
      if (a[0]->IsNull(r)) {
        out.AppendNull();
      } else {
        row(out, in, r, buffers);
      }
    }
    return out.Finish();
  };
  return bound;
}

BoundScalar BindNormalize(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_normalize";
  CheckArgs(name, args);
  std::string text = LiteralString(name, args, 1);
  double p = text == "inf" ? std::numeric_limits<double>::infinity() : LiteralDoubles(name, args, 1).at(0);
  if (!(p >= 1.0)) {
    ThrowMlError("requirement failed: To compute the p-norm of the vector, we require that you specify a p>=1. "
                 "You specified p=" + text + ".");
  }
  return MapVectors(args, [p](VectorBuilder& out, const VectorReader& in, int64_t r, Buffers& b) {
    b.indices.clear();
    b.values.clear();
    double norm = 0.0;
    in.ForEach(r, [&](int32_t i, double v) {
      b.indices.push_back(i);
      b.values.push_back(v);
      if (std::isinf(p)) {
        norm = std::max(norm, std::abs(v));
      } else if (p == 1.0) {
        norm += std::abs(v);
      } else if (p == 2.0) {
        norm += v * v;
      } else {
        norm += std::pow(std::abs(v), p);
      }
    });
    if (!std::isinf(p) && p != 1.0) norm = p == 2.0 ? std::sqrt(norm) : std::pow(norm, 1.0 / p);
    if (norm != 0.0) {
      for (double& v : b.values) v /= norm;
    }
    AppendLike(out, in.Kind(r) == 0, in.Size(r), b.indices, b.values);
  });
}

BoundScalar BindVectorSlice(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_vector_slice";
  CheckArgs(name, args);
  std::vector<int32_t> selected;
  for (double i : LiteralDoubles(name, args, 1)) selected.push_back(static_cast<int32_t>(i));
  return MapVectors(args, [selected](VectorBuilder& out, const VectorReader& in, int64_t r, Buffers& b) {
    b.entries.clear();
    in.ForEach(r, [&](int32_t i, double v) { b.entries[i] = v; });
    b.indices.clear();
    b.values.clear();
    for (size_t k = 0; k < selected.size(); ++k) {
      if (selected[k] >= in.Size(r)) {
        ThrowMlError("Selected feature index " + std::to_string(selected[k]) + " invalid for only " +
                     std::to_string(in.Size(r)) + " input features.");
      }
      auto it = b.entries.find(selected[k]);
      if (it != b.entries.end()) {
        b.indices.push_back(static_cast<int32_t>(k));
        b.values.push_back(it->second);
      }
    }
    AppendLike(out, in.Kind(r) == 0, static_cast<int32_t>(selected.size()), b.indices, b.values);
  });
}

BoundScalar BindDct(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_dct";
  CheckArgs(name, args);
  bool inverse = LiteralChoice(name, args, 1, {"false", "true"}) == 1;
  return MapVectors(args, [inverse](VectorBuilder& out, const VectorReader& in, int64_t r, Buffers& b) {
    size_t n = static_cast<size_t>(in.Size(r));
    b.dense.assign(n, 0.0);
    in.ForEach(r, [&](int32_t i, double v) { b.dense[i] = v; });
    b.values.assign(n, 0.0);
    // orthonormal: c_0 = sqrt(1/n), c_k = sqrt(2/n); DCT-II y_k = c_k sum x_i cos(pi (2i+1) k / 2n),
    // its inverse x_i = sum c_k y_k cos(pi (2i+1) k / 2n)
    for (size_t k = 0; k < n; ++k) {
      double scale = std::sqrt((k == 0 ? 1.0 : 2.0) / static_cast<double>(n));
      for (size_t i = 0; i < n; ++i) {
        double c = std::cos(M_PI * static_cast<double>((2 * i + 1) * k) / (2.0 * static_cast<double>(n)));
        if (inverse) {
          b.values[i] += scale * b.dense[k] * c;
        } else {
          b.values[k] += scale * b.dense[i] * c;
        }
      }
    }
    AppendDense(out, b.values.data(), static_cast<int64_t>(n));
  });
}

// VectorIndexerModel's category maps: per feature, the index of each value (-1: continuous).
struct CategoryMaps {
  enum Mode { kError, kSkip, kKeep };  // in the order of the mode literal's names
  Mode mode;
  int32_t size;
  std::vector<std::unordered_map<double, double>> maps;  // empty for a continuous feature

  // The category index of `value` at `feature`, its size in 'keep' mode; false when it is invalid
  // in 'skip' mode.
  bool Index(int32_t feature, double& value) const {
    const auto& map = maps[static_cast<size_t>(feature)];
    // NaN never equals itself: look it up under one canonical NaN key
    auto it = map.find(std::isnan(value) ? std::numeric_limits<double>::quiet_NaN() : value);
    if (it != map.end()) {
      value = it->second;
      return true;
    }
    if (mode == kKeep) {
      value = static_cast<double>(map.size());
      return true;
    }
    if (mode == kSkip) return false;
    std::string text;
    AppendJavaDouble(value, &text);
    ThrowMlError("VectorIndexer encountered invalid value " + text + " on feature index " + std::to_string(feature) +
                 ". To handle or skip invalid value, try setting VectorIndexer.handleInvalid.");
  }
};

BoundScalar BindVectorIndex(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_vector_index";
  CheckArgCount(name, args, 3, std::numeric_limits<int>::max());
  if (!IsVectorType(*args[0].type)) ThrowUnexpectedType(name, 0, "\"VECTOR\"", *args[0].type);
  CategoryMaps maps;
  maps.mode = static_cast<CategoryMaps::Mode>(LiteralChoice(name, args, 1, {"error", "skip", "keep"}));
  std::vector<double> size = LiteralDoubles(name, args, 2);
  if (size.size() != 1 || size[0] < 0) throw InternalError("ml_vector_index: the number of features");
  maps.size = static_cast<int32_t>(size[0]);
  maps.maps.resize(static_cast<size_t>(maps.size));
  BoundScalar bound;
  bound.arg_types = {args[0].type};
  for (size_t a = 1; a < args.size(); ++a) bound.arg_types.push_back(StringType());
  for (size_t a = 3; a < args.size(); ++a) {
    std::vector<double> map = LiteralDoubles(name, args, a);
    if (map.empty() || map[0] < 0 || map[0] >= maps.size) throw InternalError("ml_vector_index: a map's feature");
    auto& target = maps.maps[static_cast<size_t>(map[0])];
    for (size_t i = 1; i < map.size(); ++i) {
      double key = std::isnan(map[i]) ? std::numeric_limits<double>::quiet_NaN() : map[i];
      target.emplace(key, static_cast<double>(i - 1));
    }
  }
  bound.result_type = VectorUdtType();
  bound.kernel = [maps](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorReader in{*a[0]};
    VectorBuilder out(VectorUdtType(), rows);
    std::vector<int32_t> indices;
    std::vector<double> values;
    for (int64_t r = 0; r < rows; ++r) {
      if (a[0]->IsNull(r)) {
        out.AppendNull();
        continue;
      }
      if (in.Size(r) != maps.size) {
        ThrowMlError("assertion failed: VectorIndexerModel expected vector of length " + std::to_string(maps.size) +
                     " but found length " + std::to_string(in.Size(r)));
      }
      indices.clear();
      values.clear();
      bool valid = true;
      in.ForEach(r, [&](int32_t i, double v) {
        if (valid && !maps.maps[static_cast<size_t>(i)].empty()) valid = maps.Index(i, v);
        indices.push_back(i);
        values.push_back(v);
      });
      if (valid) {
        AppendLike(out, in.Kind(r) == 0, maps.size, indices, values);
      } else {
        out.AppendNull();
      }
    }
    return out.Finish();
  };
  return bound;
}

}  // namespace

void RegisterMlVectorTransforms(FunctionRegistry& registry) {
  registry.Add(MakeScalar("ml_normalize",
                          "ml_normalize(v, p): Normalizer's v / ||v||_p ('inf' for the largest |v_i|). "
                          "ml_normalize(v, '1') = [0.25,0.75]",
                          BindNormalize));
  registry.Add(MakeScalar("ml_vector_slice",
                          "ml_vector_slice(v, indices): VectorSlicer's elements at the indices. "
                          "ml_vector_slice(v, '2,0') = [3.0,1.0]",
                          BindVectorSlice));
  registry.Add(MakeScalar("ml_dct",
                          "ml_dct(v, inverse): DCT's orthonormal DCT-II of v, or its inverse. "
                          "ml_dct(v, 'false') = [1.4142135623730951,0.0]",
                          BindDct));
  registry.Add(MakeScalar("ml_vector_index",
                          "ml_vector_index(v, handleInvalid, n, map, ...): VectorIndexerModel's category "
                          "indices of the categorical features, each map 'feature,value0,value1,...'. "
                          "ml_vector_index(v, 'error', '2', '1,0,5') = [3.0,1.0]",
                          BindVectorIndex));
}

}  // namespace ember

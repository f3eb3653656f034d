// Spark ML's vector functions (pyspark.ml.functions) and the engine side of two feature
// transformers, so that they run over batches instead of rows in Python:
//   vector_to_array(v[, dtype])   -> array<double> (or array<float> for 'float32')
//   array_to_vector(a)            -> dense vector
//   ml_assemble_vector(mode, sizes, c1, ...) -> VectorAssembler's vector of numeric and vector
//                                    columns (Spark's VectorAssembler.assemble)
//   ml_string_index(s, mode, label0, label1, ...) -> StringIndexerModel's index of s
//   ml_vector_element(v, i)       -> element i of v as a double (for fitting scalers)
//   ml_standard_scale(v, shift, scale) / ml_min_max_scale(v, min, range, low, high)
//                                 -> StandardScalerModel's and MinMaxScalerModel's vectors
//   ml_one_hot(index, categories, drop_last, keep_invalid) -> OneHotEncoderModel's vector
//   ml_bucketize(x, mode, splits) / ml_index_to_string(x, labels...) -> Bucketizer, IndexToString
//   ml_impute(x, missing, surrogate) -> ImputerModel's value
//   ml_binarize(x, threshold)     -> Binarizer's 1.0 above the threshold, else 0.0
//   ml_interaction(c1, ...)       -> Interaction's products of one value of each numeric or vector
//                                    column, the first column's index varying slowest (compressed)
// Vectors are VectorUdtType structs: type (0 sparse, 1 dense), size, indices, values.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "functions/builtin_functions.h"
#include "functions/cast/java_number_format.h"
#include "functions/kernel_util.h"
#include "functions/ml_util.h"

namespace ember {
namespace {

// A double as Spark's messages print it (Java's Double.toString).
std::string JavaDouble(double v) {
  std::string out;
  AppendJavaDouble(v, &out);
  return out;
}

// Appends a vector of `size` with the given non-zero entries, dense or sparse by which is
// smaller, as Spark's Vector.compressed chooses.
void AppendCompressed(VectorBuilder& out, int32_t size, const std::vector<int32_t>& indices,
                      const std::vector<double>& values) {
  bool sparse = 1.5 * (static_cast<double>(indices.size()) + 1.0) < size;
  VectorBuilder& kind = out.Child(0);
  VectorBuilder& size_out = out.Child(1);
  VectorBuilder& indices_out = out.Child(2);
  VectorBuilder& values_out = out.Child(3);
  if (sparse) {
    kind.Append<int8_t>(0);
    size_out.Append<int32_t>(size);
    for (int32_t i : indices) indices_out.Child(0).Append<int32_t>(i);
    indices_out.FinishNested();
    for (double v : values) values_out.Child(0).Append<double>(v);
  } else {
    kind.Append<int8_t>(1);
    size_out.AppendNull();
    indices_out.AppendNull();
    size_t next = 0;
    for (int32_t i = 0; i < size; ++i) {
      bool stored = next < indices.size() && indices[next] == i;
      values_out.Child(0).Append<double>(stored ? values[next++] : 0.0);
    }
  }
  values_out.FinishNested();
  out.FinishNested();
}

BoundScalar BindVectorToArray(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("vector_to_array", args, 1, 2);
  if (!IsVectorType(*args[0].type)) ThrowUnexpectedType("vector_to_array", 0, "\"VECTOR\"", *args[0].type);
  bool as_float = false;
  if (args.size() == 2) {
    std::string dtype = LiteralString("vector_to_array", args, 1);
    if (dtype != "float64" && dtype != "float32") {
      throw SparkError("INVALID_PARAMETER_VALUE",
                       {{"parameter", "`dtype`"}, {"functionName", "`vector_to_array`"},
                        {"message", "Unsupported dtype: " + dtype + ". Valid values: float64, float32"}});
    }
    as_float = dtype == "float32";
  }
  BoundScalar bound;
  bound.arg_types = {args[0].type};
  if (args.size() == 2) bound.arg_types.push_back(StringType());
  bound.result_type = ArrayType(as_float ? FloatType() : DoubleType(), false);
  bound.kernel = [as_float, type = bound.result_type](const std::vector<VectorPtr>& a, int64_t rows,
                                                      EvalContext&) {
    VectorReader in{*a[0]};
    VectorBuilder out(type, rows);
    std::vector<double> dense;
    for (int64_t r = 0; r < rows; ++r) {
      if (a[0]->IsNull(r)) {
        out.AppendNull();
        continue;
      }
      dense.assign(in.Size(r), 0.0);
      in.ForEach(r, [&](int32_t i, double v) { dense[i] = v; });
      for (double v : dense) {
        if (as_float) {
          out.Child(0).Append<float>(static_cast<float>(v));
        } else {
          out.Child(0).Append<double>(v);
        }
      }
      out.FinishNested();
    }
    return out.Finish();
  };
  return bound;
}

BoundScalar BindArrayToVector(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("array_to_vector", args, 1, 1);
  const DataType& type = *args[0].type;
  if (type.id != TypeId::kArray || !(type.element->IsNumeric() || type.element->id == TypeId::kNull))
    ThrowUnexpectedType("array_to_vector", 0, "\"ARRAY<DOUBLE>\"", type);
  BoundScalar bound;
  bound.arg_types = {ArrayType(DoubleType(), type.contains_null)};
  bound.result_type = VectorUdtType();
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& array = *a[0];
    const Vector& elements = *array.child(0);
    const int32_t* offsets = array.Offsets();
    VectorBuilder out(VectorUdtType(), rows);
    for (int64_t r = 0; r < rows; ++r) {
      if (array.IsNull(r)) {
        out.AppendNull();
        continue;
      }
      for (int32_t i = offsets[r]; i < offsets[r + 1]; ++i) {
        if (elements.IsNull(i)) ThrowMlError("array_to_vector does not accept null array elements.");
      }
      AppendDense(out, elements.Data<double>() + offsets[r], offsets[r + 1] - offsets[r]);
    }
    return out.Finish();
  };
  return bound;
}

// ml_assemble_vector(mode, sizes, c1, ...): mode is 'error' or 'keep' (rows to skip were dropped
// before); sizes is "n1,n2,..." with each input's length (1 for numbers, -1 for a vector of
// unknown length), used for the NaNs that stand for a null input in 'keep' mode.
BoundScalar BindAssembleVector(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_assemble_vector";
  if (args.size() < 3) CheckArgCount(name, args, 3, 3);
  bool keep = LiteralString(name, args, 0) == "keep";
  std::vector<int32_t> sizes;
  std::string size_text = LiteralString(name, args, 1);
  for (size_t start = 0; start < size_text.size();) {
    size_t comma = size_text.find(',', start);
    if (comma == std::string::npos) comma = size_text.size();
    sizes.push_back(std::stoi(size_text.substr(start, comma - start)));
    start = comma + 1;
  }
  size_t inputs = args.size() - 2;
  EMBER_CHECK(sizes.size() == inputs, "ml_assemble_vector needs one size per input");
  BoundScalar bound;
  bound.arg_types = {StringType(), StringType()};
  std::vector<bool> is_vector;
  for (size_t i = 2; i < args.size(); ++i) {
    const DataType& type = *args[i].type;
    if (IsVectorType(type)) {
      bound.arg_types.push_back(args[i].type);
      is_vector.push_back(true);
    } else if (type.IsNumeric() || type.id == TypeId::kBoolean || type.id == TypeId::kNull) {
      bound.arg_types.push_back(DoubleType());
      is_vector.push_back(false);
    } else {
      ThrowUnexpectedType(name, i, "a numeric, boolean or vector column", type);
    }
  }
  bound.result_type = VectorUdtType();
  bound.result_nullable = false;
  bound.kernel = [keep, sizes, is_vector, inputs](const std::vector<VectorPtr>& a, int64_t rows,
                                                  EvalContext&) {
    VectorBuilder out(VectorUdtType(), rows);
    std::vector<int32_t> indices;
    std::vector<double> values;
    for (int64_t r = 0; r < rows; ++r) {
      indices.clear();
      values.clear();
      int32_t offset = 0;
      for (size_t c = 0; c < inputs; ++c) {
        const Vector& column = *a[c + 2];
        if (column.IsNull(r)) {
          if (!keep) {
            ThrowMlError("Encountered null while assembling a row with handleInvalid = \"error\". "
                         "Consider removing nulls from dataset or using handleInvalid = \"keep\" "
                         "or \"skip\".");
          }
          if (sizes[c] < 0) {
            ThrowMlError("Can not infer column lengths with handleInvalid = \"keep\". Consider "
                         "using VectorSizeHint to add metadata for columns.");
          }
          for (int32_t k = 0; k < sizes[c]; ++k) {
            indices.push_back(offset + k);
            values.push_back(std::nan(""));
          }
          offset += sizes[c];
          continue;
        }
        if (is_vector[c]) {
          VectorReader reader{column};
          reader.ForEach(r, [&](int32_t i, double v) {
            if (v != 0.0) {
              indices.push_back(offset + i);
              values.push_back(v);
            }
          });
          offset += reader.Size(r);
          continue;
        }
        double v = column.Data<double>()[r];
        if (std::isnan(v) && !keep) {
          ThrowMlError("Encountered NaN while assembling a row with handleInvalid = \"error\". "
                       "Consider removing NaNs from dataset or using handleInvalid = \"keep\" or "
                       "\"skip\".");
        }
        if (v != 0.0) {
          indices.push_back(offset);
          values.push_back(v);
        }
        offset += 1;
      }
      AppendCompressed(out, offset, indices, values);
    }
    return out.Finish();
  };
  return bound;
}

// ml_string_index(s, mode, label0, ...): the position of s among the labels as a double. A null
// or unseen s raises in 'error' mode, is numLabels in 'keep' mode and null in 'skip' mode (whose
// rows the caller drops).
BoundScalar BindStringIndex(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_string_index";
  if (args.size() < 2) CheckArgCount(name, args, 2, 2);
  std::string mode = LiteralString(name, args, 1);
  auto labels = std::make_shared<std::unordered_map<std::string, double>>();
  for (size_t i = 2; i < args.size(); ++i) {
    labels->emplace(LiteralString(name, args, i), static_cast<double>(i - 2));
  }
  BoundScalar bound;
  bound.arg_types.assign(args.size(), StringType());
  bound.result_type = DoubleType();
  bound.result_nullable = mode == "skip";
  bound.kernel = [labels, mode](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& in = *a[0];
    VectorPtr out = Vector::Make(DoubleType(), rows);
    double* o = out->Data<double>();
    double unseen_index = static_cast<double>(labels->size());
    for (int64_t r = 0; r < rows; ++r) {
      bool is_null = in.IsNull(r);
      if (!is_null) {
        auto it = labels->find(std::string(in.GetString(r)));
        if (it != labels->end()) {
          o[r] = it->second;
          continue;
        }
      }
      if (mode == "keep") {
        o[r] = unseen_index;
      } else if (mode == "skip") {
        o[r] = 0;
        out->SetNull(r);
      } else if (is_null) {
        ThrowMlError("StringIndexer encountered NULL value. To handle or skip NULLS, try setting "
                     "StringIndexer.handleInvalid.");
      } else {
        ThrowMlError("Unseen label: " + std::string(in.GetString(r)) +
                     ". To handle unseen labels, set Param handleInvalid to keep.");
      }
    }
    return out;
  };
  return bound;
}

void CheckVectorArg(const char* name, const std::vector<BindArg>& args) {
  if (!IsVectorType(*args[0].type)) ThrowUnexpectedType(name, 0, "\"VECTOR\"", *args[0].type);
}

[[noreturn]] void ThrowSizeMismatch(int32_t size, size_t expected) {
  ThrowMlError("requirement failed: Vector size " + std::to_string(size) + " does not match the fitted size " +
               std::to_string(expected) + ".");
}

BoundScalar BindVectorElement(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("ml_vector_element", args, 2, 2);
  CheckVectorArg("ml_vector_element", args);
  BoundScalar bound;
  bound.arg_types = {args[0].type, IntType()};
  bound.result_type = DoubleType();
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorReader in{*a[0]};
    VectorPtr out = Vector::Make(DoubleType(), rows);
    double* o = out->Data<double>();
    const int32_t* index = a[1]->Data<int32_t>();
    for (int64_t r = 0; r < rows; ++r) {
      o[r] = 0;
      if (a[0]->IsNull(r) || a[1]->IsNull(r) || index[r] < 0 || index[r] >= in.Size(r)) {
        out->SetNull(r);
        continue;
      }
      in.ForEach(r, [&](int32_t i, double v) {
        if (i == index[r]) o[r] = v;
      });
    }
    return out;
  };
  return bound;
}

// Applies f(i, value) to every element of each row's vector (implicit zeros included) into a
// dense vector; rows whose size differs from `size` raise.
template <typename F>
VectorPtr MapDense(const Vector& input, int64_t rows, size_t size, F&& f) {
  VectorReader in{input};
  VectorBuilder out(VectorUdtType(), rows);
  std::vector<double> dense;
  for (int64_t r = 0; r < rows; ++r) {
    if (input.IsNull(r)) {
      out.AppendNull();
      continue;
    }
    if (static_cast<size_t>(in.Size(r)) != size) ThrowSizeMismatch(in.Size(r), size);
    dense.assign(size, 0.0);
    in.ForEach(r, [&](int32_t i, double v) { dense[i] = v; });
    for (size_t i = 0; i < size; ++i) dense[i] = f(i, dense[i]);
    AppendDense(out, dense.data(), static_cast<int64_t>(size));
  }
  return out.Finish();
}

// ml_standard_scale(v, shift, scale): (v_i - shift_i) * scale_i with either list empty meaning
// "not applied"; sparse vectors stay sparse when there is no shift, as Spark keeps them.
BoundScalar BindStandardScale(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_standard_scale";
  CheckArgCount(name, args, 3, 3);
  CheckVectorArg(name, args);
  std::vector<double> shift = LiteralDoubles(name, args, 1);
  std::vector<double> scale = LiteralDoubles(name, args, 2);
  size_t size = std::max(shift.size(), scale.size());
  BoundScalar bound;
  bound.arg_types = {args[0].type, StringType(), StringType()};
  bound.result_type = VectorUdtType();
  bound.kernel = [shift, scale, size](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorReader in{*a[0]};
    bool keep_sparse = shift.empty();
    bool any_sparse = false;
    for (int64_t r = 0; r < rows && !any_sparse; ++r) any_sparse = !a[0]->IsNull(r) && in.Kind(r) == 0;
    auto scaled = [&](size_t i, double v) {
      if (!shift.empty()) v -= shift[i];
      if (!scale.empty()) v *= scale[i];
      return v;
    };
    if (!(keep_sparse && any_sparse)) return MapDense(*a[0], rows, size, scaled);
    VectorBuilder out(VectorUdtType(), rows);
    std::vector<double> dense;
    for (int64_t r = 0; r < rows; ++r) {
      if (a[0]->IsNull(r)) {
        out.AppendNull();
        continue;
      }
      int32_t n = in.Size(r);
      if (static_cast<size_t>(n) != size) ThrowSizeMismatch(n, size);
      bool sparse = in.Kind(r) == 0;
      out.Child(0).Append<int8_t>(sparse ? 0 : 1);
      if (sparse) {
        out.Child(1).Append<int32_t>(n);
        in.ForEach(r, [&](int32_t i, double) { out.Child(2).Child(0).Append<int32_t>(i); });
        out.Child(2).FinishNested();
      } else {
        out.Child(1).AppendNull();
        out.Child(2).AppendNull();
      }
      in.ForEach(r, [&](int32_t i, double v) { out.Child(3).Child(0).Append<double>(scaled(i, v)); });
      out.Child(3).FinishNested();
      out.FinishNested();
    }
    return out.Finish();
  };
  return bound;
}

// ml_min_max_scale(v, min, range, low, high): Spark's MinMaxScalerModel,
// ((v_i - min_i) / range_i) * (high - low) + low, or 0.5 * (high - low) + low where range_i is 0.
BoundScalar BindMinMaxScale(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_min_max_scale";
  CheckArgCount(name, args, 5, 5);
  CheckVectorArg(name, args);
  std::vector<double> minimum = LiteralDoubles(name, args, 1);
  std::vector<double> range = LiteralDoubles(name, args, 2);
  double low = LiteralDoubles(name, args, 3).at(0);
  double high = LiteralDoubles(name, args, 4).at(0);
  BoundScalar bound;
  bound.arg_types = {args[0].type, StringType(), StringType(), StringType(), StringType()};
  bound.result_type = VectorUdtType();
  bound.kernel = [minimum, range, low, high](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    double scale = high - low;
    return MapDense(*a[0], rows, minimum.size(), [&](size_t i, double v) {
      double raw = range[i] != 0 ? (v - minimum[i]) / range[i] : 0.5;
      return raw * scale + low;
    });
  };
  return bound;
}

// ml_one_hot(index, categories, drop_last, keep_invalid): OneHotEncoderModel's sparse vector. A
// whole index in [0, categories) sets its position; any other index (or null) raises, unless
// keep_invalid, which gives it an extra category after the others. With drop_last the vector
// leaves out the last position (that category becomes all zeros).
// Interaction: the stored entries of the columns from the last to the first, each step multiplying
// every entry so far by each entry of the column (index + i * size so far), as Spark does.
BoundScalar BindInteraction(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_interaction";
  if (args.empty()) CheckArgCount(name, args, 1, 1);
  BoundScalar bound;
  std::vector<bool> is_vector;
  for (size_t i = 0; i < args.size(); ++i) {
    const DataType& type = *args[i].type;
    is_vector.push_back(IsVectorType(type));
    if (is_vector.back()) {
      bound.arg_types.push_back(args[i].type);
    } else if (type.IsNumeric() || type.id == TypeId::kBoolean || type.id == TypeId::kNull) {
      bound.arg_types.push_back(DoubleType());
    } else {
      ThrowUnexpectedType(name, i, "a numeric, boolean or vector column", type);
    }
  }
  bound.result_type = VectorUdtType();
  bound.result_nullable = false;
  bound.kernel = [is_vector](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorBuilder out(VectorUdtType(), rows);
    std::vector<std::pair<int64_t, double>> entries, next;
    std::vector<int32_t> indices;
    std::vector<double> values;
    for (int64_t r = 0; r < rows; ++r) {
      entries.assign(1, {0, 1.0});
      int64_t size = 1;
      for (size_t c = is_vector.size(); c-- > 0;) {
        const Vector& column = *a[c];
        if (column.IsNull(r)) ThrowMlError("Values to interact cannot be null.");
        next.clear();
        auto multiply = [&](int32_t i, double x) {
          for (const auto& [index, value] : entries) next.emplace_back(index + i * size, value * x);
        };
        if (is_vector[c]) {
          VectorReader reader{column};
          reader.ForEach(r, multiply);
          size *= reader.Size(r);
        } else {
          multiply(0, column.Data<double>()[r]);
        }
        if (size > std::numeric_limits<int32_t>::max()) ThrowMlError("Interaction: the output vector is too large.");
        entries.swap(next);
      }
      indices.clear();
      values.clear();
      for (const auto& [index, value] : entries) {
        if (value != 0.0) {
          indices.push_back(static_cast<int32_t>(index));
          values.push_back(value);
        }
      }
      AppendCompressed(out, static_cast<int32_t>(size), indices, values);
    }
    return out.Finish();
  };
  return bound;
}

BoundScalar BindOneHot(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_one_hot";
  CheckArgCount(name, args, 4, 4);
  BoundScalar bound;
  bound.arg_types = {DoubleType(), IntType(), BooleanType(), BooleanType()};
  bound.result_type = VectorUdtType();
  bound.kernel = [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const double* index = a[0]->Data<double>();
    const int32_t* categories = a[1]->Data<int32_t>();
    const uint8_t* drop_last = a[2]->Data<uint8_t>();
    const uint8_t* keep = a[3]->Data<uint8_t>();
    VectorBuilder out(VectorUdtType(), rows);
    for (int64_t r = 0; r < rows; ++r) {
      int32_t n = categories[r];
      int32_t size = n + (keep[r] ? 1 : 0) - (drop_last[r] ? 1 : 0);
      bool is_null = a[0]->IsNull(r);
      double x = is_null ? -1 : index[r];
      if (is_null || x < 0 || x >= n || x != std::floor(x)) {
        if (!keep[r]) {
          ThrowMlError(is_null ? std::string("Encountered NULL value in OneHotEncoder input. To handle NULLs, "
                                             "set Param handleInvalid to keep.")
                               : "Unseen value: " + JavaDouble(x) +
                                     ". To handle unseen values, set Param handleInvalid to keep.");
        }
        x = n;
      }
      out.Child(0).Append<int8_t>(0);
      out.Child(1).Append<int32_t>(size);
      if (x < size) {
        out.Child(2).Child(0).Append<int32_t>(static_cast<int32_t>(x));
        out.Child(3).Child(0).Append<double>(1.0);
      }
      out.Child(2).FinishNested();
      out.Child(3).FinishNested();
      out.FinishNested();
    }
    return out.Finish();
  };
  return bound;
}

// ml_bucketize(x, mode, splits): Bucketizer's bucket of x among the ascending splits (bucket i
// holds [split_i, split_i+1), the last one also its upper bound). NaN raises in 'error' mode,
// is null in 'skip' mode (whose rows the caller drops) and the extra bucket in 'keep' mode; a
// value outside the splits always raises.
BoundScalar BindBucketize(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_bucketize";
  CheckArgCount(name, args, 3, 3);
  std::string mode = LiteralString(name, args, 1);
  std::vector<double> splits = LiteralDoubles(name, args, 2);
  BoundScalar bound;
  bound.arg_types = {DoubleType(), StringType(), StringType()};
  bound.result_type = DoubleType();
  bound.kernel = [mode, splits](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const double* x = a[0]->Data<double>();
    VectorPtr out = Vector::Make(DoubleType(), rows);
    double* o = out->Data<double>();
    size_t buckets = splits.size() - 1;
    for (int64_t r = 0; r < rows; ++r) {
      o[r] = 0;
      if (a[0]->IsNull(r)) {
        out->SetNull(r);
        continue;
      }
      double v = x[r];
      if (std::isnan(v)) {
        if (mode == "keep") {
          o[r] = static_cast<double>(buckets);
        } else if (mode == "skip") {
          out->SetNull(r);
        } else {
          ThrowMlError("Bucketizer encountered NaN value. To handle or skip NaNs, try setting "
                       "Bucketizer.handleInvalid.");
        }
        continue;
      }
      if (v < splits.front() || v > splits.back()) {
        ThrowMlError("Feature value " + JavaDouble(v) + " out of Bucketizer bounds [" +
                     JavaDouble(splits.front()) + ", " + JavaDouble(splits.back()) +
                     "].  Check your features, or loosen the lower/upper bound constraints.");
      }
      size_t bucket = std::upper_bound(splits.begin(), splits.end(), v) - splits.begin() - 1;
      o[r] = static_cast<double>(std::min(bucket, buckets - 1));
    }
    return out;
  };
  return bound;
}

// ml_impute(x, missing, surrogate): ImputerModel's value, the surrogate where x is null, NaN or
// the missing value (itself NaN when only nulls and NaNs are missing).
BoundScalar BindImpute(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_impute";
  CheckArgCount(name, args, 3, 3);
  double missing = LiteralDoubles(name, args, 1).at(0);
  double surrogate = LiteralDoubles(name, args, 2).at(0);
  BoundScalar bound;
  bound.arg_types = {DoubleType(), StringType(), StringType()};
  bound.result_type = DoubleType();
  bound.result_nullable = false;
  bound.kernel = [missing, surrogate](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const double* x = a[0]->Data<double>();
    VectorPtr out = Vector::Make(DoubleType(), rows);
    double* o = out->Data<double>();
    for (int64_t r = 0; r < rows; ++r) {
      bool is_missing = a[0]->IsNull(r) || std::isnan(x[r]) || x[r] == missing;
      o[r] = is_missing ? surrogate : x[r];
    }
    return out;
  };
  return bound;
}

// ml_binarize(x, threshold): 1.0 where x > threshold, else 0.0 (NaN is above no threshold, as the
// JVM compares); null stays null.
BoundScalar BindBinarize(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_binarize";
  CheckArgCount(name, args, 2, 2);
  double threshold = LiteralDoubles(name, args, 1).at(0);
  BoundScalar bound;
  bound.arg_types = {DoubleType(), StringType()};
  bound.result_type = DoubleType();
  bound.kernel = [threshold](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const double* x = a[0]->Data<double>();
    VectorPtr out = Vector::Make(DoubleType(), rows);
    double* o = out->Data<double>();
    for (int64_t r = 0; r < rows; ++r) {
      o[r] = x[r] > threshold ? 1.0 : 0.0;  // false for NaN
      if (a[0]->IsNull(r)) out->SetNull(r);
    }
    return out;
  };
  return bound;
}

// ml_index_to_string(x, label0, ...): IndexToString's label at index x; other indices raise.
BoundScalar BindIndexToString(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_index_to_string";
  if (args.size() < 1) CheckArgCount(name, args, 1, 1);
  std::vector<std::string> labels;
  for (size_t i = 1; i < args.size(); ++i) labels.push_back(LiteralString(name, args, i));
  BoundScalar bound;
  bound.arg_types.assign(args.size(), StringType());
  bound.arg_types[0] = DoubleType();
  bound.result_type = StringType();
  bound.kernel = [labels](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const double* x = a[0]->Data<double>();
    VectorBuilder out(StringType(), rows);
    for (int64_t r = 0; r < rows; ++r) {
      if (a[0]->IsNull(r)) {
        out.AppendNull();
        continue;
      }
      double v = x[r];
      if (!(v >= 0 && v < static_cast<double>(labels.size()) && v == std::floor(v))) {
        ThrowMlError("Unseen index: " + JavaDouble(v) + " ??");
      }
      out.AppendString(labels[static_cast<size_t>(v)]);
    }
    return out.Finish();
  };
  return bound;
}

}  // namespace

void RegisterMlFunctions(FunctionRegistry& registry) {
  RegisterMlVectorTransforms(registry);
  RegisterMlTextFunctions(registry);
  RegisterMlWord2VecFunctions(registry);
  RegisterMlTreeFunctions(registry);
  RegisterMlItemsetFunctions(registry);
  RegisterMlRecommendFunctions(registry);
  registry.Add(MakeScalar("vector_to_array",
                          "vector_to_array(v[, dtype]): an ML vector as an array of doubles "
                          "('float64') or floats ('float32'). vector_to_array(v) = [1.0, 0.0, 3.0]",
                          BindVectorToArray));
  registry.Add(MakeScalar("array_to_vector",
                          "array_to_vector(a): an array of numbers as a dense ML vector. "
                          "array_to_vector(array(1, 2)) = [1.0,2.0]",
                          BindArrayToVector));
  registry.Add(MakeScalar("ml_assemble_vector",
                          "ml_assemble_vector(mode, sizes, c1, ...): VectorAssembler's vector of "
                          "numeric and vector columns ('error' or 'keep' for nulls and NaNs). "
                          "ml_assemble_vector('error', '1,1', 1, 2) = [1.0,2.0]",
                          BindAssembleVector));
  registry.Add(MakeScalar("ml_string_index",
                          "ml_string_index(s, mode, label0, ...): StringIndexerModel's index of s "
                          "among the labels. ml_string_index('b', 'error', 'a', 'b') = 1.0",
                          BindStringIndex));
  registry.Add(MakeScalar("ml_vector_element",
                          "ml_vector_element(v, i): element i of an ML vector as a double, null past "
                          "its end. ml_vector_element(v, 1) = 0.0",
                          BindVectorElement));
  registry.Add(MakeScalar("ml_standard_scale",
                          "ml_standard_scale(v, shift, scale): (v_i - shift_i) * scale_i with the "
                          "lists given as text. ml_standard_scale(v, '', '0.5,0.5') = [1.0,2.0]",
                          BindStandardScale));
  registry.Add(MakeScalar("ml_min_max_scale",
                          "ml_min_max_scale(v, min, range, low, high): MinMaxScalerModel's rescaling. "
                          "ml_min_max_scale(v, '0', '4', '0', '1') = [0.5]",
                          BindMinMaxScale));
  registry.Add(MakeScalar("ml_one_hot",
                          "ml_one_hot(index, categories, drop_last, keep_invalid): OneHotEncoder's "
                          "sparse vector. ml_one_hot(1.0, 3, true, false) = (2,[1],[1.0])",
                          BindOneHot));
  registry.Add(MakeScalar("ml_bucketize",
                          "ml_bucketize(x, mode, splits): Bucketizer's bucket of x among the splits. "
                          "ml_bucketize(2.5, 'error', '0,1,5') = 1.0",
                          BindBucketize));
  registry.Add(MakeScalar("ml_impute",
                          "ml_impute(x, missing, surrogate): ImputerModel's value of x, the surrogate "
                          "where x is null, NaN or the missing value. ml_impute(NULL, 'nan', '2.5') = 2.5",
                          BindImpute));
  registry.Add(MakeScalar("ml_interaction",
                          "ml_interaction(c1, c2, ...): Interaction's vector of the products of one value "
                          "of each numeric or vector column. ml_interaction(2.0, v) = [2.0,6.0]",
                          BindInteraction));
  registry.Add(MakeScalar("ml_binarize",
                          "ml_binarize(x, threshold): Binarizer's 1.0 where x is above the threshold, "
                          "else 0.0. ml_binarize(0.5, '0.2') = 1.0",
                          BindBinarize));
  registry.Add(MakeScalar("ml_index_to_string",
                          "ml_index_to_string(x, label0, ...): IndexToString's label of index x. "
                          "ml_index_to_string(1.0, 'a', 'b') = b",
                          BindIndexToString));
}

}  // namespace ember

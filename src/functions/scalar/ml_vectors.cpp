// Spark ML's vector functions (pyspark.ml.functions) and the engine side of two feature
// transformers, so that they run over batches instead of rows in Python:
//   vector_to_array(v[, dtype])   -> array<double> (or array<float> for 'float32')
//   array_to_vector(a)            -> dense vector
//   ml_assemble_vector(mode, sizes, c1, ...) -> VectorAssembler's vector of numeric and vector
//                                    columns (Spark's VectorAssembler.assemble)
//   ml_string_index(s, mode, label0, label1, ...) -> StringIndexerModel's index of s
// Vectors are VectorUdtType structs: type (0 sparse, 1 dense), size, indices, values.
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

bool IsVectorType(const DataType& type) { return type.udt == kVectorUdtClass; }

// Spark raises these as plain SparkExceptions; they travel as USER_RAISED_EXCEPTION (the class of
// raise_error) so that Python sees a SparkRuntimeException carrying Spark's message.
[[noreturn]] void ThrowMlError(const std::string& message) {
  throw SparkError("USER_RAISED_EXCEPTION", {{"errorMessage", message}});
}

std::string LiteralString(const std::string& function, const std::vector<BindArg>& args,
                          size_t index) {
  const Value* literal = args[index].literal;
  if (literal == nullptr || literal->is_null || args[index].type->id != TypeId::kString)
    ThrowUnexpectedType(function, index, "a STRING literal", *args[index].type);
  return literal->str;
}

// Reads one row of a vector column as (index, value) entries, dense vectors included.
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

void AppendDense(VectorBuilder& out, const double* values, int64_t count) {
  out.Child(0).Append<int8_t>(1);
  out.Child(1).AppendNull();
  out.Child(2).AppendNull();
  for (int64_t i = 0; i < count; ++i) out.Child(3).Child(0).Append<double>(values[i]);
  out.Child(3).FinishNested();
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

}  // namespace

void RegisterMlFunctions(FunctionRegistry& registry) {
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
}

}  // namespace ember

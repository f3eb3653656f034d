// count_min_sketch(col, eps, confidence, seed): Spark's CountMinSketch of the non-null values, in
// its serialized form (version 1, total count, depth, width, the depth hash seeds, then the
// depth x width counters, all big-endian): width = ceil(2 / eps), depth =
// ceil(-log(1 - confidence) / log 2), seeds from java.util.Random(seed).nextInt(Integer.MAX_VALUE).
// Integers hash as (seed * value) mod 2^31 - 1, strings and binaries by two Murmur3 hashes of
// their bytes, as Spark's sketch does.
#include <cmath>

#include "functions/aggregate/accumulators.h"
#include "functions/hash/spark_hash.h"
#include "functions/java_random.h"
#include "functions/kernel_util.h"
#include "functions/registry.h"

namespace ember {
namespace {

struct SketchShape {
  int32_t depth;
  int32_t width;
  std::vector<int64_t> seeds;
};

void PutInt(std::string& out, uint64_t v, int bytes) {
  for (int k = bytes - 1; k >= 0; --k) out.push_back(static_cast<char>(v >> (8 * k)));
}

uint64_t GetInt(std::string_view in, size_t at, int bytes) {
  uint64_t v = 0;
  for (int k = 0; k < bytes; ++k) v = v << 8 | static_cast<uint8_t>(in[at + k]);
  return v;
}

class SketchAccumulator : public Accumulator {
 public:
  explicit SketchAccumulator(std::shared_ptr<const SketchShape> shape)
      : shape_(std::move(shape)), cells_(static_cast<int64_t>(shape_->depth) * shape_->width) {}

  void Resize(int64_t groups) override {
    counters_.resize(groups * cells_, 0);
    totals_.resize(groups, 0);
  }

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    const Vector& input = *args[0];
    const DataType& type = *input.type();
    const int32_t depth = shape_->depth, width = shape_->width;
    for (int64_t i = 0; i < rows; ++i) {
      if (input.IsNull(i)) continue;
      int64_t* table = &counters_[group_ids[i] * cells_];
      if (type.id == TypeId::kString || type.id == TypeId::kBinary) {
        std::string_view bytes = input.GetString(i);
        int32_t hash1 = static_cast<int32_t>(SparkMurmur3Bytes(bytes, 0));
        int32_t hash2 = static_cast<int32_t>(SparkMurmur3Bytes(bytes, static_cast<uint32_t>(hash1)));
        for (int32_t d = 0; d < depth; ++d) {
          int32_t combined = static_cast<int32_t>(static_cast<uint32_t>(hash1) + static_cast<uint32_t>(d) * static_cast<uint32_t>(hash2));
          if (combined < 0) combined = ~combined;
          ++table[static_cast<int64_t>(d) * width + combined % width];
        }
      } else {
        int64_t item = IntegralValue(input, i);
        for (int32_t d = 0; d < depth; ++d) {
          int64_t hash = static_cast<int64_t>(static_cast<uint64_t>(shape_->seeds[d]) * static_cast<uint64_t>(item));
          hash += hash >> 32;
          hash &= (int64_t{1} << 31) - 1;
          ++table[static_cast<int64_t>(d) * width + static_cast<int32_t>(hash) % width];
        }
      }
      ++totals_[group_ids[i]];
    }
  }

  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const Vector& partial = *states[0];
    size_t header = 4 + 8 + 4 + 4 + 8 * static_cast<size_t>(shape_->depth);
    for (int64_t i = 0; i < rows; ++i) {
      std::string_view bytes = partial.GetString(i);
      totals_[group_ids[i]] += static_cast<int64_t>(GetInt(bytes, 4, 8));
      int64_t* table = &counters_[group_ids[i] * cells_];
      for (int64_t k = 0; k < cells_; ++k) table[k] += static_cast<int64_t>(GetInt(bytes, header + 8 * k, 8));
    }
  }

  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override { return {Serialized(begin, end)}; }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override { return Serialized(begin, end); }

  int64_t MemoryBytes() const override {
    return static_cast<int64_t>((counters_.capacity() + totals_.capacity()) * sizeof(int64_t));
  }

 private:
  static int64_t IntegralValue(const Vector& v, int64_t i) {
    switch (v.type()->id) {
      case TypeId::kByte: return v.Data<int8_t>()[i];
      case TypeId::kShort: return v.Data<int16_t>()[i];
      case TypeId::kInt: return v.Data<int32_t>()[i];
      default: return v.Data<int64_t>()[i];
    }
  }

  VectorPtr Serialized(int64_t begin, int64_t end) const {
    VectorBuilder out(BinaryType(), end - begin);
    std::string bytes;
    for (int64_t g = begin; g < end; ++g) {
      bytes.clear();
      PutInt(bytes, 1, 4);
      PutInt(bytes, static_cast<uint64_t>(totals_[g]), 8);
      PutInt(bytes, static_cast<uint32_t>(shape_->depth), 4);
      PutInt(bytes, static_cast<uint32_t>(shape_->width), 4);
      for (int64_t seed : shape_->seeds) PutInt(bytes, static_cast<uint64_t>(seed), 8);
      const int64_t* table = &counters_[g * cells_];
      for (int64_t k = 0; k < cells_; ++k) PutInt(bytes, static_cast<uint64_t>(table[k]), 8);
      out.AppendString(bytes);
    }
    return out.Finish();
  }

  std::shared_ptr<const SketchShape> shape_;
  int64_t cells_;
  std::vector<int64_t> counters_;  // depth x width per group
  std::vector<int64_t> totals_;
};

// The constant at `index`: a number literal, as double.
double ConstantNumber(const std::vector<BindArg>& args, size_t index, const char* name) {
  const BindArg& arg = args[index];
  if (arg.literal == nullptr || !(arg.type->IsNumeric() || arg.type->id == TypeId::kNull)) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", {{"sqlExpr", "\"count_min_sketch\""},
                                                              {"inputName", std::string("`") + name + "`"},
                                                              {"inputType", index == 3 ? "\"INT\"" : "\"DOUBLE\""},
                                                              {"inputExpr", "argument " + std::to_string(index + 1)}});
  }
  if (arg.literal->is_null) {
    throw SparkError("DATATYPE_MISMATCH.UNEXPECTED_NULL", {{"sqlExpr", "\"count_min_sketch\""}, {"exprName", "eps or confidence or seed"}});
  }
  const Value& v = *arg.literal;
  if (arg.type->id == TypeId::kFloat || arg.type->id == TypeId::kDouble) return v.f64;
  if (arg.type->id == TypeId::kDecimal) return static_cast<double>(v.DecimalUnscaled()) / std::pow(10.0, arg.type->scale);
  return static_cast<double>(v.i64);
}

[[noreturn]] void ThrowOutOfRange(const char* name, const char* range, double value) {
  throw SparkError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", {{"sqlExpr", "\"count_min_sketch\""},
                                                            {"exprName", name},
                                                            {"valueRange", range},
                                                            {"currentValue", std::to_string(value)}});
}

BoundAggregate BindCountMinSketch(const std::vector<BindArg>& args, bool, const EvalContext&) {
  CheckArgCount("count_min_sketch", args, 4, 4);
  const TypePtr& input = args[0].type;
  if (!input->IsIntegral() && input->id != TypeId::kString && input->id != TypeId::kBinary) {
    ThrowUnexpectedType("count_min_sketch", 0, "(\"INTEGRAL\" or \"STRING\" or \"BINARY\")", *input);
  }
  double eps = ConstantNumber(args, 1, "eps"), confidence = ConstantNumber(args, 2, "confidence");
  int64_t seed = static_cast<int64_t>(ConstantNumber(args, 3, "seed"));
  if (!args[3].type->IsIntegral()) ThrowUnexpectedType("count_min_sketch", 3, "\"INT\"", *args[3].type);
  if (eps <= 0) ThrowOutOfRange("eps", "(0.0, ...)", eps);
  if (confidence <= 0 || confidence >= 1) ThrowOutOfRange("confidence", "(0.0, 1.0)", confidence);
  auto shape = std::make_shared<SketchShape>();
  shape->width = static_cast<int32_t>(std::ceil(2 / eps));
  shape->depth = static_cast<int32_t>(std::ceil(-std::log(1 - confidence) / std::log(2.0)));
  JavaRandom random(static_cast<int32_t>(seed));
  for (int32_t d = 0; d < shape->depth; ++d) shape->seeds.push_back(random.NextInt(2147483647));
  BoundAggregate bound;
  for (const auto& arg : args) bound.arg_types.push_back(arg.type);
  bound.result_type = BinaryType();
  bound.result_nullable = false;
  bound.partial_types = {BinaryType()};
  std::shared_ptr<const SketchShape> fixed = shape;
  bound.create = [fixed] { return std::make_unique<SketchAccumulator>(fixed); };
  return bound;
}

}  // namespace

void RegisterCountMinSketch(FunctionRegistry& registry) {
  registry.Add(MakeAggregate("count_min_sketch",
                             "count_min_sketch(col, eps, confidence, seed): Spark's serialized count-min sketch of the values",
                             BindCountMinSketch));
}

}  // namespace ember

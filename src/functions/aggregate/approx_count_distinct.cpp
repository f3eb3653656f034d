// approx_count_distinct(expr[, relativeSD]): Spark's HyperLogLog++ estimate of the number of
// distinct non-null values. The precision is p = ceil(2 log2(1.106 / relativeSD)) (relativeSD
// 0.05 by default: p = 9, 512 registers); each value's Spark xxhash64 (seed 42) picks a register
// by its top p bits and offers the position of the first one bit below them. The estimate is
// linear counting while it stays under Spark's threshold for p (so small counts are exact as in
// Spark), otherwise the raw HyperLogLog estimate; Spark's empirical bias correction (the HLL++
// paper's tables, for raw estimates under 5m) is not applied. Arrays, maps and structs count by the
// hash of their parts (functions/hash/spark_hash.h).
#include <bit>
#include <cmath>

#include "common/variant.h"
#include "functions/aggregate/accumulators.h"
#include "functions/builtin_functions.h"
#include "functions/hash/spark_hash.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

// Spark's linear counting thresholds for p = 4..18.
constexpr double kThresholds[] = {10, 20, 40, 80, 220, 400, 900, 1800, 3100, 6500, 11500, 20000, 50000, 120000, 350000};

class HllAccumulator : public Accumulator {
 public:
  explicit HllAccumulator(int p) : p_(p), m_(int64_t{1} << p) {}

  void Resize(int64_t groups) override { registers_.resize(groups * m_, 0); }

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    const Vector& input = *args[0];
    for (int64_t i = 0; i < rows; ++i) {
      if (input.IsNull(i)) continue;
      uint64_t x = SparkXxHash64(input, i, 42);
      uint64_t index = x >> (64 - p_);
      uint8_t rank = static_cast<uint8_t>(std::countl_zero((x << p_) | (uint64_t{1} << (p_ - 1))) + 1);
      uint8_t& reg = registers_[group_ids[i] * m_ + index];
      reg = std::max(reg, rank);
    }
  }

  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const Vector& partial = *states[0];
    for (int64_t i = 0; i < rows; ++i) {
      std::string_view other = partial.GetString(i);
      uint8_t* regs = &registers_[group_ids[i] * m_];
      for (int64_t k = 0; k < m_; ++k) regs[k] = std::max(regs[k], static_cast<uint8_t>(other[k]));
    }
  }

  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    VectorBuilder out(BinaryType(), end - begin);
    for (int64_t g = begin; g < end; ++g) {
      out.AppendString(std::string_view(reinterpret_cast<const char*>(&registers_[g * m_]), m_));
    }
    return {out.Finish()};
  }

  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    VectorPtr out = Vector::Make(LongType(), end - begin);
    for (int64_t g = begin; g < end; ++g) out->Data<int64_t>()[g - begin] = Estimate(&registers_[g * m_]);
    return out;
  }

  int64_t MemoryBytes() const override { return static_cast<int64_t>(registers_.capacity()); }

 private:
  int64_t Estimate(const uint8_t* regs) const {
    const double m = static_cast<double>(m_);
    double z_inverse = 0, zeros = 0;
    for (int64_t k = 0; k < m_; ++k) {
      // Spark sums 1.0 / (1 << M) with a 32-bit shift, wrapping for the (rare) M >= 31.
      z_inverse += 1.0 / static_cast<int32_t>(uint32_t{1} << (regs[k] & 31));
      if (regs[k] == 0) zeros += 1;
    }
    double alpha = p_ == 4 ? 0.673 : p_ == 5 ? 0.697 : p_ == 6 ? 0.709 : 0.7213 / (1.0 + 1.079 / m);
    double raw = alpha * m * m / z_inverse;
    double estimate = raw;
    if (zeros > 0) {
      double linear = m * std::log(m / zeros);
      if (p_ - 4 < static_cast<int>(std::size(kThresholds)) && linear <= kThresholds[p_ - 4]) estimate = linear;
    }
    return static_cast<int64_t>(std::floor(estimate + 0.5));
  }

  int p_;
  int64_t m_;
  std::vector<uint8_t> registers_;  // m registers per group
};

// The relative standard deviation argument: a double or decimal literal.
double RelativeSd(const std::vector<BindArg>& args) {
  if (args.size() < 2) return 0.05;
  const BindArg& arg = args[1];
  TypeId id = arg.type->id;
  if (arg.literal == nullptr || arg.literal->is_null || (id != TypeId::kDouble && id != TypeId::kDecimal && id != TypeId::kFloat)) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", {{"sqlExpr", "\"approx_count_distinct\""},
                                                              {"inputName", "`relativeSD`"},
                                                              {"inputType", "\"DOUBLE\""},
                                                              {"inputExpr", "argument 2"}});
  }
  if (id != TypeId::kDecimal) return arg.literal->f64;
  return static_cast<double>(arg.literal->DecimalUnscaled()) / std::pow(10.0, arg.type->scale);
}

BoundAggregate BindApproxCountDistinct(const std::vector<BindArg>& args, bool, const EvalContext&) {
  CheckArgCount("approx_count_distinct", args, 1, 2);
  // Spark takes any type (arrays, maps and structs hash their parts); variants are not hashable.
  if (ContainsVariant(*args[0].type)) ThrowUnexpectedType("approx_count_distinct", 0, "a type other than \"VARIANT\"", *args[0].type);
  double rsd = RelativeSd(args);
  int p = static_cast<int>(std::ceil(2.0 * std::log(1.106 / rsd) / std::log(2.0)));
  if (!(p >= 4)) {
    throw SparkError("INVALID_PARAMETER_VALUE", "22023",
                     "HLL++ requires at least 4 bits for addressing. Use a lower error, at most 39%.",
                     {{"parameter", "`relativeSD`"}, {"functionName", "`approx_count_distinct`"}});
  }
  BoundAggregate bound;
  for (const auto& arg : args) bound.arg_types.push_back(arg.type);
  bound.result_type = LongType();
  bound.result_nullable = false;
  bound.partial_types = {BinaryType()};
  bound.create = [p] { return std::make_unique<HllAccumulator>(p); };
  return bound;
}

}  // namespace

void RegisterApproxCountDistinct(FunctionRegistry& registry) {
  registry.Add(MakeAggregate("approx_count_distinct",
                             "approx_count_distinct(expr[, relativeSD]): the HyperLogLog++ estimate of the number of distinct values",
                             BindApproxCountDistinct));
}

}  // namespace ember

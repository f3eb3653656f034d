// spark_partition_id, monotonically_increasing_id, rand / random, randn: values that depend on the
// task's partition and on the rows before them in it, with Spark's numbers (rand(seed) draws from
// XORShiftRandom(seed + partition), as Spark does).
#include <bit>
#include <cmath>
#include <memory>
#include <random>

#include "functions/executor.h"

namespace ember {
namespace {

// Scala's MurmurHash3.bytesHash over 8 bytes.
uint32_t ScalaBytesHash(const uint8_t* bytes, uint32_t seed) {
  uint32_t h = seed;
  for (int w = 0; w < 2; ++w) {
    uint32_t k = bytes[4 * w] | bytes[4 * w + 1] << 8 | bytes[4 * w + 2] << 16 | static_cast<uint32_t>(bytes[4 * w + 3]) << 24;
    k *= 0xcc9e2d51u;
    k = std::rotl(k, 15);
    k *= 0x1b873593u;
    h ^= k;
    h = std::rotl(h, 13) * 5 + 0xe6546b64u;
  }
  h ^= 8;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  return h ^ (h >> 16);
}

// Spark's XORShiftRandom with java.util.Random's nextDouble and nextGaussian.
class XorShiftRandom {
 public:
  explicit XorShiftRandom(int64_t init) {
    uint8_t bytes[8];
    for (int k = 0; k < 8; ++k) bytes[k] = static_cast<uint8_t>(static_cast<uint64_t>(init) >> (56 - 8 * k));
    uint32_t low = ScalaBytesHash(bytes, 0x3c074a61u);
    uint32_t high = ScalaBytesHash(bytes, low);
    seed_ = static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(high))) << 32 | low;
  }
  double NextDouble() {
    return static_cast<double>((static_cast<int64_t>(Next(26)) << 27) + Next(27)) * 0x1.0p-53;
  }
  double NextGaussian() {
    if (have_next_) {
      have_next_ = false;
      return next_gaussian_;
    }
    double v1, v2, s;
    do {
      v1 = 2 * NextDouble() - 1;
      v2 = 2 * NextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s == 0);
    double multiplier = std::sqrt(-2 * std::log(s) / s);
    next_gaussian_ = v2 * multiplier;
    have_next_ = true;
    return v1 * multiplier;
  }

 private:
  int32_t Next(int bits) {
    uint64_t next = seed_ ^ (seed_ << 21);
    next ^= next >> 35;
    next ^= next << 4;
    seed_ = next;
    return static_cast<int32_t>(next & ((1ULL << bits) - 1));
  }
  uint64_t seed_;
  bool have_next_ = false;
  double next_gaussian_ = 0;
};

BoundScalar NonDeterministic(BoundScalar bound) {
  bound.deterministic = false;
  bound.result_nullable = false;
  return bound;
}

// rand([seed]) / randn([seed]): a literal seed (null is 0), or one drawn at analysis.
BoundScalar BindRandom(const std::string& name, bool gaussian, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 0, 1);
  int64_t seed;
  if (args.empty()) {
    seed = static_cast<int64_t>(std::random_device{}()) << 32 | std::random_device{}();
  } else {
    const BindArg& a = args[0];
    if (a.literal == nullptr || !(a.type->IsIntegral() || a.type->id == TypeId::kNull))
      ThrowUnexpectedType(name, 0, "a constant \"INT\" or \"BIGINT\"", *a.type);
    seed = a.literal->is_null ? 0 : a.literal->i64;
  }
  auto key = std::make_shared<int>(0);
  BoundScalar bound = FixedBinding(std::vector<TypePtr>(args.size(), LongType()), DoubleType(), nullptr);
  bound.kernel = [key, seed, gaussian](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
    XorShiftRandom& random = TaskState<XorShiftRandom>(ctx, key.get(), [&] { return XorShiftRandom(seed + ctx.partition_index); });
    VectorPtr out = Vector::Make(DoubleType(), rows);
    double* o = out->Data<double>();
    for (int64_t i = 0; i < rows; ++i) o[i] = gaussian ? random.NextGaussian() : random.NextDouble();
    return out;
  };
  return NonDeterministic(bound);
}

BoundScalar BindMonotonicId(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("monotonically_increasing_id", args, 0, 0);
  auto key = std::make_shared<int>(0);
  BoundScalar bound = FixedBinding({}, LongType(), [key](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
    int64_t& before = TaskState<int64_t>(ctx, key.get(), [] { return int64_t{0}; });
    VectorPtr out = Vector::Make(LongType(), rows);
    int64_t* o = out->Data<int64_t>();
    int64_t base = (static_cast<int64_t>(ctx.partition_index) << 33) + before;
    for (int64_t i = 0; i < rows; ++i) o[i] = base + i;
    before += rows;
    return out;
  });
  return NonDeterministic(bound);
}

BoundScalar BindPartitionId(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("spark_partition_id", args, 0, 0);
  return NonDeterministic(FixedBinding({}, IntType(), [](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
    return MakeConstantVector(Value::Int(ctx.partition_index), rows);
  }));
}

}  // namespace

void RegisterPartitionFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("spark_partition_id", "spark_partition_id(): the partition of the task computing the row.", BindPartitionId,
                          {{"spark_partition_id()", "0"}}));
  registry.Add(MakeScalar("monotonically_increasing_id",
                          "monotonically_increasing_id(): partition << 33 plus the row's position in its partition: unique and increasing, not consecutive.",
                          BindMonotonicId, {{"monotonically_increasing_id()", "0"}}));
  for (const char* name : {"rand", "random"}) {
    std::string n = name;
    registry.Add(MakeScalar(n, n + "([seed]): a uniform double in [0, 1) from a generator seeded with seed plus the partition.",
                            [n](const std::vector<BindArg>& a, const EvalContext&) { return BindRandom(n, false, a); },
                            {{n + "(0) < 1", "true"}}));
  }
  registry.Add(MakeScalar("randn", "randn([seed]): a standard normal double from a generator seeded with seed plus the partition.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindRandom("randn", true, a); },
                          {{"typeof(randn(1))", "double"}}));
}

}  // namespace ember

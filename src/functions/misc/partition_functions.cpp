// spark_partition_id, monotonically_increasing_id, rand / random, randn, uniform, randstr: values
// that depend on the task's partition and on the rows before them in it, with Spark's numbers
// (rand(seed) draws from XORShiftRandom(seed + partition), as Spark does).
#include <cmath>
#include <memory>
#include <random>

#include "functions/executor.h"
#include "functions/xorshift_random.h"

namespace ember {
namespace {

BoundScalar NonDeterministic(BoundScalar bound) {
  bound.deterministic = false;
  bound.result_nullable = false;
  return bound;
}

// The seed argument at `index`: a literal (null is 0), or one drawn at analysis when absent.
int64_t SeedArg(const std::string& name, const std::vector<BindArg>& args, size_t index) {
  if (index >= args.size()) return static_cast<int64_t>(std::random_device{}()) << 32 | std::random_device{}();
  const BindArg& a = args[index];
  if (a.literal == nullptr || !(a.type->IsIntegral() || a.type->id == TypeId::kNull))
    ThrowUnexpectedType(name, index, "a constant \"INT\" or \"BIGINT\"", *a.type);
  return a.literal->is_null ? 0 : a.literal->i64;
}

// rand([seed]) / randn([seed]): a literal seed (null is 0), or one drawn at analysis.
BoundScalar BindRandom(const std::string& name, bool gaussian, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 0, 1);
  int64_t seed = SeedArg(name, args, 0);
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

// A numeric literal as a double.
double NumberOf(const Value& value) {
  const DataType& type = *value.type;
  if (type.id == TypeId::kFloat || type.id == TypeId::kDouble) return value.f64;
  if (type.id != TypeId::kDecimal) return static_cast<double>(value.i64);
  return static_cast<double>(value.DecimalUnscaled()) / std::pow(10.0, type.scale);
}

// uniform(min, max[, seed]): min + (max - min) * rand(seed), cast to the type of the bounds (the
// wider integral type when both are integral, else double, float or the decimal).
BoundScalar BindUniform(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("uniform", args, 2, 3);
  for (size_t i = 0; i < 2; ++i) {
    const BindArg& a = args[i];
    if (!a.type->IsNumeric() && a.type->id != TypeId::kNull) ThrowUnexpectedType("uniform", i, "\"NUMERIC\"", *a.type);
    if (a.literal == nullptr) {
      throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", {{"sqlExpr", "\"uniform\""}, {"inputName", i == 0 ? "`min`" : "`max`"},
                                                                {"inputType", "\"NUMERIC\""}, {"inputExpr", "argument " + std::to_string(i + 1)}});
    }
  }
  int64_t seed = SeedArg("uniform", args, 2);
  const DataType& a = *args[0].type;
  const DataType& b = *args[1].type;
  TypePtr result;
  if (a.id == TypeId::kNull || b.id == TypeId::kNull) {
    result = NullType();
  } else if (a.IsIntegral() && b.IsIntegral()) {
    result = a.ByteWidth() >= b.ByteWidth() ? args[0].type : args[1].type;
  } else if (a.id == TypeId::kDouble || b.id == TypeId::kDouble) {
    result = DoubleType();
  } else if (a.id == TypeId::kFloat || b.id == TypeId::kFloat) {
    result = FloatType();
  } else {
    result = a.id == TypeId::kDecimal ? args[0].type : args[1].type;
  }
  bool null = result->id == TypeId::kNull || args[0].literal->is_null || args[1].literal->is_null;
  double low = null ? 0 : NumberOf(*args[0].literal), high = null ? 0 : NumberOf(*args[1].literal);
  auto key = std::make_shared<int>(0);
  std::vector<TypePtr> arg_types;
  for (const auto& arg : args) arg_types.push_back(arg.type);
  BoundScalar bound = FixedBinding(arg_types, result, nullptr);
  bound.kernel = [key, seed, low, high, null, result](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
    if (null) return Vector::MakeNulls(result, rows);
    XorShiftRandom& random = TaskState<XorShiftRandom>(ctx, key.get(), [&] { return XorShiftRandom(seed + ctx.partition_index); });
    VectorPtr values = Vector::Make(DoubleType(), rows);
    double* v = values->Data<double>();
    for (int64_t i = 0; i < rows; ++i) v[i] = low + (high - low) * random.NextDouble();
    return result->id == TypeId::kDouble ? values : CastVector(values, result, ctx);
  };
  bound.deterministic = false;
  return bound;
}

// randstr(length[, seed]): `length` characters drawn from 0-9, a-z, A-Z.
BoundScalar BindRandStr(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("randstr", args, 1, 2);
  const BindArg& length = args[0];
  if (length.literal == nullptr || !(length.type->id == TypeId::kInt || length.type->id == TypeId::kShort)) {
    ThrowUnexpectedType("randstr", 0, "a constant \"INT\" or \"SMALLINT\"", *length.type);
  }
  int64_t count = length.literal->is_null ? 0 : length.literal->i64;
  if (count < 0) {
    throw SparkError("INVALID_PARAMETER_VALUE", {{"parameter", "`length`"}, {"functionName", "`randstr`"},
                                                 {"message", "expects a non-negative length, but got " + std::to_string(count)}});
  }
  int64_t seed = SeedArg("randstr", args, 1);
  auto key = std::make_shared<int>(0);
  std::vector<TypePtr> arg_types;
  for (const auto& arg : args) arg_types.push_back(arg.type);
  BoundScalar bound = FixedBinding(arg_types, StringType(), [key, seed, count](const std::vector<VectorPtr>&, int64_t rows, EvalContext& ctx) {
    XorShiftRandom& random = TaskState<XorShiftRandom>(ctx, key.get(), [&] { return XorShiftRandom(seed + ctx.partition_index); });
    VectorBuilder out(StringType(), rows);
    std::string text(count, ' ');
    for (int64_t i = 0; i < rows; ++i) {
      for (char& c : text) {
        int32_t v = random.NextInt() % 62;
        v = v < 0 ? -v : v;
        c = static_cast<char>(v < 10 ? '0' + v : v < 36 ? 'a' + (v - 10) : 'A' + (v - 36));
      }
      out.AppendString(text);
    }
    return out.Finish();
  });
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
  registry.Add(MakeScalar("uniform", "uniform(min, max[, seed]): a random value between constant min and max (of their type).",
                          BindUniform, {{"uniform(10, 20, 0)", "17"}, {"uniform(5.0D, 5.0D, 1)", "5.0"}}));
  registry.Add(MakeScalar("randstr", "randstr(length[, seed]): a random string of length characters from 0-9, a-z and A-Z.",
                          BindRandStr, {{"randstr(3, 0)", "ceV"}, {"length(randstr(5))", "5"}}));
  registry.Add(MakeScalar("randn", "randn([seed]): a standard normal double from a generator seeded with seed plus the partition.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindRandom("randn", true, a); },
                          {{"typeof(randn(1))", "double"}}));
}

}  // namespace ember

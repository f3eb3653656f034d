// hll_sketch_agg(expr[, lgConfigK]), hll_union_agg(sketch[, allowDifferentLgConfigK]),
// hll_sketch_estimate(sketch), hll_union(first, second[, allowDifferentLgConfigK]): DataSketches
// HLL sketches as Spark returns them (updatable HLL_8 binaries, hll_sketch.h).
#include <cmath>
#include <optional>

#include "functions/executor.h"
#include "functions/sketch/hll_sketch.h"

namespace ember {
namespace {

// The coupon of row i of an int, bigint, string or binary vector; nullopt for the values Spark's
// sketches skip (empty strings and binaries).
std::optional<uint32_t> RowCoupon(const Vector& input, int64_t i) {
  switch (input.type()->id) {
    case TypeId::kInt: {
      int64_t v = input.Data<int32_t>()[i];
      return HllCoupon(std::string_view(reinterpret_cast<const char*>(&v), 8));
    }
    case TypeId::kLong:
      return HllCoupon(std::string_view(reinterpret_cast<const char*>(&input.Data<int64_t>()[i]), 8));
    default: {
      std::string_view bytes = input.GetString(i);
      if (bytes.empty()) return std::nullopt;
      return HllCoupon(bytes);
    }
  }
}

void ThrowDifferentLgK(int left, int right, const char* function) {
  throw SparkError("HLL_UNION_DIFFERENT_LG_K", {{"left", std::to_string(left)},
                                                {"right", std::to_string(right)},
                                                {"function", QuoteIdentifier(function)}});
}

// One sketch per group; for hll_union_agg a group's sketch is unset until its first input
// (partial state: an empty binary).
class HllAccumulator : public Accumulator {
 public:
  HllAccumulator(int lg_k, bool is_union, bool allow_different)
      : lg_k_(lg_k), is_union_(is_union), allow_different_(allow_different) {}

  void Resize(int64_t groups) override {
    sketches_.resize(groups, is_union_ ? std::nullopt : std::optional<HllSketch>(HllSketch(lg_k_)));
  }

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    const Vector& input = *args[0];
    for (int64_t i = 0; i < rows; ++i) {
      if (input.IsNull(i)) continue;
      if (!is_union_) {
        if (auto coupon = RowCoupon(input, i)) {
          HllSketch& sketch = *sketches_[group_ids[i]];
          int64_t before = sketch.HeapBytes();
          sketch.Update(*coupon);
          heap_bytes_ += sketch.HeapBytes() - before;
        }
        continue;
      }
      Add(sketches_[group_ids[i]], HllSketch::Parse(input.GetString(i), Name()));
    }
  }

  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const Vector& partial = *states[0];
    for (int64_t i = 0; i < rows; ++i) {
      std::string_view bytes = partial.GetString(i);
      if (bytes.empty()) continue;
      Add(sketches_[group_ids[i]], HllSketch::Parse(bytes, Name()));
    }
  }

  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    VectorBuilder out(BinaryType(), end - begin);
    for (int64_t g = begin; g < end; ++g) out.AppendString(sketches_[g] ? sketches_[g]->Serialize(true) : std::string());
    return {out.Finish()};
  }

  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    VectorBuilder out(BinaryType(), end - begin);
    for (int64_t g = begin; g < end; ++g) out.AppendString((sketches_[g] ? *sketches_[g] : HllSketch()).Serialize());
    return out.Finish();
  }

  int64_t MemoryBytes() const override {
    return static_cast<int64_t>(sketches_.capacity() * sizeof(std::optional<HllSketch>)) + heap_bytes_;
  }

 private:
  const char* Name() const { return is_union_ ? "hll_union_agg" : "hll_sketch_agg"; }

  void Add(std::optional<HllSketch>& into, const HllSketch& sketch) {
    if (!into) into.emplace(sketch.lg_k());
    if (is_union_ && !allow_different_ && into->lg_k() != sketch.lg_k()) ThrowDifferentLgK(into->lg_k(), sketch.lg_k(), Name());
    int64_t before = into->HeapBytes();
    into->Merge(sketch);
    heap_bytes_ += into->HeapBytes() - before;
  }

  int lg_k_;
  bool is_union_;
  bool allow_different_;
  std::vector<std::optional<HllSketch>> sketches_;
  int64_t heap_bytes_ = 0;  // the sketches' coupons and registers
};

// A constant argument's value, or Spark's error for a column in its place.
const Value& ConstantArg(const char* function, const std::vector<BindArg>& args, size_t index, const char* input,
                         const char* type) {
  const BindArg& arg = args[index];
  if (arg.literal == nullptr) {
    throw SparkError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", {{"sqlExpr", QuoteIdentifier(function)},
                                                              {"inputName", std::string("`") + input + "`"},
                                                              {"inputType", std::string("\"") + type + "\""},
                                                              {"inputExpr", "argument " + std::to_string(index + 1)}});
  }
  return *arg.literal;
}

BoundAggregate BindSketchAgg(const std::vector<BindArg>& args, bool, const EvalContext&) {
  CheckArgCount("hll_sketch_agg", args, 1, 2);
  TypeId id = args[0].type->id;
  if (id != TypeId::kInt && id != TypeId::kLong && id != TypeId::kString && id != TypeId::kBinary) {
    ThrowUnexpectedType("hll_sketch_agg", 0, "(\"INT\" or \"BIGINT\" or \"STRING\" or \"BINARY\")", *args[0].type);
  }
  int64_t lg_k = HllSketch::kDefaultLgK;
  if (args.size() == 2) {
    if (args[1].type->id != TypeId::kInt) ThrowUnexpectedType("hll_sketch_agg", 1, "\"INT\"", *args[1].type);
    const Value& value = ConstantArg("hll_sketch_agg", args, 1, "lgConfigK", "INT");
    lg_k = value.is_null ? 0 : value.i64;
  }
  if (lg_k < HllSketch::kMinLgK || lg_k > HllSketch::kMaxLgK) {
    throw SparkError("HLL_INVALID_LG_K", {{"function", QuoteIdentifier("hll_sketch_agg")},
                                          {"min", std::to_string(HllSketch::kMinLgK)},
                                          {"max", std::to_string(HllSketch::kMaxLgK)},
                                          {"value", std::to_string(lg_k)}});
  }
  BoundAggregate bound;
  for (const auto& arg : args) bound.arg_types.push_back(arg.type);
  bound.result_type = BinaryType();
  bound.result_nullable = false;
  bound.partial_types = {BinaryType()};
  bound.create = [lg_k] { return std::make_unique<HllAccumulator>(static_cast<int>(lg_k), false, false); };
  return bound;
}

void RequireBinary(const char* function, const std::vector<BindArg>& args, size_t index) {
  TypeId id = args[index].type->id;
  if (id != TypeId::kBinary && id != TypeId::kNull) ThrowUnexpectedType(function, index, "\"BINARY\"", *args[index].type);
}

void RequireBoolean(const char* function, const std::vector<BindArg>& args, size_t index) {
  TypeId id = args[index].type->id;
  if (id != TypeId::kBoolean && id != TypeId::kNull) ThrowUnexpectedType(function, index, "\"BOOLEAN\"", *args[index].type);
}

BoundAggregate BindUnionAgg(const std::vector<BindArg>& args, bool, const EvalContext&) {
  CheckArgCount("hll_union_agg", args, 1, 2);
  RequireBinary("hll_union_agg", args, 0);
  bool allow_different = false;
  if (args.size() == 2) {
    RequireBoolean("hll_union_agg", args, 1);
    const Value& value = ConstantArg("hll_union_agg", args, 1, "allowDifferentLgConfigK", "BOOLEAN");
    allow_different = !value.is_null && value.i64 != 0;
  }
  BoundAggregate bound;
  bound.arg_types = {BinaryType()};
  if (args.size() == 2) bound.arg_types.push_back(BooleanType());
  bound.result_type = BinaryType();
  bound.result_nullable = false;
  bound.partial_types = {BinaryType()};
  bound.create = [allow_different] { return std::make_unique<HllAccumulator>(HllSketch::kDefaultLgK, true, allow_different); };
  return bound;
}

BoundScalar BindEstimate(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("hll_sketch_estimate", args, 1, 1);
  RequireBinary("hll_sketch_estimate", args, 0);
  return FixedBinding({BinaryType()}, LongType(), RowKernel<int64_t(std::string_view)>(LongType(), [](std::string_view bytes) {
                        return static_cast<int64_t>(std::floor(HllSketch::Parse(bytes, "hll_sketch_estimate").Estimate() + 0.5));
                      }));
}

std::string Union(std::string_view first, std::string_view second, bool allow_different) {
  HllSketch a = HllSketch::Parse(first, "hll_union"), b = HllSketch::Parse(second, "hll_union");
  if (!allow_different && a.lg_k() != b.lg_k()) ThrowDifferentLgK(a.lg_k(), b.lg_k(), "HLL_UNION");
  HllSketch result(std::min(a.lg_k(), b.lg_k()));
  result.Merge(a);
  result.Merge(b);
  return result.Serialize();
}

BoundScalar BindUnion(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("hll_union", args, 2, 3);
  RequireBinary("hll_union", args, 0);
  RequireBinary("hll_union", args, 1);
  if (args.size() == 2) {
    return FixedBinding({BinaryType(), BinaryType()}, BinaryType(),
                        RowKernel<StringResult(std::string_view, std::string_view)>(
                            BinaryType(), [](std::string& out, std::string_view a, std::string_view b) { out = Union(a, b, false); }));
  }
  RequireBoolean("hll_union", args, 2);
  return FixedBinding({BinaryType(), BinaryType(), BooleanType()}, BinaryType(),
                      RowKernel<StringResult(std::string_view, std::string_view, uint8_t)>(
                          BinaryType(), [](std::string& out, std::string_view a, std::string_view b, uint8_t allow) {
                            out = Union(a, b, allow != 0);
                          }));
}

}  // namespace

void RegisterHllSketchFunctions(FunctionRegistry& registry) {
  registry.Add(MakeAggregate("hll_sketch_agg",
                             "hll_sketch_agg(expr[, lgConfigK]): a DataSketches HLL sketch (binary) of the distinct values",
                             BindSketchAgg));
  registry.Add(MakeAggregate("hll_union_agg",
                             "hll_union_agg(sketch[, allowDifferentLgConfigK]): the union of the group's HLL sketches",
                             BindUnionAgg));
  registry.Add(MakeScalar("hll_sketch_estimate", "hll_sketch_estimate(sketch): the distinct count an HLL sketch estimates",
                          BindEstimate, {{"hll_sketch_estimate(hll_sketch_agg(3))", "1"}}));
  registry.Add(MakeScalar("hll_union", "hll_union(first, second[, allowDifferentLgConfigK]): the union of two HLL sketches",
                          BindUnion, {{"hll_sketch_estimate(hll_union(hll_sketch_agg(1), hll_sketch_agg(2)))", "2"}}));
}

}  // namespace ember

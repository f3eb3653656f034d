// Aggregates that fold the group's non-null values with one operation, null when there are none:
// product(x) (as double), bit_and / bit_or / bit_xor (of an integral type, keeping it).
#include <functional>

#include "functions/aggregate/accumulators.h"
#include "functions/builtin_functions.h"
#include "functions/executor.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

// Op is a stateless functor T(T, T); its identity is where a group starts.
template <typename T, typename Op>
class FoldAccumulator : public Accumulator {
 public:
  FoldAccumulator(TypePtr type, T identity) : type_(std::move(type)), identity_(identity) {}
  void Resize(int64_t groups) override {
    values_.resize(groups, identity_);
    has_.resize(groups, 0);
  }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    Fold(group_ids, *args[0], rows);
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    Fold(group_ids, *states[0], rows);
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override { return {Values(begin, end)}; }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override { return Values(begin, end); }
  int64_t MemoryBytes() const override { return static_cast<int64_t>(values_.capacity() * (sizeof(T) + 1)); }

 private:
  void Fold(const uint32_t* group_ids, const Vector& input, int64_t rows) {
    if (input.type()->id == TypeId::kNull) return;
    const T* x = input.Data<T>();
    Op op;
    for (int64_t i = 0; i < rows; ++i) {
      if (!input.IsValid(i)) continue;
      uint32_t g = group_ids[i];
      values_[g] = op(values_[g], x[i]);
      has_[g] = 1;
    }
  }
  VectorPtr Values(int64_t begin, int64_t end) const {
    VectorPtr out = Vector::Make(type_, end - begin);
    T* o = out->Data<T>();
    for (int64_t g = begin; g < end; ++g) {
      o[g - begin] = values_[g];
      if (!has_[g]) out->SetNull(g - begin);
    }
    return out;
  }
  TypePtr type_;
  T identity_;
  std::vector<T> values_;
  std::vector<uint8_t> has_;
};

// DISTINCT changes the product and the XOR only: each distinct value folded once.
BoundAggregate Distinct(BoundAggregate bound, bool distinct) {
  if (distinct) {
    auto inner = bound.create;
    bound.create = [inner] { return MakeDistinctAccumulator(inner()); };
  }
  return bound;
}

BoundAggregate BindProduct(const std::vector<BindArg>& args, bool distinct) {
  CheckArgCount("product", args, 1, 1);
  TypeId id = args[0].type->id;
  if (!args[0].type->IsNumeric() && id != TypeId::kNull) ThrowUnexpectedType("product", 0, "\"NUMERIC\"", *args[0].type);
  BoundAggregate bound;
  bound.arg_types = {DoubleType()};
  bound.result_type = DoubleType();
  bound.partial_types = {DoubleType()};
  bound.create = [] { return std::make_unique<FoldAccumulator<double, std::multiplies<double>>>(DoubleType(), 1.0); };
  return Distinct(bound, distinct);
}

template <template <typename> class Op>
BoundAggregate BindBitwise(const std::string& name, const std::vector<BindArg>& args, bool all_ones, bool distinct) {
  CheckArgCount(name, args, 1, 1);
  TypePtr type = args[0].type;
  if (type->id == TypeId::kNull) type = IntType();
  if (!type->IsIntegral()) ThrowUnexpectedType(name, 0, "\"INTEGRAL\"", *args[0].type);
  BoundAggregate bound;
  bound.arg_types = {type};
  bound.result_type = type;
  bound.partial_types = {type};
  bound.create = [type, all_ones]() -> std::unique_ptr<Accumulator> {
    return DispatchIntegral(*type, [&](auto tag) -> std::unique_ptr<Accumulator> {
      using T = decltype(tag);
      return std::make_unique<FoldAccumulator<T, Op<T>>>(type, all_ones ? static_cast<T>(-1) : T{0});
    });
  };
  return Distinct(bound, distinct);
}

}  // namespace

void RegisterFoldAggregates(FunctionRegistry& registry) {
  registry.Add(MakeAggregate("product", "product(x): the product of the group's non-null values, as a double",
                             [](const std::vector<BindArg>& a, bool d, const EvalContext&) { return BindProduct(a, d); }));
  registry.Add(MakeAggregate("bit_and", "bit_and(x): the bitwise AND of the group's non-null integral values",
                             [](const std::vector<BindArg>& a, bool, const EvalContext&) {
                               return BindBitwise<std::bit_and>("bit_and", a, true, false);
                             }));
  registry.Add(MakeAggregate("bit_or", "bit_or(x): the bitwise OR of the group's non-null integral values",
                             [](const std::vector<BindArg>& a, bool, const EvalContext&) {
                               return BindBitwise<std::bit_or>("bit_or", a, false, false);
                             }));
  registry.Add(MakeAggregate("bit_xor", "bit_xor(x): the bitwise XOR of the group's non-null integral values",
                             [](const std::vector<BindArg>& a, bool d, const EvalContext&) {
                               return BindBitwise<std::bit_xor>("bit_xor", a, false, d);
                             }));
}

}  // namespace ember

// max_by(x, ord) / min_by(x, ord): the x of the row whose ord is the largest / smallest (rows
// with a null ord skipped; the first such row on ties; null when there is none). Each batch
// finds its best row per group with one typed comparator; only that row is compared with the
// group's kept (boxed) value.
#include "common/value.h"
#include "functions/aggregate/accumulators.h"
#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"
#include "functions/value_ordering.h"

namespace ember {
namespace {

class MinMaxByAccumulator : public Accumulator {
 public:
  MinMaxByAccumulator(TypePtr value_type, TypePtr ord_type, bool is_max)
      : value_type_(std::move(value_type)), ord_type_(std::move(ord_type)), is_max_(is_max) {}
  void Resize(int64_t groups) override {
    values_.resize(groups);
    ords_.resize(groups);
    has_.resize(groups, 0);
  }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    Add(group_ids, *args[0], *args[1], rows);
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    Add(group_ids, *states[0], *states[1], rows);
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override {
    return {Column(value_type_, values_, begin, end), Column(ord_type_, ords_, begin, end)};
  }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override { return Column(value_type_, values_, begin, end); }
  int64_t MemoryBytes() const override { return static_cast<int64_t>(values_.capacity() * (2 * sizeof(Value) + 1)); }

 private:
  // Whether ord row a beats row b of the comparator's vectors.
  bool Beats(const ValueComparator& compare, int64_t a, int64_t b) const {
    int c = compare.Compare(a, b);
    return is_max_ ? c > 0 : c < 0;
  }

  void Add(const uint32_t* group_ids, const Vector& values, const Vector& ords, int64_t rows) {
    if (ords.type()->id == TypeId::kNull) return;
    ValueComparator within(ords, ords);
    best_.clear();
    for (int64_t i = 0; i < rows; ++i) {
      if (!ords.IsValid(i)) continue;
      uint32_t g = group_ids[i];
      auto found = best_.find(g);
      if (found == best_.end()) {
        best_.emplace(g, i);
      } else if (Beats(within, i, found->second)) {
        found->second = i;
      }
    }
    for (const auto& [g, row] : best_) {
      if (has_[g]) {
        VectorPtr kept = MakeConstantVector(ords_[g], 1);
        ValueComparator against(ords, *kept);
        if (!Beats(against, row, 0)) continue;
      }
      values_[g] = GetValue(values, row);
      ords_[g] = GetValue(ords, row);
      has_[g] = 1;
    }
  }

  VectorPtr Column(const TypePtr& type, const std::vector<Value>& slots, int64_t begin, int64_t end) const {
    VectorBuilder builder(type, end - begin);
    for (int64_t g = begin; g < end; ++g) {
      if (has_[g]) {
        AppendValue(builder, slots[g]);
      } else {
        builder.AppendNull();
      }
    }
    return builder.Finish();
  }

  TypePtr value_type_, ord_type_;
  bool is_max_;
  std::vector<Value> values_, ords_;
  std::vector<uint8_t> has_;
  std::unordered_map<uint32_t, int64_t> best_;  // per batch: group -> its best row
};

BoundAggregate BindMinMaxBy(const std::string& name, bool is_max, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 2, 2);
  TypePtr value = args[0].type, ord = args[1].type;
  if (!IsOrderable(*ord)) ThrowUnexpectedType(name, 1, "an orderable type", *ord);
  BoundAggregate bound;
  bound.arg_types = {value, ord};
  bound.result_type = value;
  bound.partial_types = {value, ord};
  bound.create = [value, ord, is_max] { return std::make_unique<MinMaxByAccumulator>(value, ord, is_max); };
  return bound;
}

}  // namespace

void RegisterMinMaxByAggregates(FunctionRegistry& registry) {
  registry.Add(MakeAggregate("max_by", "max_by(x, ord): the x of the row with the largest ord",
                             [](const std::vector<BindArg>& a, bool, const EvalContext&) { return BindMinMaxBy("max_by", true, a); }));
  registry.Add(MakeAggregate("min_by", "min_by(x, ord): the x of the row with the smallest ord",
                             [](const std::vector<BindArg>& a, bool, const EvalContext&) { return BindMinMaxBy("min_by", false, a); }));
}

}  // namespace ember

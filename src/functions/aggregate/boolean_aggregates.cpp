// bool_and (every), bool_or (some, any): whether all / any of the group's non-null booleans are
// true (null when there are none), as Spark's min / max of booleans; count_if(x): the rows where
// the boolean x is true.
#include "functions/aggregate/accumulators.h"
#include "functions/builtin_functions.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

void RequireBoolean(const std::string& name, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  TypeId id = args[0].type->id;
  if (id != TypeId::kBoolean && id != TypeId::kNull) ThrowUnexpectedType(name, 0, "\"BOOLEAN\"", *args[0].type);
}

class CountIfAccumulator : public Accumulator {
 public:
  void Resize(int64_t groups) override { counts_.resize(groups, 0); }
  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    const Vector& input = *args[0];
    const uint8_t* values = input.Data<uint8_t>();
    for (int64_t i = 0; i < rows; ++i) counts_[group_ids[i]] += (values[i] != 0 && input.IsValid(i)) ? 1 : 0;
  }
  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const int64_t* partial = states[0]->Data<int64_t>();
    for (int64_t i = 0; i < rows; ++i) counts_[group_ids[i]] += partial[i];
  }
  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override { return {Counts(begin, end)}; }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override { return Counts(begin, end); }
  int64_t MemoryBytes() const override { return static_cast<int64_t>(counts_.capacity() * sizeof(int64_t)); }

 private:
  VectorPtr Counts(int64_t begin, int64_t end) const {
    VectorPtr out = Vector::Make(LongType(), end - begin);
    std::copy(counts_.begin() + begin, counts_.begin() + end, out->Data<int64_t>());
    return out;
  }
  std::vector<int64_t> counts_;
};

BoundAggregate BindBoolean(const std::string& name, bool is_or, const std::vector<BindArg>& args) {
  RequireBoolean(name, args);
  BoundAggregate bound;
  bound.arg_types = {BooleanType()};
  bound.result_type = BooleanType();
  bound.partial_types = {BooleanType()};
  bound.create = [is_or] { return MakeMinMaxAccumulator(BooleanType(), is_or); };
  return bound;
}

BoundAggregate BindCountIf(const std::vector<BindArg>& args, bool distinct) {
  RequireBoolean("count_if", args);
  BoundAggregate bound;
  bound.arg_types = {BooleanType()};
  bound.result_type = LongType();
  bound.result_nullable = false;
  bound.partial_types = {LongType()};
  bound.create = [] { return std::make_unique<CountIfAccumulator>(); };
  if (distinct) {
    // At most one distinct true value per group.
    bound.create = [] { return MakeDistinctAccumulator(std::make_unique<CountIfAccumulator>()); };
  }
  return bound;
}

}  // namespace

void RegisterBooleanAggregates(FunctionRegistry& registry) {
  for (const char* name : {"bool_and", "every", "bool_or", "some", "any"}) {
    std::string n = name;
    bool is_or = n == "bool_or" || n == "some" || n == "any";
    registry.Add(MakeAggregate(n, n + (is_or ? "(x): whether any non-null x of the group is true"
                                             : "(x): whether every non-null x of the group is true"),
                               [n, is_or](const std::vector<BindArg>& a, bool, const EvalContext&) {
                                 return BindBoolean(n, is_or, a);
                               }));
  }
  registry.Add(MakeAggregate("count_if", "count_if(x): the number of rows where x is true",
                             [](const std::vector<BindArg>& a, bool distinct, const EvalContext&) { return BindCountIf(a, distinct); }));
}

}  // namespace ember

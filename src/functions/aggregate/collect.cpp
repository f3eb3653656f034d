// collect_list (array_agg) and collect_set: the non-null values of each group as an array (never
// null: empty for a group without values). Values are appended to one column as they come, with
// the group of each; the arrays are gathered group by group when the results are asked for.
// collect_set keeps the first of equal values (Spark's equality: NaN equals NaN, -0.0 equals 0.0).
// listagg (string_agg): the collected strings (or binary values) joined by a constant delimiter, null
// for none.
// mode: the most frequent collected value, the smallest of those equally frequent, null for none.
#include <algorithm>

#include "functions/aggregate/accumulators.h"
#include "functions/builtin_functions.h"
#include "functions/collection/nested_util.h"
#include "functions/kernel_util.h"

namespace ember {
namespace {

class CollectAccumulator : public Accumulator {
 public:
  CollectAccumulator(TypePtr element, bool distinct)
      : element_(element), type_(ArrayType(element, false)), distinct_(distinct), pending_(element) {}

  void Resize(int64_t groups) override { groups_ = groups; }

  void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) override {
    const Vector& input = *args[0];
    for (int64_t i = 0; i < rows; ++i) {
      if (input.IsValid(i)) Append(input, i, group_ids[i]);
    }
  }

  void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states, int64_t rows) override {
    const Vector& arrays = *states[0];
    const Vector& elements = *arrays.child(0);
    const int32_t* offsets = arrays.Offsets();
    for (int64_t i = 0; i < rows; ++i) {
      if (arrays.IsNull(i)) continue;
      for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) Append(elements, k, group_ids[i]);
    }
  }

  std::vector<VectorPtr> Partial(int64_t begin, int64_t end) override { return {Arrays(begin, end)}; }
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override { return Arrays(begin, end); }
  int64_t MemoryBytes() const override { return bytes_ + static_cast<int64_t>(owners_.capacity() * sizeof(uint32_t)); }

 protected:
  void Append(const Vector& source, int64_t row, uint32_t group) {
    pending_.AppendFrom(source, row);
    owners_.push_back(group);
    bytes_ += 16 + (source.type()->id == TypeId::kString || source.type()->id == TypeId::kBinary
                        ? static_cast<int64_t>(source.GetString(row).size())
                        : 0);
  }

  // The values appended so far as one column, and the positions of each group's values in it.
  void Index() {
    if (pending_.length() > 0 || !values_) {
      VectorPtr more = pending_.Finish();
      values_ = values_ ? ConcatVectors({values_, more}) : more;
    }
    starts_.assign(groups_ + 1, 0);
    for (uint32_t g : owners_) ++starts_[g + 1];
    for (int64_t g = 0; g < groups_; ++g) starts_[g + 1] += starts_[g];
    positions_.resize(owners_.size());
    std::vector<int32_t> next(starts_.begin(), starts_.end() - 1);
    for (size_t k = 0; k < owners_.size(); ++k) positions_[next[owners_[k]]++] = static_cast<int32_t>(k);
    indexed_ = owners_.size();
  }

  VectorPtr Arrays(int64_t begin, int64_t end) {
    if (!values_ || indexed_ != owners_.size() || static_cast<int64_t>(starts_.size()) != groups_ + 1) Index();
    ListResultBuilder result(end - begin);
    std::unique_ptr<ElementSet> seen;
    if (distinct_) seen = std::make_unique<ElementSet>(*values_);
    for (int64_t g = begin; g < end; ++g) {
      if (seen) seen->Clear();
      for (int32_t k = starts_[g]; k < starts_[g + 1]; ++k) {
        if (!seen || seen->Insert(positions_[k])) result.Add(positions_[k]);
      }
      result.EndRow();
    }
    return result.Finish(type_, *values_);
  }

 private:
  TypePtr element_;
  TypePtr type_;
  bool distinct_;
  int64_t groups_ = 0;
  VectorBuilder pending_;        // values not yet in values_
  VectorPtr values_;             // values appended before the last Index()
  std::vector<uint32_t> owners_; // the group of each value, in order
  std::vector<int32_t> starts_;  // per group, where its positions begin (groups + 1)
  std::vector<int32_t> positions_;
  size_t indexed_ = 0;
  int64_t bytes_ = 0;
};

class ListAggAccumulator : public CollectAccumulator {
 public:
  ListAggAccumulator(TypePtr type, bool distinct, std::string delimiter)
      : CollectAccumulator(type, distinct), type_(std::move(type)), delimiter_(std::move(delimiter)) {}
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    VectorPtr arrays = Arrays(begin, end);
    const Vector& strings = *arrays->child(0);
    const int32_t* offsets = arrays->Offsets();
    VectorBuilder out(type_, end - begin);
    std::string text;
    for (int64_t i = 0; i < end - begin; ++i) {
      if (offsets[i] == offsets[i + 1]) {
        out.AppendNull();
        continue;
      }
      text.clear();
      for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
        if (k > offsets[i]) text += delimiter_;
        text += strings.GetString(k);
      }
      out.AppendString(text);
    }
    return out.Finish();
  }

 private:
  TypePtr type_;  // string or binary
  std::string delimiter_;
};

class ModeAccumulator : public CollectAccumulator {
 public:
  explicit ModeAccumulator(TypePtr element) : CollectAccumulator(std::move(element), false) {}
  VectorPtr Final(int64_t begin, int64_t end, EvalContext&) override {
    VectorPtr arrays = Arrays(begin, end);
    const Vector& values = *arrays->child(0);
    const int32_t* offsets = arrays->Offsets();
    ValueComparator compare(values, values);
    std::vector<int32_t> chosen, order;
    for (int64_t i = 0; i < end - begin; ++i) {
      order.clear();
      for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) order.push_back(k);
      std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return compare.Compare(a, b) < 0; });
      int32_t best = -1;
      size_t best_count = 0;
      for (size_t run = 0; run < order.size();) {
        size_t next = run + 1;
        while (next < order.size() && compare.Equal(order[run], order[next])) ++next;
        if (next - run > best_count) {
          best_count = next - run;
          best = order[run];
        }
        run = next;
      }
      chosen.push_back(best);
    }
    return GatherOrNull(values, chosen);
  }
};

BoundAggregate BindMode(const std::vector<BindArg>& args) {
  CheckArgCount("mode", args, 1, 2);
  TypePtr element = args[0].type;
  if (!IsOrderable(*element)) ThrowUnexpectedType("mode", 0, "an orderable type", *element);
  if (args.size() == 2 && (args[1].literal == nullptr || args[1].type->id != TypeId::kBoolean)) {
    ThrowUnexpectedType("mode", 1, "a constant \"BOOLEAN\"", *args[1].type);
  }
  BoundAggregate bound;
  bound.arg_types = {element};
  if (args.size() == 2) bound.arg_types.push_back(BooleanType());
  bound.result_type = element;
  bound.partial_types = {ArrayType(element, false)};
  bound.create = [element] { return std::make_unique<ModeAccumulator>(element); };
  return bound;
}

// listagg of strings, or of binary values with a binary delimiter (the result of the input's type).
BoundAggregate BindListAgg(const std::string& name, bool distinct, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 2);
  TypeId input = args[0].type->id;
  if (input != TypeId::kString && input != TypeId::kBinary && input != TypeId::kNull) {
    ThrowUnexpectedType(name, 0, "(\"STRING\" or \"BINARY\")", *args[0].type);
  }
  TypePtr type = input == TypeId::kBinary ? BinaryType() : StringType();
  std::string delimiter;
  if (args.size() == 2) {
    bool same = args[1].type->id == type->id || args[1].type->id == TypeId::kNull;
    if (!same || args[1].literal == nullptr) {
      ThrowUnexpectedType(name, 1, "a constant \"" + type->Sql() + "\"", *args[1].type);
    }
    if (!args[1].literal->is_null) delimiter = args[1].literal->str;
  }
  BoundAggregate bound;
  bound.arg_types = {type};
  if (args.size() == 2) bound.arg_types.push_back(type);
  bound.result_type = type;
  bound.partial_types = {ArrayType(type, false)};
  bound.create = [type, distinct, delimiter] { return std::make_unique<ListAggAccumulator>(type, distinct, delimiter); };
  return bound;
}

BoundAggregate BindCollect(const std::string& name, bool set, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 1, 1);
  TypePtr element = args[0].type;
  if (set && !IsOrderable(*element)) ThrowUnexpectedType(name, 0, "a type without maps", *element);
  BoundAggregate bound;
  bound.arg_types = {element};
  bound.result_type = ArrayType(element, false);
  bound.result_nullable = false;
  bound.partial_types = {bound.result_type};
  bound.create = [element, set] { return std::make_unique<CollectAccumulator>(element, set); };
  return bound;
}

}  // namespace

void RegisterCollectAggregates(FunctionRegistry& registry) {
  for (const char* name : {"collect_list", "array_agg"}) {
    std::string n = name;
    registry.Add(MakeAggregate(n, n + "(x): the non-null values of the group as an array",
                               [n](const std::vector<BindArg>& a, bool distinct, const EvalContext&) {
                                 return BindCollect(n, distinct, a);
                               }));
  }
  for (const char* name : {"listagg", "string_agg"}) {
    std::string n = name;
    registry.Add(MakeAggregate(n, n + "(x[, delimiter]): the group's non-null strings joined by the delimiter (none by default)",
                               [n](const std::vector<BindArg>& a, bool distinct, const EvalContext&) {
                                 return BindListAgg(n, distinct, a);
                               }));
  }
  registry.Add(MakeAggregate("mode", "mode(x[, deterministic]): the most frequent non-null value (the smallest on ties)",
                             [](const std::vector<BindArg>& a, bool, const EvalContext&) { return BindMode(a); }));
  registry.Add(MakeAggregate("collect_set", "collect_set(x): the distinct non-null values of the group as an array",
                             [](const std::vector<BindArg>& a, bool, const EvalContext&) { return BindCollect("collect_set", true, a); }));
}

}  // namespace ember

// FPGrowth's counting pass (pyspark.ml.fpm), level by level as Apriori does:
//   ml_apriori_subsets(ids, k, frequent) -> array<string>: the k-item subsets of a transaction's
//       frequent item ids (array<int>, increasing) whose every (k - 1)-item subset is frequent;
//       frequent lists those (k - 1)-item sets as text, k - 1 ids each ("" for k = 2: every
//       single frequent item). Each subset is its ids joined by ',' for grouping and counting.
// FPGrowthModel's transform, shared with the serving runtime:
//   ml_fp_predict(items, antecedents, consequents) -> array: the consequents (array<T>) of the
//       rules whose antecedent (array<array<T>>, rule by rule) items (array<T>) holds, without
//       the items themselves and repeats, in rule order; empty for null items.
#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "common/error.h"
#include "functions/collection/nested_util.h"
#include "functions/kernel_util.h"
#include "functions/ml_util.h"
#include "functions/registry.h"

namespace ember {
namespace {

std::string Key(const std::vector<int32_t>& ids) {
  std::string key;
  for (int32_t id : ids) {
    if (!key.empty()) key += ',';
    key += std::to_string(id);
  }
  return key;
}

BoundScalar BindAprioriSubsets(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_apriori_subsets";
  CheckArgCount(name, args, 3, 3);
  const DataType& type = *args[0].type;
  if (type.id != TypeId::kArray || type.element->id != TypeId::kInt) {
    ThrowUnexpectedType(name, 0, "\"ARRAY<INT>\"", type);
  }
  std::vector<double> k_value = LiteralDoubles(name, args, 1);
  if (k_value.size() != 1 || k_value[0] < 2) throw InternalError("ml_apriori_subsets: k must be at least 2");
  auto k = static_cast<size_t>(k_value[0]);
  std::vector<double> flat = LiteralDoubles(name, args, 2);
  if (flat.size() % (k - 1) != 0) throw InternalError("ml_apriori_subsets: the frequent sets do not match k");
  std::set<std::vector<int32_t>> frequent;
  for (size_t i = 0; i < flat.size(); i += k - 1) {
    frequent.emplace(flat.begin() + static_cast<std::ptrdiff_t>(i), flat.begin() + static_cast<std::ptrdiff_t>(i + k - 1));
  }
  std::set<int32_t> in_frequent;
  for (const auto& set : frequent) in_frequent.insert(set.begin(), set.end());
  BoundScalar bound;
  bound.arg_types = {ArrayType(IntType(), type.contains_null), StringType(), StringType()};
  bound.result_type = ArrayType(StringType(), false);
  bound.kernel = [k, frequent, in_frequent](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& lists = *a[0];
    const int32_t* offsets = lists.Offsets();
    const Vector& elements = *lists.child(0);
    const int32_t* data = elements.Data<int32_t>();
    VectorBuilder out(ArrayType(StringType(), false), rows);
    std::vector<int32_t> items, subset, smaller;
    for (int64_t r = 0; r < rows; ++r) {
      if (lists.IsNull(r)) {
        out.AppendNull();
        continue;
      }
      items.clear();
      for (int32_t i = offsets[r]; i < offsets[r + 1]; ++i) {
        if (!elements.IsNull(i)) items.push_back(data[i]);
      }
      // with k = 2 every frequent item qualifies; above, keep the items of some frequent set
      if (k > 2) {
        items.erase(std::remove_if(items.begin(), items.end(), [&](int32_t id) { return !in_frequent.count(id); }),
                    items.end());
      }
      subset.clear();
      std::function<void(size_t)> extend = [&](size_t start) {
        if (subset.size() == k) {
          for (size_t drop = 0; k > 2 && drop < k; ++drop) {
            smaller.assign(subset.begin(), subset.end());
            smaller.erase(smaller.begin() + static_cast<std::ptrdiff_t>(drop));
            if (!frequent.count(smaller)) return;
          }
          out.Child(0).AppendString(Key(subset));
          return;
        }
        for (size_t i = start; i + (k - subset.size()) <= items.size(); ++i) {
          // a counted set's first k - 1 items are a frequent set: prune prefixes of none
          subset.push_back(items[i]);
          bool viable = k == 2 || subset.size() == k;
          if (!viable) {
            auto next = frequent.lower_bound(subset);
            viable = next != frequent.end() && std::equal(subset.begin(), subset.end(), next->begin());
          }
          if (viable) extend(i + 1);
          subset.pop_back();
        }
      };
      extend(0);
      out.FinishNested();
    }
    return out.Finish();
  };
  return bound;
}

BoundScalar BindFpPredict(const std::vector<BindArg>& args, const EvalContext&) {
  const char* name = "ml_fp_predict";
  CheckArgCount(name, args, 3, 3);
  const TypePtr& item = RequireArray(name, args, 0);
  const TypePtr& antecedent = RequireArray(name, args, 1);
  if (antecedent->id != TypeId::kArray || !antecedent->element->Equals(*item)) {
    ThrowUnexpectedType(name, 1, QuotedUpperType(*ArrayType(ArrayType(item))), *args[1].type);
  }
  if (!RequireArray(name, args, 2)->Equals(*item)) ThrowUnexpectedType(name, 2, QuotedUpperType(*args[0].type), *args[2].type);
  BoundScalar bound;
  bound.arg_types = {args[0].type, args[1].type, args[2].type};
  bound.result_type = args[0].type;
  bound.kernel = [type = args[0].type](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const Vector& items = *a[0];
    const Vector& rules = *a[1];
    const Vector& antecedents = *rules.child(0);
    const Vector& consequents = *a[2];
    // the three arrays' elements end to end, so that one set compares them
    VectorPtr all = ConcatVectors({items.child(0), antecedents.child(0), consequents.child(0)});
    auto antecedent_shift = static_cast<int32_t>(items.child(0)->length());
    auto consequent_shift = antecedent_shift + static_cast<int32_t>(antecedents.child(0)->length());
    ElementSet held(*all), seen(*all);
    ListResultBuilder result(rows);
    for (int64_t r = 0; r < rows; ++r) {
      if (items.IsNull(r) || rules.IsNull(r) || consequents.IsNull(r)) {
        result.EndRow();
        continue;
      }
      held.Clear();
      seen.Clear();
      for (int32_t k = items.Offsets()[r]; k < items.Offsets()[r + 1]; ++k) held.Insert(k);
      int32_t first_rule = rules.Offsets()[r];
      for (int32_t j = first_rule; j < rules.Offsets()[r + 1]; ++j) {
        bool applies = !antecedents.IsNull(j);
        for (int32_t k = antecedents.Offsets()[j]; applies && k < antecedents.Offsets()[j + 1]; ++k) {
          applies = held.Contains(k + antecedent_shift);
        }
        int32_t consequent = consequents.Offsets()[r] + (j - first_rule);
        if (!applies || consequent >= consequents.Offsets()[r + 1]) continue;
        consequent += consequent_shift;
        if (!held.Contains(consequent) && seen.Insert(consequent)) result.Add(consequent);
      }
      result.EndRow();
    }
    return result.Finish(type, *all);
  };
  return bound;
}

}  // namespace

void RegisterMlItemsetFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("ml_fp_predict",
                          "ml_fp_predict(items, antecedents, consequents): the consequents of the "
                          "association rules whose antecedent the items hold, less the items",
                          BindFpPredict));
  registry.Add(MakeScalar("ml_apriori_subsets",
                          "ml_apriori_subsets(ids, k, frequent): the k-item subsets of a transaction's "
                          "frequent item ids whose (k - 1)-item subsets are all frequent, as 'id,id,...'",
                          BindAprioriSubsets));
}

}  // namespace ember

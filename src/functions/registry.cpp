#include "functions/registry.h"

#include <algorithm>

#include "common/error.h"
#include "functions/builtin_functions.h"

namespace ember {

void RegisterApproxCountDistinct(FunctionRegistry& registry);
void RegisterHllSketchFunctions(FunctionRegistry& registry);
void RegisterCsvFunctions(FunctionRegistry& registry);
void RegisterXPathFunctions(FunctionRegistry& registry);
void RegisterXmlFunctions(FunctionRegistry& registry);
void RegisterBitmapAggregates(FunctionRegistry& registry);
void RegisterHistogramNumeric(FunctionRegistry& registry);
void RegisterCountMinSketch(FunctionRegistry& registry);

namespace {

using Index = std::vector<std::pair<std::string, size_t>>;

const std::pair<std::string, size_t>* Find(const Index& index, const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  auto it = std::lower_bound(index.begin(), index.end(), lower,
                             [](const auto& entry, const std::string& key) { return entry.first < key; });
  if (it == index.end() || it->first != lower) return nullptr;
  return &*it;
}

void Insert(Index& index, const std::string& name, size_t position) {
  if (Find(index, name) != nullptr) throw InternalError("function registered twice: " + name);
  auto it = std::lower_bound(index.begin(), index.end(), name,
                             [](const auto& entry, const std::string& key) { return entry.first < key; });
  index.insert(it, {name, position});
}

}  // namespace

const FunctionRegistry& FunctionRegistry::Instance() {
  static const FunctionRegistry registry = [] {
    FunctionRegistry r;
    RegisterArithmeticFunctions(r);
    RegisterComparisonFunctions(r);
    RegisterPredicateFunctions(r);
    RegisterMathFunctions(r);
    RegisterMoreMathFunctions(r);
    RegisterConditionalFunctions(r);
    RegisterHashFunctions(r);
    RegisterMiscFunctions(r);
    RegisterStringFunctions(r);
    RegisterDatetimeFunctions(r);
    RegisterMoreDatetimeFunctions(r);
    RegisterMonthFunctions(r);
    RegisterAggregateFunctions(r);
    RegisterBooleanAggregates(r);
    RegisterBitmapAggregates(r);
    RegisterApproxCountDistinct(r);
    RegisterHllSketchFunctions(r);
    RegisterHistogramNumeric(r);
    RegisterCountMinSketch(r);
    RegisterCollectAggregates(r);
    RegisterFoldAggregates(r);
    RegisterMinMaxByAggregates(r);
    RegisterMlFunctions(r);
    RegisterMlModelFunctions(r);
    RegisterMlAggregates(r);
    RegisterNestedFunctions(r);
    RegisterJsonFunctions(r);
    RegisterCsvFunctions(r);
    RegisterXPathFunctions(r);
    RegisterXmlFunctions(r);
    RegisterHigherOrderFunctions(r);
    return r;
  }();
  return registry;
}

const ScalarFunction* FunctionRegistry::FindScalar(const std::string& name) const {
  auto* entry = Find(scalar_index_, name);
  return entry ? &scalars_[entry->second] : nullptr;
}

const AggregateFunction* FunctionRegistry::FindAggregate(const std::string& name) const {
  auto* entry = Find(aggregate_index_, name);
  return entry ? &aggregates_[entry->second] : nullptr;
}

std::vector<std::string> FunctionRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, _] : scalar_index_) names.push_back(name);
  for (const auto& [name, _] : aggregate_index_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

void FunctionRegistry::Add(ScalarFunction function) {
  if (function.doc.empty()) throw InternalError("function without doc: " + function.name);
  if (FindAggregate(function.name)) throw InternalError("function registered twice: " + function.name);
  Insert(scalar_index_, function.name, scalars_.size());
  scalars_.push_back(std::move(function));
}

void FunctionRegistry::Add(AggregateFunction function) {
  if (function.doc.empty()) throw InternalError("function without doc: " + function.name);
  if (FindScalar(function.name)) throw InternalError("function registered twice: " + function.name);
  Insert(aggregate_index_, function.name, aggregates_.size());
  aggregates_.push_back(std::move(function));
}

void FunctionRegistry::AddAlias(const std::string& alias, const std::string& name) {
  if (FindScalar(alias) || FindAggregate(alias)) throw InternalError("function registered twice: " + alias);
  if (auto* entry = Find(scalar_index_, name)) {
    Insert(scalar_index_, alias, entry->second);
  } else if (auto* agg = Find(aggregate_index_, name)) {
    Insert(aggregate_index_, alias, agg->second);
  } else {
    throw InternalError("alias of unknown function: " + name);
  }
}

}  // namespace ember

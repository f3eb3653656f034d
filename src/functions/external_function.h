// Functions defined outside the engine: Python UDFs. A session registers each one under an id
// (and spark.udf.register under a name too); plans refer to it by that id or name. The engine
// calls it once per batch with the argument vectors and gets the result vector back; how the
// arguments reach the function (the Python bindings convert them to Python lists or numpy
// arrays, call Python once, and convert the result) is the implementation's business, so the
// engine never depends on Python.
//
// A grouped external function (grouped aggregate pandas UDFs, applyInPandas) is an aggregate: the
// engine gathers the argument rows of each group and calls it once with many groups' rows, getting
// one result per group.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/vector.h"
#include "functions/function.h"

namespace ember {

class ExternalFunction {
 public:
  virtual ~ExternalFunction() = default;
  // The result of `rows` rows for argument vectors of that length. May be called from several
  // task threads at once.
  virtual VectorPtr Call(const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) const = 0;
  // Grouped functions: the results of starts.size() - 1 groups, group g being rows
  // [starts[g], starts[g + 1]) of the argument vectors.
  virtual VectorPtr CallGroups(const std::vector<VectorPtr>& args, const std::vector<int64_t>& starts,
                               EvalContext& ctx) const;
};

struct ExternalFunctionInfo {
  std::string name;  // shown in plans and in the names of unaliased columns: name(args)
  TypePtr result_type;
  bool deterministic = true;
  bool coalesce_input = false;  // called over batches of up to maxRecordsPerBatch rows (BoundScalar)
  bool grouped = false;         // an aggregate called through CallGroups
  std::shared_ptr<const ExternalFunction> function;
};

// A session's external functions. Safe to use from several threads.
class ExternalFunctions {
 public:
  // Registers `info` under a new id (never 0) and returns it.
  int64_t Add(ExternalFunctionInfo info);
  // The function of `id`; nullptr when none.
  std::shared_ptr<const ExternalFunctionInfo> Find(int64_t id) const;
  // Makes `name` (case-insensitive) call the function of `id`, replacing what it called before.
  void Name(const std::string& name, int64_t id);
  // The id a name was given; nullopt when none.
  std::optional<int64_t> FindName(const std::string& name) const;

 private:
  mutable std::mutex mutex_;
  int64_t next_ = 1;
  std::unordered_map<int64_t, std::shared_ptr<const ExternalFunctionInfo>> functions_;
  std::unordered_map<std::string, int64_t> names_;
};

// The binding of a call with arguments of `arg_types`: no casts, a nullable result, never folded
// at planning time, deterministic as the function says.
BoundScalar BindExternal(const std::shared_ptr<const ExternalFunctionInfo>& info, std::vector<TypePtr> arg_types);
// The binding of a grouped function as an aggregate over arguments of `arg_types`: its accumulator
// keeps every argument row of each group (nulls too, in the order they came) and calls the
// function on them when the results are asked for. Its partial state is one array per argument.
BoundAggregate BindExternalAggregate(const std::shared_ptr<const ExternalFunctionInfo>& info,
                                     std::vector<TypePtr> arg_types);

}  // namespace ember

// Function interfaces. A scalar function is a name plus a binder that picks an implementation for
// the argument types; the implementation (kernel) computes one result vector per batch in a tight
// loop per type. Aggregate functions produce Accumulators that hold the state of every group of
// one operator instance, stored column-wise and indexed by group id.
//
// The analyzer (plan layer) looks functions up in the registry (registry.h), binds them and
// inserts casts so that arguments have exactly the types the binding asked for.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/value.h"
#include "common/vector.h"
#include "functions/eval_context.h"

namespace ember {

// Computes a result vector of `rows` rows from argument vectors of the same length.
using ScalarKernel =
    std::function<VectorPtr(const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx)>;

// A lambda argument of a higher-order function as its kernel sees it: evaluates the lambda's body
// once over many bindings of its parameters (vectorized: `params` hold one value per binding, for
// instance every element of every array of the batch); binding i belongs to row rows[i] of the
// batch, which the body's other column references read.
using LambdaFunction =
    std::function<VectorPtr(const std::vector<VectorPtr>& params, const std::vector<int32_t>& rows)>;
// A higher-order function's kernel: `args` hold the argument vectors (nullptr where a lambda is),
// `lambdas` the lambda arguments in order.
using LambdaKernel = std::function<VectorPtr(const std::vector<VectorPtr>& args, const std::vector<LambdaFunction>& lambdas,
                                             int64_t rows, EvalContext& ctx)>;

struct BoundScalar {
  TypePtr result_type;
  // The types the arguments must have; the analyzer casts arguments to them.
  std::vector<TypePtr> arg_types;
  ScalarKernel kernel;
  // Higher-order functions (transform, filter...) compute with this instead of `kernel`.
  LambdaKernel lambda_kernel;
  // False for functions whose result is never null (isnull, count...).
  bool result_nullable = true;
  // False for functions that must not be constant-folded (rand, current_timestamp is folded
  // per query by the analyzer, so it stays true).
  bool deterministic = true;
  // False for functions never evaluated at planning time (external functions: Python UDFs).
  bool foldable = true;
  // True for functions with a cost per call (pandas UDFs): the operators that evaluate them
  // coalesce their input into batches of EvalContext::coalesced_batch_rows rows.
  bool coalesce_input = false;
};

// Argument description for binding: the type, and the value when the argument is a literal
// (nullptr otherwise), so that e.g. a constant date pattern can be compiled once. `name` is the
// argument's own name when it is a column or an alias (struct() names its fields after it), and
// `nullable` whether it may be null (array() and map() type their elements by it).
struct BindArg {
  TypePtr type;
  const Value* literal = nullptr;
  std::string name;
  bool nullable = true;
  // A lambda argument has its parameter count here and its body's type as `type`; the binding's
  // arg_types entry is the type the body is cast to.
  size_t lambda_params = 0;
};

// An example of use, run by the function examples test: `SELECT <sql>` shows `result` as show()
// prints it (NULL, 1.0, true...).
// The functions that read a part of a nested value, which the analyzer builds for `s.field`,
// `a[i]` and `m[key]` (and prints that way): get_struct_field(s, field ordinal),
// get_array_item(a, 0-based index), get_map_value(m, key).
constexpr const char* kGetStructField = "get_struct_field";
constexpr const char* kGetArrayItem = "get_array_item";
constexpr const char* kGetMapValue = "get_map_value";

struct FunctionExample {
  std::string sql;
  std::string result;
};

struct ScalarFunction {
  std::string name;  // lower case, as in SQL
  // Throws SparkError (DATATYPE_MISMATCH.*, WRONG_NUM_ARGS.*) when the arguments do not fit.
  std::function<BoundScalar(const std::vector<BindArg>& args, const EvalContext& ctx)> bind;
  std::string doc;  // one-line description with an example
  std::vector<FunctionExample> examples;
  // Higher-order functions: the parameter types of the lambda at argument `index` taking `count`
  // parameters, given the arguments before it. Throws INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH
  // for a count it does not take.
  std::function<std::vector<TypePtr>(const std::vector<BindArg>& args, size_t index, size_t count)> lambda_parameters;
};

// ---- aggregates -----------------------------------------------------------------------------

// State of one aggregate for all groups of one operator instance. Groups are numbered 0..n-1 by
// the hash table; Resize adds empty groups. Partial state is a fixed list of columns (e.g. avg:
// sum and count) so that it can cross an exchange and be merged on the other side.
class Accumulator {
 public:
  virtual ~Accumulator() = default;
  virtual void Resize(int64_t groups) = 0;
  // Adds input rows: row i belongs to group group_ids[i].
  virtual void Update(const uint32_t* group_ids, const std::vector<VectorPtr>& args, int64_t rows) = 0;
  // Adds partial states (columns as produced by Partial) of other instances.
  virtual void Merge(const uint32_t* group_ids, const std::vector<VectorPtr>& states,
                     int64_t rows) = 0;
  // Partial state columns for groups [begin, end).
  virtual std::vector<VectorPtr> Partial(int64_t begin, int64_t end) = 0;
  // Final values for groups [begin, end).
  virtual VectorPtr Final(int64_t begin, int64_t end, EvalContext& ctx) = 0;
  // Bytes of state held (for memory accounting).
  virtual int64_t MemoryBytes() const = 0;
};

struct BoundAggregate {
  TypePtr result_type;
  std::vector<TypePtr> arg_types;      // the analyzer casts arguments to these
  std::vector<TypePtr> partial_types;  // columns of the partial state
  bool result_nullable = true;
  std::function<std::unique_ptr<Accumulator>()> create;
};

struct AggregateFunction {
  std::string name;
  // `distinct` asks for an implementation that counts each distinct argument tuple once per group
  // (it keeps the distinct values, so it supports Update and Final but its partial state is the
  // plain state of the rows seen so far: use it only where all rows of a group reach one instance).
  std::function<BoundAggregate(const std::vector<BindArg>& args, bool distinct,
                               const EvalContext& ctx)>
      bind;
  std::string doc;
};

}  // namespace ember

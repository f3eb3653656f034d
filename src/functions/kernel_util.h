// Building blocks for kernels: the physical C++ type of each DataType, dispatch from a runtime
// type to a template, null propagation over validity words, and the binding helpers the category
// files share. Internal to the functions layer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/vector.h"
#include "functions/function.h"

namespace ember {

// Calls f(T{}) with T the physical type of a fixed-width `type` (boolean: uint8_t, date and year-month
// interval: int32_t, timestamps and day-time interval: int64_t, decimals: int64_t or int128_t by precision).
template <typename F>
decltype(auto) DispatchFixedWidth(const DataType& type, F&& f) {
  switch (type.id) {
    case TypeId::kBoolean: return f(uint8_t{});
    case TypeId::kByte: return f(int8_t{});
    case TypeId::kShort: return f(int16_t{});
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval: return f(int32_t{});
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval: return f(int64_t{});
    case TypeId::kFloat: return f(float{});
    case TypeId::kDouble: return f(double{});
    case TypeId::kDecimal:
      if (type.IsWideDecimal()) return f(int128_t{});
      return f(int64_t{});
    default: throw InternalError("not a fixed-width type: " + type.ToString());
  }
}

// The state `key` (an address the bound kernel owns) keeps in this task, created by `make` on first
// use: per-task counters and generators, and objects too costly to rebuild per batch (parsers).
template <typename T, typename Make>
T& TaskState(EvalContext& ctx, const void* key, Make make) {
  std::shared_ptr<void>& slot = ctx.task_state[key];
  if (!slot) slot = std::make_shared<T>(make());
  return *static_cast<T*>(slot.get());
}

inline int64_t ValidityWordCount(int64_t rows) { return (rows + 63) / 64; }

// Clears the validity of `out` wherever `in` is null.
void AndValidity(Vector& out, const Vector& in);
// Makes `out` null wherever any of `args` is null (the usual strict-function rule).
void PropagateNulls(Vector& out, const std::vector<VectorPtr>& args);

// A ScalarFunction with `name`, `bind` and `doc`.
ScalarFunction MakeScalar(std::string name, std::string doc,
                          std::function<BoundScalar(const std::vector<BindArg>&, const EvalContext&)> bind,
                          std::vector<FunctionExample> examples = {});
// An AggregateFunction with `name`, `doc` and `bind`.
AggregateFunction MakeAggregate(
    std::string name, std::string doc,
    std::function<BoundAggregate(const std::vector<BindArg>&, bool, const EvalContext&)> bind);
// Throws WRONG_NUM_ARGS unless min <= args.size() <= max.
void CheckArgCount(const std::string& name, const std::vector<BindArg>& args, size_t min, size_t max);
// Throws DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for argument `index` (0-based).
[[noreturn]] void ThrowUnexpectedType(const std::string& name, size_t index,
                                      const std::string& required, const DataType& actual);

// The "spark.sql.ansi.enabled" config name as Spark quotes it in messages.
inline const char* kAnsiConfigQuoted = "\"spark.sql.ansi.enabled\"";

}  // namespace ember

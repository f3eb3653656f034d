// Typed row executors: a scalar function's own logic is a lambda over C++ values, and the
// executor reads the argument vectors, skips null rows, runs the loop and builds the result.
//
//   ExecuteRows<Out(In...)>(out_type, args, rows, fn)
//
//  - `In` is the physical type of each argument (int32_t, double...; DispatchFixedWidth's mapping),
//    or std::string_view for string and binary arguments. Arguments are read as flat vectors, so a
//    literal argument is simply a column holding one value (bind-time work on literals, such as
//    compiling a pattern, belongs in the binder: BindArg::literal).
//  - `Out` is a fixed-width physical type, returned by fn(In...) -> Out; or StringResult, in which
//    case fn(std::string& out, In...) appends the row's text to `out` (cleared before each row).
//  - A row is null when any argument is null (fn is not called), or when fn says so: fixed-width
//    fn may return std::optional<Out>, string fn may return bool (false = null).
//  - fn may throw SparkError (ANSI errors); it sees only valid rows.
//
// RowKernel wraps the same into a ScalarKernel, and FixedScalar registers a function whose
// arguments the analyzer casts to fixed types, so a typical function is its lambda plus one call.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "functions/kernel_util.h"
#include "functions/registry.h"

namespace ember {

// Result tag for string (or binary) results.
struct StringResult {};

template <typename T>
struct ArgReader {
  const T* data;
  explicit ArgReader(const Vector& v) : data(v.Data<T>()) {}
  T operator()(int64_t i) const { return data[i]; }
};

template <>
struct ArgReader<std::string_view> {
  const Vector* vector;
  explicit ArgReader(const Vector& v) : vector(&v) {}
  std::string_view operator()(int64_t i) const { return vector->GetString(i); }
};

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

namespace executor_detail {

template <typename Out, typename... In, typename Fn, size_t... K>
VectorPtr Run(const TypePtr& out_type, const std::vector<VectorPtr>& args, int64_t rows, Fn& fn,
              std::index_sequence<K...>) {
  EMBER_CHECK(args.size() == sizeof...(In), "executor arity does not match the arguments");
  std::tuple<ArgReader<In>...> readers{ArgReader<In>(*args[K])...};
  bool any_null = false;
  for (const auto& a : args) any_null |= a->MayHaveNulls();
  if constexpr (std::is_same_v<Out, StringResult>) {
    VectorBuilder builder(out_type, rows);
    std::string scratch;
    for (int64_t i = 0; i < rows; ++i) {
      if (any_null && !(args[K]->IsValid(i) && ...)) {
        builder.AppendNull();
        continue;
      }
      scratch.clear();
      using R = decltype(fn(scratch, std::get<K>(readers)(i)...));
      if constexpr (std::is_same_v<R, bool>) {
        if (!fn(scratch, std::get<K>(readers)(i)...)) {
          builder.AppendNull();
          continue;
        }
      } else {
        fn(scratch, std::get<K>(readers)(i)...);
      }
      builder.AppendString(scratch);
    }
    return builder.Finish();
  } else {
    VectorPtr out = Vector::Make(out_type, rows);
    Out* o = out->Data<Out>();
    if (any_null) PropagateNulls(*out, args);
    using R = decltype(fn(std::get<K>(readers)(0)...));
    for (int64_t i = 0; i < rows; ++i) {
      if (any_null && out->IsNull(i)) {
        o[i] = Out{};
        continue;
      }
      if constexpr (IsOptional<R>::value) {
        R r = fn(std::get<K>(readers)(i)...);
        if (r) {
          o[i] = *r;
        } else {
          o[i] = Out{};
          out->SetNull(i);
        }
      } else {
        o[i] = static_cast<Out>(fn(std::get<K>(readers)(i)...));
      }
    }
    return out;
  }
}

}  // namespace executor_detail

template <typename Signature>
struct RowExecutor;

template <typename Out, typename... In>
struct RowExecutor<Out(In...)> {
  template <typename Fn>
  static VectorPtr Run(const TypePtr& out_type, const std::vector<VectorPtr>& args, int64_t rows, Fn& fn) {
    return executor_detail::Run<Out, In...>(out_type, args, rows, fn, std::index_sequence_for<In...>{});
  }
};

// Runs fn over the rows; Signature is Out(In...), e.g. int32_t(std::string_view).
template <typename Signature, typename Fn>
VectorPtr ExecuteRows(const TypePtr& out_type, const std::vector<VectorPtr>& args, int64_t rows, Fn&& fn) {
  return RowExecutor<Signature>::Run(out_type, args, rows, fn);
}

// A kernel running `fn` with ExecuteRows into a vector of `out_type`.
template <typename Signature, typename Fn>
ScalarKernel RowKernel(TypePtr out_type, Fn fn) {
  return [out_type, fn](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    return ExecuteRows<Signature>(out_type, args, rows, fn);
  };
}

// The usual result type of a physical type: uint8_t boolean, int32_t int, int64_t bigint,
// StringResult string...
template <typename Out>
TypePtr DefaultResultType() {
  if constexpr (std::is_same_v<Out, StringResult>) return StringType();
  else if constexpr (std::is_same_v<Out, uint8_t>) return BooleanType();
  else if constexpr (std::is_same_v<Out, int8_t>) return ByteType();
  else if constexpr (std::is_same_v<Out, int16_t>) return ShortType();
  else if constexpr (std::is_same_v<Out, int32_t>) return IntType();
  else if constexpr (std::is_same_v<Out, int64_t>) return LongType();
  else if constexpr (std::is_same_v<Out, float>) return FloatType();
  else return DoubleType();
}

template <typename Signature>
struct SignatureResult;
template <typename Out, typename... In>
struct SignatureResult<Out(In...)> {
  using Type = Out;
};

// A kernel running `fn` with ExecuteRows into a vector of the result type's usual type.
template <typename Signature, typename Fn>
ScalarKernel RowKernel(Fn fn) {
  return RowKernel<Signature>(DefaultResultType<typename SignatureResult<Signature>::Type>(), std::move(fn));
}

// A kernel running `make(ctx)`'s row function with ExecuteRows: for functions whose logic depends
// on the session (ANSI mode, time zone). `make` returns the row lambda.
template <typename Signature, typename Make>
ScalarKernel ContextRowKernel(TypePtr out_type, Make make) {
  return [out_type, make](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    return ExecuteRows<Signature>(out_type, args, rows, make(ctx));
  };
}

// Calls f(T{}) with T the C++ type of an integral `type` (byte, short, int, bigint).
template <typename F>
decltype(auto) DispatchIntegral(const DataType& type, F&& f) {
  switch (type.id) {
    case TypeId::kByte: return f(int8_t{});
    case TypeId::kShort: return f(int16_t{});
    case TypeId::kInt: return f(int32_t{});
    case TypeId::kLong: return f(int64_t{});
    default: throw InternalError("not an integral type: " + type.ToString());
  }
}

// A function whose arguments are cast to `arg_types` (after a check of their number and that none
// is an array, map or struct), returning `result_type` computed by `kernel`.
ScalarFunction FixedScalar(std::string name, std::string doc, std::vector<FunctionExample> examples,
                           std::vector<TypePtr> arg_types, TypePtr result_type, ScalarKernel kernel);

// A binding of fixed argument and result types (for binders that choose among several).
BoundScalar FixedBinding(std::vector<TypePtr> arg_types, TypePtr result_type, ScalarKernel kernel);

// Throws DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE if an argument is an array, map or struct.
void RejectNestedArgs(const std::string& name, const std::vector<BindArg>& args, const std::string& required);

}  // namespace ember

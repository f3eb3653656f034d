// The binary arithmetic operators' shared pieces (internal to functions/scalar): the operator
// enum, the checked kernels over one physical type, and the binder for operands that are ANSI
// intervals or differences of dates and timestamps (interval_arithmetic.cpp).
#pragma once

#include <optional>
#include <vector>

#include "functions/function.h"

namespace ember {

enum class ArithOp { kAdd, kSubtract, kMultiply, kDivide, kRemainder, kIntDivide };

const char* Symbol(ArithOp op);

// DIVIDE_BY_ZERO, raised under ANSI mode.
[[noreturn]] void ThrowDivideByZero();

// `op` over two decimal vectors (each of its own decimal type) into decimal `type`
// (decimal_arithmetic.cpp).
VectorPtr DecimalArithmetic(ArithOp op, const TypePtr& type, const std::vector<VectorPtr>& args,
                            int64_t rows, EvalContext& ctx);

// `op` over two vectors of `type` (integral, floating, decimal or interval) with Spark's overflow
// and zero-divisor behaviour.
ScalarKernel MakeBinaryKernel(ArithOp op, const TypePtr& type);

// DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES for operands of types `a` and `b`.
[[noreturn]] void ThrowOperandTypes(ArithOp op, const DataType& a, const DataType& b);

// A binding of arguments cast to `arg_types` computed by `kernel`.
BoundScalar Bound(TypePtr result, std::vector<TypePtr> arg_types, ScalarKernel kernel);

// `bound` (bound for the arguments in reverse order) as a binding of the arguments in order.
BoundScalar SwapArguments(BoundScalar bound);

// Date/timestamp/interval arithmetic: datetime +/- interval, interval +/- interval, interval * or /
// numeric, numeric * interval, date - date and timestamp - timestamp. nullopt when no operand is
// an interval and the operation is not a datetime difference.
std::optional<BoundScalar> BindIntervalArithmetic(ArithOp op, const std::vector<BindArg>& args,
                                                  const EvalContext& ctx);

// The same for operations where an operand is a calendar interval (calendar_interval_arithmetic.cpp);
// nullopt when neither is.
std::optional<BoundScalar> BindCalendarIntervalArithmetic(ArithOp op, const std::vector<BindArg>& args);

// -interval for calendar intervals.
ScalarKernel CalendarIntervalNegateKernel();

}  // namespace ember

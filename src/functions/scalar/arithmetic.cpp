// Arithmetic operators: + - * / % div negative positive, abs. Integral results overflow into
// ARITHMETIC_OVERFLOW under ANSI and wrap otherwise; division and remainder by zero raise
// DIVIDE_BY_ZERO under ANSI and give null otherwise; decimals follow Spark's result types.
#include <cmath>
#include <limits>
#include <type_traits>

#include "common/calendar_interval.h"
#include "common/value.h"
#include "functions/builtin_functions.h"
#include "functions/decimal_util.h"
#include "functions/kernel_util.h"
#include "functions/scalar/arithmetic.h"

#include "common/calendar_interval.h"
#include "functions/type_coercion.h"

namespace ember {

[[noreturn]] void ThrowDivideByZero() {
  throw SparkError("DIVIDE_BY_ZERO", {{"config", kAnsiConfigQuoted}});
}

const char* Symbol(ArithOp op) {
  switch (op) {
    case ArithOp::kAdd: return "+";
    case ArithOp::kSubtract: return "-";
    case ArithOp::kMultiply: return "*";
    case ArithOp::kDivide: return "/";
    case ArithOp::kRemainder: return "%";
    case ArithOp::kIntDivide: return "div";
  }
  return "?";
}

namespace {

const char* TryName(ArithOp op) {
  switch (op) {
    case ArithOp::kAdd: return "try_add";
    case ArithOp::kSubtract: return "try_subtract";
    case ArithOp::kMultiply: return "try_multiply";
    case ArithOp::kDivide: return "try_divide";
    case ArithOp::kRemainder: return "try_mod";
    case ArithOp::kIntDivide: return "try_divide";
  }
  return "";
}


template <typename T>
std::string SqlLiteralText(T v) {
  if constexpr (std::is_same_v<T, int8_t>) return std::to_string(v) + "Y";
  if constexpr (std::is_same_v<T, int16_t>) return std::to_string(v) + "S";
  if constexpr (std::is_same_v<T, int64_t>) return std::to_string(v) + "L";
  return std::to_string(v);
}

// Raises Spark's overflow error for row i of an integral operation.
template <typename T>
[[noreturn]] void ThrowOverflow(ArithOp op, T a, T b) {
  if constexpr (sizeof(T) < 4) {
    throw SparkError("BINARY_ARITHMETIC_OVERFLOW", "22003",
                     SqlLiteralText(a) + " " + Symbol(op) + " " + SqlLiteralText(b) +
                         " caused overflow. Use " + TryName(op) +
                         " to ignore overflow problem and return NULL.",
                     {{"value1", SqlLiteralText(a)}, {"symbol", Symbol(op)},
                      {"value2", SqlLiteralText(b)}, {"functionName", TryName(op)}});
  } else {
    std::string kind = sizeof(T) == 4 ? "integer overflow" : "long overflow";
    throw SparkError("ARITHMETIC_OVERFLOW",
                     {{"message", kind},
                      {"alternative", std::string(" Use '") + TryName(op) +
                                          "' to tolerate overflow and return NULL instead."},
                      {"config", kAnsiConfigQuoted}});
  }
}

// Integral + - * / % div. flags[i]: 1 = overflow, 2 = zero divisor.
template <typename T>
VectorPtr IntegralKernel(ArithOp op, const TypePtr& type, const std::vector<VectorPtr>& args,
                         int64_t rows, EvalContext& ctx) {
  VectorPtr out = Vector::Make(type, rows);
  const T* a = args[0]->Data<T>();
  const T* b = args[1]->Data<T>();
  T* o = out->Data<T>();
  std::vector<uint8_t> flags(rows, 0);
  uint8_t any = 0;
  switch (op) {
    case ArithOp::kAdd:
      for (int64_t i = 0; i < rows; ++i) any |= flags[i] = __builtin_add_overflow(a[i], b[i], &o[i]);
      break;
    case ArithOp::kSubtract:
      for (int64_t i = 0; i < rows; ++i) any |= flags[i] = __builtin_sub_overflow(a[i], b[i], &o[i]);
      break;
    case ArithOp::kMultiply:
      for (int64_t i = 0; i < rows; ++i) any |= flags[i] = __builtin_mul_overflow(a[i], b[i], &o[i]);
      break;
    case ArithOp::kIntDivide:
    case ArithOp::kRemainder:
      for (int64_t i = 0; i < rows; ++i) {
        T x = a[i], y = b[i];
        if (y == 0) {
          flags[i] = 2;
          o[i] = 0;
        } else if (y == -1) {
          // MIN / -1 overflows; MIN % -1 is 0.
          if (op == ArithOp::kIntDivide) flags[i] = __builtin_sub_overflow(T{0}, x, &o[i]);
          else o[i] = 0;
        } else {
          o[i] = op == ArithOp::kIntDivide ? static_cast<T>(x / y) : static_cast<T>(x % y);
        }
        any |= flags[i];
      }
      break;
    case ArithOp::kDivide: throw InternalError("integral divide is bound as double");
  }
  PropagateNulls(*out, args);
  if (any) {
    for (int64_t i = 0; i < rows; ++i) {
      if (!flags[i] || !out->IsValid(i)) continue;
      if (flags[i] == 2) {
        if (ctx.ansi) ThrowDivideByZero();
        out->SetNull(i);
      } else if (ctx.ansi) {
        ThrowOverflow<T>(op, a[i], b[i]);
      }
    }
  }
  return out;
}

template <typename T>
VectorPtr FloatingKernel(ArithOp op, const TypePtr& type, const std::vector<VectorPtr>& args,
                         int64_t rows, EvalContext& ctx) {
  VectorPtr out = Vector::Make(type, rows);
  const T* a = args[0]->Data<T>();
  const T* b = args[1]->Data<T>();
  T* o = out->Data<T>();
  bool zero = false;
  switch (op) {
    case ArithOp::kAdd: for (int64_t i = 0; i < rows; ++i) o[i] = a[i] + b[i]; break;
    case ArithOp::kSubtract: for (int64_t i = 0; i < rows; ++i) o[i] = a[i] - b[i]; break;
    case ArithOp::kMultiply: for (int64_t i = 0; i < rows; ++i) o[i] = a[i] * b[i]; break;
    case ArithOp::kDivide:
      for (int64_t i = 0; i < rows; ++i) {
        zero |= b[i] == 0;
        o[i] = a[i] / b[i];
      }
      break;
    case ArithOp::kRemainder:
      for (int64_t i = 0; i < rows; ++i) {
        zero |= b[i] == 0;
        o[i] = std::fmod(a[i], b[i]);
      }
      break;
    case ArithOp::kIntDivide: throw InternalError("div is bound on longs");
  }
  PropagateNulls(*out, args);
  if (zero) {
    for (int64_t i = 0; i < rows; ++i) {
      if (b[i] != 0 || !out->IsValid(i)) continue;
      if (ctx.ansi) ThrowDivideByZero();
      out->SetNull(i);
    }
  }
  return out;
}

}  // namespace

ScalarKernel MakeBinaryKernel(ArithOp op, const TypePtr& type) {
  if (type->id == TypeId::kDecimal) {
    return [op, type](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
      return DecimalArithmetic(op, type, args, rows, ctx);
    };
  }
  return DispatchFixedWidth(*type, [&](auto tag) -> ScalarKernel {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      return [op, type](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
        return FloatingKernel<T>(op, type, args, rows, ctx);
      };
    } else if constexpr (std::is_same_v<T, int128_t> || std::is_same_v<T, uint8_t>) {
      throw InternalError("no arithmetic on " + type->ToString());
    } else {
      return [op, type](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
        return IntegralKernel<T>(op, type, args, rows, ctx);
      };
    }
  });
}

[[noreturn]] void ThrowOperandTypes(ArithOp op, const DataType& a, const DataType& b) {
  auto upper = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(::toupper(c));
    return "\"" + s + "\"";
  };
  throw SparkError("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
                   {{"sqlExpr", std::string("\"") + Symbol(op) + "\""},
                    {"left", upper(a.ToString())},
                    {"right", upper(b.ToString())}});
}

BoundScalar SwapArguments(BoundScalar bound) {
  ScalarKernel inner = bound.kernel;
  bound.kernel = [inner](const std::vector<VectorPtr>& in, int64_t rows, EvalContext& c) {
    return inner({in[1], in[0]}, rows, c);
  };
  std::swap(bound.arg_types[0], bound.arg_types[1]);
  return bound;
}

namespace {

// date + int, int + date and date - int are date_add / date_sub.
bool IsDateShift(ArithOp op, const DataType& a, const DataType& b) {
  if (op == ArithOp::kAdd)
    return (a.id == TypeId::kDate && b.IsIntegral()) || (b.id == TypeId::kDate && a.IsIntegral());
  return op == ArithOp::kSubtract && a.id == TypeId::kDate && b.IsIntegral();
}

BoundScalar BindArithmetic(ArithOp op, const std::vector<BindArg>& args, const EvalContext& ctx) {
  CheckArgCount(Symbol(op), args, 2, 2);
  const TypePtr& a = args[0].type;
  const TypePtr& b = args[1].type;
  if (IsDateShift(op, *a, *b)) {
    bool swapped = a->id != TypeId::kDate;
    const ScalarFunction* shift =
        FunctionRegistry::Instance().FindScalar(op == ArithOp::kAdd ? "date_add" : "date_sub");
    std::vector<BindArg> shift_args = swapped ? std::vector<BindArg>{args[1], args[0]} : args;
    BoundScalar bound = shift->bind(shift_args, ctx);
    return swapped ? SwapArguments(std::move(bound)) : bound;
  }
  if (std::optional<BoundScalar> bound = BindIntervalArithmetic(op, args, ctx)) return *bound;
  TypePtr common = CommonTypeForArithmetic(a, b, ctx.ansi);
  if (!common) ThrowOperandTypes(op, *a, *b);
  BoundScalar bound;
  if (op == ArithOp::kIntDivide && common->id == TypeId::kDecimal) {
    // Decimal div: the truncated quotient of the exact values, as bigint.
    TypePtr da = DecimalForIntegral(*(a->id == TypeId::kNull || a->id == TypeId::kString ? common : a));
    TypePtr db = DecimalForIntegral(*(b->id == TypeId::kNull || b->id == TypeId::kString ? common : b));
    bound.arg_types = {da, db};
    bound.result_type = LongType();
    bound.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
      VectorPtr out = Vector::Make(LongType(), rows);
      int64_t* o = out->Data<int64_t>();
      int sa = args[0]->type()->scale, sb = args[1]->type()->scale, s = std::max(sa, sb);
      PropagateNulls(*out, args);
      for (int64_t i = 0; i < rows; ++i) {
        o[i] = 0;
        if (!out->IsValid(i)) continue;
        bool overflow = false;
        int128_t x = RescaleHalfUp(ReadDecimal(*args[0], i), sa, s, &overflow);
        int128_t y = RescaleHalfUp(ReadDecimal(*args[1], i), sb, s, &overflow);
        if (y == 0) {
          if (ctx.ansi) ThrowDivideByZero();
          out->SetNull(i);
          continue;
        }
        int128_t q = x / y;
        if (overflow || q > INT64_MAX || q < INT64_MIN) {
          if (ctx.ansi) ThrowOverflow<int64_t>(ArithOp::kIntDivide, 0, 0);
          out->SetNull(i);
          continue;
        }
        o[i] = static_cast<int64_t>(q);
      }
      return out;
    };
    return bound;
  }
  if (op == ArithOp::kIntDivide) {
    bound.arg_types = {LongType(), LongType()};
    bound.result_type = LongType();
    bound.kernel = MakeBinaryKernel(op, LongType());
    return bound;
  }
  if (common->id == TypeId::kDecimal) {
    TypePtr da = DecimalForIntegral(*(a->id == TypeId::kNull || a->id == TypeId::kString ? common : a));
    TypePtr db = DecimalForIntegral(*(b->id == TypeId::kNull || b->id == TypeId::kString ? common : b));
    DecimalOp dop = op == ArithOp::kAdd        ? DecimalOp::kAdd
                    : op == ArithOp::kSubtract ? DecimalOp::kSubtract
                    : op == ArithOp::kMultiply ? DecimalOp::kMultiply
                    : op == ArithOp::kDivide   ? DecimalOp::kDivide
                                               : DecimalOp::kRemainder;
    bound.arg_types = {da, db};
    bound.result_type = DecimalResultType(dop, *da, *db);
    bound.kernel = MakeBinaryKernel(op, bound.result_type);
    return bound;
  }
  if (op == ArithOp::kDivide) common = DoubleType();
  bound.arg_types = {common, common};
  bound.result_type = common;
  bound.kernel = MakeBinaryKernel(op, common);
  return bound;
}

template <typename T>
VectorPtr NegateKernel(const TypePtr& type, const VectorPtr& in, int64_t rows, EvalContext& ctx) {
  VectorPtr out = Vector::Make(type, rows);
  const T* a = in->Data<T>();
  T* o = out->Data<T>();
  if constexpr (std::is_floating_point_v<T>) {
    for (int64_t i = 0; i < rows; ++i) o[i] = -a[i];
    PropagateNulls(*out, {in});
  } else {
    bool any = false;
    for (int64_t i = 0; i < rows; ++i) any |= __builtin_sub_overflow(T{0}, a[i], &o[i]);
    PropagateNulls(*out, {in});
    if (any && ctx.ansi) {
      for (int64_t i = 0; i < rows; ++i) {
        if (a[i] == std::numeric_limits<T>::min() && out->IsValid(i)) {
          if constexpr (sizeof(T) >= 4) {
            throw SparkError("ARITHMETIC_OVERFLOW",
                             {{"message", sizeof(T) == 4 ? "integer overflow" : "long overflow"},
                              {"alternative", ""},
                              {"config", kAnsiConfigQuoted}});
          } else {
            ThrowOverflow<T>(ArithOp::kSubtract, T{0}, a[i]);
          }
        }
      }
    }
  }
  return out;
}

// negative(x) and abs(x): same type as the input.
BoundScalar BindUnaryNumeric(const std::string& name, bool absolute, const std::vector<BindArg>& args,
                             const EvalContext& ctx) {
  CheckArgCount(name, args, 1, 1);
  TypePtr type = args[0].type;
  if (type->id == TypeId::kNull || type->id == TypeId::kString) type = DoubleType();
  BoundScalar bound;
  bound.arg_types = {type};
  bound.result_type = type;
  if (IsCalendarInterval(*type) && !absolute) {
    bound.kernel = CalendarIntervalNegateKernel();
    return bound;
  }
  if (!type->IsNumeric() && !type->IsInterval()) ThrowUnexpectedType(name, 0, "\"NUMERIC\"", *args[0].type);
  if (type->id == TypeId::kDecimal) {
    bound.kernel = [type, absolute](const std::vector<VectorPtr>& in, int64_t rows, EvalContext&) {
      VectorPtr out = Vector::Make(type, rows);
      for (int64_t i = 0; i < rows; ++i) {
        int128_t v = ReadDecimal(*in[0], i);
        WriteDecimal(*out, i, absolute && v >= 0 ? v : -v);
      }
      PropagateNulls(*out, in);
      return out;
    };
    return bound;
  }
  bound.kernel = DispatchFixedWidth(*type, [&](auto tag) -> ScalarKernel {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, int128_t> || std::is_same_v<T, uint8_t>) {
      throw InternalError("no negation of " + type->ToString());
    } else {
      return [type, absolute](const std::vector<VectorPtr>& in, int64_t rows, EvalContext& c) {
        if (!absolute) return NegateKernel<T>(type, in[0], rows, c);
        // abs: negate only the negative values (abs(MIN) overflows like negation).
        VectorPtr negated = NegateKernel<T>(type, in[0], rows, c);
        const T* a = in[0]->Data<T>();
        T* o = negated->Data<T>();
        for (int64_t i = 0; i < rows; ++i) {
          if (!(a[i] < 0)) o[i] = a[i];
        }
        return negated;
      };
    }
  });
  return bound;
}

void AddBinary(FunctionRegistry& registry, ArithOp op, std::string doc) {
  registry.Add(MakeScalar(Symbol(op), std::move(doc),
                          [op](const std::vector<BindArg>& args, const EvalContext& ctx) {
                            // -x, the unary operator, is negative(x) under its own name
                            if (op == ArithOp::kSubtract && args.size() == 1) return BindUnaryNumeric("negative", false, args, ctx);
                            return BindArithmetic(op, args, ctx);
                          }));
}

}  // namespace

void RegisterArithmeticFunctions(FunctionRegistry& registry) {
  AddBinary(registry, ArithOp::kAdd, "a + b: sum; integral overflow raises under ANSI. 1 + 2 = 3");
  AddBinary(registry, ArithOp::kSubtract, "a - b: difference. 3 - 1 = 2");
  AddBinary(registry, ArithOp::kMultiply, "a * b: product. 2 * 3 = 6");
  AddBinary(registry, ArithOp::kDivide, "a / b: double (or decimal) quotient. 3 / 2 = 1.5");
  AddBinary(registry, ArithOp::kRemainder, "a % b: remainder with the dividend's sign. 7 % 3 = 1");
  AddBinary(registry, ArithOp::kIntDivide, "a div b: integral quotient as bigint. 7 div 2 = 3");
  registry.AddAlias("mod", "%");
  registry.Add(MakeScalar("negative", "negative(x): -x. negative(1) = -1",
                          [](const std::vector<BindArg>& args, const EvalContext& ctx) {
                            return BindUnaryNumeric("negative", false, args, ctx);
                          }));
  registry.Add(MakeScalar("abs", "abs(x): absolute value. abs(-1) = 1",
                          [](const std::vector<BindArg>& args, const EvalContext& ctx) {
                            return BindUnaryNumeric("abs", true, args, ctx);
                          }));
  registry.Add(MakeScalar("positive", "positive(x): x. positive(1) = 1",
                          [](const std::vector<BindArg>& args, const EvalContext&) {
                            CheckArgCount("positive", args, 1, 1);
                            BoundScalar bound;
                            bound.arg_types = {args[0].type};
                            bound.result_type = args[0].type;
                            bound.kernel = [](const std::vector<VectorPtr>& in, int64_t, EvalContext&) {
                              return in[0];
                            };
                            return bound;
                          }));
}

}  // namespace ember

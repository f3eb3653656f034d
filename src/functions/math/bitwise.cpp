// Bitwise operators & | ^ ~ and functions shiftleft, shiftright, shiftrightunsigned, bit_count,
// bit_get / getbit over integral types (Java semantics: shift counts are taken modulo the width).
#include <bit>
#include <type_traits>

#include "functions/executor.h"
#include "functions/type_coercion.h"

namespace ember {
namespace {

TypePtr IntegralType(const std::string& name, size_t index, const TypePtr& type) {
  if (type->id == TypeId::kNull) return IntType();
  if (!type->IsIntegral()) ThrowUnexpectedType(name, index, "\"INTEGRAL\"", *type);
  return type;
}

// a & b, a | b, a ^ b in the operands' common integral type.
template <typename Op>
ScalarFunction BitwiseOperator(const std::string& name, std::string doc, FunctionExample example, Op op) {
  return MakeScalar(
      name, std::move(doc),
      [name, op](const std::vector<BindArg>& args, const EvalContext&) {
        CheckArgCount(name, args, 2, 2);
        TypePtr a = IntegralType(name, 0, args[0].type), b = IntegralType(name, 1, args[1].type);
        TypePtr common = FindTightestCommonType(a, b);
        BoundScalar bound = FixedBinding({common, common}, common, nullptr);
        bound.kernel = [common, op](const std::vector<VectorPtr>& v, int64_t rows, EvalContext&) {
          return DispatchIntegral(*common, [&](auto tag) -> VectorPtr {
            using T = decltype(tag);
            return ExecuteRows<T(T, T)>(common, v, rows, [op](T x, T y) { return static_cast<T>(op(x, y)); });
          });
        };
        return bound;
      },
      {std::move(example)});
}

enum class Shift { kLeft, kRight, kRightUnsigned };

// shiftleft(base, n) and friends: int for byte/short/int bases, bigint for bigint.
ScalarFunction ShiftFunction(const std::string& name, Shift shift, std::string doc, FunctionExample example) {
  return MakeScalar(
      name, std::move(doc),
      [name, shift](const std::vector<BindArg>& args, const EvalContext&) {
        CheckArgCount(name, args, 2, 2);
        TypePtr base = IntegralType(name, 0, args[0].type)->id == TypeId::kLong ? LongType() : IntType();
        IntegralType(name, 1, args[1].type);
        BoundScalar bound = FixedBinding({base, IntType()}, base, nullptr);
        bound.kernel = [base, shift](const std::vector<VectorPtr>& v, int64_t rows, EvalContext&) {
          auto run = [&](auto tag) {
            using T = decltype(tag);
            using U = std::make_unsigned_t<T>;
            constexpr int kBits = sizeof(T) * 8;
            return ExecuteRows<T(T, int32_t)>(base, v, rows, [shift](T x, int32_t n) {
              int s = n & (kBits - 1);
              if (shift == Shift::kLeft) return static_cast<T>(static_cast<U>(x) << s);
              if (shift == Shift::kRight) return static_cast<T>(x >> s);
              return static_cast<T>(static_cast<U>(x) >> s);
            });
          };
          return base->id == TypeId::kLong ? run(int64_t{}) : run(int32_t{});
        };
        return bound;
      },
      {std::move(example)});
}

BoundScalar BindBitNot(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("~", args, 1, 1);
  TypePtr type = IntegralType("~", 0, args[0].type);
  BoundScalar bound = FixedBinding({type}, type, nullptr);
  bound.kernel = [type](const std::vector<VectorPtr>& v, int64_t rows, EvalContext&) {
    return DispatchIntegral(*type, [&](auto tag) -> VectorPtr {
      using T = decltype(tag);
      return ExecuteRows<T(T)>(type, v, rows, [](T x) { return static_cast<T>(~x); });
    });
  };
  return bound;
}

// bit_count(x): set bits of x sign-extended to 64 bits (booleans: 0 or 1).
BoundScalar BindBitCount(const std::vector<BindArg>& args, const EvalContext&) {
  CheckArgCount("bit_count", args, 1, 1);
  bool boolean = args[0].type->id == TypeId::kBoolean;
  TypePtr type = boolean ? BooleanType() : IntegralType("bit_count", 0, args[0].type);
  BoundScalar bound = FixedBinding({type}, IntType(), nullptr);
  bound.kernel = [type](const std::vector<VectorPtr>& v, int64_t rows, EvalContext&) {
    return DispatchFixedWidth(*type, [&](auto tag) -> VectorPtr {
      using T = decltype(tag);
      return ExecuteRows<int32_t(T)>(IntType(), v, rows, [](T x) {
        return std::popcount(static_cast<uint64_t>(static_cast<int64_t>(x)));
      });
    });
  };
  return bound;
}

// bit_get(x, pos): bit pos (0 = least significant) of x as a tinyint.
BoundScalar BindBitGet(const std::string& name, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 2, 2);
  TypePtr type = IntegralType(name, 0, args[0].type);
  IntegralType(name, 1, args[1].type);
  BoundScalar bound = FixedBinding({type, IntType()}, ByteType(), nullptr);
  bound.kernel = [type, name](const std::vector<VectorPtr>& v, int64_t rows, EvalContext&) {
    return DispatchIntegral(*type, [&](auto tag) -> VectorPtr {
      using T = decltype(tag);
      static constexpr int kBits = sizeof(T) * 8;
      return ExecuteRows<int8_t(T, int32_t)>(ByteType(), v, rows, [&name](T x, int32_t pos) {
        if (pos < 0 || pos >= kBits) {
          throw SparkError("INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE", "22023",
                           "The value of parameter(s) `pos` in `" + name + "` is invalid: expects an integer value in [0, " +
                               std::to_string(kBits) + "), but got " + std::to_string(pos) + ".",
                           {{"parameter", "`pos`"}, {"functionName", "`" + name + "`"}});
        }
        return static_cast<int8_t>((static_cast<uint64_t>(static_cast<int64_t>(x)) >> pos) & 1);
      });
    });
  };
  return bound;
}

}  // namespace

void RegisterBitwiseFunctions(FunctionRegistry& registry) {
  registry.Add(BitwiseOperator("&", "a & b: bitwise AND.", {"12 & 10", "8"}, [](auto x, auto y) { return x & y; }));
  registry.Add(BitwiseOperator("|", "a | b: bitwise OR.", {"12 | 10", "14"}, [](auto x, auto y) { return x | y; }));
  registry.Add(BitwiseOperator("^", "a ^ b: bitwise exclusive OR.", {"12 ^ 10", "6"}, [](auto x, auto y) { return x ^ y; }));
  registry.Add(MakeScalar("~", "~a: bitwise NOT.", BindBitNot, {{"~0", "-1"}}));
  registry.Add(ShiftFunction("shiftleft", Shift::kLeft, "shiftleft(a, n): a shifted left by n bits.", {"shiftleft(1, 3)", "8"}));
  registry.Add(ShiftFunction("shiftright", Shift::kRight, "shiftright(a, n): a shifted right by n bits, keeping the sign.", {"shiftright(-16, 2)", "-4"}));
  registry.Add(ShiftFunction("shiftrightunsigned", Shift::kRightUnsigned, "shiftrightunsigned(a, n): a shifted right by n bits, filling with zeros.",
                             {"shiftrightunsigned(-1, 28)", "15"}));
  registry.Add(MakeScalar("bit_count", "bit_count(x): the number of bits set in x (sign-extended to 64 bits).", BindBitCount,
                          {{"bit_count(7)", "3"}, {"bit_count(-1)", "64"}}));
  registry.Add(MakeScalar("bit_get", "bit_get(x, pos): bit pos of x (0 is the lowest), as a tinyint.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindBitGet("bit_get", a); }, {{"bit_get(5, 2)", "1"}}));
  registry.Add(MakeScalar("getbit", "getbit(x, pos): same as bit_get.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindBitGet("getbit", a); }, {{"getbit(5, 1)", "0"}}));
}

}  // namespace ember

// Decimal + - * / % on unscaled values; operands keep their own decimal types. Add, subtract and
// multiply run one tight loop per storage width of the operands and the result (int64 up to
// precision 18, int128 above) with the scale factors and the precision limit fixed per batch; a
// row that does not fit is only flagged in the loop and handled afterwards. Division and
// remainder, which test and round per divisor, go row by row.
#include <algorithm>
#include <type_traits>

#include "common/error.h"
#include "common/value.h"
#include "functions/decimal_util.h"
#include "functions/kernel_util.h"
#include "functions/scalar/arithmetic.h"

namespace ember {
namespace {

// What add, subtract and multiply need besides the operands.
struct DecimalPlan {
  int128_t factor_a = 1;  // add/subtract: brings each operand to the common scale
  int128_t factor_b = 1;
  int128_t divisor = 1;   // > 1 when the result keeps fewer digits than the exact one (HALF_UP)
  int128_t limit = 0;     // 10^(result precision)
};

enum RowFlag : uint8_t { kRowFits = 0, kRowInt128Overflow = 1, kRowOutOfPrecision = 2 };

// o[i] = a[i] Op b[i] for i < rows; flags[i] says whether row i fits. A product of two int64
// operands always fits int128, so only wider operands pay for checked multiplication.
template <ArithOp Op, typename A, typename B, typename O>
bool DecimalLoop(const A* a, const B* b, O* o, int64_t rows, const DecimalPlan& plan, uint8_t* flags) {
  uint8_t any = 0;
  for (int64_t i = 0; i < rows; ++i) {
    bool overflow = false;
    int128_t r;
    if constexpr (Op == ArithOp::kMultiply) {
      if constexpr (sizeof(A) == 8 && sizeof(B) == 8) {
        r = static_cast<int128_t>(a[i]) * b[i];
      } else {
        overflow = __builtin_mul_overflow(static_cast<int128_t>(a[i]), static_cast<int128_t>(b[i]), &r);
      }
    } else {
      int128_t x = a[i], y = b[i];
      if (plan.factor_a != 1) overflow |= __builtin_mul_overflow(x, plan.factor_a, &x);
      if (plan.factor_b != 1) overflow |= __builtin_mul_overflow(y, plan.factor_b, &y);
      overflow |= Op == ArithOp::kAdd ? __builtin_add_overflow(x, y, &r) : __builtin_sub_overflow(x, y, &r);
    }
    if (overflow) r = 0;
    if (plan.divisor != 1) r = DivideHalfUp(r, plan.divisor);
    uint8_t flag = overflow ? kRowInt128Overflow : (r >= plan.limit || r <= -plan.limit) ? kRowOutOfPrecision : kRowFits;
    flags[i] = flag;
    any |= flag;
    o[i] = static_cast<O>(r);
  }
  return any != kRowFits;
}

DecimalPlan PlanFor(ArithOp op, int sa, int sb, const DataType& result) {
  DecimalPlan plan;
  int exact_scale = sa + sb;
  if (op != ArithOp::kMultiply) {
    exact_scale = std::max(sa, sb);
    plan.factor_a = Pow10(exact_scale - sa);
    plan.factor_b = Pow10(exact_scale - sb);
  }
  // Spark's result scale of + - * never exceeds the exact scale.
  EMBER_CHECK(result.scale <= exact_scale, "decimal result scale above the exact scale");
  plan.divisor = Pow10(exact_scale - result.scale);
  plan.limit = Pow10(result.precision);
  return plan;
}

// Calls f with a typed pointer to v's unscaled values from row `offset`.
template <typename V, typename F>
bool WithUnscaled(V& v, int64_t offset, F&& f) {
  if (v.type()->IsWideDecimal()) return f(v.template Data<int128_t>() + offset);
  return f(v.template Data<int64_t>() + offset);
}

// DecimalLoop for rows [offset, offset + rows) of a and b into `o`, typed from the vectors.
template <typename O>
bool RunDecimalLoop(ArithOp op, const Vector& a, const Vector& b, int64_t offset, int64_t rows, O&& o,
                    const DecimalPlan& plan, uint8_t* flags) {
  return WithUnscaled(a, offset, [&](const auto* pa) {
    return WithUnscaled(b, offset, [&](const auto* pb) {
      return o([&](auto* po) {
        switch (op) {
          case ArithOp::kAdd: return DecimalLoop<ArithOp::kAdd>(pa, pb, po, rows, plan, flags);
          case ArithOp::kSubtract: return DecimalLoop<ArithOp::kSubtract>(pa, pb, po, rows, plan, flags);
          case ArithOp::kMultiply: return DecimalLoop<ArithOp::kMultiply>(pa, pb, po, rows, plan, flags);
          default: throw InternalError("not a decimal add, subtract or multiply");
        }
      });
    });
  });
}

VectorPtr AddSubtractMultiply(ArithOp op, const TypePtr& type, const std::vector<VectorPtr>& args,
                              int64_t rows, EvalContext& ctx) {
  const Vector& a = *args[0];
  const Vector& b = *args[1];
  VectorPtr out = Vector::Make(type, rows);
  DecimalPlan plan = PlanFor(op, a.type()->scale, b.type()->scale, *type);
  std::vector<uint8_t> flags(rows);
  auto into_out = [&](auto&& loop) { return WithUnscaled(*out, 0, loop); };
  bool any = RunDecimalLoop(op, a, b, 0, rows, into_out, plan, flags.data());
  PropagateNulls(*out, args);
  if (!any && !out->MayHaveNulls()) return out;
  for (int64_t i = 0; i < rows; ++i) {
    if (!out->IsValid(i)) {
      WriteDecimal(*out, i, 0);
      continue;
    }
    if (flags[i] == kRowFits) continue;
    if (ctx.ansi) {
      std::string value = "overflow";
      if (flags[i] == kRowOutOfPrecision) {
        // Row i again into an int128, for the value the message shows.
        int128_t exact = 0;
        uint8_t flag;
        auto into_exact = [&](auto&& loop) { return loop(&exact); };
        RunDecimalLoop(op, a, b, i, 1, into_exact, plan, &flag);
        value = DecimalToString(exact, type->scale);
      }
      ThrowDecimalOutOfRange(value, type->precision, type->scale);
    }
    out->SetNull(i);
    WriteDecimal(*out, i, 0);
  }
  return out;
}

// Division and remainder, row by row.
VectorPtr DivideOrRemainder(ArithOp op, const TypePtr& type, const std::vector<VectorPtr>& args,
                            int64_t rows, EvalContext& ctx) {
  VectorPtr out = Vector::Make(type, rows);
  const Vector& va = *args[0];
  const Vector& vb = *args[1];
  int sa = va.type()->scale, sb = vb.type()->scale, rs = type->scale;
  PropagateNulls(*out, args);
  for (int64_t i = 0; i < rows; ++i) {
    if (!out->IsValid(i)) {
      WriteDecimal(*out, i, 0);
      continue;
    }
    int128_t a = ReadDecimal(va, i), b = ReadDecimal(vb, i);
    bool overflow = false;
    int128_t r = 0;
    if (op == ArithOp::kRemainder) {
      int s = std::max(sa, sb);
      int128_t x = RescaleHalfUp(a, sa, s, &overflow), y = RescaleHalfUp(b, sb, s, &overflow);
      if (y == 0) {
        if (ctx.ansi) ThrowDivideByZero();
        out->SetNull(i);
        WriteDecimal(*out, i, 0);
        continue;
      }
      r = RescaleHalfUp(x % y, s, rs, &overflow);
    } else {
      if (b == 0) {
        if (ctx.ansi) ThrowDivideByZero();
        out->SetNull(i);
        WriteDecimal(*out, i, 0);
        continue;
      }
      // a/10^sa / (b/10^sb) at scale rs = a * 10^(rs - sa + sb) / b.
      int shift = rs - sa + sb;
      if (shift >= 0) {
        int128_t n = RescaleHalfUp(a, 0, shift, &overflow);
        r = overflow ? 0 : DivideHalfUp(n, b);
      } else {
        r = DivideHalfUp(a, b * Pow10(-shift));
      }
    }
    if (overflow || !FitsPrecision(r, type->precision)) {
      if (ctx.ansi) {
        ThrowDecimalOutOfRange(overflow ? "overflow" : DecimalToString(r, rs), type->precision, rs);
      }
      out->SetNull(i);
      r = 0;
    }
    WriteDecimal(*out, i, r);
  }
  return out;
}

}  // namespace

VectorPtr DecimalArithmetic(ArithOp op, const TypePtr& type, const std::vector<VectorPtr>& args,
                            int64_t rows, EvalContext& ctx) {
  switch (op) {
    case ArithOp::kAdd:
    case ArithOp::kSubtract:
    case ArithOp::kMultiply: return AddSubtractMultiply(op, type, args, rows, ctx);
    case ArithOp::kDivide:
    case ArithOp::kRemainder: return DivideOrRemainder(op, type, args, rows, ctx);
    case ArithOp::kIntDivide: break;
  }
  throw InternalError("div is bound on longs");
}

}  // namespace ember

#include "expr/evaluator.h"

#include <algorithm>

#include "common/error.h"
#include "common/value.h"
#include "functions/bound_literals.h"
#include "functions/registry.h"

namespace ember {
namespace {

// `v` as `type` (branches of CASE/COALESCE normally have it already).
VectorPtr Coerce(const VectorPtr& v, const TypePtr& type, EvalContext& ctx) {
  if (!type || v->type()->Equals(*type)) return v;
  return CastVector(v, type, ctx);
}

void CollectColumns(const Expr& expr, std::vector<bool>* used) {
  if (expr.kind == ExprKind::kBoundRef && expr.index >= 0 && expr.index < static_cast<int>(used->size())) {
    (*used)[expr.index] = true;
  }
  for (const auto& arg : expr.args) CollectColumns(*arg, used);
}

// Puts back the lambda variables a lambda body (or a subset of its rows) was evaluated with.
class LambdaScope {
 public:
  LambdaScope(EvalContext& ctx, std::vector<VectorPtr> variables) : ctx_(ctx), saved_(std::move(ctx.lambda_variables)) {
    ctx.lambda_variables = std::move(variables);
  }
  ~LambdaScope() { ctx_.lambda_variables = std::move(saved_); }

 private:
  EvalContext& ctx_;
  std::vector<VectorPtr> saved_;
};

// `expr` over the rows `rows` of `batch` (repeats allowed): the columns it reads, and the lambda
// variables in scope, taken at those rows.
VectorPtr EvaluateGathered(const Expr& expr, const Batch& batch, const std::vector<int32_t>& rows,
                           std::vector<VectorPtr> extra_variables, size_t kept_variables, EvalContext& ctx) {
  std::vector<bool> used(batch.columns.size(), false);
  CollectColumns(expr, &used);
  Batch subset;
  subset.num_rows = static_cast<int64_t>(rows.size());
  subset.columns.resize(batch.columns.size());
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    if (used[c]) subset.columns[c] = TakeRows(*batch.columns[c], rows.data(), subset.num_rows);
  }
  std::vector<VectorPtr> variables;
  for (size_t v = 0; v < kept_variables; ++v) {
    variables.push_back(TakeRows(*ctx.lambda_variables[v], rows.data(), subset.num_rows));
  }
  for (auto& variable : extra_variables) variables.push_back(std::move(variable));
  LambdaScope scope(ctx, std::move(variables));
  return Evaluate(expr, subset, ctx);
}

// Evaluates `expr` on the rows `rows` of `batch` only; the result has rows.size() values. Only
// the columns the expression reads are gathered.
VectorPtr EvaluateOn(const Expr& expr, const Batch& batch, const std::vector<int32_t>& rows, EvalContext& ctx) {
  if (static_cast<int64_t>(rows.size()) == batch.num_rows) return Evaluate(expr, batch, ctx);
  return EvaluateGathered(expr, batch, rows, {}, ctx.lambda_variables.size(), ctx);
}

// A higher-order function: each lambda argument becomes a function that evaluates its body over
// a batch of parameter bindings at once, the enclosing lambdas' variables kept in scope.
VectorPtr EvaluateHigherOrder(const Expr& expr, const Batch& batch, EvalContext& ctx) {
  std::vector<VectorPtr> args;
  std::vector<LambdaFunction> lambdas;
  for (const auto& arg : expr.args) {
    if (arg->kind != ExprKind::kLambda) {
      args.push_back(Evaluate(*arg, batch, ctx));
      continue;
    }
    args.push_back(nullptr);
    const Expr* lambda = arg.get();
    lambdas.push_back([lambda, &batch, &ctx](const std::vector<VectorPtr>& params, const std::vector<int32_t>& rows) {
      return EvaluateGathered(*lambda->args[0], batch, rows, params, static_cast<size_t>(lambda->index), ctx);
    });
  }
  return expr.scalar->lambda_kernel(args, lambdas, batch.num_rows, ctx);
}

// Assembles a result from pieces: row i comes from pieces[source[i]] at row offset[i], or is null
// when source[i] < 0.
VectorPtr Assemble(const TypePtr& type, int64_t rows, const std::vector<VectorPtr>& pieces,
                   const std::vector<int32_t>& source, const std::vector<int32_t>& offset) {
  VectorBuilder builder(type, rows);
  for (int64_t i = 0; i < rows; ++i) {
    if (source[i] < 0) {
      builder.AppendNull();
    } else {
      const Vector& piece = *pieces[source[i]];
      if (piece.IsNull(offset[i]) || piece.type()->id == TypeId::kNull) {
        builder.AppendNull();
      } else {
        builder.AppendFrom(piece, offset[i]);
      }
    }
  }
  return builder.Finish();
}

inline bool IsTrue(const Vector& v, int64_t i) { return v.IsValid(i) && v.Data<uint8_t>()[i]; }

// Three-valued AND / OR; the right side runs only where the left does not decide the row, unless
// it cannot fail and most rows need it anyway.
VectorPtr EvaluateLogic(const Expr& expr, const Batch& batch, EvalContext& ctx) {
  bool is_and = expr.kind == ExprKind::kAnd;
  int64_t n = batch.num_rows;
  VectorPtr left = Evaluate(*expr.args[0], batch, ctx);
  const uint8_t* l = left->Data<uint8_t>();
  // Rows the left side does not decide: true (AND) or false (OR), or null. Branch-free: every row
  // is written and only pending ones advance the end.
  std::vector<int32_t> pending(n);
  int64_t count = 0;
  for (int64_t i = 0; i < n; ++i) {
    pending[count] = static_cast<int32_t>(i);
    count += ((l[i] != 0) == is_and) | !left->IsValid(i);
  }
  pending.resize(count);
  if (pending.empty()) return left;
  bool whole_batch = count * 2 > n && NeverFails(*expr.args[1]);
  VectorPtr right = whole_batch ? Evaluate(*expr.args[1], batch, ctx) : EvaluateOn(*expr.args[1], batch, pending, ctx);
  VectorPtr out = Vector::Make(BooleanType(), n);
  uint8_t* o = out->Data<uint8_t>();
  const uint8_t* r = right->Data<uint8_t>();
  if (!left->MayHaveNulls() && !right->MayHaveNulls()) {
    // Two-valued: a pending row takes the right side's value, the others keep the left's.
    if (whole_batch) {
      for (int64_t i = 0; i < n; ++i) o[i] = is_and ? (l[i] != 0) & (r[i] != 0) : (l[i] != 0) | (r[i] != 0);
    } else {
      for (int64_t i = 0; i < n; ++i) o[i] = l[i] != 0;
      for (int64_t k = 0; k < count; ++k) o[pending[k]] = r[k] != 0;
    }
    return out;
  }
  for (int64_t i = 0; i < n; ++i) o[i] = left->IsValid(i) ? l[i] : 0;
  if (const uint64_t* words = left->ValidityWords()) {
    std::copy(words, words + (n + 63) / 64, out->MutableValidityWords());
  }
  for (size_t k = 0; k < pending.size(); ++k) {
    int32_t i = pending[k];
    int64_t r_row = whole_batch ? i : static_cast<int64_t>(k);
    bool r_valid = right->IsValid(r_row);
    bool r_value = r_valid && r[r_row];
    if (left->IsValid(i)) {
      // Left is the neutral value (true for AND, false for OR): the right side decides.
      o[i] = r_value;
      out->SetValidity(i, r_valid);
    } else if (r_valid && r_value != is_and) {
      // Null AND false = false; null OR true = true.
      o[i] = r_value;
      out->SetValid(i);
    } else {
      out->SetNull(i);
    }
  }
  return out;
}

VectorPtr EvaluateCaseWhen(const Expr& expr, const Batch& batch, EvalContext& ctx) {
  int64_t n = batch.num_rows;
  size_t pairs = (expr.args.size() - (expr.has_else ? 1 : 0)) / 2;
  std::vector<int32_t> remaining(n);
  for (int64_t i = 0; i < n; ++i) remaining[i] = static_cast<int32_t>(i);
  std::vector<VectorPtr> pieces;
  std::vector<int32_t> source(n, -1), offset(n, 0);
  for (size_t p = 0; p < pairs && !remaining.empty(); ++p) {
    VectorPtr cond = EvaluateOn(*expr.args[2 * p], batch, remaining, ctx);
    std::vector<int32_t> hit, rest;
    for (size_t k = 0; k < remaining.size(); ++k) (IsTrue(*cond, k) ? hit : rest).push_back(remaining[k]);
    if (!hit.empty()) {
      VectorPtr value = Coerce(EvaluateOn(*expr.args[2 * p + 1], batch, hit, ctx), expr.type, ctx);
      if (static_cast<int64_t>(hit.size()) == n) return value;
      for (size_t k = 0; k < hit.size(); ++k) {
        source[hit[k]] = static_cast<int32_t>(pieces.size());
        offset[hit[k]] = static_cast<int32_t>(k);
      }
      pieces.push_back(value);
    }
    remaining.swap(rest);
  }
  if (expr.has_else && !remaining.empty()) {
    VectorPtr value = Coerce(EvaluateOn(*expr.args.back(), batch, remaining, ctx), expr.type, ctx);
    if (static_cast<int64_t>(remaining.size()) == n) return value;
    for (size_t k = 0; k < remaining.size(); ++k) {
      source[remaining[k]] = static_cast<int32_t>(pieces.size());
      offset[remaining[k]] = static_cast<int32_t>(k);
    }
    pieces.push_back(value);
  }
  return Assemble(expr.type, n, pieces, source, offset);
}

VectorPtr EvaluateCoalesce(const Expr& expr, const Batch& batch, EvalContext& ctx) {
  int64_t n = batch.num_rows;
  std::vector<int32_t> remaining(n);
  for (int64_t i = 0; i < n; ++i) remaining[i] = static_cast<int32_t>(i);
  std::vector<VectorPtr> pieces;
  std::vector<int32_t> source(n, -1), offset(n, 0);
  for (const auto& arg : expr.args) {
    if (remaining.empty()) break;
    VectorPtr value = Coerce(EvaluateOn(*arg, batch, remaining, ctx), expr.type, ctx);
    if (pieces.empty() && !value->MayHaveNulls() && value->type()->id != TypeId::kNull) return value;
    std::vector<int32_t> rest;
    for (size_t k = 0; k < remaining.size(); ++k) {
      if (value->type()->id == TypeId::kNull || value->IsNull(k)) {
        rest.push_back(remaining[k]);
      } else {
        source[remaining[k]] = static_cast<int32_t>(pieces.size());
        offset[remaining[k]] = static_cast<int32_t>(k);
      }
    }
    pieces.push_back(value);
    remaining.swap(rest);
  }
  return Assemble(expr.type, n, pieces, source, offset);
}

}  // namespace

bool NeverFails(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kBoundRef:
    case ExprKind::kLiteral: return true;
    case ExprKind::kAnd:
    case ExprKind::kOr: break;
    case ExprKind::kFunction: {
      static const char* const kSafe[] = {"=", "==", "!=", "<>", "<", "<=", ">", ">=", "<=>",
                                          "isnull", "isnotnull", "not"};
      // LIKE fails only on a bad pattern, which a literal pattern would have shown at binding.
      bool literal_like = expr.name == "like" && expr.args.size() == 2 && expr.args[1]->kind == ExprKind::kLiteral;
      if (!literal_like && std::find(std::begin(kSafe), std::end(kSafe), expr.name) == std::end(kSafe)) return false;
      break;
    }
    default: return false;
  }
  for (const auto& arg : expr.args) {
    if (!NeverFails(*arg)) return false;
  }
  return true;
}

VectorPtr Evaluate(const Expr& expr, const Batch& batch, EvalContext& ctx) {
  switch (expr.kind) {
    case ExprKind::kBoundRef:
      EMBER_CHECK(expr.index >= 0 && expr.index < static_cast<int>(batch.columns.size()), "bound reference out of range");
      return batch.columns[expr.index];
    case ExprKind::kLiteral:
      if (expr.literal.is_null) return Vector::MakeNulls(expr.type ? expr.type : NullType(), batch.num_rows);
      return MakeConstantVector(expr.literal, batch.num_rows);
    case ExprKind::kFunction: {
      EMBER_CHECK(expr.scalar != nullptr, "function evaluated before binding: " + expr.name);
      if (expr.scalar->lambda_kernel) return EvaluateHigherOrder(expr, batch, ctx);
      std::vector<VectorPtr> args;
      args.reserve(expr.args.size());
      bool bound_literals = ReadsLiteralsWhenBound(expr.name);
      for (const auto& arg : expr.args) {
        bool one_row = bound_literals && arg->kind == ExprKind::kLiteral && !arg->literal.is_null;
        args.push_back(one_row ? MakeConstantVector(arg->literal, 1) : Evaluate(*arg, batch, ctx));
      }
      return expr.scalar->kernel(args, batch.num_rows, ctx);
    }
    case ExprKind::kCast: return CastVector(Evaluate(*expr.args[0], batch, ctx), expr.type, ctx, expr.try_cast);
    case ExprKind::kAlias:
    case ExprKind::kSortOrder: return Evaluate(*expr.args[0], batch, ctx);
    case ExprKind::kAnd:
    case ExprKind::kOr: return EvaluateLogic(expr, batch, ctx);
    case ExprKind::kCaseWhen: return EvaluateCaseWhen(expr, batch, ctx);
    case ExprKind::kCoalesce: return EvaluateCoalesce(expr, batch, ctx);
    case ExprKind::kColumn:
    case ExprKind::kStar:
    case ExprKind::kAggregate:
    case ExprKind::kSubquery:  // rewritten into joins by the optimizer
    case ExprKind::kOuterRef:
    case ExprKind::kWindow: break;  // computed by the window operator
    case ExprKind::kLambdaVar:
      EMBER_CHECK(expr.index >= 0 && expr.index < static_cast<int>(ctx.lambda_variables.size()),
                  "lambda variable out of scope");
      return ctx.lambda_variables[expr.index];
    case ExprKind::kLambda: break;  // evaluated by its higher-order function
  }
  throw InternalError("expression cannot be evaluated row-wise: " + expr.ToSql());
}

Value EvaluateConstant(const Expr& expr, EvalContext& ctx) {
  Batch one;
  one.num_rows = 1;
  VectorPtr v = Evaluate(expr, one, ctx);
  return GetValue(*v, 0);
}

}  // namespace ember

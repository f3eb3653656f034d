// Helpers for function tests: vectors from Values, calling registry functions the way the
// analyzer does (bind, cast arguments to the bound types, run the kernel), and reading results.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/value.h"
#include "functions/registry.h"

namespace ember::ftest {

inline VectorPtr Col(TypePtr type, const std::vector<Value>& values) {
  VectorBuilder builder(type, static_cast<int64_t>(values.size()));
  for (const auto& v : values) AppendValue(builder, v);
  return builder.Finish();
}
inline Value Null(TypePtr type = NullType()) { return Value::Null(std::move(type)); }
inline Value Str(std::string s) { return Value::String(std::move(s)); }
inline Value I32(int32_t v) { return Value::Int(v); }
inline Value I64(int64_t v) { return Value::Long(v); }
inline Value F64(double v) { return Value::Double(v); }
inline Value Bool(bool v) { return Value::Boolean(v); }
inline Value Dec(int64_t unscaled, int p, int s) { return Value::Decimal(unscaled, p, s); }
inline Value Typed(TypePtr type, int64_t v) {
  Value value = Value::Long(v);
  value.type = std::move(type);
  return value;
}
inline Value TypedF(TypePtr type, double v) {
  Value value = Value::Double(v);
  value.type = std::move(type);
  return value;
}

inline EvalContext Ctx(bool ansi = true, const std::string& zone = "UTC") {
  EvalContext ctx;
  ctx.ansi = ansi;
  ctx.time_zone_name = zone;
  EXPECT_TRUE(absl::LoadTimeZone(zone, &ctx.time_zone));
  ctx.query_start_micros = 1704448800000000;  // 2024-01-05 10:00:00 UTC
  return ctx;
}

// An argument: a vector, optionally known to be a literal.
struct Arg {
  VectorPtr vector;
  std::optional<Value> literal;
};
inline Arg Lit(const Value& v, int64_t rows = 1) { return Arg{MakeConstantVector(v, rows), v}; }
inline Arg Vec(VectorPtr v) { return Arg{std::move(v), std::nullopt}; }

inline BoundScalar Bind(const std::string& name, const std::vector<Arg>& args, const EvalContext& ctx) {
  const ScalarFunction* f = FunctionRegistry::Instance().FindScalar(name);
  EXPECT_NE(f, nullptr) << name;
  std::vector<BindArg> bind_args;
  for (const auto& a : args) bind_args.push_back({a.vector->type(), a.literal ? &*a.literal : nullptr});
  return f->bind(bind_args, ctx);
}

// Binds `name`, casts the arguments to the bound types and runs the kernel.
inline VectorPtr Apply(const std::string& name, const std::vector<Arg>& args, EvalContext& ctx) {
  BoundScalar bound = Bind(name, args, ctx);
  std::vector<VectorPtr> vectors;
  int64_t rows = args.empty() ? 1 : args[0].vector->length();
  for (size_t i = 0; i < args.size(); ++i) vectors.push_back(CastVector(args[i].vector, bound.arg_types[i], ctx));
  VectorPtr out = bound.kernel(vectors, rows, ctx);
  EXPECT_TRUE(out->type()->Equals(*bound.result_type)) << out->type()->ToString();
  return out;
}

// Each row as show() would print it.
inline std::vector<std::string> Texts(const VectorPtr& v, const std::string& zone = "UTC") {
  EvalContext ctx = Ctx(true, zone);
  VectorPtr s = ToPrettyString(v, ctx);
  std::vector<std::string> out;
  for (int64_t i = 0; i < s->length(); ++i) out.emplace_back(s->GetString(i));
  return out;
}

// ---- aggregates ----

inline BoundAggregate BindAgg(const std::string& name, const std::vector<Arg>& args, bool distinct, const EvalContext& ctx) {
  const AggregateFunction* f = FunctionRegistry::Instance().FindAggregate(name);
  EXPECT_NE(f, nullptr) << name;
  std::vector<BindArg> bind_args;
  for (const auto& a : args) bind_args.push_back({a.vector->type(), a.literal ? &*a.literal : nullptr});
  return f->bind(bind_args, distinct, ctx);
}

inline std::vector<VectorPtr> CastArgs(const BoundAggregate& bound, const std::vector<Arg>& args, EvalContext& ctx) {
  std::vector<VectorPtr> out;
  for (size_t i = 0; i < args.size(); ++i) out.push_back(CastVector(args[i].vector, bound.arg_types[i], ctx));
  return out;
}

// Runs an aggregate over rows grouped by `groups` in one accumulator.
inline VectorPtr Aggregate(const std::string& name, const std::vector<Arg>& args, const std::vector<uint32_t>& groups,
                    int64_t num_groups, EvalContext& ctx, bool distinct = false) {
  BoundAggregate bound = BindAgg(name, args, distinct, ctx);
  auto acc = bound.create();
  acc->Resize(num_groups);
  acc->Update(groups.data(), CastArgs(bound, args, ctx), static_cast<int64_t>(groups.size()));
  VectorPtr out = acc->Final(0, num_groups, ctx);
  EXPECT_TRUE(out->type()->Equals(*bound.result_type)) << out->type()->ToString();
  return out;
}

// Splits rows over two accumulators (even rows / odd rows), moves the partial states of both into
// a third through Merge, and returns its final values.
inline VectorPtr AggregateTwoPhase(const std::string& name, const std::vector<Arg>& args, const std::vector<uint32_t>& groups,
                            int64_t num_groups, EvalContext& ctx) {
  BoundAggregate bound = BindAgg(name, args, false, ctx);
  std::vector<VectorPtr> cast = CastArgs(bound, args, ctx);
  auto final_acc = bound.create();
  final_acc->Resize(num_groups);
  for (int part = 0; part < 2; ++part) {
    std::vector<int32_t> rows;
    std::vector<uint32_t> part_groups;
    for (size_t i = part; i < groups.size(); i += 2) {
      rows.push_back(static_cast<int32_t>(i));
      part_groups.push_back(groups[i]);
    }
    std::vector<VectorPtr> taken;
    for (const auto& c : cast) taken.push_back(TakeRows(*c, rows.data(), static_cast<int64_t>(rows.size())));
    auto acc = bound.create();
    acc->Resize(num_groups);
    acc->Update(part_groups.data(), taken, static_cast<int64_t>(rows.size()));
    std::vector<VectorPtr> partial = acc->Partial(0, num_groups);
    EXPECT_EQ(partial.size(), bound.partial_types.size());
    for (size_t k = 0; k < partial.size(); ++k) EXPECT_TRUE(partial[k]->type()->Equals(*bound.partial_types[k]));
    std::vector<uint32_t> ids(num_groups);
    for (int64_t g = 0; g < num_groups; ++g) ids[g] = static_cast<uint32_t>(g);
    final_acc->Merge(ids.data(), partial, num_groups);
  }
  return final_acc->Final(0, num_groups, ctx);
}

// ---- ML vectors (VectorUdtType values) ----

inline Value IntList(const std::vector<int32_t>& items) {
  Value v = Value::Null(ArrayType(IntType(), false));
  v.is_null = false;
  for (int32_t i : items) v.children.push_back(I32(i));
  return v;
}

inline Value DoubleList(const std::vector<double>& items) {
  Value v = Value::Null(ArrayType(DoubleType(), false));
  v.is_null = false;
  for (double d : items) v.children.push_back(F64(d));
  return v;
}

inline Value VectorValue(int8_t kind, Value size, Value indices, Value values) {
  Value v = Value::Null(VectorUdtType());
  v.is_null = false;
  Value type = Value::Long(kind);
  type.type = ByteType();
  v.children = {type, size, indices, values};
  return v;
}

inline Value Dense(const std::vector<double>& values) {
  return VectorValue(1, Null(IntType()), Null(ArrayType(IntType(), false)), DoubleList(values));
}

inline Value Sparse(int32_t size, const std::vector<int32_t>& indices, const std::vector<double>& values) {
  return VectorValue(0, I32(size), IntList(indices), DoubleList(values));
}

// The error class a call raises, or "" when it succeeds.
template <typename Fn>
std::string ErrorClass(Fn fn) {
  try {
    fn();
  } catch (const SparkError& e) {
    return e.error_class();
  }
  return "";
}

}  // namespace ember::ftest

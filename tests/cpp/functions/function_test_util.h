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

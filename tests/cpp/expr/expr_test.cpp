#include <gtest/gtest.h>

#include "common/error.h"
#include "expr/evaluator.h"
#include "expr/expr.h"
#include "functions/registry.h"

namespace ember {
namespace {

ExprPtr Col(const std::string& name) { return ColumnRef({name}); }

TEST(ExprNames, OperatorsAndFunctionsAsSparkNamesThem) {
  EXPECT_EQ(Call("+", {Col("a"), Literal(Value::Int(1))})->OutputName(), "(a + 1)");
  EXPECT_EQ(Call("not", {Col("a")})->OutputName(), "(NOT a)");
  EXPECT_EQ(Call("isnotnull", {Col("user_id")})->OutputName(), "(user_id IS NOT NULL)");
  EXPECT_EQ(Call("isnull", {Col("a")})->OutputName(), "(a IS NULL)");
  EXPECT_EQ(Call("!=", {Col("a"), Col("b")})->OutputName(), "(NOT (a = b))");
  EXPECT_EQ(Call("<=>", {Col("a"), Col("b")})->OutputName(), "(a <=> b)");
  EXPECT_EQ(Call("-", {Col("a")})->OutputName(), "(- a)");  // the unary operator
  EXPECT_EQ(Call("negative", {Col("a")})->OutputName(), "negative(a)");
  EXPECT_EQ(Call("to_date", {Col("event_time")})->OutputName(), "to_date(event_time)");
  EXPECT_EQ(Call("from_unixtime", {Col("timestamp"), Literal(Value::String("yyyy-MM-dd HH:mm:ss"))})->OutputName(),
            "from_unixtime(timestamp, yyyy-MM-dd HH:mm:ss)");
  EXPECT_EQ(Call("to_timestamp", {Call("from_unixtime", {Col("timestamp"), Literal(Value::String("yyyy-MM-dd HH:mm:ss"))})})
                ->OutputName(),
            "to_timestamp(from_unixtime(timestamp, yyyy-MM-dd HH:mm:ss))");
  EXPECT_EQ(Call("current_date", {})->OutputName(), "current_date()");
  EXPECT_EQ(Call("sqrt", {Col("a")})->OutputName(), "SQRT(a)");
  EXPECT_EQ(Call("power", {Col("a"), Literal(Value::Int(2))})->OutputName(), "POWER(a, 2)");
  EXPECT_EQ(Call("round", {Col("a"), Literal(Value::Int(0))})->OutputName(), "round(a, 0)");
}

TEST(ExprNames, AggregatesCastsAndSpecialForms) {
  EXPECT_EQ(AggregateCall("count", {Literal(Value::Int(1))})->OutputName(), "count(1)");
  EXPECT_EQ(AggregateCall("count", {Col("user_id")}, true)->OutputName(), "count(DISTINCT user_id)");
  EXPECT_EQ(AggregateCall("sum", {Col("x")})->OutputName(), "sum(x)");
  EXPECT_EQ(AggregateCall("first", {Col("x"), Literal(Value::Boolean(true))})->OutputName(), "first(x)");
  EXPECT_EQ(AggregateCall("first", {Col("x"), Literal(Value::Boolean(false))})->OutputName(), "first(x)");
  EXPECT_EQ(Cast(Col("x"), DateType())->OutputName(), "CAST(x AS DATE)");
  EXPECT_EQ(Cast(Col("x"), DecimalType(10, 2))->OutputName(), "CAST(x AS DECIMAL(10,2))");
  EXPECT_EQ(Cast(Col("x"), IntType(), true)->OutputName(), "TRY_CAST(x AS INT)");
  ExprPtr bound = BoundRef(0, IntType(), true, "x");
  EXPECT_EQ(Call("+", {ImplicitCast(bound, LongType()), Literal(Value::Long(2))})->OutputName(), "(x + 2)");
  Expr when;
  when.kind = ExprKind::kCaseWhen;
  when.args = {Call(">", {Col("a"), Literal(Value::Int(1))}), Literal(Value::String("big")), Literal(Value::String("small"))};
  when.has_else = true;
  EXPECT_EQ(MakeExpr(when)->OutputName(), "CASE WHEN (a > 1) THEN big ELSE small END");
  Expr coalesce;
  coalesce.kind = ExprKind::kCoalesce;
  coalesce.args = {Col("a"), Col("b")};
  EXPECT_EQ(MakeExpr(coalesce)->OutputName(), "coalesce(a, b)");
  Expr both;
  both.kind = ExprKind::kAnd;
  both.args = {Col("a"), Col("b")};
  EXPECT_EQ(MakeExpr(both)->OutputName(), "(a AND b)");
  EXPECT_EQ(Alias(Call("+", {Col("a"), Col("b")}), "total")->OutputName(), "total");
  EXPECT_EQ(ColumnRef({"t", "a"})->OutputName(), "a");
}

TEST(ExprNames, LiteralsAsSparkPrintsThem) {
  EXPECT_EQ(Literal(Value::Double(1.5))->ToSql(), "1.5");
  EXPECT_EQ(Literal(Value::Double(1e10))->ToSql(), "1.0E10");
  EXPECT_EQ(Literal(Value::Long(7))->ToSql(), "7");
  EXPECT_EQ(Literal(Value::Boolean(false))->ToSql(), "false");
  EXPECT_EQ(Literal(Value::Null(IntType()))->ToSql(), "NULL");
  EXPECT_EQ(Literal(Value::Date(19727))->ToSql(), "DATE '2024-01-05'");
  EXPECT_EQ(Literal(Value::Decimal(150, 5, 2))->ToSql(), "1.50");
}

TEST(ParseColumnName, DotsAndBackquotes) {
  using P = std::vector<std::string>;
  EXPECT_EQ(ParseColumnName("a"), (P{"a"}));
  EXPECT_EQ(ParseColumnName("a.b"), (P{"a", "b"}));
  EXPECT_EQ(ParseColumnName("`a.b`"), (P{"a.b"}));
  EXPECT_EQ(ParseColumnName("t.`a.b`"), (P{"t", "a.b"}));
  EXPECT_EQ(ParseColumnName("`a``b`"), (P{"a`b"}));
  EXPECT_EQ(ParseColumnName("count(1)"), (P{"count(1)"}));
  EXPECT_THROW(ParseColumnName("`a"), SparkError);
  EXPECT_THROW(ParseColumnName("a.`b`c"), SparkError);
  EXPECT_THROW(ParseColumnName("a."), SparkError);
}

// ---- evaluation -------------------------------------------------------------------------------

EvalContext Ctx(bool ansi = true) {
  EvalContext ctx;
  ctx.ansi = ansi;
  return ctx;
}

// A resolved call: binds `name` for the argument types (arguments must already have them).
ExprPtr Bound(const std::string& name, std::vector<ExprPtr> args, EvalContext& ctx) {
  std::vector<BindArg> bind_args;
  for (const auto& a : args) bind_args.push_back({a->type, a->kind == ExprKind::kLiteral ? &a->literal : nullptr});
  BoundScalar b = FunctionRegistry::Instance().FindScalar(name)->bind(bind_args, ctx);
  for (size_t i = 0; i < args.size(); ++i) {
    if (!args[i]->type->Equals(*b.arg_types[i])) args[i] = ImplicitCast(args[i], b.arg_types[i]);
  }
  Expr node;
  node.kind = ExprKind::kFunction;
  node.name = name;
  node.args = std::move(args);
  node.type = b.result_type;
  node.nullable = b.result_nullable;
  node.scalar = std::make_shared<const BoundScalar>(std::move(b));
  return MakeExpr(std::move(node));
}

VectorPtr Ints(const std::vector<std::optional<int32_t>>& values) {
  VectorBuilder b(IntType());
  for (const auto& v : values) {
    if (v) b.Append<int32_t>(*v);
    else b.AppendNull();
  }
  return b.Finish();
}

std::vector<std::string> Texts(const VectorPtr& v) {
  EvalContext ctx;
  VectorPtr s = ToPrettyString(v, ctx);
  std::vector<std::string> out;
  for (int64_t i = 0; i < s->length(); ++i) out.emplace_back(s->GetString(i));
  return out;
}

using V = std::vector<std::string>;

TEST(Evaluator, ColumnsLiteralsFunctionsAndCasts) {
  EvalContext ctx = Ctx();
  Batch batch({Ints({1, 2, std::nullopt})}, 3);
  ExprPtr a = BoundRef(0, IntType(), true, "a");
  EXPECT_EQ(Evaluate(*a, batch, ctx), batch.columns[0]);
  EXPECT_EQ(Texts(Evaluate(*Literal(Value::Long(5)), batch, ctx)), (V{"5", "5", "5"}));
  EXPECT_EQ(Texts(Evaluate(*Literal(Value::Null(StringType())), batch, ctx)), (V{"NULL", "NULL", "NULL"}));
  ExprPtr sum = Bound("+", {a, Literal(Value::Long(10))}, ctx);
  EXPECT_EQ(Texts(Evaluate(*sum, batch, ctx)), (V{"11", "12", "NULL"}));
  EXPECT_EQ(Texts(Evaluate(*Cast(a, StringType()), batch, ctx)), (V{"1", "2", "NULL"}));
  EXPECT_EQ(Texts(Evaluate(*Alias(sum, "s"), batch, ctx)), (V{"11", "12", "NULL"}));
}

TEST(Evaluator, CaseWhenEvaluatesValuesOnlyWhereChosen) {
  EvalContext ctx = Ctx(true);
  Batch batch({Ints({6, 5, 7}), Ints({2, 0, std::nullopt})}, 3);
  ExprPtr a = BoundRef(0, IntType(), true, "a");
  ExprPtr b = BoundRef(1, IntType(), true, "b");
  ExprPtr quotient = Bound("/", {a, b}, ctx);
  // Unguarded a / b raises for the b = 0 row under ANSI...
  EXPECT_THROW(Evaluate(*quotient, batch, ctx), SparkError);
  // ...but when(b != 0, a / b) never evaluates it there.
  Expr when;
  when.kind = ExprKind::kCaseWhen;
  when.args = {Bound("!=", {b, Literal(Value::Int(0))}, ctx), quotient};
  when.type = DoubleType();
  EXPECT_EQ(Texts(Evaluate(*MakeExpr(when), batch, ctx)), (V{"3.0", "NULL", "NULL"}));
  when.args.push_back(Literal(Value::Double(-1)));
  when.has_else = true;
  EXPECT_EQ(Texts(Evaluate(*MakeExpr(when), batch, ctx)), (V{"3.0", "-1.0", "-1.0"}));
}

TEST(Evaluator, AndOrThreeValuedAndShortCircuit) {
  EvalContext ctx = Ctx(true);
  VectorBuilder lb(BooleanType());
  for (int v : {1, 1, 1, 0, 0, 0, -1, -1, -1}) v < 0 ? lb.AppendNull() : lb.AppendBool(v);
  VectorBuilder rb(BooleanType());
  for (int v : {1, 0, -1, 1, 0, -1, 1, 0, -1}) v < 0 ? rb.AppendNull() : rb.AppendBool(v);
  Batch batch({lb.Finish(), rb.Finish()}, 9);
  Expr e;
  e.kind = ExprKind::kAnd;
  e.type = BooleanType();
  e.args = {BoundRef(0, BooleanType(), true, "l"), BoundRef(1, BooleanType(), true, "r")};
  EXPECT_EQ(Texts(Evaluate(*MakeExpr(e), batch, ctx)),
            (V{"true", "false", "NULL", "false", "false", "false", "NULL", "false", "NULL"}));
  e.kind = ExprKind::kOr;
  EXPECT_EQ(Texts(Evaluate(*MakeExpr(e), batch, ctx)),
            (V{"true", "true", "true", "true", "false", "NULL", "true", "NULL", "NULL"}));
  // false AND (1/0 = 1) does not raise.
  Batch one({Ints({0})}, 1);
  ExprPtr zero = BoundRef(0, IntType(), true, "z");
  ExprPtr boom = Bound("=", {Bound("/", {Literal(Value::Int(1)), zero}, ctx), Literal(Value::Double(1))}, ctx);
  Expr guarded;
  guarded.kind = ExprKind::kAnd;
  guarded.type = BooleanType();
  guarded.args = {Bound("!=", {zero, Literal(Value::Int(0))}, ctx), boom};
  EXPECT_EQ(Texts(Evaluate(*MakeExpr(guarded), one, ctx)), (V{"false"}));
  // Still so when most rows need the right side (which alone would raise on the last row).
  Batch mostly({Ints({1, 1, 1, 0})}, 4);
  EXPECT_EQ(Texts(Evaluate(*MakeExpr(guarded), mostly, ctx)), (V{"true", "true", "true", "false"}));
}

TEST(Evaluator, CoalesceEvaluatesLaterArgumentsOnlyWhereNeeded) {
  EvalContext ctx = Ctx(true);
  Batch batch({Ints({1, std::nullopt, std::nullopt}), Ints({9, 0, 4})}, 3);
  ExprPtr a = BoundRef(0, IntType(), true, "a");
  ExprPtr b = BoundRef(1, IntType(), true, "b");
  Expr c;
  c.kind = ExprKind::kCoalesce;
  c.type = IntType();
  c.args = {a, b};
  EXPECT_EQ(Texts(Evaluate(*MakeExpr(c), batch, ctx)), (V{"1", "0", "4"}));
  // coalesce(a, 8 div b): the b = 0 row has a set, so 8 div 0 is never evaluated.
  Batch safe({Ints({1, std::nullopt}), Ints({0, 2})}, 2);
  c.type = LongType();
  c.args = {ImplicitCast(a, LongType()), Bound("div", {Literal(Value::Long(8)), ImplicitCast(b, LongType())}, ctx)};
  EXPECT_EQ(Texts(Evaluate(*MakeExpr(c), safe, ctx)), (V{"1", "4"}));
}

TEST(Evaluator, EvaluateConstant) {
  EvalContext ctx = Ctx();
  ExprPtr e = Bound("*", {Literal(Value::Int(6)), Literal(Value::Int(7))}, ctx);
  Value v = EvaluateConstant(*e, ctx);
  EXPECT_FALSE(v.is_null);
  EXPECT_EQ(v.i64, 42);
  ExprPtr date = Bound("to_date", {Literal(Value::String("2024-01-05"))}, ctx);
  EXPECT_EQ(EvaluateConstant(*date, ctx).i64, 19727);
}

}  // namespace
}  // namespace ember

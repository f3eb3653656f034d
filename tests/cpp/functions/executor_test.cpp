// The typed row executors, and kernels built on them run over column inputs (per-row patterns,
// nulls, task state across batches).
#include <gtest/gtest.h>

#include "functions/executor.h"
#include "function_test_util.h"

namespace ember {
namespace {

using namespace ftest;
using V = std::vector<std::string>;

TEST(Executor, NullRowsSkipTheFunctionAndOptionalGivesNull) {
  VectorPtr a = Col(IntType(), {I32(1), Null(IntType()), I32(3), I32(4)});
  VectorPtr b = Col(IntType(), {I32(10), I32(20), Null(IntType()), I32(0)});
  int calls = 0;
  VectorPtr out = ExecuteRows<int32_t(int32_t, int32_t)>(IntType(), {a, b}, 4, [&](int32_t x, int32_t y) -> std::optional<int32_t> {
    ++calls;
    if (y == 0) return std::nullopt;
    return x + y;
  });
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(Texts(out), (V{"11", "NULL", "NULL", "NULL"}));
}

TEST(Executor, StringResultsAndFalseForNull) {
  VectorPtr s = Col(StringType(), {Str("ab"), Null(StringType()), Str("")});
  VectorPtr out = ExecuteRows<StringResult(std::string_view)>(StringType(), {s}, 3, [](std::string& o, std::string_view v) {
    if (v.empty()) return false;
    o.append(v).append(v);
    return true;
  });
  EXPECT_EQ(Texts(out), (V{"abab", "NULL", "NULL"}));
}

TEST(Functions, RegexPatternsPerRow) {
  EvalContext ctx = Ctx();
  VectorPtr s = Col(StringType(), {Str("a1b2"), Str("xyz"), Str("aaa"), Null(StringType())});
  VectorPtr p = Col(StringType(), {Str("\\d"), Str("y"), Str("a"), Str("a")});
  EXPECT_EQ(Texts(Apply("regexp_replace", {Vec(s), Vec(p), Lit(Str("_"), 4)}, ctx)), (V{"a_b_", "x_z", "___", "NULL"}));
  EXPECT_EQ(Texts(Apply("regexp_count", {Vec(s), Vec(p)}, ctx)), (V{"2", "1", "3", "NULL"}));
  EXPECT_EQ(ErrorClass([&] { Apply("rlike", {Vec(s), Lit(Str("(a"), 4)}, ctx); }), "INVALID_PARAMETER_VALUE.PATTERN");
}

TEST(Functions, HashesOfEveryAtomicType) {
  EvalContext ctx = Ctx();
  VectorPtr i = Col(IntType(), {I32(1), Null(IntType())});
  VectorPtr d = Col(DecimalType(30, 2), {Dec(12345, 30, 2), Dec(-1, 30, 2)});
  VectorPtr s = Col(StringType(), {Str("abcde"), Str("")});
  EXPECT_EQ(Texts(Apply("hash", {Vec(i)}, ctx)), (V{"-559580957", "42"}));
  VectorPtr h = Apply("hash", {Vec(i), Vec(d), Vec(s)}, ctx);
  VectorPtr x = Apply("xxhash64", {Vec(i), Vec(d), Vec(s)}, ctx);
  EXPECT_FALSE(h->MayHaveNulls());
  EXPECT_FALSE(x->MayHaveNulls());
  EXPECT_NE(Texts(h)[0], Texts(h)[1]);
}

TEST(Functions, MonotonicIdsContinueAcrossBatchesOfATask) {
  EvalContext ctx = Ctx();
  ctx.partition_index = 2;
  BoundScalar bound = Bind("monotonically_increasing_id", {}, ctx);
  VectorPtr first = bound.kernel({}, 2, ctx);
  VectorPtr second = bound.kernel({}, 1, ctx);
  int64_t base = int64_t{2} << 33;
  EXPECT_EQ(Texts(first), (V{std::to_string(base), std::to_string(base + 1)}));
  EXPECT_EQ(Texts(second), (V{std::to_string(base + 2)}));
  EvalContext other = Ctx();
  EXPECT_EQ(Texts(bound.kernel({}, 1, other)), (V{"0"}));
}

TEST(Functions, RandIsSeededPerPartition) {
  EvalContext p0 = Ctx(), p1 = Ctx();
  p1.partition_index = 1;
  BoundScalar bound = Bind("rand", {Lit(I64(7))}, p0);
  std::vector<VectorPtr> seed = {MakeConstantVector(Value::Long(7), 3)};
  V a = Texts(bound.kernel(seed, 3, p0)), b = Texts(bound.kernel(seed, 3, p1));
  EXPECT_NE(a, b);
  EvalContext again = Ctx();
  EXPECT_EQ(Texts(bound.kernel(seed, 3, again)), a);
}

TEST(Functions, StringFamiliesOverColumns) {
  EvalContext ctx = Ctx();
  VectorPtr s = Col(StringType(), {Str("héllo"), Null(StringType()), Str("")});
  VectorPtr n = Col(IntType(), {I32(7), I32(2), I32(1)});
  EXPECT_EQ(Texts(Apply("lpad", {Vec(s), Vec(n), Lit(Str("*"), 3)}, ctx)), (V{"**héllo", "NULL", "*"}));
  EXPECT_EQ(Texts(Apply("translate", {Vec(s), Lit(Str("é"), 3), Lit(Str("e"), 3)}, ctx)), (V{"hello", "NULL", ""}));
  EXPECT_EQ(Texts(Apply("format_string", {Lit(Str("%s|%3d"), 3), Vec(s), Vec(n)}, ctx)), (V{"héllo|  7", "null|  2", "|  1"}));
  EXPECT_EQ(Texts(Apply("split_part", {Vec(s), Lit(Str("l"), 3), Lit(I32(2), 3)}, ctx)), (V{"", "NULL", ""}));
}

}  // namespace
}  // namespace ember

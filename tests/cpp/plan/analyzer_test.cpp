#include "plan/analyzer.h"

#include <gtest/gtest.h>

#include "plan/analyzer/name_resolution.h"
#include "plan_test_util.h"

namespace ember {
namespace {

using namespace ember::testing;

std::vector<std::string> Names(const PlanPtr& plan) {
  std::vector<std::string> names;
  for (const auto& attribute : plan->output) names.push_back(attribute.name);
  return names;
}

TEST(AnalyzerTest, ResolvesNamesCaseInsensitively) {
  PlanPtr plan = AnalyzeJson(Project(Local(), Col("A") + "," + Col("B")));
  EXPECT_EQ(plan->ToString(), "Project [a, b]\n+- LocalRelation [a, b, c]");
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(plan->As<ProjectNode>().exprs[1]->kind, ExprKind::kBoundRef);
  EXPECT_EQ(plan->As<ProjectNode>().exprs[1]->index, 1);
  EXPECT_EQ(plan->output[0].type->id, TypeId::kInt);
  EXPECT_FALSE(plan->output.size() == 3);
}

TEST(AnalyzerTest, CaseSensitiveModeRejectsOtherCase) {
  Config config;
  config.Set("spark.sql.caseSensitive", "true");
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Project(Local(), Col("A")), config); }),
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `A` "
            "cannot be resolved. Did you mean one of the following? [`a`, `b`, `c`]. SQLSTATE: 42703");
}

TEST(AnalyzerTest, SuggestsColumnsBySimilarity) {
  std::string input = R"({"op": "local", "schema": [{"name": "user_id", "type": "string"},
      {"name": "account_id", "type": "string"}, {"name": "event_name", "type": "string"},
      {"name": "timestamp", "type": "bigint"}, {"name": "user_ids", "type": "int"},
      {"name": "event_time", "type": "timestamp"}], "rows": []})";
  // Distances of the quoted candidates to "user": `user_id` 5, `user_ids` 6, `timestamp` 10, then
  // `account_id`, `event_name` and `event_time` 11 each (input order breaks ties); five are shown.
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Project(input, Col("user"))); }),
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `user` "
            "cannot be resolved. Did you mean one of the following? [`user_id`, `user_ids`, `timestamp`, "
            "`account_id`, `event_name`]. SQLSTATE: 42703");
}

TEST(AnalyzerTest, LevenshteinDistance) {
  EXPECT_EQ(LevenshteinDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(LevenshteinDistance("", "abc"), 3u);
  EXPECT_EQ(LevenshteinDistance("`a`", "ab"), 2u);
}

TEST(AnalyzerTest, MissingColumnWithoutCandidates) {
  std::string empty = R"({"op": "local", "schema": [], "rows": []})";
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Project(empty, Col("x"))); }),
            "[UNRESOLVED_COLUMN.WITHOUT_SUGGESTION] A column, variable, or function parameter with name `x` "
            "cannot be resolved. SQLSTATE: 42703");
}

TEST(AnalyzerTest, AmbiguousReference) {
  std::string input = R"({"op": "local", "schema": [{"name": "a", "type": "int"}, {"name": "A", "type": "int"}], "rows": []})";
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Project(input, Col("a"))); }),
            "[AMBIGUOUS_REFERENCE] Reference `a` is ambiguous, could be: [`A`, `a`]. SQLSTATE: 42704");
  Config config;
  config.Set("spark.sql.caseSensitive", "true");
  EXPECT_EQ(AnalyzeJson(Project(input, Col("A")), config)->As<ProjectNode>().exprs[0]->index, 1);
}

TEST(AnalyzerTest, ExpandsStars) {
  PlanPtr plan = AnalyzeJson(Project(Local(), R"({"e": "star"}, )" + Col("a")));
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"a", "b", "c", "a"}));
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Project(Local(), R"({"e": "star", "target": "t"})")); }),
            "[CANNOT_RESOLVE_STAR_EXPAND] Cannot resolve `t`.* given input columns `a`, `b`, `c`. Please "
            "check that the specified table or struct exists and is accessible in the input columns. "
            "SQLSTATE: 42704");
}

TEST(AnalyzerTest, ResolvesStructFields) {
  std::string input = R"({"op": "local", "schema": [{"name": "s", "type": "struct<x:int,y:string>"}],
                          "rows": [[[1, "p"]], [null]]})";
  PlanPtr plan = AnalyzeJson(Project(input, Col("s.X") + "," + R"({"e": "star", "target": "s"})"));
  // A field access is named by the field as written, a star by the fields' own names (as Spark).
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"X", "x", "y"}));
  EXPECT_EQ(plan->output[0].type->id, TypeId::kInt);
  EXPECT_EQ(plan->output[2].type->id, TypeId::kString);
  EXPECT_EQ(plan->ToString(), "Project [s.x AS X, s.x AS x, s.y AS y]\n+- LocalRelation [s]");

  // The field kernel nulls fields of null structs.
  const Batch& batch = (*plan->children[0]->As<LocalRelationNode>().batches)[0];
  const Expr& access = *plan->As<ProjectNode>().exprs[0]->args[0];
  EvalContext eval;
  VectorPtr x = access.scalar->kernel({batch.columns[0], nullptr}, batch.num_rows, eval);
  EXPECT_EQ(GetValue(*x, 0).i64, 1);
  EXPECT_TRUE(x->IsNull(1));

  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Project(input, Col("s.z"))); }),
            "[FIELD_NOT_FOUND] No such struct field `z` in `x`, `y`. SQLSTATE: 42704");
}

TEST(AnalyzerTest, WithColumnsReplaceInPlaceAndAppend) {
  std::string json = R"({"op": "with_columns", "input": )" + Local() + R"(, "names": ["B", "d"],
      "exprs": [)" + Fn("+", Col("a") + "," + IntLit(1)) + "," + Col("c") + "]}";
  PlanPtr plan = AnalyzeJson(json);
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"a", "B", "c", "d"}));
  EXPECT_EQ(plan->ToString(), "Project [a, (a + 1) AS B, c, c AS d]\n+- LocalRelation [a, b, c]");
  EXPECT_EQ(plan->output[1].type->id, TypeId::kInt);
  EXPECT_FALSE(plan->output[3].nullable);
}

TEST(AnalyzerTest, DropAndRename) {
  PlanPtr dropped = AnalyzeJson(R"({"op": "drop", "input": )" + Local() + R"(, "names": ["B", "zzz"]})");
  EXPECT_EQ(Names(dropped), (std::vector<std::string>{"a", "c"}));
  PlanPtr renamed = AnalyzeJson(R"({"op": "rename", "input": )" + Local() + R"(, "names": ["A", "x", "nope", "y"]})");
  EXPECT_EQ(Names(renamed), (std::vector<std::string>{"x", "b", "c"}));
  EXPECT_EQ(renamed->ToString(), "Project [a AS x, b, c]\n+- LocalRelation [a, b, c]");
}

TEST(AnalyzerTest, UnknownFunction) {
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Project(Local(), Fn("foo", Col("a")))); }),
            "[UNRESOLVED_ROUTINE] Cannot resolve routine `foo` on search path [`system`.`builtin`, "
            "`system`.`session`, `spark_catalog`.`default`]. SQLSTATE: 42883");
}

TEST(AnalyzerTest, BindsFunctionsAndNamesColumns) {
  PlanPtr plan = AnalyzeJson(Project(Local(), Fn("+", Col("a") + "," + Col("c"))));
  const Expr& add = *plan->As<ProjectNode>().exprs[0];
  EXPECT_EQ(add.kind, ExprKind::kFunction);
  ASSERT_NE(add.scalar, nullptr);
  EXPECT_EQ(add.type->id, TypeId::kDouble);
  // int + double: the int side is cast, but the name shows the expression as written.
  EXPECT_EQ(add.args[0]->kind, ExprKind::kCast);
  EXPECT_EQ(plan->output[0].name, "(a + c)");
  EXPECT_EQ(plan->ToString(), "Project [(cast(a as double) + c)]\n+- LocalRelation [a, b, c]");
}

TEST(AnalyzerTest, FilterConditionMustBeBoolean) {
  PlanPtr ok = AnalyzeJson(Filter(Local(), Fn("isnotnull", Col("a"))));
  EXPECT_EQ(ok->ToString(), "Filter isnotnull(a)\n+- LocalRelation [a, b, c]");
  EXPECT_EQ(Names(ok), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Filter(Local(), Col("a"))); }),
            "[DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN] Cannot resolve \"a\" due to data type mismatch: Filter "
            "expression \"a\" of type \"INT\" is not a boolean. SQLSTATE: 42K09");
}

TEST(AnalyzerTest, NormalizesAggregates) {
  std::string json = R"({"op": "aggregate", "input": )" + Local() + R"(, "groups": [)" + Col("B") +
                     R"(], "aggs": [)" + As(Agg("count", IntLit(1)), "n") + "," +
                     Fn("+", Agg("sum", Col("a")) + "," + IntLit(1)) + "," + Agg("sum", Col("a")) + "]}";
  PlanPtr plan = AnalyzeJson(json);
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"b", "n", "(sum(a) + 1)", "sum(a)"}));
  ASSERT_EQ(plan->kind(), PlanKind::kProject);
  const PlanPtr& aggregate = plan->children[0];
  ASSERT_EQ(aggregate->kind(), PlanKind::kAggregate);
  // One accumulator per distinct call; the aliased one carries the alias.
  ASSERT_EQ(aggregate->As<AggregateNode>().exprs.size(), 2u);
  EXPECT_EQ(aggregate->As<AggregateNode>().exprs[0]->kind, ExprKind::kAggregate);
  EXPECT_NE(aggregate->As<AggregateNode>().exprs[0]->aggregate, nullptr);
  EXPECT_EQ(aggregate->output[1].name, "n");
  EXPECT_EQ(aggregate->output[2].name, "sum(a)");
  EXPECT_EQ(aggregate->As<AggregateNode>().groups[0]->kind, ExprKind::kBoundRef);
  EXPECT_EQ(plan->As<ProjectNode>().exprs[2]->kind, ExprKind::kAlias);
  EXPECT_EQ(plan->As<ProjectNode>().exprs[2]->args[0]->args[0]->index, 2);  // sum(a) from the aggregate output
  EXPECT_EQ(plan->ToString(),
            "Project [b, n, (sum(a) + cast(1 as bigint)) AS (sum(a) + 1), sum(a)]\n"
            "+- Aggregate [b], [b, count(1) AS n, sum(cast(a as bigint)) AS sum(a)]\n"
            "   +- LocalRelation [a, b, c]");
}

TEST(AnalyzerTest, PlainAggregateNeedsNoProject) {
  std::string json = R"({"op": "aggregate", "input": )" + Local() + R"(, "groups": [)" + Col("b") + "," + Col("a") +
                     R"(], "aggs": [)" + As(Agg("count", IntLit(1)), "event_count") + "," +
                     As(Agg("count", Col("c"), true), "active") + "]}";
  PlanPtr plan = AnalyzeJson(json);
  ASSERT_EQ(plan->kind(), PlanKind::kAggregate);
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"b", "a", "event_count", "active"}));
  EXPECT_TRUE(plan->As<AggregateNode>().exprs[1]->distinct);
  EXPECT_FALSE(plan->output[2].nullable);
  EXPECT_EQ(plan->ToString(),
            "Aggregate [b, a], [b, a, count(1) AS event_count, count(distinct c) AS active]\n"
            "+- LocalRelation [a, b, c]");
}

TEST(AnalyzerTest, GlobalAggregateFromSelect) {
  PlanPtr plan = AnalyzeJson(Project(Local(), Agg("max", Col("c"))));
  ASSERT_EQ(plan->kind(), PlanKind::kAggregate);
  EXPECT_TRUE(plan->As<AggregateNode>().groups.empty());
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"max(c)"}));
}

TEST(AnalyzerTest, MissingAggregation) {
  std::string json = R"({"op": "aggregate", "input": )" + Local() + R"(, "groups": [)" + Col("b") +
                     R"(], "aggs": [)" + Fn("+", Col("a") + "," + Agg("count", IntLit(1))) + "]}";
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(json); }),
            "[MISSING_AGGREGATION] The non-aggregating expression \"a\" is based on columns which are not "
            "participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, "
            "aggregate the expression, or use \"any_value(a)\" if you do not care which of the values "
            "within a group is returned. SQLSTATE: 42803");
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Project(Local(), Col("a") + "," + Agg("count", IntLit(1)))); }),
            "[MISSING_GROUP_BY] The query does not include a GROUP BY clause. Add GROUP BY or turn it into "
            "the window functions using OVER clauses. SQLSTATE: 42803");
}

TEST(AnalyzerTest, NestedAggregateIsAnError) {
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Project(Local(), Agg("sum", Agg("count", IntLit(1))))); }),
            "[NESTED_AGGREGATE_FUNCTION] It is not allowed to use an aggregate function in the argument of "
            "another aggregate function. Please use the inner aggregate function in a sub-query. "
            "SQLSTATE: 42607");
}

TEST(AnalyzerTest, DistinctBecomesAggregate) {
  PlanPtr plan = AnalyzeJson(R"({"op": "distinct", "input": )" + Local() + "}");
  EXPECT_EQ(plan->ToString(), "Aggregate [a, b, c], [a, b, c]\n+- LocalRelation [a, b, c]");
  EXPECT_TRUE(plan->As<AggregateNode>().exprs.empty());
}

TEST(AnalyzerTest, SortAndLimit) {
  std::string sort = R"({"op": "sort", "input": )" + Local() + R"(, "orders": [{"e": "sort", "child": )" + Col("b") +
                     R"(, "asc": false, "nulls_first": false}]})";
  PlanPtr plan = AnalyzeJson(R"({"op": "limit", "input": )" + sort + R"(, "n": 3})");
  EXPECT_EQ(plan->ToString(),
            "GlobalLimit 3\n+- LocalLimit 3\n   +- Sort [b DESC NULLS LAST], true\n      +- LocalRelation [a, b, c]");
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(R"({"op": "limit", "input": )" + Local() + R"(, "n": -1})"); }),
            "[INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE] The limit like expression \"-1\" is invalid. The "
            "limit expression must be equal to or greater than 0, but got -1. SQLSTATE: 42K0E");
}

TEST(AnalyzerTest, UnionWidensTypesByPosition) {
  std::string other = R"({"op": "local", "schema": [{"name": "x", "type": "double"}, {"name": "y", "type": "string"},
      {"name": "z", "type": "double", "nullable": true}], "rows": []})";
  PlanPtr plan = AnalyzeJson(R"({"op": "union", "inputs": [)" + Local() + "," + other + "]}");
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(plan->output[0].type->id, TypeId::kDouble);
  EXPECT_TRUE(plan->output[2].nullable);
  EXPECT_EQ(plan->ToString(),
            "Union false, false\n"
            ":- Project [cast(a as double) AS a, b, c]\n"
            ":  +- LocalRelation [a, b, c]\n"
            "+- LocalRelation [x, y, z]");
  std::string narrow = R"({"op": "local", "schema": [{"name": "x", "type": "int"}], "rows": []})";
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(R"({"op": "union", "inputs": [)" + Local() + "," + narrow + "]}"); }),
            "[NUM_COLUMNS_MISMATCH] UNION can only be performed on inputs with the same number of columns, "
            "but the first input has 3 columns and the second input has 1 columns. SQLSTATE: 42826");
}

TEST(AnalyzerTest, UnionByNameReordersAndFillsMissing) {
  std::string other = R"({"op": "local", "schema": [{"name": "C", "type": "double"}, {"name": "a", "type": "int"},
      {"name": "extra", "type": "string"}], "rows": []})";
  std::string json = R"({"op": "union", "by_name": true, "allow_missing": true, "inputs": [)" + Local() + "," + other + "]}";
  PlanPtr plan = AnalyzeJson(json);
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"a", "b", "c", "extra"}));
  EXPECT_EQ(plan->ToString(),
            "Union false, false\n"
            ":- Project [a, b, c, null AS extra]\n"
            ":  +- LocalRelation [a, b, c]\n"
            "+- Project [a, null AS b, C, extra]\n"
            "   +- LocalRelation [C, a, extra]");
  std::string strict = R"({"op": "union", "by_name": true, "inputs": [)" + Local() + "," + other + "]}";
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(strict); }),
            "[UNRESOLVED_COLUMN_AMONG_FIELD_NAMES] Cannot resolve column name \"b\" among (C, a, extra). "
            "SQLSTATE: 42703");
}

TEST(AnalyzerTest, ReadsListFilesAndUseTheFormatSchema) {
  PlanPtr plan = AnalyzeJson(FakeRead());
  ASSERT_EQ(plan->As<ReadNode>().files.size(), 1u);
  EXPECT_EQ(plan->As<ReadNode>().files[0], std::string(EMBER_SOURCE_DIR) + "/docs/plan-format.md");
  EXPECT_EQ(Names(plan), (std::vector<std::string>{"id", "name", "score"}));
  EXPECT_TRUE(plan->output[0].nullable);  // file sources are read as nullable
  EXPECT_EQ(plan->ToString(), "Relation [id,name,score] fake");

  PlanPtr user = AnalyzeJson(FakeRead(R"([{"name": "k", "type": "date", "nullable": false}])"));
  EXPECT_EQ(Names(user), (std::vector<std::string>{"k"}));
  EXPECT_EQ(user->output[0].type->id, TypeId::kDate);

  EXPECT_NE(ErrorOf([&] {
              AnalyzeJson(R"({"op": "read", "format": "nosuch", "paths": ["/x"], "schema": null, "options": {}})");
            }).find("[DATA_SOURCE_NOT_FOUND]"),
            std::string::npos);
}

TEST(AnalyzerTest, CastsAreChecked) {
  std::string input = R"({"op": "local", "schema": [{"name": "s", "type": "struct<x:int>"}], "rows": []})";
  std::string cast = R"({"e": "cast", "type": "int", "child": )" + Col("s") + "}";
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Project(input, cast)); }),
            "[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] Cannot resolve \"CAST(s AS INT)\" due to data type "
            "mismatch: cannot cast \"STRUCT<x: INT>\" to \"INT\". SQLSTATE: 42K09");
  PlanPtr ok = AnalyzeJson(Project(Local(), R"({"e": "cast", "type": "bigint", "child": )" + Col("a") + "}"));
  EXPECT_EQ(ok->output[0].name, "CAST(a AS BIGINT)");
  EXPECT_EQ(ok->output[0].type->id, TypeId::kLong);
}

TEST(AnalyzerTest, CoercesCaseWhenAndCoalesce) {
  std::string when = R"({"e": "when", "branches": [[)" + Fn("isnull", Col("a")) + "," + IntLit(0) + "]], \"else\": " +
                     Col("c") + "}";
  PlanPtr plan = AnalyzeJson(Project(Local(), when));
  EXPECT_EQ(plan->output[0].type->id, TypeId::kDouble);
  EXPECT_FALSE(plan->output[0].nullable);
  EXPECT_EQ(plan->As<ProjectNode>().exprs[0]->args[1]->kind, ExprKind::kCast);

  PlanPtr coalesce = AnalyzeJson(Project(Local(), R"({"e": "coalesce", "args": [)" + Col("a") + "," + Col("c") + "]}"));
  EXPECT_EQ(coalesce->output[0].type->id, TypeId::kDouble);
  EXPECT_FALSE(coalesce->output[0].nullable);

  std::string input = R"({"op": "local", "schema": [{"name": "s", "type": "struct<x:int>"}], "rows": []})";
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Project(input, R"({"e": "coalesce", "args": [)" + Col("s") + "," + IntLit(1) + "]}")); }),
            "[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"coalesce(s, 1)\" due to data type mismatch: "
            "Input to `coalesce` should all be the same type, but it's [\"STRUCT<x: INT>\", \"INT\"]. SQLSTATE: 42K09");
}

TEST(AnalyzerTest, LogicRequiresBooleans) {
  std::string both = R"({"e": "and", "args": [)" + Fn("isnull", Col("a")) + R"(, {"e": "lit", "value": null, "type": "void"}]})";
  PlanPtr plan = AnalyzeJson(Filter(Local(), both));
  EXPECT_EQ(plan->As<FilterNode>().condition->type->id, TypeId::kBoolean);
  EXPECT_EQ(plan->As<FilterNode>().condition->args[1]->type->id, TypeId::kBoolean);
  std::string bad = R"({"e": "or", "args": [)" + Fn("isnull", Col("a")) + "," + Col("b") + "]}";
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Filter(Local(), bad)); }),
            "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"((a IS NULL) OR b)\" due to data type "
            "mismatch: The second parameter requires the \"BOOLEAN\" type, however \"b\" has the type "
            "\"STRING\". SQLSTATE: 42K09");
}

}  // namespace
}  // namespace ember

namespace ember {
namespace {

using namespace ember::testing;

TEST(AnalyzerTest, SortAndFilterSeeColumnsTheProjectDropped) {
  std::string selected = Project(Local(), Col("b"));
  std::string sorted = R"({"op": "sort", "input": )" + selected + R"(, "orders": [{"e": "sort", "child": )" + Col("C") +
                       R"(, "asc": true}]})";
  PlanPtr plan = AnalyzeJson(sorted);
  EXPECT_EQ(plan->ToString(),
            "Project [b]\n"
            "+- Sort [c ASC NULLS FIRST], true\n"
            "   +- Project [b, c]\n"
            "      +- LocalRelation [a, b, c]");
  ASSERT_EQ(plan->output.size(), 1u);
  EXPECT_EQ(plan->output[0].name, "b");
  PlanPtr filtered = AnalyzeJson(Filter(selected, Fn("isnull", Col("a"))));
  EXPECT_EQ(filtered->ToString(),
            "Project [b]\n"
            "+- Filter isnull(a)\n"
            "   +- Project [b, a]\n"
            "      +- LocalRelation [a, b, c]");
  // A name missing everywhere still reports the columns the node sees.
  EXPECT_EQ(ErrorOf([&] { AnalyzeJson(Filter(selected, Fn("isnull", Col("zz")))); }),
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `zz` "
            "cannot be resolved. Did you mean one of the following? [`b`]. SQLSTATE: 42703");
}

}  // namespace
}  // namespace ember

namespace ember {
namespace {

using namespace ember::testing;

std::string DoubleLit(const std::string& text) { return R"({"e": "lit", "value": )" + text + R"(, "type": "double"})"; }

TEST(AnalyzerTest, AccumulatorsAreSharedOnlyForEqualCalls) {
  std::string json = Project(Local(), Agg("sum", Fn("+", Col("c") + "," + DoubleLit("0.1"))) + "," +
                                          Agg("sum", Fn("+", Col("c") + "," + DoubleLit("0.1000000001"))) + "," +
                                          Agg("sum", Fn("+", Col("C") + "," + DoubleLit("0.1"))));
  PlanPtr plan = AnalyzeJson(json);
  ASSERT_EQ(plan->kind(), PlanKind::kProject);
  EXPECT_EQ(plan->children[0]->As<AggregateNode>().exprs.size(), 2u);
}

TEST(AnalyzerTest, CoercionFollowsAnsiMode) {
  std::string json = Project(Local(), R"({"e": "coalesce", "args": [)" + Col("b") + "," + Col("a") + "]}");
  EXPECT_EQ(AnalyzeJson(json)->output[0].type->id, TypeId::kLong);
  Config legacy;
  legacy.Set("spark.sql.ansi.enabled", "false");
  EXPECT_EQ(AnalyzeJson(json, legacy)->output[0].type->id, TypeId::kString);
}

}  // namespace
}  // namespace ember

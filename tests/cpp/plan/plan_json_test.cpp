#include "plan/plan_json.h"

#include <gtest/gtest.h>

#include <cmath>

#include "common/error.h"

namespace ember {
namespace {

ExprPtr ParseExpr(const std::string& json) { return ParseExprJson(json); }

TEST(PlanJsonTest, ParsesColumnsAndStars) {
  ExprPtr col = ParseExpr(R"({"e": "col", "name": "a.b"})");
  EXPECT_EQ(col->kind, ExprKind::kColumn);
  EXPECT_EQ(col->name_parts, (std::vector<std::string>{"a", "b"}));
  ExprPtr quoted = ParseExpr(R"({"e": "col", "name": "`a.b`"})");
  EXPECT_EQ(quoted->name_parts, (std::vector<std::string>{"a.b"}));
  ExprPtr star = ParseExpr(R"({"e": "star"})");
  EXPECT_EQ(star->kind, ExprKind::kStar);
  EXPECT_TRUE(star->name_parts.empty());
  ExprPtr target = ParseExpr(R"({"e": "star", "target": "t"})");
  EXPECT_EQ(target->name_parts, (std::vector<std::string>{"t"}));
}

TEST(PlanJsonTest, ParsesLiteralsByType) {
  ExprPtr i = ParseExpr(R"({"e": "lit", "value": 42, "type": "int"})");
  EXPECT_EQ(i->kind, ExprKind::kLiteral);
  EXPECT_EQ(i->type->id, TypeId::kInt);
  EXPECT_EQ(i->literal.i64, 42);
  EXPECT_FALSE(i->literal.is_null);
  EXPECT_FALSE(i->nullable);

  ExprPtr null_string = ParseExpr(R"({"e": "lit", "value": null, "type": "string"})");
  EXPECT_TRUE(null_string->literal.is_null);
  EXPECT_EQ(null_string->type->id, TypeId::kString);
  EXPECT_TRUE(null_string->nullable);

  EXPECT_TRUE(std::isnan(ParseExpr(R"({"e": "lit", "value": "NaN", "type": "double"})")->literal.f64));
  EXPECT_EQ(ParseExpr(R"({"e": "lit", "value": "-Infinity", "type": "double"})")->literal.f64, -INFINITY);
  EXPECT_EQ(ParseExpr(R"({"e": "lit", "value": 2, "type": "double"})")->literal.f64, 2.0);
  EXPECT_EQ(ParseExpr(R"({"e": "lit", "value": 1.5, "type": "float"})")->literal.f64, 1.5);

  ExprPtr dec = ParseExpr(R"J({"e": "lit", "value": "-12.5", "type": "decimal(10,2)"})J");
  EXPECT_EQ(dec->literal.DecimalUnscaled(), -1250);
  ExprPtr rounded = ParseExpr(R"J({"e": "lit", "value": "1.005", "type": "decimal(5,2)"})J");
  EXPECT_EQ(rounded->literal.DecimalUnscaled(), 101);
  ExprPtr wide = ParseExpr(R"J({"e": "lit", "value": "12345678901234567890.5", "type": "decimal(30,1)"})J");
  EXPECT_EQ(Int128ToString(wide->literal.DecimalUnscaled()), "123456789012345678905");

  EXPECT_EQ(ParseExpr(R"({"e": "lit", "value": "0a1B", "type": "binary"})")->literal.str, std::string("\x0a\x1b"));
  EXPECT_EQ(ParseExpr(R"({"e": "lit", "value": "héllo", "type": "string"})")->literal.str, "héllo");
  EXPECT_EQ(ParseExpr(R"({"e": "lit", "value": true, "type": "boolean"})")->literal.i64, 1);
  EXPECT_EQ(ParseExpr(R"({"e": "lit", "value": 19000, "type": "date"})")->literal.i64, 19000);
  EXPECT_EQ(ParseExpr(R"({"e": "lit", "value": -1000000, "type": "timestamp"})")->literal.i64, -1000000);
}

TEST(PlanJsonTest, ParsesNestedLiterals) {
  ExprPtr array = ParseExpr(R"({"e": "lit", "value": [1, null, 3], "type": "array<int>"})");
  ASSERT_EQ(array->literal.children.size(), 3u);
  EXPECT_TRUE(array->literal.children[1].is_null);
  EXPECT_EQ(array->literal.children[2].i64, 3);

  ExprPtr map = ParseExpr(R"({"e": "lit", "value": [["a", 1], ["b", 2]], "type": "map<string,int>"})");
  ASSERT_EQ(map->literal.children.size(), 4u);  // keys, then values
  EXPECT_EQ(map->literal.children[0].str, "a");
  EXPECT_EQ(map->literal.children[1].str, "b");
  EXPECT_EQ(map->literal.children[2].i64, 1);
  EXPECT_EQ(map->literal.children[3].i64, 2);

  ExprPtr row = ParseExpr(R"({"e": "lit", "value": [7, "x"], "type": "struct<a:int,b:string>"})");
  ASSERT_EQ(row->literal.children.size(), 2u);
  EXPECT_EQ(row->literal.children[0].i64, 7);
  EXPECT_EQ(row->literal.children[1].str, "x");
}

TEST(PlanJsonTest, ParsesCallsAndSpecialForms) {
  ExprPtr fn = ParseExpr(R"({"e": "fn", "name": "To_Date", "args": [{"e": "col", "name": "t"}]})");
  EXPECT_EQ(fn->kind, ExprKind::kFunction);
  EXPECT_EQ(fn->name, "to_date");
  ASSERT_EQ(fn->args.size(), 1u);
  EXPECT_FALSE(fn->resolved());

  ExprPtr agg = ParseExpr(
      R"({"e": "agg", "name": "count", "args": [{"e": "col", "name": "u"}], "distinct": true})");
  EXPECT_EQ(agg->kind, ExprKind::kAggregate);
  EXPECT_TRUE(agg->distinct);

  ExprPtr alias = ParseExpr(R"({"e": "alias", "name": "n", "child": {"e": "col", "name": "a"}})");
  EXPECT_EQ(alias->kind, ExprKind::kAlias);
  EXPECT_EQ(alias->name, "n");

  ExprPtr cast = ParseExpr(R"({"e": "cast", "type": "bigint", "try": true, "child": {"e": "col", "name": "a"}})");
  EXPECT_EQ(cast->kind, ExprKind::kCast);
  EXPECT_EQ(cast->type->id, TypeId::kLong);
  EXPECT_TRUE(cast->try_cast);

  ExprPtr when = ParseExpr(R"({"e": "when", "branches": [[{"e": "col", "name": "c"}, {"e": "lit", "value": 1, "type": "int"}]],
                               "else": {"e": "lit", "value": 2, "type": "int"}})");
  EXPECT_EQ(when->kind, ExprKind::kCaseWhen);
  EXPECT_EQ(when->args.size(), 3u);
  EXPECT_TRUE(when->has_else);
  ExprPtr when_no_else = ParseExpr(R"({"e": "when", "branches": [[{"e": "col", "name": "c"}, {"e": "col", "name": "d"}]]})");
  EXPECT_EQ(when_no_else->args.size(), 2u);
  EXPECT_FALSE(when_no_else->has_else);

  ExprPtr conj = ParseExpr(R"({"e": "and", "args": [{"e": "col", "name": "x"}, {"e": "col", "name": "y"}]})");
  EXPECT_EQ(conj->kind, ExprKind::kAnd);
  ExprPtr disj = ParseExpr(R"({"e": "or", "args": [{"e": "col", "name": "x"}, {"e": "col", "name": "y"}]})");
  EXPECT_EQ(disj->kind, ExprKind::kOr);
  ExprPtr coalesce = ParseExpr(R"({"e": "coalesce", "args": [{"e": "col", "name": "x"}, {"e": "col", "name": "y"}, {"e": "col", "name": "z"}]})");
  EXPECT_EQ(coalesce->kind, ExprKind::kCoalesce);
  EXPECT_EQ(coalesce->args.size(), 3u);

  ExprPtr desc = ParseExpr(R"({"e": "sort", "child": {"e": "col", "name": "a"}, "asc": false})");
  EXPECT_EQ(desc->kind, ExprKind::kSortOrder);
  EXPECT_FALSE(desc->ascending);
  EXPECT_FALSE(desc->nulls_first);  // descending defaults to NULLS LAST, as Spark
  ExprPtr asc = ParseExpr(R"({"e": "sort", "child": {"e": "col", "name": "a"}, "asc": true, "nulls_first": false})");
  EXPECT_TRUE(asc->ascending);
  EXPECT_FALSE(asc->nulls_first);
}

const char* kLocal = R"({"op": "local", "schema": [{"name": "a", "type": "int", "nullable": true},
                                                   {"name": "b", "type": "string", "nullable": false}],
                         "rows": [[1, "x"], [null, "y"]]})";

TEST(PlanJsonTest, ParsesLocalRelationIntoBatches) {
  PlanPtr plan = ParsePlanJson(kLocal);
  EXPECT_EQ(plan->kind(), PlanKind::kLocalRelation);
  ASSERT_EQ(plan->As<LocalRelationNode>().schema.size(), 2u);
  EXPECT_FALSE(plan->As<LocalRelationNode>().schema[1].nullable);
  ASSERT_EQ(plan->As<LocalRelationNode>().batches->size(), 1u);
  const Batch& batch = (*plan->As<LocalRelationNode>().batches)[0];
  EXPECT_EQ(batch.num_rows, 2);
  EXPECT_EQ(GetValue(*batch.columns[0], 0).i64, 1);
  EXPECT_TRUE(batch.columns[0]->IsNull(1));
  EXPECT_EQ(batch.columns[1]->GetString(1), "y");
}

TEST(PlanJsonTest, SplitsLargeLocalRelations) {
  std::string rows;
  for (int i = 0; i < kBatchRows + 10; ++i) rows += (i ? "," : "") + std::string("[") + std::to_string(i) + "]";
  PlanPtr plan = ParsePlanJson(R"({"op": "local", "schema": [{"name": "a", "type": "bigint"}], "rows": [)" + rows + "]}");
  ASSERT_EQ(plan->As<LocalRelationNode>().batches->size(), 2u);
  EXPECT_EQ((*plan->As<LocalRelationNode>().batches)[0].num_rows, kBatchRows);
  EXPECT_EQ((*plan->As<LocalRelationNode>().batches)[1].num_rows, 10);
  EXPECT_EQ(GetValue(*(*plan->As<LocalRelationNode>().batches)[1].columns[0], 9).i64, kBatchRows + 9);
}

TEST(PlanJsonTest, ParsesEveryPlanNode) {
  std::string local = kLocal;
  auto wrap = [&](const std::string& op, const std::string& fields) {
    return R"({"op": ")" + op + R"(", "input": )" + local + (fields.empty() ? "" : ", " + fields) + "}";
  };
  PlanPtr project = ParsePlanJson(wrap("project", R"("exprs": [{"e": "col", "name": "a"}])"));
  EXPECT_EQ(project->kind(), PlanKind::kProject);
  EXPECT_EQ(project->As<ProjectNode>().exprs.size(), 1u);
  EXPECT_EQ(project->children[0]->kind(), PlanKind::kLocalRelation);

  PlanPtr filter = ParsePlanJson(wrap("filter", R"("condition": {"e": "col", "name": "a"})"));
  EXPECT_EQ(filter->kind(), PlanKind::kFilter);
  EXPECT_NE(filter->As<FilterNode>().condition, nullptr);

  PlanPtr aggregate = ParsePlanJson(wrap("aggregate", R"("groups": [{"e": "col", "name": "b"}],
      "aggs": [{"e": "agg", "name": "sum", "args": [{"e": "col", "name": "a"}]}])"));
  EXPECT_EQ(aggregate->kind(), PlanKind::kAggregate);
  EXPECT_EQ(aggregate->As<AggregateNode>().groups.size(), 1u);
  EXPECT_EQ(aggregate->As<AggregateNode>().exprs.size(), 1u);

  PlanPtr sort = ParsePlanJson(wrap("sort", R"("orders": [{"e": "sort", "child": {"e": "col", "name": "a"}, "asc": true}])"));
  EXPECT_EQ(sort->kind(), PlanKind::kSort);

  PlanPtr limit = ParsePlanJson(wrap("limit", R"("n": 5)"));
  EXPECT_EQ(limit->kind(), PlanKind::kLimit);
  EXPECT_EQ(limit->As<LimitNode>().limit, 5);

  EXPECT_EQ(ParsePlanJson(wrap("distinct", ""))->kind(), PlanKind::kDistinct);

  PlanPtr with = ParsePlanJson(wrap("with_columns", R"("names": ["c"], "exprs": [{"e": "col", "name": "a"}])"));
  EXPECT_EQ(with->kind(), PlanKind::kWithColumns);
  EXPECT_EQ(with->As<WithColumnsNode>().names, (std::vector<std::string>{"c"}));

  PlanPtr drop = ParsePlanJson(wrap("drop", R"("names": ["a", "b"])"));
  EXPECT_EQ(drop->kind(), PlanKind::kDrop);
  EXPECT_EQ(drop->As<DropNode>().names.size(), 2u);

  PlanPtr rename = ParsePlanJson(wrap("rename", R"("names": ["a", "z"])"));
  EXPECT_EQ(rename->kind(), PlanKind::kRename);
  EXPECT_EQ(rename->As<RenameNode>().names, (std::vector<std::string>{"a", "z"}));

  PlanPtr union_plan = ParsePlanJson(R"({"op": "union", "inputs": [)" + local + "," + local +
                                     R"(], "by_name": true, "allow_missing": true})");
  EXPECT_EQ(union_plan->kind(), PlanKind::kUnion);
  EXPECT_EQ(union_plan->children.size(), 2u);
  EXPECT_TRUE(union_plan->As<UnionNode>().by_name);
  EXPECT_TRUE(union_plan->As<UnionNode>().allow_missing_columns);
}

TEST(PlanJsonTest, ParsesReads) {
  PlanPtr read = ParsePlanJson(R"({"op": "read", "format": "JSON", "paths": ["/a", "/b"],
      "schema": [{"name": "user_id", "type": "string", "nullable": true}],
      "options": {"Mode": "PERMISSIVE"}})");
  EXPECT_EQ(read->kind(), PlanKind::kRead);
  EXPECT_EQ(read->As<ReadNode>().format, "json");
  EXPECT_EQ(read->As<ReadNode>().paths, (std::vector<std::string>{"/a", "/b"}));
  ASSERT_TRUE(read->As<ReadNode>().user_schema.has_value());
  EXPECT_EQ(read->As<ReadNode>().user_schema->at(0).name, "user_id");
  EXPECT_EQ(read->As<ReadNode>().options.at("mode"), "PERMISSIVE");

  PlanPtr inferred = ParsePlanJson(R"({"op": "read", "format": "parquet", "paths": ["/a"], "schema": null, "options": {}})");
  EXPECT_FALSE(inferred->As<ReadNode>().user_schema.has_value());
}

TEST(PlanJsonTest, RejectsMalformedInputAsInternalError) {
  EXPECT_THROW(ParsePlanJson("{"), InternalError);
  EXPECT_THROW(ParsePlanJson(R"({"op": "nope"})"), InternalError);
  EXPECT_THROW(ParseExprJson(R"({"e": "lit", "value": "x", "type": "int"})"), InternalError);
  EXPECT_THROW(ParseExprJson(R"({"e": "fn", "args": []})"), InternalError);
}

}  // namespace
}  // namespace ember

namespace ember {
namespace {

TEST(PlanJsonTest, UnresolvedPlanText) {
  PlanPtr plan = ParsePlanJson(R"({"op": "limit", "n": 2, "input": {"op": "union", "by_name": false, "inputs": [
      {"op": "with_columns", "names": ["c"], "exprs": [{"e": "fn", "name": "+", "args": [{"e": "col", "name": "a"},
          {"e": "lit", "value": 1, "type": "int"}]}],
       "input": {"op": "filter", "condition": {"e": "fn", "name": "isnotnull", "args": [{"e": "col", "name": "t.a"}]},
                 "input": {"op": "read", "format": "json", "paths": ["/d"], "schema": null, "options": {}}}},
      {"op": "aggregate", "groups": [{"e": "col", "name": "k"}],
       "aggs": [{"e": "alias", "name": "n", "child": {"e": "agg", "name": "count", "distinct": true,
                                                      "args": [{"e": "star"}]}}],
       "input": {"op": "local", "schema": [{"name": "k", "type": "string"}], "rows": []}}]}})");
  EXPECT_EQ(plan->ToString(),
            "'GlobalLimit 2\n"
            "+- 'LocalLimit 2\n"
            "   +- 'Union false, false\n"
            "      :- 'WithColumns [('a + 1) AS c]\n"
            "      :  +- 'Filter 'isnotnull('t.a)\n"
            "      :     +- 'UnresolvedDataSource json, [/d]\n"
            "      +- 'Aggregate ['k], ['count(distinct *) AS n]\n"
            "         +- LocalRelation [k]");
}

}  // namespace
}  // namespace ember

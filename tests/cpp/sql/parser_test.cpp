// The SQL parser: plan shapes, expression trees (through their SQL text), literal typing and
// syntax errors.
#include <gtest/gtest.h>

#include "common/error.h"
#include "sql/literals.h"
#include "sql/parser.h"

namespace ember::sql {
namespace {

std::string ErrorClassOf(const std::string& text) {
  try {
    ParseQuery(text);
  } catch (const SparkError& error) {
    return error.error_class();
  }
  return "";
}

std::string ErrorMessageOf(const std::string& text) {
  try {
    ParseQuery(text);
  } catch (const SparkError& error) {
    return error.what();
  }
  return "";
}

TEST(SqlParserTest, SelectFromWhereOrderLimit) {
  PlanPtr plan = ParseQuery("SELECT a, b + 1 AS c FROM t WHERE a > 1 ORDER BY c DESC LIMIT 5");
  ASSERT_EQ(plan->kind(), PlanKind::kLimit);
  EXPECT_EQ(plan->As<LimitNode>().limit, 5);
  const LogicalPlan& sort = *plan->children[0];
  ASSERT_EQ(sort.kind(), PlanKind::kSort);
  EXPECT_FALSE(sort.As<SortNode>().orders[0]->ascending);
  EXPECT_FALSE(sort.As<SortNode>().orders[0]->nulls_first);
  const LogicalPlan& project = *sort.children[0];
  ASSERT_EQ(project.kind(), PlanKind::kProject);
  ASSERT_EQ(project.As<ProjectNode>().exprs.size(), 2u);
  EXPECT_EQ(project.As<ProjectNode>().exprs[1]->kind, ExprKind::kAlias);
  EXPECT_EQ(project.As<ProjectNode>().exprs[1]->name, "c");
  EXPECT_EQ(project.As<ProjectNode>().exprs[1]->args[0]->ToSql(), "(b + 1)");
  const LogicalPlan& filter = *project.children[0];
  ASSERT_EQ(filter.kind(), PlanKind::kFilter);
  EXPECT_EQ(filter.As<FilterNode>().condition->ToSql(), "(a > 1)");
  ASSERT_EQ(filter.children[0]->kind(), PlanKind::kUnresolvedRelation);
  EXPECT_EQ(filter.children[0]->As<UnresolvedRelationNode>().name, std::vector<std::string>{"t"});
}

TEST(SqlParserTest, OperatorPrecedence) {
  EXPECT_EQ(ParseExpression("1 + 2 * 3 - 4")->ToSql(), "((1 + (2 * 3)) - 4)");
  EXPECT_EQ(ParseExpression("a = 1 OR b = 2 AND NOT c")->ToSql(), "((a = 1) OR ((b = 2) AND (NOT c)))");
  EXPECT_EQ(ParseExpression("-x * 2")->ToSql(), "((- x) * 2)");
  EXPECT_EQ(ParseExpression("a IS NOT NULL")->ToSql(), "(a IS NOT NULL)");
}

TEST(SqlParserTest, AggregateCallsComeFromTheRegistry) {
  PlanPtr plan = ParseQuery("SELECT k, count(*), count(DISTINCT v), upper(k) FROM t GROUP BY k");
  ASSERT_EQ(plan->kind(), PlanKind::kAggregate);
  EXPECT_TRUE(plan->As<AggregateNode>().select_list);
  EXPECT_EQ(plan->As<AggregateNode>().exprs[1]->kind, ExprKind::kAggregate);
  EXPECT_EQ(plan->As<AggregateNode>().exprs[2]->kind, ExprKind::kAggregate);
  EXPECT_TRUE(plan->As<AggregateNode>().exprs[2]->distinct);
  EXPECT_EQ(plan->As<AggregateNode>().exprs[3]->kind, ExprKind::kFunction);
}

TEST(SqlParserTest, GroupByOrdinalTakesTheSelectExpression) {
  PlanPtr plan = ParseQuery("SELECT upper(k) AS u, sum(v) FROM t GROUP BY 1");
  ASSERT_EQ(plan->As<AggregateNode>().groups.size(), 1u);
  EXPECT_EQ(plan->As<AggregateNode>().groups[0]->ToSql(), "upper(k)");
}

TEST(SqlParserTest, JoinsAndAliases) {
  PlanPtr plan = ParseQuery("SELECT * FROM a x LEFT OUTER JOIN b AS y ON x.id = y.id CROSS JOIN c JOIN d USING (k)");
  const LogicalPlan* join = plan->children[0].get();
  ASSERT_EQ(join->kind(), PlanKind::kJoin);
  EXPECT_EQ(join->As<JoinNode>().using_columns, std::vector<std::string>{"k"});
  EXPECT_EQ(join->As<JoinNode>().type, JoinType::kInner);
  join = join->children[0].get();
  EXPECT_EQ(join->As<JoinNode>().type, JoinType::kCross);
  join = join->children[0].get();
  EXPECT_EQ(join->As<JoinNode>().type, JoinType::kLeftOuter);
  EXPECT_EQ(join->As<JoinNode>().condition->ToSql(), "(x.id = y.id)");
  ASSERT_EQ(join->children[0]->kind(), PlanKind::kSubqueryAlias);
  EXPECT_EQ(join->children[0]->As<SubqueryAliasNode>().alias, "x");
}

TEST(SqlParserTest, SetOperationsBindIntersectTighter) {
  PlanPtr plan = ParseQuery("SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4");
  ASSERT_EQ(plan->kind(), PlanKind::kSetOperation);
  EXPECT_EQ(plan->As<SetOperationNode>().op, SetOperation::kExcept);
  EXPECT_TRUE(plan->As<SetOperationNode>().all);
  const LogicalPlan& left = *plan->children[0];
  ASSERT_EQ(left.kind(), PlanKind::kUnion);
  EXPECT_EQ(left.children[1]->kind(), PlanKind::kSetOperation);
  EXPECT_EQ(ParseQuery("SELECT 1 UNION SELECT 2")->kind(), PlanKind::kDistinct);
}

TEST(SqlParserTest, OrderByAfterASetOperationSortsTheWholeResult) {
  PlanPtr plan = ParseQuery("SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY a");
  ASSERT_EQ(plan->kind(), PlanKind::kSort);
  EXPECT_EQ(plan->children[0]->kind(), PlanKind::kUnion);
  PlanPtr nested = ParseQuery("SELECT x FROM (SELECT a AS x FROM t ORDER BY 1) ORDER BY x DESC");
  ASSERT_EQ(nested->kind(), PlanKind::kSort);
  EXPECT_EQ(nested->As<SortNode>().orders[0]->args[0]->ToSql(), "x");
}

TEST(SqlParserTest, WithNamesBecomeAliasedSubqueries) {
  PlanPtr plan = ParseQuery("WITH c AS (SELECT 1 AS x) SELECT x FROM c");
  const LogicalPlan& from = *plan->children[0];
  ASSERT_EQ(from.kind(), PlanKind::kSubqueryAlias);
  EXPECT_EQ(from.As<SubqueryAliasNode>().alias, "c");
  EXPECT_EQ(from.children[0]->kind(), PlanKind::kProject);
}

TEST(SqlParserTest, LiteralTypes) {
  auto type_of = [](const std::string& text) { return ParseNumberLiteral(text)->type->ToString(); };
  EXPECT_EQ(type_of("1"), "int");
  EXPECT_EQ(type_of("2147483648"), "bigint");
  EXPECT_EQ(type_of("-2147483648"), "int");
  EXPECT_EQ(type_of("99999999999999999999"), "decimal(20,0)");
  EXPECT_EQ(type_of("1.5"), "decimal(2,1)");
  EXPECT_EQ(type_of(".5"), "decimal(1,1)");
  EXPECT_EQ(type_of("0.05"), "decimal(2,2)");
  EXPECT_EQ(type_of("10L"), "bigint");
  EXPECT_EQ(type_of("10S"), "smallint");
  EXPECT_EQ(type_of("10Y"), "tinyint");
  EXPECT_EQ(type_of("1e3"), "double");
  EXPECT_EQ(type_of("1.5F"), "float");
  EXPECT_EQ(type_of("1.5BD"), "decimal(2,1)");
  EXPECT_FALSE(ParseNumberLiteral("128Y").has_value());
  EXPECT_EQ(ParseNumberLiteral("1.50")->i64, 150);
}

TEST(SqlParserTest, StringsAndQuotedNames) {
  ExprPtr expr = ParseExpression("'a\\'b\\n' AS `my col`");
  ASSERT_EQ(expr->kind, ExprKind::kAlias);
  EXPECT_EQ(expr->name, "my col");
  EXPECT_EQ(expr->args[0]->literal.str, "a'b\n");
  EXPECT_EQ(ParseExpression("X'0aFF'")->literal.str, std::string("\x0a\xff"));
}

TEST(SqlParserTest, SyntaxErrors) {
  EXPECT_EQ(ErrorClassOf("SELECT FROM t"), "PARSE_SYNTAX_ERROR");
  EXPECT_EQ(ErrorMessageOf("SELECT FROM t"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM'. SQLSTATE: 42601 (line 1, pos 7)\n\n"
            "== SQL ==\nSELECT FROM t\n-------^^^");
  EXPECT_EQ(ErrorMessageOf("SELECT a\nFROM"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 2, pos 4)\n\n"
            "== SQL ==\nSELECT a\nFROM\n----^^^");
  EXPECT_EQ(ErrorClassOf("SELECT (1"), "PARSE_SYNTAX_ERROR");
  EXPECT_EQ(ErrorClassOf("SELECT 'abc"), "PARSE_SYNTAX_ERROR");
  EXPECT_EQ(ErrorClassOf("SELECT a FROM t WHERE"), "PARSE_SYNTAX_ERROR");
}

}  // namespace
}  // namespace ember::sql

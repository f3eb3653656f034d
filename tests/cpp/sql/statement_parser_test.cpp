// The statement parser: which statement a text is and the parts it keeps.
#include <gtest/gtest.h>

#include "common/error.h"
#include "sql/statement.h"

namespace ember::sql {
namespace {

template <typename T>
T Parse(const std::string& text) {
  Statement statement = ParseStatement(text);
  EXPECT_TRUE(std::holds_alternative<T>(statement)) << text;
  return std::get<T>(statement);
}

TEST(StatementParserTest, QueriesStayPlans) {
  EXPECT_TRUE(Parse<QueryStatement>("SELECT 1").plan);
  EXPECT_TRUE(Parse<QueryStatement>("WITH t AS (SELECT 1) SELECT * FROM t").plan);
}

TEST(StatementParserTest, CreateTableKeepsEveryClause) {
  auto table = Parse<CreateTable>(
      "CREATE TABLE IF NOT EXISTS db.t (id INT NOT NULL, price decimal(10, 2) COMMENT 'p', tags array<string>) "
      "USING JSON OPTIONS (compression 'gzip') LOCATION '/data/t' COMMENT 'c' "
      "TBLPROPERTIES ('a.b' = 1, k = 'v');");
  EXPECT_EQ(table.name, (ObjectName{"db", "t"}));
  EXPECT_TRUE(table.if_not_exists);
  ASSERT_EQ(table.columns.size(), 3u);
  EXPECT_FALSE(table.columns[0].nullable);
  EXPECT_EQ(table.columns[1].type->ToString(), "decimal(10,2)");
  EXPECT_EQ(table.columns[2].type->ToString(), "array<string>");
  EXPECT_EQ(table.provider, "json");
  EXPECT_EQ(table.options.at("compression"), "gzip");
  EXPECT_EQ(*table.location, "/data/t");
  EXPECT_EQ(table.comment, "c");
  EXPECT_EQ(table.properties.at("a.b"), "1");
  EXPECT_EQ(table.properties.at("k"), "v");
  EXPECT_FALSE(table.query);

  auto ctas = Parse<CreateTable>("CREATE OR REPLACE TABLE t USING parquet AS SELECT 1 AS x");
  EXPECT_TRUE(ctas.or_replace);
  EXPECT_TRUE(ctas.query);
  EXPECT_EQ(*Parse<CreateTable>("CREATE TABLE t LIKE s.u").like, (ObjectName{"s", "u"}));
}

TEST(StatementParserTest, ViewsKeepTheirQueryText) {
  auto view = Parse<CreateView>("CREATE OR REPLACE GLOBAL TEMP VIEW v (a, b) AS\n  SELECT 1, 2 ;");
  EXPECT_EQ(view.kind, ViewKind::kGlobalTemporary);
  EXPECT_TRUE(view.or_replace);
  EXPECT_EQ(view.column_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(view.query_text, "SELECT 1, 2");
  EXPECT_EQ(Parse<CreateView>("CREATE VIEW v AS SELECT x FROM t").kind, ViewKind::kPersistent);
}

TEST(StatementParserTest, SetResetAndSessionCommands) {
  auto set = Parse<SetStatement>("SET spark.sql.shuffle.partitions = 8;");
  EXPECT_EQ(*set.key, "spark.sql.shuffle.partitions");
  EXPECT_EQ(*set.value, "8");
  EXPECT_FALSE(Parse<SetStatement>("SET spark.sql.ansi.enabled").value);
  EXPECT_FALSE(Parse<SetStatement>("SET").key);
  EXPECT_FALSE(Parse<ResetStatement>("RESET").key);
  EXPECT_EQ(Parse<UseStatement>("USE SCHEMA `my db`").database, "my db");
}

TEST(StatementParserTest, DmlAndAlterations) {
  auto insert = Parse<InsertInto>("INSERT INTO t (b, a) VALUES (1, 2)");
  EXPECT_FALSE(insert.overwrite);
  EXPECT_EQ(insert.columns, (std::vector<std::string>{"b", "a"}));
  EXPECT_TRUE(Parse<InsertInto>("INSERT OVERWRITE TABLE t SELECT * FROM s").overwrite);
  EXPECT_TRUE(Parse<InsertInto>("INSERT INTO t (SELECT 1)").columns.empty());
  EXPECT_TRUE(Parse<DropTable>("DROP VIEW IF EXISTS v").is_view);
  EXPECT_TRUE(Parse<DropDatabase>("DROP SCHEMA s CASCADE").cascade);
  EXPECT_EQ(Parse<RenameTable>("ALTER TABLE a RENAME TO b").to, (ObjectName{"b"}));
  EXPECT_EQ(Parse<AddColumns>("ALTER TABLE a ADD COLUMNS (x INT, y STRING)").columns.size(), 2u);
  EXPECT_EQ(Parse<AlterTableProperties>("ALTER TABLE a UNSET TBLPROPERTIES IF EXISTS ('k')").unset.size(), 1u);
  EXPECT_EQ(*Parse<ShowTables>("SHOW TABLES IN db LIKE 'a*'").pattern, "a*");
  EXPECT_TRUE(Parse<DescribeTable>("DESC EXTENDED db.t").extended);
}

TEST(StatementParserTest, SyntaxErrorsNameTheToken) {
  try {
    ParseStatement("CREATE TABLE t (a INT USING parquet");
    FAIL();
  } catch (const SparkError& error) {
    EXPECT_EQ(error.error_class(), "PARSE_SYNTAX_ERROR");
    EXPECT_NE(std::string(error.what()).find("'USING'"), std::string::npos) << error.what();
  }
  EXPECT_THROW(ParseStatement("DROP TABLE"), SparkError);
  EXPECT_THROW(ParseStatement("SHOW NOTHING"), SparkError);
}

}  // namespace
}  // namespace ember::sql

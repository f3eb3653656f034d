"""spark.sql, temporary views, spark.table, selectExpr, F.expr, filter(str) and df.alias."""

import pytest

from pyspark.errors import AnalysisException, ParseException
from pyspark.sql import functions as F


@pytest.fixture()
def people(spark):
    df = spark.createDataFrame([(1, "ann", 30), (2, "bob", 25), (3, "cy", None)], ["id", "name", "age"])
    df.createOrReplaceTempView("people")
    yield df
    spark.catalog.dropTempView("people")


def test_sql_over_a_temp_view(spark, people):
    rows = spark.sql("SELECT name, age + 1 AS next FROM people WHERE age IS NOT NULL ORDER BY id").collect()
    assert [(r.name, r.next) for r in rows] == [("ann", 31), ("bob", 26)]


def test_sql_aggregate_with_having_and_order(spark, people):
    df = spark.sql("SELECT age > 26 AS old, count(*) AS n FROM people GROUP BY 1 HAVING count(*) >= 1 ORDER BY n DESC, old")
    assert df.columns == ["old", "n"]
    assert [tuple(r) for r in df.collect()] == [(None, 1), (False, 1), (True, 1)]


def test_sql_schema_names_and_literal_types(spark):
    df = spark.sql("SELECT 1 + 2, 1.5, 10L, 'x' AS s")
    assert df.columns == ["(1 + 2)", "1.5", "10", "s"]
    assert [f.dataType.simpleString() for f in df.schema.fields] == ["int", "decimal(2,1)", "bigint", "string"]


def test_spark_table_and_qualified_names(spark, people):
    rows = spark.table("people").alias("p").select("p.id").orderBy("id").collect()
    assert [r.id for r in rows] == [1, 2, 3]


def test_select_expr_filter_text_and_f_expr(spark, people):
    df = people.selectExpr("id", "upper(name) AS u").filter("id >= 2").withColumn("z", F.expr("id * 10"))
    assert [tuple(r) for r in df.orderBy("id").collect()] == [(2, "BOB", 20), (3, "CY", 30)]


def test_missing_view_raises_analysis_exception(spark):
    with pytest.raises(AnalysisException) as info:
        spark.sql("SELECT * FROM nowhere")
    assert info.value.getCondition() == "TABLE_OR_VIEW_NOT_FOUND"
    assert "The table or view `nowhere` cannot be found." in str(info.value)


def test_syntax_error_raises_parse_exception(spark):
    with pytest.raises(ParseException) as info:
        spark.sql("SELECT FROM people")
    assert info.value.getCondition() == "PARSE_SYNTAX_ERROR"
    assert "Syntax error at or near 'FROM'" in str(info.value)


def test_create_temp_view_twice_fails_and_drop_reports(spark, people):
    with pytest.raises(AnalysisException) as info:
        people.createTempView("people")
    assert info.value.getCondition() == "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS"
    assert spark.catalog.dropTempView("people") is True
    assert spark.catalog.dropTempView("people") is False
    people.createTempView("people")


def test_explain_statement_returns_the_plan_text(spark, people):
    df = spark.sql("EXPLAIN SELECT id FROM people WHERE id > 1")
    assert df.columns == ["plan"]
    (text,) = [r.plan for r in df.collect()]
    assert text.startswith("== Physical Plan ==")
    assert "Filter" in text
    extended = spark.sql("explain extended SELECT id FROM people").collect()[0].plan
    assert "== Parsed Logical Plan ==" in extended
    assert "'UnresolvedRelation [people], [], false" in extended

"""The error classes and message texts users meet most in SQL and F.expr, as Spark 4 raises them:
PARSE_SYNTAX_ERROR with line and position, TABLE_OR_VIEW_NOT_FOUND, AMBIGUOUS_REFERENCE and
UNRESOLVED_ROUTINE with Spark's function search path."""

import pytest

from pyspark.errors import AnalysisException, ParseException
from pyspark.sql import functions as F

SEARCH_PATH = "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"


@pytest.fixture(scope="module")
def views(spark):
    spark.sql("SELECT 1 AS id, 'x' AS s").createOrReplaceTempView("err_a")
    spark.sql("SELECT 1 AS id, 2 AS n").createOrReplaceTempView("err_b")
    yield
    spark.catalog.dropTempView("err_a")
    spark.catalog.dropTempView("err_b")


def test_parse_syntax_error_names_the_token_line_and_position(spark):
    with pytest.raises(ParseException) as info:
        spark.sql("SELECT id,\n  FROM err_a")
    error = info.value
    assert error.getErrorClass() == "PARSE_SYNTAX_ERROR"
    assert error.getSqlState() == "42601"
    assert error.getMessageParameters() == {"error": "'FROM'", "hint": ""}
    assert str(error) == (
        "[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM'. SQLSTATE: 42601 (line 2, pos 2)\n\n"
        "== SQL ==\nSELECT id,\n  FROM err_a\n--^^^")


def test_parse_syntax_error_at_end_of_input(spark):
    with pytest.raises(ParseException) as info:
        spark.sql("SELECT 1 +")
    assert str(info.value).startswith(
        "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 10)")


def test_table_or_view_not_found(spark):
    with pytest.raises(AnalysisException) as info:
        spark.sql("SELECT * FROM missing_view")
    error = info.value
    assert error.getErrorClass() == "TABLE_OR_VIEW_NOT_FOUND"
    assert error.getSqlState() == "42P01"
    assert str(error).splitlines()[0] == (
        "[TABLE_OR_VIEW_NOT_FOUND] The table or view `missing_view` cannot be found. Verify the spelling "
        "and correctness of the schema and catalog.")


def test_ambiguous_reference_in_join_of_views(spark, views):
    with pytest.raises(AnalysisException) as info:
        spark.sql("SELECT id FROM err_a JOIN err_b ON err_a.id = err_b.id")
    error = info.value
    assert error.getErrorClass() == "AMBIGUOUS_REFERENCE"
    assert error.getSqlState() == "42704"
    assert str(error).splitlines()[0] == (
        "[AMBIGUOUS_REFERENCE] Reference `id` is ambiguous, could be: [`err_a`.`id`, `err_b`.`id`]. "
        "SQLSTATE: 42704")


def test_qualified_reference_is_not_ambiguous(spark, views):
    rows = spark.sql("SELECT err_a.id, n FROM err_a JOIN err_b ON err_a.id = err_b.id").collect()
    assert [tuple(r) for r in rows] == [(1, 2)]


@pytest.mark.parametrize("run", [
    lambda spark: spark.sql("SELECT no_such_fn(1)"),
    lambda spark: spark.range(1).select(F.expr("no_such_fn(id)")).collect(),
])
def test_unknown_function_is_unresolved_routine(spark, run):
    with pytest.raises(AnalysisException) as info:
        run(spark)
    error = info.value
    assert error.getErrorClass() == "UNRESOLVED_ROUTINE"
    assert error.getSqlState() == "42883"
    assert error.getMessageParameters() == {"routineName": "`no_such_fn`", "searchPath": SEARCH_PATH}
    assert str(error).splitlines()[0] == (
        "[UNRESOLVED_ROUTINE] Cannot resolve routine `no_such_fn` on search path " + SEARCH_PATH +
        ". SQLSTATE: 42883")

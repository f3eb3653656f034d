"""spark.sql(text, args): named (:name) markers bound by a dict, positional (?) markers by a list,
values as lit() types them or Columns; unbound markers raise UNBOUND_SQL_PARAMETER."""

import datetime

import pytest

from pyspark.errors import AnalysisException
from pyspark.sql import functions as F


@pytest.fixture()
def people(spark):
    df = spark.createDataFrame([(1, "ann", 30), (2, "bob", 25), (3, "cy", None)], ["id", "name", "age"])
    df.createOrReplaceTempView("people")
    yield df
    spark.catalog.dropTempView("people")


def test_named_parameters(spark, people):
    df = spark.sql("SELECT name FROM people WHERE age > :low AND name <> :skip ORDER BY id",
                   {"low": 20, "skip": "bob"})
    assert [r.name for r in df.collect()] == ["ann"]


def test_positional_parameters_bind_in_order(spark, people):
    df = spark.sql("SELECT id, ? AS tag FROM people WHERE id IN (?, ?) ORDER BY id", ["x", 1, 3])
    assert [tuple(r) for r in df.collect()] == [(1, "x"), (3, "x")]


def test_parameter_values_keep_their_types(spark):
    row = spark.sql("SELECT :d AS d, :n AS n, :a AS a, :c AS c",
                    args={"d": datetime.date(2024, 2, 29), "n": None, "a": [1, 2], "c": F.lit(1.5)}).first()
    assert (row.d, row.n, row.a, row.c) == (datetime.date(2024, 2, 29), None, [1, 2], 1.5)


def test_unbound_parameter(spark):
    with pytest.raises(AnalysisException) as error:
        spark.sql("SELECT :missing", {"other": 1})
    assert error.value.getErrorClass() == "UNBOUND_SQL_PARAMETER"
    with pytest.raises(AnalysisException) as error:
        spark.sql("SELECT ?, ?", [1])
    assert error.value.getErrorClass() == "UNBOUND_SQL_PARAMETER"

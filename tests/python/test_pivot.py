"""groupBy().pivot() with and without values, one and several aggregates; df.unpivot / df.melt."""

import pytest

from pyspark.sql import functions as F


@pytest.fixture(scope="module")
def sales(spark):
    rows = [("dotNET", 2012, 10000), ("Java", 2012, 20000), ("dotNET", 2012, 5000),
            ("dotNET", 2013, 48000), ("Java", 2013, 30000), ("Java", None, 1)]
    return spark.createDataFrame(rows, ["course", "year", "earnings"])


def test_pivot_with_values(sales):
    df = sales.groupBy("course").pivot("year", [2013, 2012]).sum("earnings").orderBy("course")
    assert df.columns == ["course", "2013", "2012"]
    assert [tuple(r) for r in df.collect()] == [("Java", 30000, 20000), ("dotNET", 48000, 15000)]


def test_pivot_without_values_sorts_the_distinct_values(sales):
    df = sales.groupBy("course").pivot("year").agg(F.count("*")).orderBy("course")
    # Nulls sort first; a value a group lacks gives NULL (also for count).
    assert df.columns == ["course", "null", "2012", "2013"]
    assert [tuple(r) for r in df.collect()] == [("Java", 1, 1, 1), ("dotNET", None, 2, 1)]


def test_pivot_with_several_aggregates_names_columns_by_value_and_aggregate(sales):
    df = (sales.groupBy("year").pivot("course", ["Java"])
          .agg(F.max("earnings").alias("top"), F.min("earnings")).orderBy("year"))
    assert df.columns == ["year", "Java_top", "Java_min(earnings)"]
    assert [tuple(r) for r in df.collect()] == [(None, 1, 1), (2012, 20000, 20000), (2013, 30000, 30000)]


def test_unpivot_and_melt(spark):
    wide = spark.createDataFrame([(1, 11, 1.5), (2, None, 2.5)], ["id", "a", "b"])
    long = wide.unpivot("id", ["a", "b"], "var", "val").orderBy("id", "var")
    assert long.columns == ["id", "var", "val"]
    assert long.schema["val"].dataType.simpleString() == "double"
    # The DataFrame API keeps NULL values.
    assert [tuple(r) for r in long.collect()] == [(1, "a", 11.0), (1, "b", 1.5), (2, "a", None), (2, "b", 2.5)]
    melted = wide.melt(ids=[F.col("id")], values=None, variableColumnName="k", valueColumnName="v")
    assert melted.orderBy("id", "k").collect() == long.toDF("id", "k", "v").collect()

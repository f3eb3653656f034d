"""describe() and summary(): Spark's statistics as strings, checked against values computed here
with the statistics module; and the statistical aggregates they are built on."""

import math
import statistics

import pytest

from pyspark.errors import IllegalArgumentException
from pyspark.sql import Row
from pyspark.sql import functions as F

VALUES = [4, 1, None, 3, 2, 7]


@pytest.fixture
def df(spark):
    rows = [(v, None if v is None else "s%d" % v, None if v is None else v / 2)
            for v in VALUES]
    return spark.createDataFrame(rows, "n INT, s STRING, x DOUBLE")


def rank_value(values, p):
    """Spark's percentile_approx with every value kept: the value of rank ceil(p * n)."""
    values = sorted(values)
    if p <= 1e-4:
        return values[0]
    if p >= 1 - 1e-4:
        return values[-1]
    return values[max(math.ceil(p * len(values)), 1) - 1]


def test_describe(df):
    present = [v for v in VALUES if v is not None]
    rows = df.describe().collect()
    assert df.describe().columns == ["summary", "n", "s", "x"]
    assert [r.summary for r in rows] == ["count", "mean", "stddev", "min", "max"]
    by_stat = {r.summary: r for r in rows}
    assert by_stat["count"].n == str(len(present))
    assert by_stat["mean"].n == repr(statistics.mean(present) * 1.0)
    assert by_stat["stddev"].n == repr(statistics.stdev(present))
    assert by_stat["min"].n == "1" and by_stat["max"].n == "7"
    # strings: min and max as strings, no mean of text
    assert by_stat["min"].s == "s1" and by_stat["max"].s == "s7"
    assert by_stat["mean"].s is None and by_stat["stddev"].s is None
    assert by_stat["max"].x == "3.5"


def test_describe_selected_columns(df):
    assert df.describe("x").columns == ["summary", "x"]
    assert df.describe(["n", "x"]).columns == ["summary", "n", "x"]


def test_summary_percentiles(df):
    present = [v for v in VALUES if v is not None]
    rows = {r.summary: r for r in df.summary().collect()}
    assert list(rows) == ["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"]
    assert rows["25%"].n == str(rank_value(present, 0.25))
    assert rows["50%"].n == str(rank_value(present, 0.5))
    assert rows["75%"].x == repr(rank_value([v / 2 for v in present], 0.75))
    custom = df.summary("min", "10%", "count").collect()
    assert [r.summary for r in custom] == ["min", "10%", "count"]
    assert custom[1].n == str(rank_value(present, 0.1))


def test_summary_errors(df):
    with pytest.raises(IllegalArgumentException):
        df.summary("median")
    with pytest.raises(IllegalArgumentException):
        df.summary("x%")


def test_summary_of_empty_and_numeric_strings(spark):
    empty = spark.createDataFrame([], "a INT")
    assert [tuple(r) for r in empty.describe().collect()] == [
        ("count", "0"), ("mean", None), ("stddev", None), ("min", None), ("max", None)]
    text = spark.createDataFrame([("1",), ("3",), ("x",)], "t STRING")
    rows = {r.summary: r.t for r in text.describe().collect()}
    assert rows["mean"] == "2.0" and rows["count"] == "3" and rows["max"] == "x"


def test_statistical_aggregates(spark):
    xs = [1.0, 2.0, 4.0, 7.0, None]
    ys = [2.0, 1.0, 5.0, None, 3.0]
    df = spark.createDataFrame(list(zip(xs, ys)), "x DOUBLE, y DOUBLE")
    row = df.agg(F.stddev("x").alias("sd"), F.stddev_pop("x").alias("sp"),
                 F.variance("x").alias("v"), F.var_pop("x").alias("vp"),
                 F.corr("x", "y").alias("c"), F.covar_samp("x", "y").alias("cs"),
                 F.covar_pop("x", "y").alias("cp")).collect()[0]
    px = [x for x in xs if x is not None]
    pairs = [(x, y) for x, y in zip(xs, ys) if x is not None and y is not None]
    assert row.sd == pytest.approx(statistics.stdev(px))
    assert row.sp == pytest.approx(statistics.pstdev(px))
    assert row.v == pytest.approx(statistics.variance(px))
    assert row.vp == pytest.approx(statistics.pvariance(px))
    mx = statistics.mean(p[0] for p in pairs)
    my = statistics.mean(p[1] for p in pairs)
    ck = sum((x - mx) * (y - my) for x, y in pairs)
    assert row.cs == pytest.approx(ck / (len(pairs) - 1))
    assert row.cp == pytest.approx(ck / len(pairs))
    sx = math.sqrt(sum((x - mx) ** 2 for x, _ in pairs))
    sy = math.sqrt(sum((y - my) ** 2 for _, y in pairs))
    assert row.c == pytest.approx(ck / (sx * sy))


def test_statistics_of_one_row_and_groups(spark):
    df = spark.createDataFrame([("a", 1.0), ("b", 2.0), ("b", 4.0)], "k STRING, v DOUBLE")
    rows = df.groupBy("k").agg(F.stddev("v").alias("sd"), F.var_pop("v").alias("vp"),
                               F.percentile_approx("v", [0.0, 0.5, 1.0]).alias("p")) \
        .orderBy("k").collect()
    # one value: the sample statistics divide by zero and give null, as Spark 3.1+
    assert rows[0] == Row(k="a", sd=None, vp=0.0, p=[1.0, 1.0, 1.0])
    assert rows[1].sd == pytest.approx(statistics.stdev([2.0, 4.0]))
    assert rows[1].p == [2.0, 2.0, 4.0]


def test_percentile_keeps_the_type(spark):
    df = spark.range(1, 101)
    row = df.agg(F.percentile_approx("id", 0.5).alias("m"),
                 F.percentile_approx("id", [0.1, 0.99]).alias("ps")).collect()[0]
    assert row.m == 50 and isinstance(row.m, int)
    assert row.ps == [10, 99]

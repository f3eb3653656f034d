"""pyspark.sql.Window and Column.over: partitioning, ordering, ROWS/RANGE frames and the window
functions of pyspark.sql.functions."""

import pytest

from pyspark.errors import AnalysisException, PySparkTypeError
from pyspark.sql import Window, WindowSpec
from pyspark.sql import functions as F
from pyspark.sql.window import Window as WindowFromModule


@pytest.fixture(scope="module")
def events(spark):
    rows = [("u1", 1, 10.0), ("u1", 2, 20.0), ("u1", 3, None), ("u1", 5, 50.0),
            ("u2", 1, 1.0), ("u2", 1, 2.0), ("u3", 7, 7.0)]
    return spark.createDataFrame(rows, ["user", "t", "amount"])


def rows_of(df, *cols):
    return [tuple(r[c] for c in cols) for r in df.orderBy("user", "t", "amount").collect()]


def test_window_is_importable_from_both_modules():
    assert Window is WindowFromModule
    assert isinstance(Window.partitionBy("a").orderBy("b"), WindowSpec)
    assert Window.currentRow == 0
    assert Window.unboundedPreceding < -(1 << 62) and Window.unboundedFollowing > (1 << 62)


def test_ranking_functions(events):
    w = Window.partitionBy("user").orderBy("t")
    df = events.select("user", "t", "amount", F.row_number().over(w.orderBy("t", "amount")).alias("rn"),
                       F.rank().over(w).alias("r"), F.dense_rank().over(w).alias("dr"),
                       F.ntile(2).over(w.orderBy("t", "amount")).alias("nt"))
    assert rows_of(df, "user", "t", "rn", "r", "dr", "nt") == [
        ("u1", 1, 1, 1, 1, 1), ("u1", 2, 2, 2, 2, 1), ("u1", 3, 3, 3, 3, 2), ("u1", 5, 4, 4, 4, 2),
        ("u2", 1, 1, 1, 1, 1), ("u2", 1, 2, 1, 1, 2), ("u3", 7, 1, 1, 1, 1)]
    fractions = events.select("user", "t", "amount", F.percent_rank().over(w).alias("pr"),
                              F.cume_dist().over(w).alias("cd"))
    assert rows_of(fractions, "pr", "cd")[:4] == [(0.0, 0.25), (1 / 3, 0.5), (2 / 3, 0.75), (1.0, 1.0)]
    assert rows_of(fractions, "pr", "cd")[4:] == [(0.0, 1.0), (0.0, 1.0), (0.0, 1.0)]


def test_running_and_sliding_aggregates(events):
    ordered = Window.partitionBy("user").orderBy("t", "amount")
    df = events.select(
        "user", "t", "amount",
        F.sum("amount").over(ordered.rowsBetween(Window.unboundedPreceding, Window.currentRow)).alias("run"),
        F.avg("amount").over(ordered.rowsBetween(-1, 1)).alias("avg3"),
        F.count("amount").over(Window.partitionBy("user")).alias("n"),
        F.max("amount").over(Window.partitionBy("user").orderBy("t").rangeBetween(-2, 0)).alias("recent_max"))
    assert rows_of(df, "run", "avg3", "n", "recent_max") == [
        (10.0, 15.0, 3, 10.0), (30.0, 15.0, 3, 20.0), (30.0, 35.0, 3, 20.0), (80.0, 50.0, 3, 50.0),
        (1.0, 1.5, 2, 2.0), (3.0, 1.5, 2, 2.0), (7.0, 7.0, 1, 7.0)]


def test_offsets(events):
    w = Window.partitionBy("user").orderBy("t", "amount")
    df = events.select("user", "t", "amount", F.lag("amount").over(w).alias("prev"),
                       F.lead("amount", 1, -1.0).over(w).alias("next"),
                       F.lag("amount", 1, None, True).over(w).alias("prev_value"),
                       F.first("amount", ignorenulls=True).over(w).alias("first"),
                       F.last("amount", ignorenulls=True).over(w).alias("last_seen"),
                       F.nth_value("amount", 2).over(w.rowsBetween(Window.unboundedPreceding,
                                                                   Window.unboundedFollowing)).alias("second"))
    assert rows_of(df, "prev", "next", "prev_value", "first", "last_seen", "second") == [
        (None, 20.0, None, 10.0, 10.0, 20.0), (10.0, None, 10.0, 10.0, 20.0, 20.0),
        (20.0, 50.0, 20.0, 10.0, 20.0, 20.0), (None, -1.0, 20.0, 10.0, 50.0, 20.0),
        (None, 2.0, None, 1.0, 1.0, 2.0), (1.0, -1.0, 1.0, 1.0, 2.0, 2.0),
        (None, -1.0, None, 7.0, 7.0, None)]


def test_with_column_and_names(events):
    w = Window.partitionBy("user").orderBy("t")
    df = events.withColumn("running", F.sum("amount").over(w))
    assert df.columns == ["user", "t", "amount", "running"]
    named = events.select(F.row_number().over(w))
    assert named.columns == ["row_number() OVER (PARTITION BY user ORDER BY t ASC NULLS FIRST "
                             "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"]
    assert events.select(F.sum("t").over(Window.rowsBetween(-1, 1))).columns == [
        "sum(t) OVER (ROWS BETWEEN -1 FOLLOWING AND 1 FOLLOWING)"]


def test_window_without_partition_sees_every_row(events):
    df = events.select("t", F.sum("t").over(Window.orderBy("t").rowsBetween(Window.unboundedPreceding,
                                                                           Window.unboundedFollowing)).alias("s"))
    assert {r["s"] for r in df.collect()} == {20}


def test_errors(events):
    with pytest.raises(AnalysisException) as error:
        events.select(F.row_number().over(Window.partitionBy("user"))).collect()
    assert "requires window to be ordered" in str(error.value)
    with pytest.raises(AnalysisException) as error:
        events.select(F.sum("t").over(Window.orderBy("t").rowsBetween(2, 1))).collect()
    assert error.value.getErrorClass() == "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON"
    with pytest.raises(AnalysisException) as error:
        events.select(F.rank()).collect()
    assert error.value.getErrorClass() == "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE"
    with pytest.raises(PySparkTypeError):
        F.sum("t").over("not a window")
    with pytest.raises(PySparkTypeError):
        Window.rowsBetween("a", 1)

"""Local data in partitions as PySpark 4.0 (classic) slices it. createDataFrame of a list (and of
a pandas frame without Arrow) goes through sc.parallelize: defaultParallelism slices, cut
between pickled batches of max(1, min(n // k, 1024)) records, slice i holding batches
[i * m // k, (i + 1) * m // k) of the m batches. With Arrow, a pandas frame is a LocalRelation,
whose scan cuts its rows into min(n, k) slices the same way. The expected partitions below are
computed from these rules in plain Python."""

import pandas as pd
import pytest

from pyspark.sql import functions as F


def parallelize_slices(n, k):
    """The rows [start, end) of each of the k slices of n records."""
    batch = max(1, min(n // k, 1024))
    batches = [(b, min(b + batch, n)) for b in range(0, n, batch)]
    m = len(batches)
    out = []
    for i in range(k):
        mine = batches[i * m // k:(i + 1) * m // k]
        out.append((mine[0][0], mine[-1][1]) if mine else None)
    return out


def rows_of(slices):
    """Per row index: (partition id, monotonically_increasing_id)."""
    out = {}
    for p, s in enumerate(slices):
        if s is not None:
            for j, row in enumerate(range(*s)):
                out[row] = (p, (p << 33) + j)
    return out


def ids(df):
    got = df.select("i", F.spark_partition_id().alias("p"),
                    F.monotonically_increasing_id().alias("m")).collect()
    return {r.i: (r.p, r.m) for r in got}


@pytest.fixture
def parallelism(spark):
    def use(k):
        spark.conf.set("spark.default.parallelism", str(k))
    yield use
    spark.conf.unset("spark.default.parallelism")


@pytest.mark.parametrize("n", [1, 2, 3, 7, 10, 2500])
def test_list_is_sliced_as_parallelize(spark, n):
    # local[2]: two slices. 2500 rows make batches of 1024, so the slices end at batch 1 of 3:
    # rows [0, 1024) and [1024, 2500), not halves.
    df = spark.createDataFrame([(i,) for i in range(n)], "i long")
    assert df.rdd.getNumPartitions() == 2
    assert ids(df) == rows_of(parallelize_slices(n, 2))


def test_slices_follow_default_parallelism(spark, parallelism):
    parallelism(4)
    # 10 rows in 4 slices: batches of 2, slices of batches [0,1) [1,2) [2,3) [3,5).
    df = spark.createDataFrame([(i,) for i in range(10)], "i long")
    assert df.rdd.getNumPartitions() == 4
    expected = rows_of(parallelize_slices(10, 4))
    assert [expected[i][0] for i in range(10)] == [0, 0, 1, 1, 2, 2, 3, 3, 3, 3]
    assert ids(df) == expected
    # Fewer rows than slices: single-row batches, the first slices empty.
    few = spark.createDataFrame([(i,) for i in range(3)], "i long")
    assert few.rdd.getNumPartitions() == 4
    assert ids(few) == {0: (1, 1 << 33), 1: (2, 2 << 33), 2: (3, 3 << 33)}


def test_empty_list_has_its_slices(spark):
    df = spark.createDataFrame([], "i long")
    assert df.rdd.getNumPartitions() == 2

    def count_rows(frames):
        yield pd.DataFrame({"n": [sum(len(frame) for frame in frames)]})

    # Each empty slice still runs the function, over no batch.
    assert [r.n for r in df.mapInPandas(count_rows, "n long").collect()] == [0, 0]


def test_group_order_follows_the_map_tasks(spark, parallelism):
    # The final aggregate reads map task 0's rows first: with one key per slice, groups come out
    # in slice order, whatever their hash partitions.
    # Both orders of the same keys come out as given, which no single hash order could do.
    parallelism(4)
    keys = ["d", "b", "a", "c"]
    for order in (keys, keys[::-1]):
        data = [(k, v) for k in order for v in range(2)]
        assert parallelize_slices(8, 4) == [(0, 2), (2, 4), (4, 6), (6, 8)]
        got = spark.createDataFrame(data, "k string, v long").groupBy("k").agg(F.sum("v"))
        assert [(r.k, r[1]) for r in got.collect()] == [(k, 1) for k in order]


def test_map_in_pandas_sees_each_slice(spark):
    n = 9
    df = spark.createDataFrame([(i,) for i in range(n)], "i long")

    def bounds(frames):
        values = [int(v) for frame in frames for v in frame["i"]]
        yield pd.DataFrame({"lo": [min(values)], "hi": [max(values) + 1]})

    got = sorted((r.lo, r.hi) for r in df.mapInPandas(bounds, "lo long, hi long").collect())
    assert got == sorted(s for s in parallelize_slices(n, 2) if s is not None)


def test_pandas_without_arrow_is_sliced_as_a_list(spark, parallelism):
    parallelism(3)
    frame = pd.DataFrame({"i": range(8)})
    assert ids(spark.createDataFrame(frame)) == rows_of(parallelize_slices(8, 3))


@pytest.fixture
def arrow(spark):
    spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
    yield
    spark.conf.unset("spark.sql.execution.arrow.pyspark.enabled")


def test_pandas_with_arrow_is_a_local_relation(spark, parallelism, arrow):
    # Rows (not batches) in min(n, k) slices: 10 rows in 4 end at 2, 5, 7, 10.
    parallelism(4)
    df = spark.createDataFrame(pd.DataFrame({"i": range(10)}))
    assert df.rdd.getNumPartitions() == 4
    assert [ids(df)[i][0] for i in range(10)] == [0, 0, 1, 1, 1, 2, 2, 3, 3, 3]
    two = spark.createDataFrame(pd.DataFrame({"i": range(2)}))
    assert two.rdd.getNumPartitions() == 2
    assert ids(two) == {0: (0, 0), 1: (1, 1 << 33)}
    spark.conf.set("spark.sql.leafNodeDefaultParallelism", "3")
    try:
        df = spark.createDataFrame(pd.DataFrame({"i": range(6)}))
        assert [ids(df)[i][0] for i in range(6)] == [0, 0, 1, 1, 2, 2]
    finally:
        spark.conf.unset("spark.sql.leafNodeDefaultParallelism")


def test_empty_pandas_with_arrow_calls_nothing(spark, arrow):
    # An empty LocalRelation is scanned as an RDD without partitions.
    def count_rows(frames):
        yield pd.DataFrame({"n": [sum(len(frame) for frame in frames)]})

    empty = spark.createDataFrame(pd.DataFrame({"i": pd.Series([], dtype="int64")}))
    assert empty.mapInPandas(count_rows, "n long").collect() == []

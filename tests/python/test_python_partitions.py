"""Python functions over whole partitions, as PySpark runs them: mapInPandas and iterator pandas
UDFs are called once per partition with an iterator over its batches (each of at most
maxRecordsPerBatch rows), and a UDTF keeps one instance per partition whose terminate runs once at
its end. Expected values are computed in plain Python from each partition's rows."""

import math
from typing import Iterator, Tuple

import pandas as pd
import pytest

from pyspark.errors import PythonException
from pyspark.sql import functions as F
from pyspark.sql.functions import udtf

BATCH = 5


@pytest.fixture
def small_batches(spark):
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(BATCH))
    yield
    spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")


def partitions_of(df):
    """The values of column `v` in each partition, in partition order (plain Python lists)."""
    rows = df.select(F.spark_partition_id().alias("p"), "v").collect()
    parts = {}
    for p, v in rows:
        parts.setdefault(p, []).append(v)
    return [parts[p] for p in sorted(parts)]


def data(spark, rows=43, partitions=3):
    return spark.range(0, rows, 1, partitions).select((F.col("id") * 3 + 1).alias("v"))


def test_map_in_pandas_keeps_state_over_a_partition(spark, small_batches):
    df = data(spark)

    def summarize(frames):
        rows = batches = total = 0
        for frame in frames:
            assert len(frame) <= BATCH
            rows += len(frame)
            batches += 1
            total += int(frame["v"].sum())
            yield pd.DataFrame({"rows": [rows], "batches": [batches], "total": [total],
                                "last": [False]})
        yield pd.DataFrame({"rows": [rows], "batches": [batches], "total": [total],
                            "last": [True]})

    got = df.mapInPandas(summarize, "rows long, batches long, total long, last boolean").collect()
    finals = sorted((r.rows, r.batches, r.total) for r in got if r.last)
    parts = partitions_of(df)
    assert len(parts) == 3
    assert finals == sorted((len(p), math.ceil(len(p) / BATCH), sum(p)) for p in parts)
    running = sorted((r.rows, r.total) for r in got if not r.last)
    expected = sorted((min(len(p), k + BATCH), sum(p[:k + BATCH]))
                      for p in parts for k in range(0, len(p), BATCH))
    assert running == expected


def test_map_in_pandas_chained_and_cut_short(spark, small_batches):
    df = data(spark, rows=40, partitions=2)

    def tagged(frames):
        seen = 0
        for frame in frames:
            seen += len(frame)
            yield frame
        yield pd.DataFrame({"v": [-seen]})

    twice = df.mapInPandas(tagged, "v long").mapInPandas(tagged, "v long")
    values = [r.v for r in twice.collect()]
    parts = partitions_of(df)
    # The first adds one row per partition, which the second counts in that partition.
    expected = sorted([v for p in parts for v in p] + [-len(p) for p in parts] +
                      [-(len(p) + 1) for p in parts])
    assert sorted(values) == expected
    assert len(df.mapInPandas(tagged, "v long").limit(3).collect()) == 3


def test_map_in_pandas_error_after_the_loop(spark, small_batches):
    def failing(frames):
        for frame in frames:
            yield frame
        raise ValueError("partition over")

    with pytest.raises(PythonException, match="partition over"):
        data(spark).mapInPandas(failing, "v long").collect()


def test_iterator_pandas_udf_sets_up_once_per_partition(spark, small_batches):
    @F.pandas_udf("long")
    def running_count(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        seen = 0  # set up once per partition
        for s in batches:
            assert len(s) <= BATCH
            seen += len(s)
            yield pd.Series([seen] * len(s))

    @F.pandas_udf("long")
    def running_sum(batches: Iterator[Tuple[pd.Series, pd.Series]]) -> Iterator[pd.Series]:
        total = 0
        for a, b in batches:
            total += int((a + b).sum())
            yield pd.Series([total] * len(a))

    df = data(spark)
    got = df.select(F.spark_partition_id().alias("p"), "v", running_count("v").alias("n"),
                    running_count("v").alias("n2"), running_sum("v", "v").alias("s")).collect()
    expected = []
    for p, values in enumerate(partitions_of(df)):
        for k in range(0, len(values), BATCH):
            chunk = values[k:k + BATCH]
            count, total = k + len(chunk), 2 * sum(values[:k + len(chunk)])
            expected += [(p, v, count, count, total) for v in chunk]
    assert sorted(tuple(r) for r in got) == sorted(expected)


def test_iterator_pandas_udf_yielding_too_many_rows(spark, small_batches):
    @F.pandas_udf("long")
    def extra(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        for s in batches:
            yield s
        yield pd.Series([0])

    with pytest.raises(PythonException, match="RESULT_LENGTH_MISMATCH_FOR_SCALAR_ITER_PANDAS_UDF"):
        data(spark).select(extra("v")).collect()


class CountRows:
    """Counts the rows it saw and sums them; terminate gives the count once."""

    def __init__(self):
        self.rows = 0
        self.total = 0

    def eval(self, row):
        self.rows += 1
        self.total += row["v"]
        yield "row", row["v"]

    def terminate(self):
        yield "end", self.rows * 1000000 + self.total


def test_udtf_terminates_once_per_partition(spark):
    counter = udtf(CountRows, returnType="kind string, value long")
    spark.udtf.register("count_rows", counter)
    df = data(spark, rows=31, partitions=3)
    df.createOrReplaceTempView("udtf_partitions")
    got = spark.sql("SELECT * FROM count_rows(TABLE(udtf_partitions))").collect()
    parts = partitions_of(df)
    ends = sorted(r.value for r in got if r.kind == "end")
    assert ends == sorted(len(p) * 1000000 + sum(p) for p in parts)
    assert sorted(r.value for r in got if r.kind == "row") == sorted(v for p in parts for v in p)


def test_udtf_lateral_terminate_rows_follow_the_last_row(spark):
    counter = udtf(CountRows, returnType="kind string, value long")
    spark.udtf.register("count_rows_lateral", counter)
    df = data(spark, rows=12, partitions=2)
    df.select(F.struct("v").alias("r"), "v").createOrReplaceTempView("udtf_lateral")
    got = spark.sql("SELECT v, kind, value FROM udtf_lateral, "
                    "LATERAL count_rows_lateral(r)").collect()
    parts = partitions_of(df)
    ends = sorted((r.v, r.value) for r in got if r.kind == "end")
    assert ends == sorted((p[-1], len(p) * 1000000 + sum(p)) for p in parts)


def count_rows(frames):
    yield pd.DataFrame({"n": [sum(len(frame) for frame in frames)]})


def test_map_in_pandas_runs_over_empty_partitions(spark):
    # As in PySpark, a partition without rows still calls the function, with an empty iterator: the
    # range's 4 partitions of 10 ids lose two of them to the filter, and 2 ids over 4 slices leave
    # two slices empty.
    filtered = spark.range(0, 40, 1, 4).filter("id < 20")
    assert sorted(r.n for r in filtered.mapInPandas(count_rows, "n long").collect()) == [0, 0, 10, 10]
    sparse = spark.range(0, 2, 1, 4)
    assert sorted(r.n for r in sparse.mapInPandas(count_rows, "n long").collect()) == [0, 0, 1, 1]
    # An empty range has no partitions in Spark: nothing is called. Empty local data is
    # parallelized into defaultParallelism (2) empty slices, each called.
    assert spark.range(0, 0, 1, 3).mapInPandas(count_rows, "n long").collect() == []
    assert spark.createDataFrame([], "id long").mapInPandas(count_rows, "n long").collect() == [(0,), (0,)]


def test_iterator_udf_runs_over_empty_partitions(spark):
    # The UDF runs in this process here, so its calls can be counted: one per partition of the
    # filtered range (two of them empty), each seeing its partition's rows.
    calls = []

    @F.pandas_udf("long")
    def plus_one(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        calls.append(0)
        for batch in batches:
            calls[-1] += len(batch)
            yield batch + 1

    df = spark.range(0, 40, 1, 4).filter("id < 20")
    assert sorted(r[0] for r in df.select(plus_one("id")).collect()) == list(range(1, 21))
    assert len(calls) == 4 and sum(calls) == 20 and calls.count(0) >= 2

    @F.pandas_udf("long")
    def made_up(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        for batch in batches:
            yield batch
        yield pd.Series([7])

    # Output without input is an error at an empty partition's end as at any other's.
    with pytest.raises(PythonException, match="RESULT_LENGTH_MISMATCH_FOR_SCALAR_ITER_PANDAS_UDF"):
        spark.range(0, 4, 1, 2).filter("id > 10").select(made_up("id")).collect()

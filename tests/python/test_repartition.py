"""repartition, coalesce and repartitionByRange really move rows between partitions: checked
through spark_partition_id() and the number of files a write makes."""

import collections
import os

import pytest

from pyspark.errors import IllegalArgumentException, PySparkTypeError, PySparkValueError
from pyspark.sql import functions as F


def partitions(df):
    """partition id -> the rows' first column values."""
    out = collections.defaultdict(list)
    for row in df.withColumn("__pid", F.spark_partition_id()).collect():
        out[row["__pid"]].append(row[0])
    return out


def test_repartition_round_robin(spark):
    parts = partitions(spark.range(100).repartition(4))
    assert sorted(parts) == [0, 1, 2, 3]
    assert sorted(v for values in parts.values() for v in values) == list(range(100))
    assert all(20 <= len(values) <= 30 for values in parts.values())
    # a query ending in the exchange still returns and counts every row
    assert sorted(r.id for r in spark.range(100).repartition(4).collect()) == list(range(100))
    assert spark.range(100).repartition(4).count() == 100


def test_repartition_by_columns_keeps_equal_keys_together(spark):
    df = spark.range(200).withColumn("k", F.col("id") % 7)
    for repartitioned in (df.repartition(3, "k"), df.repartition(F.col("k"))):
        where = collections.defaultdict(set)
        for row in repartitioned.withColumn("pid", F.spark_partition_id()).collect():
            where[row.k].add(row.pid)
        assert len(where) == 7 and all(len(p) == 1 for p in where.values())
    assert len(partitions(df.repartition(3, "k"))) <= 3


def test_coalesce(spark):
    df = spark.range(50).repartition(5)
    assert list(partitions(df.coalesce(1))) == [0]
    assert len(partitions(df.coalesce(2))) == 2
    assert len(partitions(df.coalesce(10))) == 5  # never more partitions than there are
    assert df.coalesce(2).count() == 50


def test_write_makes_one_file_per_partition(spark, tmp_path):
    df = spark.range(30)
    for n in (1, 3):
        path = tmp_path / ("out%d" % n)
        df.repartition(n).write.parquet(str(path))
        files = [f for f in os.listdir(path) if f.endswith(".parquet")]
        assert len(files) == n
        assert sorted(r.id for r in spark.read.parquet(str(path)).collect()) == list(range(30))


def test_repartition_by_range(spark):
    values = [(v,) for v in [5, 1, 9, 3, 7, None, 2, 8, 4, 6, 10, 0]]
    df = spark.createDataFrame(values, "v INT")
    parts = partitions(df.repartitionByRange(3, "v"))
    assert sorted(parts) == [0, 1, 2]
    assert None in parts[0]  # nulls first in ascending order
    ranges = [(min(v for v in parts[p] if v is not None), max(v for v in parts[p] if v is not None))
              for p in sorted(parts)]
    assert all(ranges[i][1] < ranges[i + 1][0] for i in range(len(ranges) - 1))
    desc = partitions(df.repartitionByRange(3, F.col("v").desc()))
    assert None in desc[2]  # nulls last in descending order
    assert max(v for v in desc[0] if v is not None) == 10
    assert min(v for v in desc[2] if v is not None) == 0
    words = spark.createDataFrame([(w,) for w in "pear fig apple kiwi date banana".split()],
                                  "w STRING")
    by_word = partitions(words.repartitionByRange(2, "w"))
    assert max(by_word[0]) < min(by_word[1])


def test_partitioning_errors_and_plan(spark):
    df = spark.range(10)
    with pytest.raises(IllegalArgumentException):
        df.repartition(0)
    with pytest.raises(IllegalArgumentException):
        df.coalesce(-1)
    with pytest.raises(PySparkTypeError) as e:
        df.repartition(1.5)
    assert e.value.getErrorClass() == "NOT_COLUMN_OR_STR"
    with pytest.raises(PySparkValueError) as e:
        df.repartitionByRange(2)
    assert e.value.getErrorClass() == "CANNOT_BE_EMPTY"
    with pytest.raises(PySparkTypeError) as e:
        df.repartitionByRange(1.5, "id")
    assert e.value.getErrorClass() == "NOT_COLUMN_OR_INT_OR_STR"
    import contextlib
    import io
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        df.repartition(4).explain()
    assert "RoundRobinPartitioning(4)" in text.getvalue()


def test_a_shuffle_is_read_map_task_by_map_task(spark):
    # The reader takes map task 0's rows, then task 1's..., whichever task finished first, as
    # Spark's shuffle reader does: into one partition the rows keep the order of the input's tasks.
    for _ in range(10):
        assert [r.id for r in spark.range(0, 40, 1, 8).repartition(1).collect()] == list(range(40))
        assert [r.id for r in spark.range(0, 12, 1, 6).select("id", F.log("id")).limit(9).collect()] == \
            list(range(9))

"""A written global sort of a large file scan is range partitioned, as Spark's: the keys are
sampled first, each task sorts and writes one range of keys, and the part files in name order hold
the rows in the sort's order (ties and nulls included)."""

import glob
import os

import pytest
from pyspark.sql import SparkSession


@pytest.fixture
def ranged_session(tmp_path):
    # Small partition sizes make a small scan "large" and the reading tasks many.
    session = (SparkSession.builder.master("local[2]").config("spark.driver.memory", "64m")
               .config("spark.local.dir", str(tmp_path / "local"))
               .config("spark.sql.adaptive.advisoryPartitionSizeInBytes", "16k")
               .config("spark.sql.adaptive.coalescePartitions.minPartitionSize", "1k")
               .config("spark.sql.shuffle.partitions", "7").create())
    yield session
    session.stop()


def rows(n):
    # Many ties, nulls in both keys, a descending key.
    return [(None if i % 11 == 0 else i * 7919 % 503, None if i % 5 == 0 else "k%d" % (i % 37), i)
            for i in range(n)]


def sort_key(row):
    a, b, _ = row
    # a DESC NULLS LAST, b ASC NULLS FIRST
    return (a is None, -(a or 0), b is not None, b or "")


def written_rows(session, folder):
    parts = sorted(glob.glob(os.path.join(folder, "part-*.parquet")))
    return parts, [tuple(r) for part in parts for r in session.read.parquet(part).collect()]


def test_a_written_sort_of_a_large_scan_writes_ranges_in_order(ranged_session, tmp_path):
    data = rows(40000)
    source = str(tmp_path / "source")
    ranged_session.createDataFrame(data, "a int, b string, c long").repartition(3).write.parquet(source)
    out = str(tmp_path / "sorted")
    ranged_session.read.parquet(source).orderBy(ranged_session.read.parquet(source).a.desc_nulls_last(), "b") \
        .write.parquet(out)
    parts, written = written_rows(ranged_session, out)
    assert len(parts) > 1
    assert [sort_key(r) for r in written] == sorted(sort_key(r) for r in data)
    assert sorted(written, key=lambda r: r[2]) == data


def test_a_written_sort_of_one_key_value_writes_every_row(ranged_session, tmp_path):
    data = [(1, None, i) for i in range(20000)]
    source = str(tmp_path / "source")
    ranged_session.createDataFrame(data, "a int, b string, c long").write.parquet(source)
    out = str(tmp_path / "sorted")
    ranged_session.read.parquet(source).orderBy("a", "b").write.parquet(out)
    _, written = written_rows(ranged_session, out)
    assert sorted(written, key=lambda r: r[2]) == data

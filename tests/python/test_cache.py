"""cache/persist keep the computed rows in the session and later queries reuse them: the source
files change under a cached DataFrame and its queries still see the rows computed at the first
action, until unpersist."""

import pytest

from pyspark import StorageLevel
from pyspark.errors import PySparkTypeError
from pyspark.sql import SparkSession, functions as F


def write_values(spark, path, values, mode="overwrite"):
    spark.createDataFrame([(v,) for v in values], "v INT").write.mode(mode).parquet(path)


def test_cache_keeps_the_rows_until_unpersist(spark, tmp_path):
    path = str(tmp_path / "t")
    write_values(spark, path, [1, 2, 3])
    df = spark.read.parquet(path).withColumn("w", F.col("v") * 10)
    assert df.storageLevel == StorageLevel(False, False, False, False, 1)
    assert df.cache() is df and df.is_cached
    assert df.storageLevel == StorageLevel.MEMORY_AND_DISK_DESER
    assert df.count() == 3  # computes and keeps the rows
    write_values(spark, path, [4], mode="append")
    assert sorted(r.w for r in df.collect()) == [10, 20, 30]
    # a DataFrame derived from the cached one reads the kept rows too
    assert sorted(r.v for r in df.filter("v > 1").collect()) == [2, 3]
    assert df.agg(F.sum("w")).collect()[0][0] == 60
    assert spark._core.cache_placement(df._plan["_handle"].id) == "memory"
    df.unpersist()
    assert not df.is_cached
    assert sorted(r.w for r in df.collect()) == [10, 20, 30, 40]


def test_cache_is_lazy(spark, tmp_path):
    path = str(tmp_path / "t")
    write_values(spark, path, [1])
    df = spark.read.parquet(path).persist(StorageLevel.MEMORY_ONLY)
    write_values(spark, path, [2], mode="append")  # before the first action: seen
    assert sorted(r.v for r in df.collect()) == [1, 2]
    write_values(spark, path, [3], mode="append")
    assert sorted(r.v for r in df.collect()) == [1, 2]
    df.unpersist()


def test_disk_only_keeps_the_rows_on_disk(spark, tmp_path):
    path = str(tmp_path / "t")
    write_values(spark, path, list(range(100)))
    df = spark.read.parquet(path).filter("v % 2 = 0").persist(StorageLevel.DISK_ONLY)
    assert df.storageLevel == StorageLevel.DISK_ONLY
    assert df.count() == 50
    assert spark._core.cache_placement(df._plan["_handle"].id) == "disk"
    write_values(spark, path, [1000], mode="append")
    assert sorted(r.v for r in df.collect()) == list(range(0, 100, 2))
    df.unpersist()
    assert spark._core.cache_placement(df._plan["_handle"].id) == ""


def test_unpersist_leaves_no_spill_folder(tmp_path):
    local_dir = tmp_path / "local"
    local_dir.mkdir()
    session = SparkSession.builder.config("spark.local.dir", str(local_dir)).create()
    try:
        df = session.range(1000).persist(StorageLevel.DISK_ONLY)
        assert df.count() == 1000
        assert len(list(local_dir.iterdir())) == 1  # the session's folder with the kept rows
        df.unpersist()
        assert list(local_dir.iterdir()) == []
        kept = session.range(10).persist(StorageLevel.DISK_ONLY)
        assert kept.count() == 10
        session.catalog.clearCache()
        assert list(local_dir.iterdir()) == []
    finally:
        session.stop()


def test_persist_arguments_and_first_level_wins(spark):
    df = spark.range(3)
    with pytest.raises(PySparkTypeError) as e:
        df.persist("MEMORY_ONLY")
    assert e.value.getErrorClass() == "NOT_STORAGELEVEL"
    df.persist(StorageLevel.MEMORY_ONLY)
    df.persist(StorageLevel.DISK_ONLY)
    assert df.storageLevel == StorageLevel.MEMORY_ONLY
    assert df.count() == 3
    assert df.unpersist() is df
    assert df.storageLevel == StorageLevel(False, False, False, False, 1)


def test_cached_frame_keeps_its_column_references(spark):
    df = spark.createDataFrame([(1, "a"), (2, "b")], "id INT, s STRING").cache()
    other = spark.createDataFrame([(1, "x")], "id INT, t STRING")
    joined = df.join(other, df.id == other.id).select(df.s, other.t)
    assert joined.collect()[0].asDict() == {"s": "a", "t": "x"}
    df.unpersist()


def test_clear_cache(spark, tmp_path):
    path = str(tmp_path / "t")
    write_values(spark, path, [1])
    df = spark.read.parquet(path).cache()
    assert df.count() == 1
    write_values(spark, path, [2], mode="append")
    assert df.count() == 1
    spark.catalog.clearCache()
    assert not df.is_cached and df.storageLevel == StorageLevel(False, False, False, False, 1)
    assert df.count() == 2


@pytest.mark.parametrize("level", [StorageLevel.MEMORY_ONLY, StorageLevel.DISK_ONLY])
def test_kept_rows_keep_their_partitions(spark, level):
    # Spark caches and checkpoints a plan's partitions as they are: a range of 10 ids in 3
    # partitions (rows [i * 10 // 3, (i + 1) * 10 // 3)) stays in them.
    expected = {i: p for p in range(3) for i in range(p * 10 // 3, (p + 1) * 10 // 3)}

    def placed(df):
        rows = df.select("id", F.spark_partition_id().alias("p")).collect()
        return {r.id: r.p for r in rows}

    df = spark.range(0, 10, 1, 3).persist(level)
    try:
        assert df.count() == 10
        assert placed(df) == expected
        assert df.rdd.glom().map(len).collect() == [3, 3, 4]
    finally:
        df.unpersist()
    assert placed(spark.range(0, 10, 1, 3).localCheckpoint()) == expected

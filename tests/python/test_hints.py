"""Hints: join strategy hints (SQL /*+ ... */, df.hint, F.broadcast) decide how a join runs, seen in
the physical plan, and never change its rows; partitioning hints move rows like repartition and
coalesce."""

import pytest

from pyspark.errors import AnalysisException, PySparkTypeError
from pyspark.sql import functions as F


@pytest.fixture
def tables(spark):
    big = spark.range(2000).withColumn("k", F.col("id") % 50)
    small = spark.range(50).withColumnRenamed("id", "k").withColumn("name", F.concat(F.lit("n"), "k"))
    big.createOrReplaceTempView("big")
    small.createOrReplaceTempView("small")
    yield big, small
    spark.catalog.dropTempView("big")
    spark.catalog.dropTempView("small")


def physical_plan(df, capsys):
    df.explain()
    return capsys.readouterr().out


def expected_rows(big, small):
    names = {r.k: r.name for r in small.collect()}
    return sorted((r.id, r.k, names[r.k]) for r in big.collect())


def rows(df):
    return sorted((r.id, r.k, r.name) for r in df.select("id", "k", "name").collect())


def test_broadcast_hint_broadcasts_a_side_above_the_threshold(spark, tables, capsys):
    big, small = tables
    spark.conf.set("spark.sql.autoBroadcastJoinThreshold", "-1")
    try:
        plain = big.join(small, "k")
        assert "ShuffledHashJoin" in physical_plan(plain, capsys)
        for hinted in (big.join(small.hint("broadcast"), "k"), big.join(F.broadcast(small), "k"),
                       spark.sql("SELECT /*+ BROADCAST(s) */ b.id, b.k, s.name FROM big b JOIN small s ON b.k = s.k"),
                       spark.sql("SELECT /*+ MAPJOIN(small) */ * FROM big JOIN small USING (k)")):
            assert "BroadcastHashJoin" in physical_plan(hinted, capsys)
            assert rows(hinted) == expected_rows(big, small)
    finally:
        spark.conf.unset("spark.sql.autoBroadcastJoinThreshold")


def test_shuffle_hints_keep_a_small_side_from_being_broadcast(spark, tables, capsys):
    big, small = tables
    assert "BroadcastHashJoin" in physical_plan(big.join(small, "k"), capsys)
    for hinted in (big.join(small.hint("merge"), "k"), big.hint("shuffle_hash").join(small, "k"),
                   spark.sql("SELECT /*+ SHUFFLE_MERGE(small) */ * FROM big JOIN small USING (k)")):
        text = physical_plan(hinted, capsys)
        assert "ShuffledHashJoin" in text and "BroadcastHashJoin" not in text
        assert rows(hinted) == expected_rows(big, small)


def test_hints_show_on_the_join_in_the_optimized_plan(spark, tables, capsys):
    big, small = tables
    big.join(small.hint("broadcast"), "k").explain(True)
    assert "rightHint=(strategy=broadcast)" in capsys.readouterr().out


def test_unknown_hints_and_plain_comments_are_ignored(spark, tables):
    big, small = tables
    query = "SELECT /*+ NO_SUCH_HINT(1), BROADCAST(nothing_named_so) */ count(*) AS c FROM big /* a comment */"
    assert spark.sql(query).collect()[0].c == 2000
    assert big.hint("whatever", 1, "x", 2.5).count() == 2000


def test_partitioning_hints(spark, tables):
    def partition_ids(df):
        return {r.pid for r in df.select(F.spark_partition_id().alias("pid")).collect()}

    assert partition_ids(spark.sql("SELECT /*+ REPARTITION(3) */ * FROM big")) == {0, 1, 2}
    assert len(partition_ids(spark.sql("SELECT /*+ COALESCE(1) */ * FROM big"))) == 1
    by_key = spark.sql("SELECT k, spark_partition_id() AS pid FROM (SELECT /*+ REPARTITION(4, k) */ k FROM big)")
    where = {}
    for r in by_key.collect():
        where.setdefault(r.k, set()).add(r.pid)
    assert len(where) == 50 and all(len(p) == 1 for p in where.values())
    assert len(partition_ids(spark.range(100).hint("repartition", 5))) == 5


def test_range_partitioning_hint(spark, tables):
    ranges = spark.sql("SELECT k, spark_partition_id() AS pid FROM "
                       "(SELECT /*+ REPARTITION_BY_RANGE(5, k) */ k FROM big)").collect()
    keys = {}
    for r in ranges:
        keys.setdefault(r.pid, set()).add(r.k)
    assert sorted(keys) == [0, 1, 2, 3, 4]
    # Consecutive key ranges in partition order, each key in one partition, about 2000/5 rows each.
    spans = [(min(keys[p]), max(keys[p])) for p in sorted(keys)]
    assert all(spans[i][1] < spans[i + 1][0] for i in range(len(spans) - 1))
    assert sorted(k for p in keys for k in keys[p]) == list(range(50))
    counts = [sum(1 for r in ranges if r.pid == p) for p in sorted(keys)]
    assert counts == [400] * 5
    default = spark.sql("SELECT /*+ REPARTITION_BY_RANGE(k) */ * FROM big")
    assert sorted(r.id for r in default.collect()) == list(range(2000))
    rebalanced = spark.sql("SELECT /*+ REBALANCE(k) */ * FROM big")
    assert sorted(r.id for r in rebalanced.collect()) == list(range(2000))


def test_partitioning_hint_errors(spark, tables):
    with pytest.raises(AnalysisException) as error:
        spark.sql("SELECT /*+ COALESCE(k) */ * FROM big").collect()
    assert error.value.getErrorClass() == "_LEGACY_ERROR_TEMP_1048"
    assert "COALESCE Hint expects a partition number as a parameter" in str(error.value)
    with pytest.raises(AnalysisException) as error:
        spark.sql("SELECT /*+ REPARTITION(3, 'k') */ * FROM big").collect()
    assert error.value.getErrorClass() == "_LEGACY_ERROR_TEMP_1047"


def test_hint_parameters_are_checked(spark):
    with pytest.raises(PySparkTypeError) as error:
        spark.range(3).hint("broadcast", {"a": 1})
    assert error.value.getErrorClass() == "DISALLOWED_TYPE_FOR_CONTAINER"
    with pytest.raises(PySparkTypeError) as error:
        spark.range(3).hint(1)
    assert error.value.getErrorClass() == "NOT_STR"

"""spark.sql.mapKeyDedupPolicy through the Python API: its default, spark.conf and SQL SET, values
Spark refuses, and the maps that pyspark.sql.functions build under EXCEPTION and LAST_WIN, checked
against a plain Python model of Spark's map builder (a repeated key keeps its first position and
takes its last value) over random keys."""

import random

import pytest

import pyspark.sql.functions as F
from pyspark.errors import IllegalArgumentException, SparkRuntimeException

KEY = "spark.sql.mapKeyDedupPolicy"


@pytest.fixture
def policy(spark):
    """Sets the policy for one test and unsets it afterwards."""
    def set_policy(value):
        spark.conf.set(KEY, value)
    yield set_policy
    spark.conf.unset(KEY)


def last_win(keys, values):
    """Spark's builder under LAST_WIN: each key where it first came, with its last value."""
    merged = {}
    for k, v in zip(keys, values):
        merged[k] = v  # a dict keeps the position of the first insertion
    return list(merged), list(merged.values())


def first_repeat(keys):
    seen = set()
    for k in keys:
        if k in seen:
            return k
        seen.add(k)
    return None


def random_rows(count, seed):
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        n = rng.randrange(0, 30)
        keys = [rng.randrange(0, 12) for _ in range(n)]  # small key range: repeats are common
        rows.append((i, keys, ["v%d" % rng.randrange(100) for _ in range(n)]))
    return rows


def test_default_is_exception_and_set_forms_agree(spark, policy):
    assert spark.conf.get(KEY) == "EXCEPTION"
    frame = spark.createDataFrame([(1, "a", 1, "b")], "k1 int, v1 string, k2 int, v2 string")
    with pytest.raises(SparkRuntimeException) as error:
        frame.select(F.create_map("k1", "v1", "k2", "v2")).collect()
    assert error.value.getCondition() == "DUPLICATED_MAP_KEY"
    assert "Duplicate map key 1 was found" in str(error.value)
    spark.sql("SET spark.sql.mapKeyDedupPolicy=LAST_WIN")
    assert spark.conf.get(KEY) == "LAST_WIN"
    assert frame.select(F.create_map("k1", "v1", "k2", "v2").alias("m")).first().m == {1: "b"}
    policy("exception")
    with pytest.raises(SparkRuntimeException):
        frame.select(F.create_map("k1", "v1", "k2", "v2")).collect()


def test_refused_values_keep_the_previous_one(spark, policy):
    policy("LAST_WIN")
    message = "The value of spark.sql.mapKeyDedupPolicy should be one of EXCEPTION, LAST_WIN, but was FIRST_WIN"
    with pytest.raises(IllegalArgumentException, match=message):
        spark.conf.set(KEY, "first_win")
    with pytest.raises(IllegalArgumentException, match=message):
        spark.sql("SET spark.sql.mapKeyDedupPolicy = first_win")
    assert spark.conf.get(KEY) == "LAST_WIN"


def test_map_from_arrays_follows_the_model(spark, policy):
    rows = random_rows(300, seed=7)
    frame = spark.createDataFrame(rows, "id int, k array<int>, v array<string>")
    m = F.map_from_arrays("k", "v")
    repeated = [r for r in rows if first_repeat(r[1]) is not None]
    assert repeated, "the random rows should repeat keys"
    with pytest.raises(SparkRuntimeException) as error:
        frame.filter(F.col("id") == repeated[0][0]).select(m).collect()
    assert "Duplicate map key %d was found" % first_repeat(repeated[0][1]) in str(error.value)
    # Rows that repeat no key build under EXCEPTION too.
    distinct = frame.filter(F.size("k") == F.size(F.array_distinct("k")))
    got = {r.id: (r.keys, r.values) for r in distinct.select("id", F.map_keys(m).alias("keys"), F.map_values(m).alias("values")).collect()}
    assert got == {i: (k, v) for i, k, v in rows if first_repeat(k) is None}
    policy("LAST_WIN")
    got = {r.id: (r.keys, r.values) for r in frame.select("id", F.map_keys(m).alias("keys"), F.map_values(m).alias("values")).collect()}
    assert got == {i: last_win(k, v) for i, k, v in rows}


def test_entry_builders_follow_the_model(spark, policy):
    policy("LAST_WIN")
    rows = random_rows(100, seed=11)
    frame = spark.createDataFrame(rows, "id int, k array<int>, v array<string>")
    entries = F.arrays_zip(F.col("k").alias("key"), F.col("v").alias("value"))
    half = F.floor(F.size("k") / 2).cast("int")
    first = F.map_from_arrays(F.slice("k", 1, half), F.slice("v", 1, half))
    second = F.map_from_arrays(F.slice("k", half + 1, 30), F.slice("v", half + 1, 30))
    result = frame.select(
        "id",
        F.map_entries(F.map_from_entries(entries)).alias("entries"),
        F.map_entries(F.map_concat(first, second)).alias("concat"),
        F.map_entries(F.transform_keys(F.map_from_arrays("k", "v"), lambda k, _: k % 5)).alias("moved"))
    for r in result.collect():
        _, keys, values = rows[r.id]
        expected = list(zip(*last_win(keys, values)))
        assert [tuple(e) for e in r.entries] == expected
        assert [tuple(e) for e in r.concat] == expected
        # transform_keys sees the deduplicated map and repeats its new keys again
        dedup_keys, dedup_values = last_win(keys, values)
        assert [tuple(e) for e in r.moved] == list(zip(*last_win([k % 5 for k in dedup_keys], dedup_values)))


def test_str_to_map_and_nested_maps(spark, policy):
    frame = spark.createDataFrame([("a=1;b=2;a=3",)], "s string")
    with pytest.raises(SparkRuntimeException, match="DUPLICATED_MAP_KEY"):
        frame.select(F.str_to_map("s", F.lit(";"), F.lit("="))).collect()
    policy("LAST_WIN")
    row = frame.select(
        F.map_keys(F.str_to_map("s", F.lit(";"), F.lit("="))).alias("keys"),
        F.create_map(F.lit("outer"), F.str_to_map("s", F.lit(";"), F.lit("=")), F.lit("outer"),
                     F.create_map(F.lit("x"), F.lit("y"))).alias("nested")).first()
    assert row.keys == ["a", "b"]
    assert row.nested == {"outer": {"x": "y"}}

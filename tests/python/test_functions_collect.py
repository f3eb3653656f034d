"""pyspark.sql.functions aggregates: collect_list / collect_set / array_agg, the boolean ones,
count_if, product, bit_*, max_by / min_by, regr_*, skewness / kurtosis; and call_udf."""

import pytest

import pyspark.sql.functions as F


def test_collect_and_boolean_aggregates(spark):
    rows = [("x", 1, True), ("x", 2, False), ("x", 2, None), ("y", None, True), ("z", None, None)]
    frame = spark.createDataFrame(rows, "k string, v int, b boolean")
    got = frame.groupBy("k").agg(
        F.array_sort(F.collect_list("v")).alias("l"), F.array_sort(F.collect_set(F.col("v"))).alias("s"),
        F.size(F.array_agg("v")).alias("n"), F.bool_and("b"), F.bool_or("b"), F.every("b"), F.some("b"),
        F.count_if("b")).orderBy("k")
    assert got.columns == ["k", "l", "s", "n", "bool_and(b)", "bool_or(b)", "every(b)", "some(b)", "count_if(b)"]
    assert [tuple(r) for r in got.collect()] == [
        ("x", [1, 2, 2], [1, 2], 3, False, True, False, True, 1),
        ("y", [], [], 0, True, True, True, True, 1),
        ("z", [], [], 0, None, None, None, None, 0),
    ]


def test_fold_regression_and_by_aggregates(spark):
    frame = spark.createDataFrame([("a", 1, 1, 12), ("a", 3, 2, 10), ("a", 5, 3, 3), ("b", None, 4, None)],
                                  "k string, y int, x int, b int")
    row = frame.where("k = 'a'").select(
        F.product("y"), F.bit_and("b"), F.bit_or("b"), F.bit_xor("b"), F.max_by("k", "y"), F.min_by(F.col("x"), "y"),
        F.regr_count("y", "x"), F.regr_slope("y", "x"), F.regr_intercept("y", "x"), F.regr_r2("y", "x"),
        F.regr_avgx("y", "x"), F.regr_avgy("y", "x"), F.regr_sxx("y", "x"), F.regr_syy("y", "x"),
        F.regr_sxy("y", "x")).first()
    assert tuple(row)[:7] == (15.0, 0, 15, 5, "a", 1, 3)
    # Partial sums merged in any order: equal to the hand values up to rounding.
    assert list(row)[7:] == pytest.approx([2.0, -1.0, 1.0, 2.0, 3.0, 2.0, 8.0, 4.0], rel=1e-12, abs=1e-12)


def test_call_udf_calls_a_registered_function(spark):
    spark.udf.register("plus_one_udf", lambda v: v + 1, "int")
    frame = spark.createDataFrame([(1,), (5,)], "v int")
    assert [r[0] for r in frame.select(F.call_udf("plus_one_udf", "v")).collect()] == [2, 6]


def test_skewness_and_kurtosis(spark):
    import math
    xs = [1.0, 2.0, 4.0, 7.0]
    mean = sum(xs) / len(xs)
    m2, m3, m4 = (sum((x - mean) ** k for x in xs) for k in (2, 3, 4))
    row = spark.createDataFrame([(x,) for x in xs] + [(None,)], "x double").select(
        F.skewness("x"), F.kurtosis(F.col("x"))).first()
    assert math.isclose(row[0], math.sqrt(len(xs)) * m3 / m2 ** 1.5, rel_tol=1e-12)
    assert math.isclose(row[1], len(xs) * m4 / m2 ** 2 - 3, rel_tol=1e-12)


def test_median_and_percentile(spark):
    frame = spark.createDataFrame([(v,) for v in (1, 2, 4, 7)] + [(None,)], "x int")
    row = frame.select(F.median("x"), F.percentile("x", 0.25), F.percentile(F.col("x"), [0.0, 1.0]),
                       F.percentile("x", 0.5, 2)).first()
    # Sorted 1, 2, 4, 7: position p * (n - 1), linear between neighbours.
    assert tuple(row) == (3.0, 1.75, [1.0, 7.0], 3.0)


def test_listagg_and_string_agg(spark):
    frame = spark.createDataFrame([("x", "a"), ("x", None), ("y", "b"), ("y", "b")], "k string, s string")
    got = frame.groupBy("k").agg(F.listagg("s", "-").alias("l"), F.string_agg("s").alias("s")).orderBy("k")
    assert [tuple(r) for r in got.collect()] == [("x", "a", "a"), ("y", "b-b", "bb")]


def test_listagg_distinct_and_string_agg_distinct(spark):
    frame = spark.createDataFrame([("x", "a"), ("x", None), ("y", "b"), ("y", "b"), ("y", "c")], "k string, s string")
    got = frame.groupBy("k").agg(F.listagg_distinct("s", "-").alias("l"), F.string_agg_distinct("s").alias("s"))
    # The order of the joined values is unspecified without WITHIN GROUP: compare as sets.
    rows = {r["k"]: (set(r["l"].split("-")), sorted(r["s"])) for r in got.collect()}
    assert rows == {"x": ({"a"}, ["a"]), "y": ({"b", "c"}, ["b", "c"])}


def test_mode(spark):
    frame = spark.createDataFrame([(v,) for v in (3, 1, 3, 1, 2, None)], "x int")
    assert tuple(frame.select(F.mode("x"), F.mode(F.col("x"), True)).first()) == (1, 1)


def test_try_sum_and_try_avg(spark):
    frame = spark.createDataFrame([(2 ** 63 - 1,), (1,), (None,)], "v bigint")
    assert tuple(frame.select(F.try_sum("v"), F.try_avg(F.col("v"))).first()) == (None, float(2 ** 63) / 2)
    small = spark.createDataFrame([(1,), (2,)], "v int")
    assert tuple(small.select(F.try_sum("v"), F.try_avg("v")).first()) == (3, 1.5)

"""df.rollup / df.cube with grouping() and grouping_id(), checked against plain groupBy
aggregates computed separately (every grouping set must equal its plain aggregate)."""

import pytest

from pyspark.errors import AnalysisException
from pyspark.sql import functions as F
from pyspark.sql.types import ByteType, LongType


@pytest.fixture(scope="module")
def sales(spark):
    rows = [("a", "x", 10), ("a", "y", 20), ("a", "x", 5), ("b", "x", 7), ("b", None, 3), (None, "y", 1)]
    return spark.createDataFrame(rows, ["shop", "item", "amount"])


def plain(df, cols, gid):
    """The plain aggregate over `cols`, with the other grouping columns as None, keyed like the
    grouping-set rows: (shop, item, gid) -> (sum, count)."""
    out = {}
    for r in df.groupBy(*cols).agg(F.sum("amount").alias("s"), F.count("*").alias("n")).collect():
        key = (r["shop"] if "shop" in cols else None, r["item"] if "item" in cols else None, gid)
        out[key] = (r["s"], r["n"])
    return out


def keyed(df):
    return {(r["shop"], r["item"], r["g"]): (r["s"], r["n"]) for r in df.collect()}


def test_rollup_equals_union_of_plain_aggregates(sales):
    df = sales.rollup("shop", "item").agg(F.grouping_id().alias("g"), F.sum("amount").alias("s"),
                                          F.count("*").alias("n"))
    expected = {**plain(sales, ["shop", "item"], 0), **plain(sales, ["shop"], 1), **plain(sales, [], 3)}
    assert df.count() == len(expected) == 9
    assert keyed(df) == expected


def test_cube_equals_union_of_plain_aggregates(sales):
    df = sales.cube(F.col("shop"), "item").agg(F.grouping_id().alias("g"), F.sum("amount").alias("s"),
                                                F.count("*").alias("n"))
    expected = {**plain(sales, ["shop", "item"], 0), **plain(sales, ["shop"], 1),
                **plain(sales, ["item"], 2), **plain(sales, [], 3)}
    assert df.count() == len(expected) == 12
    assert keyed(df) == expected


def test_grouping_tells_rolled_up_nulls_from_null_values(sales):
    df = sales.rollup("shop").agg(F.grouping("shop").alias("gs"), F.sum("amount").alias("s"))
    assert df.columns == ["shop", "gs", "s"]
    assert df.schema["gs"].dataType == ByteType()
    rows = sorted((r["gs"], r["shop"] or "", r["s"]) for r in df.collect())
    assert rows == [(0, "", 1), (0, "a", 35), (0, "b", 10), (1, "", 46)]


def test_rollup_columns_and_types(sales):
    df = sales.rollup("shop", "item").agg(F.grouping_id(), F.grouping_id("shop", "item"), F.max("amount"))
    assert df.columns == ["shop", "item", "grouping_id()", "grouping_id(shop, item)", "max(amount)"]
    assert df.schema["grouping_id()"].dataType == LongType()
    assert sales.rollup("shop").count().orderBy(F.col("count").desc()).first()["count"] == 6


def test_grouping_without_grouping_sets_is_an_error(sales):
    with pytest.raises(AnalysisException) as error:
        sales.groupBy("shop").agg(F.grouping("shop")).collect()
    assert error.value.getErrorClass() == "UNSUPPORTED_GROUPING_EXPRESSION"


def test_grouping_sets_equal_union_of_plain_aggregates(sales):
    df = sales.groupingSets([["shop", "item"], ["item"], []], "shop", "item").agg(
        F.grouping_id().alias("g"), F.sum("amount").alias("s"), F.count("*").alias("n"))
    expected = {**plain(sales, ["shop", "item"], 0), **plain(sales, ["item"], 2),
                **plain(sales, [], 3)}
    assert df.count() == len(expected)
    assert keyed(df) == expected


def test_grouping_sets_add_set_expressions_missing_from_the_columns(sales):
    df = sales.groupingSets([["shop"], [F.length("item")]], "shop").agg(
        F.grouping_id().alias("g"), F.count("*").alias("n"))
    assert df.columns == ["shop", "length(item)", "g", "n"]
    rows = df.collect()
    by_shop = {r["shop"]: r["count"] for r in sales.groupBy("shop").count().collect()}
    by_length = {r[0]: r["count"] for r in sales.groupBy(F.length("item")).count().collect()}
    assert {r["shop"]: r["n"] for r in rows if r["g"] == 1} == by_shop
    assert {r["length(item)"]: r["n"] for r in rows if r["g"] == 2} == by_length
    assert len(rows) == len(by_shop) + len(by_length)

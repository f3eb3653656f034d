"""df.lateralJoin, Column.outer, DataFrame.scalar and DataFrame.exists, checked against the same
per-row semantics computed in plain Python."""

import pytest

from pyspark.errors import AnalysisException
from pyspark.sql import functions as F

CUSTOMERS = [(1, "Ann"), (2, "Bo"), (3, "Cy"), (4, None)]
ORDERS = [(10, 1, 5.0), (11, 1, 7.5), (12, 2, 3.0), (13, 3, 9.0), (14, 3, 1.0), (15, 3, 4.0), (16, None, 2.0)]


@pytest.fixture(scope="module")
def frames(spark):
    customers = spark.createDataFrame(CUSTOMERS, "cid int, name string")
    orders = spark.createDataFrame(ORDERS, "oid int, cust int, amount double")
    return customers, orders


def rows(df):
    return sorted((tuple(r) for r in df.collect()), key=repr)


def test_lateral_join_with_correlated_filter(frames):
    customers, orders = frames
    right = orders.where(F.col("cust") == F.col("cid").outer()).select("oid", "amount")
    got = rows(customers.lateralJoin(right).select("cid", "oid", "amount"))
    want = sorted(((c, o, a) for c, _ in CUSTOMERS for o, k, a in ORDERS if k == c), key=repr)
    assert got == want


def test_lateral_join_left_keeps_rows_without_match(frames):
    customers, orders = frames
    right = orders.where(F.col("cust") == customers.cid.outer()).select("oid")
    got = rows(customers.lateralJoin(right, how="left").select("cid", "oid"))
    want = []
    for c, _ in CUSTOMERS:
        matches = [o for o, k, _ in ORDERS if k == c]
        want += [(c, o) for o in matches] or [(c, None)]
    assert got == sorted(want, key=repr)


def test_lateral_join_top_n_per_row(frames):
    customers, orders = frames
    right = (orders.where(F.col("cust") == F.col("cid").outer())
             .orderBy(F.col("amount").desc()).limit(2).select("amount"))
    got = rows(customers.lateralJoin(right).select("cid", "amount"))
    want = []
    for c, _ in CUSTOMERS:
        amounts = sorted((a for _, k, a in ORDERS if k == c), reverse=True)[:2]
        want += [(c, a) for a in amounts]
    assert got == sorted(want, key=repr)


def test_lateral_join_aggregate_and_condition(frames):
    customers, orders = frames
    right = (orders.where(F.col("cust") == F.col("cid").outer())
             .agg(F.count("oid").alias("n"), F.sum("amount").alias("total")))
    got = rows(customers.lateralJoin(right, F.col("n") < 3).select("cid", "n", "total"))
    want = []
    for c, _ in CUSTOMERS:
        amounts = [a for _, k, a in ORDERS if k == c]
        if len(amounts) < 3:
            want.append((c, len(amounts), sum(amounts) if amounts else None))
    assert got == sorted(want, key=repr)


def test_lateral_join_projection_of_outer_columns(spark, frames):
    customers, _ = frames
    right = spark.range(1).select((F.col("cid").outer() * 10).alias("x"))
    got = rows(customers.lateralJoin(right, how="cross").select("cid", "x"))
    assert got == sorted(((c, c * 10) for c, _ in CUSTOMERS), key=repr)


def test_lateral_join_rejects_other_join_types(frames):
    customers, orders = frames
    with pytest.raises(AnalysisException) as error:
        customers.lateralJoin(orders, how="right")
    assert error.value.getCondition() == "UNSUPPORTED_JOIN_TYPE"


def test_scalar_subquery_correlated(frames):
    customers, orders = frames
    total = orders.where(F.col("cust") == F.col("cid").outer()).select(F.sum("amount")).scalar()
    got = rows(customers.select("cid", total.alias("total")))
    want = []
    for c, _ in CUSTOMERS:
        amounts = [a for _, k, a in ORDERS if k == c]
        want.append((c, sum(amounts) if amounts else None))
    assert got == sorted(want, key=repr)


def test_scalar_subquery_uncorrelated_in_filter(frames):
    _, orders = frames
    average = orders.select(F.avg("amount")).scalar()
    got = rows(orders.where(F.col("amount") > average).select("oid"))
    mean = sum(a for _, _, a in ORDERS) / len(ORDERS)
    assert got == sorted(((o,) for o, _, a in ORDERS if a > mean), key=repr)


def test_exists_and_not_exists(frames):
    customers, orders = frames
    has_orders = orders.where(F.col("cust") == F.col("cid").outer()).exists()
    got = rows(customers.where(has_orders).select("cid"))
    buyers = {k for _, k, _ in ORDERS}
    assert got == sorted(((c,) for c, _ in CUSTOMERS if c in buyers), key=repr)
    got = rows(customers.where(~has_orders).select("cid"))
    assert got == sorted(((c,) for c, _ in CUSTOMERS if c not in buyers), key=repr)


def test_outer_column_outside_a_subquery_is_unresolved(frames):
    customers, _ = frames
    with pytest.raises(AnalysisException) as error:
        customers.select(F.col("cid").outer()).collect()
    assert error.value.getCondition().startswith("UNRESOLVED_COLUMN")


def test_column_texts(frames):
    _, orders = frames
    assert repr(F.col("a").outer()) == "Column<'outer(a)'>"
    assert repr(orders.select(F.max("amount")).scalar()) == "Column<'scalarsubquery()'>"
    assert repr(orders.exists()) == "Column<'exists()'>"


def test_lateral_join_with_aliases_and_an_outer_array(spark):
    baskets = spark.createDataFrame([(1, [3, 4]), (2, []), (3, None)], "id int, items array<int>")
    exploded = spark.range(1).select(F.explode(F.col("b.items").outer()).alias("item"))
    got = rows(baskets.alias("b").lateralJoin(exploded, how="left").select("id", "item"))
    want = []
    for i, items in [(1, [3, 4]), (2, []), (3, None)]:
        want += [(i, x) for x in items or []] or [(i, None)]
    assert got == sorted(want, key=repr)
    got = rows(baskets.alias("b").lateralJoin(exploded).select("id", "item"))
    assert got == [(1, 3), (1, 4)]

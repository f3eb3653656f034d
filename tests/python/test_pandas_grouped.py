"""mapInPandas, applyInPandas (grouped and cogrouped), foreach and foreachPartition, checked
against the same functions applied with pandas and plain Python."""

import pandas as pd
import pytest

from pyspark.errors import PySparkTypeError


@pytest.fixture(scope="module")
def sales(spark):
    pdf = pd.DataFrame({"shop": ["a", "b", "a", "c", "b", "a"], "amount": [3, 5, 7, 1, 2, 4]})
    return spark.createDataFrame(pdf), pdf


def test_map_in_pandas(spark, sales):
    df, pdf = sales
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "4")
    seen = []
    try:
        def double_big(frames):
            for frame in frames:
                seen.append(len(frame))
                yield frame[frame.amount > 2].assign(amount=lambda f: f.amount * 2)

        out = df.mapInPandas(double_big, "shop string, amount long").collect()
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    expected = pdf[pdf.amount > 2].assign(amount=lambda f: f.amount * 2)
    assert sorted(tuple(r) for r in out) == sorted(expected.itertuples(index=False, name=None))
    assert max(seen) <= 4 and sum(seen) == len(pdf)


def test_apply_in_pandas(spark, sales):
    df, pdf = sales

    def share(frame):
        return frame.assign(share=frame.amount / frame.amount.sum())

    out = df.groupBy("shop").applyInPandas(share, "shop string, amount long, share double")
    got = sorted(tuple(r) for r in out.collect())
    expected = sorted(pdf.groupby("shop", group_keys=False).apply(share)
                      .itertuples(index=False, name=None))
    assert [g[:2] for g in got] == [e[:2] for e in expected]
    for g, e in zip(got, expected):
        assert g[2] == pytest.approx(e[2])

    def total(key, frame):
        return pd.DataFrame({"shop": [key[0]], "total": [frame.amount.sum()]})

    totals = {r.shop: r.total for r in df.groupBy("shop").applyInPandas(total, "shop string, total long").collect()}
    assert totals == pdf.groupby("shop").amount.sum().to_dict()


def test_cogroup_apply_in_pandas(spark, sales):
    df, pdf = sales
    targets = pd.DataFrame({"shop": ["a", "b", "d"], "target": [10, 20, 5]})
    other = spark.createDataFrame(targets)

    def compare(key, left, right):
        return pd.DataFrame({"shop": [key[0]], "sold": [int(left.amount.sum())],
                             "target": [int(right.target.sum())]})

    out = df.groupBy("shop").cogroup(other.groupBy("shop")).applyInPandas(
        compare, "shop string, sold long, target long")
    got = {r.shop: (r.sold, r.target) for r in out.collect()}
    sold = pdf.groupby("shop").amount.sum().to_dict()
    target = targets.set_index("shop").target.to_dict()
    assert got == {k: (sold.get(k, 0), target.get(k, 0)) for k in set(sold) | set(target)}


def test_foreach_and_foreach_partition(spark, sales):
    df, pdf = sales
    seen = []
    df.foreach(lambda row: seen.append(row.amount))
    assert sorted(seen) == sorted(pdf.amount)
    counted = []
    df.foreachPartition(lambda rows: counted.append(sum(1 for _ in rows)))
    assert sum(counted) == len(pdf)
    with pytest.raises(PySparkTypeError):
        df.mapInPandas(5, "x int")

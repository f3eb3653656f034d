"""Grouped pandas operations run by the engine over many partitions: applyInPandas, cogroup,
mapInPandas and grouped aggregate pandas UDFs (in groupBy, SQL and windows), each checked against
the same computation in plain pandas."""

import threading

import numpy as np
import pandas as pd
import pytest

from pyspark.errors import PythonException
from pyspark.sql import Window
from pyspark.sql import functions as F
from pyspark.sql.functions import pandas_udf


@pytest.fixture(scope="module")
def events(spark):
    rng = np.random.default_rng(7)
    n = 5000
    pdf = pd.DataFrame({
        "user": rng.integers(0, 60, n).astype(np.int64),
        "kind": rng.choice(["view", "click", "buy"], n),
        "t": np.arange(n, dtype=np.int64),
        "value": rng.random(n).round(6),
    })
    return spark.createDataFrame(pdf).repartition(4), pdf


def sorted_rows(rows):
    return sorted(tuple(r) for r in rows)


def test_apply_in_pandas_many_groups(spark, events):
    df, pdf = events
    threads = set()

    def top_two(frame):
        threads.add(threading.current_thread() is threading.main_thread())
        best = frame.sort_values(["value", "t"], ascending=[False, True]).head(2)
        return best[["user", "kind", "value"]].assign(rows=len(frame))

    out = df.groupBy("user", "kind").applyInPandas(
        top_two, "user long, kind string, value double, rows long").collect()
    expected = pdf.groupby(["user", "kind"], group_keys=False).apply(top_two)
    assert sorted_rows(out) == sorted(expected.itertuples(index=False, name=None))
    # Called on the engine's task threads, not in the driver's main thread.
    assert False in threads


def test_apply_in_pandas_whole_groups_and_keys(spark, events):
    df, pdf = events
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "7")
    try:
        def summary(key, frame):
            return pd.DataFrame({"user": [key[0]], "n": [len(frame)],
                                 "first": [int(frame.t.min())], "total": [frame.value.sum()]})

        out = df.groupBy(df.user).applyInPandas(summary, "user long, n long, first long, total double")
        got = {r.user: (r.n, r.first, r.total) for r in out.collect()}
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    grouped = pdf.groupby("user")
    assert got.keys() == set(grouped.groups)
    for user, frame in grouped:
        n, first, total = got[user]
        # A group is one frame however many rows it has (maxRecordsPerBatch does not cut it).
        assert (n, first) == (len(frame), int(frame.t.min()))
        assert total == pytest.approx(frame.value.sum())


def test_apply_in_pandas_null_keys_and_dtypes(spark):
    pdf = pd.DataFrame({"k": ["a", None, "a", None, "b"], "x": [1, 2, 3, None, 5]},
                       dtype=object)
    df = spark.createDataFrame(pdf, "k string, x long")
    dtypes = {}

    def describe(frame):
        dtypes[frame.k.iloc[0]] = str(frame.x.dtype)
        return pd.DataFrame({"k": [frame.k.iloc[0]], "n": [len(frame)],
                             "s": [frame.x.sum()]})

    out = df.groupBy("k").applyInPandas(describe, "k string, n long, s double").collect()
    got = {r.k: (r.n, r.s) for r in out}
    expected = {None if pd.isna(k) else k: (len(g), float(pd.to_numeric(g.x).sum()))
                for k, g in pdf.groupby("k", dropna=False)}
    assert got == expected
    # A group without nulls keeps integers; the group with a null gets floats, as in PySpark.
    assert dtypes["a"] == "int64" and dtypes[None] == "float64"


def test_apply_in_pandas_positional_and_errors(spark, events):
    df, _ = events
    out = df.groupBy("kind").applyInPandas(
        lambda f: pd.DataFrame([[f.kind.iloc[0], len(f)]]), "kind string, n long")
    assert sorted_rows(out.collect()) == sorted(
        (k, n) for k, n in events[1].groupby("kind").size().items())

    def broken(frame):
        raise ValueError("no luck")

    with pytest.raises(PythonException, match="no luck"):
        df.groupBy("kind").applyInPandas(broken, "kind string").collect()
    with pytest.raises(PythonException, match="UDF_RETURN_TYPE"):
        df.groupBy("kind").applyInPandas(lambda f: f.kind, "kind string").collect()
    with pytest.raises(PythonException, match="RESULT_COLUMNS_MISMATCH_FOR_PANDAS_UDF"):
        df.groupBy("kind").applyInPandas(lambda f: f[["kind"]], "kind string, n long").collect()


def test_cogroup_many_groups(spark, events):
    df, pdf = events
    limits = pd.DataFrame({"user": np.arange(30, 90, dtype=np.int64),
                           "limit": np.linspace(0.1, 0.9, 60)})
    other = spark.createDataFrame(limits).repartition(3)
    seen = {}

    def over_limit(key, left, right):
        seen[key[0]] = (str(left.t.dtype), list(left.columns), list(right.columns))
        limit = right["limit"].iloc[0] if len(right) else 1.0
        return pd.DataFrame({"user": [key[0]], "over": [int((left.value > limit).sum())],
                             "rows": [len(left)]})

    out = df.groupBy("user").cogroup(other.groupBy("user")).applyInPandas(
        over_limit, "user long, over long, rows long")
    got = {r.user: (r.over, r.rows) for r in out.collect()}
    by_user = dict(tuple(pdf.groupby("user")))
    limit_of = limits.set_index("user")["limit"].to_dict()
    expected = {}
    for user in set(by_user) | set(limit_of):
        left = by_user.get(user, pdf.iloc[:0])
        expected[user] = (int((left.value > limit_of.get(user, 1.0)).sum()), len(left))
    assert got == expected
    # Each side keeps its own columns and dtypes, also when one side of a group is empty.
    assert all(v == ("int64", ["user", "kind", "t", "value"], ["user", "limit"])
               for v in seen.values())


def test_map_in_pandas_partitions(spark, events):
    df, pdf = events
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "300")
    sizes = []
    try:
        def clicks(frames):
            for frame in frames:
                sizes.append(len(frame))
                picked = frame[frame.kind == "click"]
                yield picked[["t", "value"]].assign(double=picked.value * 2)

        out = df.mapInPandas(clicks, "t long, value double, double double").collect()
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    picked = pdf[pdf.kind == "click"]
    expected = picked[["t", "value"]].assign(double=picked.value * 2)
    assert sorted_rows(out) == sorted(expected.itertuples(index=False, name=None))
    assert max(sizes) <= 300 and sum(sizes) == len(pdf)


def test_grouped_aggregate_many_groups_and_sql(spark, events):
    df, pdf = events

    @pandas_udf("double")
    def spread(v: pd.Series) -> float:
        return v.max() - v.min()

    @pandas_udf("long")
    def count_over(v: pd.Series, t: pd.Series) -> int:
        return int((v > 0.5).sum() + 0 * len(t))

    out = df.groupBy("user", "kind").agg(spread("value").alias("s"), count_over("value", "t").alias("c"))
    got = {(r.user, r.kind): (r.s, r.c) for r in out.collect()}
    grouped = pdf.groupby(["user", "kind"])
    expected = {k: (g.value.max() - g.value.min(), int((g.value > 0.5).sum())) for k, g in grouped}
    assert got.keys() == expected.keys()
    for k in got:
        assert got[k][0] == pytest.approx(expected[k][0]) and got[k][1] == expected[k][1]

    spark.udf.register("spread_of", spread)
    df.createOrReplaceTempView("pandas_events")
    try:
        sql = spark.sql("SELECT kind, spread_of(value) AS s FROM pandas_events GROUP BY kind")
        got = {r.kind: r.s for r in sql.collect()}
    finally:
        spark.catalog.dropTempView("pandas_events")
    for kind, g in pdf.groupby("kind"):
        assert got[kind] == pytest.approx(g.value.max() - g.value.min())


def test_grouped_aggregate_nulls(spark):
    pdf = pd.DataFrame({"g": ["x", "x", "y", "y", "y"], "v": [1.0, None, None, None, 4.0]})
    df = spark.createDataFrame(pdf, "g string, v double")

    @pandas_udf("long")
    def missing(v: pd.Series) -> int:
        return int(v.isna().sum())

    got = {r.g: r.m for r in df.groupBy("g").agg(missing("v").alias("m")).collect()}
    assert got == pdf.groupby("g").v.apply(lambda s: int(s.isna().sum())).to_dict()


def test_grouped_aggregate_over_windows(spark, events):
    df, pdf = events

    @pandas_udf("double")
    def mean_of(v: pd.Series) -> float:
        return v.mean()

    whole = Window.partitionBy("user")
    running = Window.partitionBy("user").orderBy("t").rowsBetween(Window.unboundedPreceding, 0)
    sliding = Window.partitionBy("user").orderBy("t").rowsBetween(-2, 1)
    out = df.select("user", "t", mean_of("value").over(whole).alias("whole"),
                    mean_of("value").over(running).alias("running"),
                    mean_of("value").over(sliding).alias("sliding")).collect()
    expected = {}
    for _, group in pdf.sort_values("t").groupby("user"):
        values = group.value.to_numpy()
        for i, t in enumerate(group.t):
            expected[t] = (values.mean(), values[:i + 1].mean(),
                           values[max(0, i - 2):i + 2].mean())
    got = {r.t: (r.whole, r.running, r.sliding) for r in out}
    assert got.keys() == expected.keys()
    for t, values in expected.items():
        assert got[t] == pytest.approx(values)


def test_apply_in_pandas_keys_keep_their_types(spark):
    pdf = pd.DataFrame({"k": pd.array([1, None, 1, 2], dtype="Int64"), "ts": pd.to_datetime(["2024-01-01"] * 4),
                        "v": [1.0, 2.0, 3.0, 4.0]})
    df = spark.createDataFrame(pdf, "k long, ts timestamp, v double")
    keys = []

    def record(key, frame):
        keys.append(key)
        return frame[["v"]]

    assert df.groupBy("k", "ts").applyInPandas(record, "v double").count() == 4
    got = sorted(((k, pd.Timestamp(ts)) for k, ts in keys), key=str)
    assert got == sorted(((None if pd.isna(k) else int(k), ts) for k, ts in
                          pdf.groupby(["k", "ts"], dropna=False).groups), key=str)
    assert all(k[0] is None or float(k[0]).is_integer() and not isinstance(k[0], float)
               for k in keys)

"""pandas UDFs: each kind checked against the same function applied with pandas directly."""

from typing import Iterator, Tuple

import pandas as pd
import pytest

from pyspark.errors import PythonException
from pyspark.sql import Row
from pyspark.sql import functions as F
from pyspark.sql.functions import PandasUDFType, pandas_udf


@pytest.fixture(scope="module")
def frame(spark):
    pdf = pd.DataFrame({"id": range(1, 21), "x": [i * 0.5 for i in range(20)],
                        "s": ["w%d" % (i % 3) for i in range(20)]})
    return spark.createDataFrame(pdf), pdf


def by_id(df):
    return df.orderBy("id").toPandas()


def test_series_to_series(spark, frame):
    df, pdf = frame

    @pandas_udf("double")
    def scaled(x: pd.Series, i: pd.Series) -> pd.Series:
        return x * 2 + i

    out = by_id(df.select("id", scaled("x", "id").alias("r")))
    assert out["r"].tolist() == (pdf["x"] * 2 + pdf["id"]).tolist()


def test_old_function_type_argument(spark, frame):
    df, pdf = frame
    upper = pandas_udf(lambda s: s.str.upper(), "string", PandasUDFType.SCALAR)
    out = by_id(df.select("id", upper("s").alias("u")))
    assert out["u"].tolist() == pdf["s"].str.upper().tolist()


def test_iterator_kinds(spark, frame):
    df, pdf = frame

    @pandas_udf("long")
    def doubled(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        for batch in batches:
            yield batch * 2

    @pandas_udf("double")
    def summed(batches: Iterator[Tuple[pd.Series, pd.Series]]) -> Iterator[pd.Series]:
        for ids, xs in batches:
            yield ids + xs

    out = by_id(df.select("id", doubled("id").alias("d"), summed("id", "x").alias("t")))
    assert out["d"].tolist() == (pdf["id"] * 2).tolist()
    assert out["t"].tolist() == (pdf["id"] + pdf["x"]).tolist()


def test_struct_result_as_dataframe(spark, frame):
    df, pdf = frame

    @pandas_udf("half double, tag string")
    def split(x: pd.Series, s: pd.Series) -> pd.DataFrame:
        return pd.DataFrame({"half": x / 2, "tag": s + "!"})

    rows = df.orderBy("id").select(split("x", "s").alias("r")).collect()
    assert [r.r for r in rows] == [Row(half=x / 2, tag=s + "!") for x, s in zip(pdf["x"], pdf["s"])]


def test_in_filter_and_sql(spark, frame):
    df, pdf = frame

    @pandas_udf("boolean")
    def even(i: pd.Series) -> pd.Series:
        return i % 2 == 0

    assert sorted(r.id for r in df.filter(even("id")).collect()) == \
        pdf["id"][pdf["id"] % 2 == 0].tolist()
    spark.udf.register("pandas_plus", pandas_udf(lambda a, b: a + b, "double"))
    df.createOrReplaceTempView("pandas_frame")
    got = spark.sql("SELECT sum(pandas_plus(x, id)) FROM pandas_frame").collect()[0][0]
    assert got == pytest.approx((pdf["x"] + pdf["id"]).sum())


@pandas_udf("long")
def batch_size(i: pd.Series) -> pd.Series:
    """The number of rows of the batch each row came in."""
    return pd.Series([len(i)] * len(i))


def test_batches_have_at_most_max_records(spark):
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "7")
    try:
        sizes = [r[0] for r in spark.range(0, 1000, 1, 2).select(batch_size("id")).collect()]
        assert len(sizes) == 1000 and max(sizes) <= 7
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")


def test_batches_are_coalesced_up_to_max_records(spark):
    # Each of the two range partitions has 5000 ids in engine batches of another size: every
    # call sees exactly maxRecordsPerBatch rows, in a projection, a filter and an aggregate.
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
    try:
        df = spark.range(0, 10000, 1, 2)
        sizes = [r[0] for r in df.select(batch_size("id")).collect()]
        assert len(sizes) == 10000 and set(sizes) == {1000}
        assert df.filter(batch_size("id") == 1000).count() == 10000
        assert df.select(F.min(batch_size("id")), F.max(batch_size("id"))).first() == (1000, 1000)
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    # The default bound (10000): one partition of 25000 ids gives calls of 10000, 10000, 5000,
    # each call's rows the ids in order.
    plus_one = pandas_udf(lambda i: i + 1, "long")
    rows = spark.range(0, 25000, 1, 1).select(batch_size("id"), plus_one("id")).collect()
    assert [r[0] for r in rows] == [10000] * 20000 + [5000] * 5000
    assert [r[1] for r in rows] == list(range(1, 25001))


def test_wrong_length_and_type(spark, frame):
    df, _ = frame
    too_short = pandas_udf(lambda s: s[:1], "long")
    with pytest.raises(PythonException, match="SCHEMA_MISMATCH_FOR_PANDAS_UDF"):
        df.select(too_short("id")).collect()
    not_series = pandas_udf(lambda s: 5, "long")
    with pytest.raises(PythonException, match="UDF_RETURN_TYPE"):
        df.select(not_series("id")).collect()


def test_exception_in_pandas_udf(spark, frame):
    df, _ = frame

    @pandas_udf("double")
    def broken(x: pd.Series) -> pd.Series:
        raise KeyError("missing column")

    with pytest.raises(PythonException) as info:
        df.select(broken("x")).collect()
    assert "in broken" in str(info.value) and "KeyError: 'missing column'" in str(info.value)


def test_grouped_aggregate(spark, frame):
    df, pdf = frame

    @pandas_udf("double")
    def mean_of(x: pd.Series) -> float:
        return x.mean()

    @pandas_udf("long")
    def weighted(i: pd.Series, x: pd.Series) -> int:
        return int((i * x).sum())

    got = {r.s: (r.m, r.w) for r in df.groupBy("s").agg(mean_of("x").alias("m"),
                                                          weighted("id", "x").alias("w")).collect()}
    expected = {s: (g["x"].mean(), int((g["id"] * g["x"]).sum())) for s, g in pdf.groupby("s")}
    assert got.keys() == expected.keys()
    for s in got:
        assert got[s][0] == pytest.approx(expected[s][0]) and got[s][1] == expected[s][1]
    whole = df.agg(mean_of("x")).collect()[0][0]
    assert whole == pytest.approx(pdf["x"].mean())
    assert df.agg(mean_of("x")).columns == ["mean_of(x)"]

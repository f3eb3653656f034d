"""pandas and numpy in and out of the engine: createDataFrame converts columns once into the
engine's local relation (types as PySpark infers them without Arrow), toPandas builds numpy
arrays with PySpark's dtypes, and DataFrames refer to plans the engine session holds."""

import datetime
import decimal
import gc

import numpy as np
import pandas as pd
import pytest

from pyspark.errors import ArithmeticException, PySparkTypeError, PySparkValueError
from pyspark.sql import Row
from pyspark.sql import functions as F
from pyspark.sql.types import (
    BooleanType, DoubleType, FloatType, IntegerType, LongType, StringType, StructField,
    StructType, TimestampType,
)


@pytest.fixture
def new_york(spark):
    spark.conf.set("spark.sql.session.timeZone", "America/New_York")
    yield spark
    spark.conf.set("spark.sql.session.timeZone", "UTC")


def test_every_pandas_type_with_nulls_round_trips(spark):
    pdf = pd.DataFrame({
        "i": np.array([1, -2, 3], dtype=np.int32),
        "ni": pd.array([1, None, 3], dtype="Int64"),
        "f": [1.5, np.nan, -0.0],
        "nf": pd.array([0.5, None, 2.0], dtype="Float64"),
        "b": [True, False, True],
        "nb": pd.array([True, None, False], dtype="boolean"),
        "s": ["x", None, "é"],
        "ns": pd.array(["a", None, "c"], dtype="string"),
        "t": pd.to_datetime(["2024-01-05 10:00:00.123456", None, "1969-12-31 23:59:59"]),
        "d": [datetime.date(2024, 2, 29), None, datetime.date(1900, 1, 1)],
        "dec": [decimal.Decimal("1.25"), None, decimal.Decimal("-3")],
        "bin": [b"\x00\x01", None, b""],
    })
    df = spark.createDataFrame(pdf)
    assert df.dtypes == [("i", "bigint"), ("ni", "bigint"), ("f", "double"), ("nf", "double"),
                         ("b", "boolean"), ("nb", "boolean"), ("s", "string"), ("ns", "string"),
                         ("t", "timestamp"), ("d", "date"), ("dec", "decimal(38,18)"),
                         ("bin", "binary")]
    out = df.toPandas()
    assert [str(t) for t in out.dtypes] == ["int64", "float64", "float64", "float64", "bool",
                                            "object", "object", "object", "datetime64[ns]",
                                            "object", "object", "object"]
    assert out["i"].tolist() == [1, -2, 3]
    assert out["ni"].isna().tolist() == [False, True, False] and out["ni"][2] == 3.0
    assert np.isnan(out["f"][1]) and out["f"][0] == 1.5
    assert out["nf"].isna().tolist() == [False, True, False]
    assert out["nb"].tolist() == [True, None, False]
    assert out["s"].tolist() == ["x", None, "é"] and out["ns"].tolist() == ["a", None, "c"]
    assert out["t"].tolist()[0] == pd.Timestamp("2024-01-05 10:00:00.123456")
    assert pd.isna(out["t"][1]) and out["t"][2] == pd.Timestamp("1969-12-31 23:59:59")
    assert out["d"].tolist() == [datetime.date(2024, 2, 29), None, datetime.date(1900, 1, 1)]
    assert out["dec"][0] == decimal.Decimal("1.25") and out["dec"][1] is None
    assert out["bin"].tolist() == [bytearray(b"\x00\x01"), None, bytearray(b"")]


def test_nan_stays_nan_and_none_is_null(spark):
    df = spark.createDataFrame(pd.DataFrame({"f": [np.nan, 1.0, None]}))
    assert df.filter("f IS NULL").count() == 0  # None in a float column is NaN in pandas
    assert df.filter("isnan(f)").count() == 2
    objects = spark.createDataFrame(pd.DataFrame({"s": ["a", None]}))
    assert objects.filter("s IS NULL").count() == 1


def test_timestamps_in_the_session_time_zone(new_york):
    spark = new_york
    naive = pd.DataFrame({"t": pd.to_datetime(["2024-07-01 12:00", "2024-03-10 02:30"])})
    df = spark.createDataFrame(naive)
    # Naive values are wall-clock times of the session zone (02:30 falls in the DST gap).
    assert df.selectExpr("CAST(unix_timestamp(t) AS BIGINT) AS s").collect() == [
        Row(s=1719849600), Row(s=1710055800)]
    aware = pd.DataFrame({"t": pd.to_datetime(["2024-07-01 16:00"]).tz_localize("UTC")})
    back = spark.createDataFrame(aware).toPandas()
    assert str(back["t"].dtype) == "datetime64[ns]"
    assert back["t"][0] == pd.Timestamp("2024-07-01 12:00")
    assert spark.createDataFrame(naive).toPandas()["t"][0] == pd.Timestamp("2024-07-01 12:00")


def test_empty_and_zero_column_frames(spark):
    empty = pd.DataFrame({"a": np.array([], dtype=np.int64), "b": np.array([], dtype=float),
                          "t": pd.to_datetime([])})
    df = spark.createDataFrame(empty)
    assert df.dtypes == [("a", "bigint"), ("b", "double"), ("t", "timestamp")]
    out = df.toPandas()
    assert len(out) == 0 and [str(t) for t in out.dtypes] == ["int64", "float64",
                                                              "datetime64[ns]"]
    no_columns = spark.createDataFrame(pd.DataFrame(index=range(3)))
    assert no_columns.columns == [] and no_columns.count() == 3
    assert spark.range(0).toPandas().shape == (0, 1)


def test_schema_given_for_pandas(spark):
    pdf = pd.DataFrame({"a": [1, 2], "b": [0.5, 1.5], "c": ["x", "y"]})
    schema = StructType([StructField("x", IntegerType()), StructField("y", FloatType()),
                         StructField("z", StringType())])
    df = spark.createDataFrame(pdf, schema)
    assert df.collect() == [Row(x=1, y=0.5, z="x"), Row(x=2, y=1.5, z="y")]
    assert [str(t) for t in df.toPandas().dtypes] == ["int32", "float32", "object"]
    with pytest.raises(PySparkTypeError) as info:
        spark.createDataFrame(pdf, "a double, b double, c string")
    assert info.value.getErrorClass() == "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME"
    with pytest.raises(PySparkValueError) as bounds:
        spark.createDataFrame(pd.DataFrame({"a": [300]}), "a tinyint")
    assert bounds.value.getErrorClass() == "VALUE_OUT_OF_BOUNDS"


def test_numpy_arrays(spark):
    two = spark.createDataFrame(np.array([[1, 2], [3, 4]], dtype=np.int32))
    assert two.schema == StructType([StructField("_1", IntegerType(), True),
                                     StructField("_2", IntegerType(), True)])
    assert two.collect() == [Row(_1=1, _2=2), Row(_1=3, _2=4)]
    one = spark.createDataFrame(np.array([0.5, 1.5]))
    assert one.schema == StructType([StructField("value", DoubleType(), True)])
    with pytest.raises(PySparkValueError) as info:
        spark.createDataFrame(np.zeros((2, 2, 2)))
    assert info.value.getErrorClass() == "INVALID_NDARRAY_DIMENSION"


def test_records_are_checked_against_the_schema(spark):
    rows = [Row(a=1, b=True), {"a": None, "b": False}, (3, None)]
    df = spark.createDataFrame(rows, "a bigint, b boolean")
    assert df.collect() == [Row(a=1, b=True), Row(a=None, b=False), Row(a=3, b=None)]
    assert spark.createDataFrame([(np.int64(5), np.float64(0.5))], "a long, b double").first() == \
        Row(a=5, b=0.5)
    with pytest.raises(PySparkTypeError) as info:
        spark.createDataFrame([(1, "x")], "a bigint, b int")
    assert info.value.getErrorClass() == "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME"
    with pytest.raises(PySparkValueError) as nulls:
        spark.createDataFrame([(None,)], StructType([StructField("a", LongType(), False)]))
    assert nulls.value.getErrorClass() == "FIELD_NOT_NULLABLE_WITH_NAME"


def test_to_pandas_of_integers_with_nulls_and_booleans(spark):
    df = spark.createDataFrame([(1, True), (None, None)], "a int, b boolean")
    out = df.toPandas()
    assert str(out["a"].dtype) == "float64" and str(out["b"].dtype) == "object"
    assert spark.createDataFrame([(True,)], StructType([StructField("b", BooleanType())])) \
        .toPandas()["b"].dtype == np.bool_


def test_to_pandas_strings_repeated_shared_and_distinct(spark):
    # Repeats within and across batches (shared str objects, as pyarrow's to_pandas makes),
    # non-ASCII repeats, nulls, then more distinct values than the memo holds.
    words = ["w%d" % (i % 7) for i in range(30_000)]
    words += [None if i % 5 == 0 else "ü-%d" % (i % 3) for i in range(1_000)]
    words += ["u%d" % i for i in range(300_000)] + ["w1", "u5", ""] * 3
    out = spark.createDataFrame(pd.DataFrame({"s": words})).toPandas()["s"].tolist()
    assert out == words
    first = {}
    for value in out[:30_000]:
        assert first.setdefault(value, value) is value


def test_to_pandas_keeps_duplicate_column_names(spark):
    df = spark.createDataFrame([(1, "x")], "a int, b string")
    out = df.select("a", "b", "a").toPandas()
    assert list(out.columns) == ["a", "b", "a"] and out.shape == (1, 3)


def test_timestamp_schema_with_datetime_objects(spark):
    df = spark.createDataFrame([(datetime.datetime(2024, 1, 5, 10, 0),)],
                               StructType([StructField("t", TimestampType())]))
    assert df.toPandas()["t"][0] == pd.Timestamp("2024-01-05 10:00")


def test_plans_are_held_by_handle_and_released(spark):
    core = spark._core
    gc.collect()
    before = core.held_plan_count()
    df = spark.createDataFrame([(1,), (2,)], "a int").filter("a > 1").select("a")
    assert df._json().startswith('{"op":"handle"')
    assert core.held_plan_count() == before + 3
    assert df.collect() == [Row(a=2)]
    del df
    gc.collect()
    assert core.held_plan_count() == before


def test_column_of_a_dataframe_in_a_join(spark):
    left = spark.createDataFrame([(1, "a"), (2, "b")], "id int, v string")
    right = spark.createDataFrame([(1, "x")], "id int, v string").filter("id > 0")
    joined = left.join(right, left.id == right.id).select(left.v, right.v.alias("w"))
    assert joined.collect() == [Row(v="a", w="x")]


def test_to_local_iterator_streams_in_order(spark):
    df = spark.range(0, 100_000).selectExpr("id", "id * 2 AS twice").repartition(4)
    rows = df.toLocalIterator()
    first = next(rows)
    rest = list(rows)
    # every row once; after a repartition their order within a partition is not fixed
    assert len(rest) == 99_999
    assert sorted(tuple(r) for r in [first] + rest) == [(i, 2 * i) for i in range(100_000)]
    ordered = spark.range(0, 50_000).orderBy(F.col("id").desc()).toLocalIterator()
    assert [next(ordered).id for _ in range(3)] == [49_999, 49_998, 49_997]
    del ordered  # stops the job early


def test_to_local_iterator_raises_the_engine_error(spark):
    df = spark.range(0, 10).selectExpr("1 / (id - 5) AS x")
    with pytest.raises(ArithmeticException) as info:
        list(df.toLocalIterator())
    assert info.value.getErrorClass() == "DIVIDE_BY_ZERO"


def test_to_local_iterator_memory_stays_bounded(spark):
    def rss_mb():
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    df = spark.range(0, 600_000).selectExpr("id", "concat('%s', id) AS text" % ("x" * 500))
    before = rss_mb()
    peak = before
    for i, row in enumerate(df.toLocalIterator()):
        if i % 100_000 == 0:
            peak = max(peak, rss_mb())
    assert i == 599_999
    # The whole result would take over 300 MB as engine batches alone.
    assert peak - before < 150


def test_schema_inference_of_records(spark):
    df = spark.createDataFrame([(1, None, True), (None, "x", False)], ["a", "b", "c"])
    assert df.dtypes == [("a", "bigint"), ("b", "string"), ("c", "boolean")]
    rows = spark.createDataFrame([Row(a=1, b=[1, 2]), Row(a=2, b=None)])
    assert rows.dtypes == [("a", "bigint"), ("b", "array<bigint>")]
    assert rows.collect()[1] == Row(a=2, b=None)
    with pytest.raises(PySparkTypeError) as merge:
        spark.createDataFrame([(1,), (1.5,)])
    assert merge.value.getErrorClass() == "CANNOT_MERGE_TYPE"
    with pytest.raises(PySparkTypeError):
        spark.createDataFrame([(1,), (True,)])
    with pytest.raises(PySparkValueError) as nulls:
        spark.createDataFrame([(None,), (None,)])
    assert nulls.value.getErrorClass() == "CANNOT_DETERMINE_TYPE"

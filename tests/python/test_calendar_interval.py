"""CalendarIntervalType through the PySpark API: make_interval / try_make_interval signatures,
schema and show() text, interval arithmetic from Python, and collect() raising NOT_IMPLEMENTED as
PySpark 4.0 does (it has no Python value for the type)."""

import datetime

import pytest

from pyspark.errors import PySparkNotImplementedError
from pyspark.sql import functions as F
from pyspark.sql.types import CalendarIntervalType, StructType


@pytest.fixture(scope="module")
def fields(spark):
    return spark.createDataFrame([(1, 2, 30, 1.5), (0, None, 0, 0.0)], "y int, m int, mins int, s double")


def test_make_interval_takes_names_columns_and_defaults(fields, capsys):
    df = fields.select(F.make_interval("y", F.col("m"), mins="mins", secs="s").alias("i"),
                       F.make_interval().alias("zero"), F.try_make_interval(F.lit(178956971)).alias("overflow"))
    assert df.schema["i"].dataType == CalendarIntervalType()
    assert df.dtypes == [("i", "interval"), ("zero", "interval"), ("overflow", "interval")]
    df.show(truncate=False)
    first = "1 years 2 months 30 minutes 1.5 seconds"
    line = "+" + "-" * len(first) + "+---------+--------+\n"
    assert capsys.readouterr().out == (
        line + "|i" + " " * (len(first) - 1) + "|zero     |overflow|\n" + line +
        "|" + first + "|0 seconds|NULL    |\n"
        "|NULL" + " " * (len(first) - 4) + "|0 seconds|NULL    |\n" + line + "\n")


def test_collect_raises_not_implemented(fields):
    df = fields.select(F.make_interval("y").alias("i"))
    with pytest.raises(PySparkNotImplementedError) as info:
        df.collect()
    assert info.value.getErrorClass() == "NOT_IMPLEMENTED"
    assert df.limit(0).collect() == []


def test_schema_round_trip_and_ddl():
    assert StructType.fromDDL("i interval, d interval day")["i"].dataType == CalendarIntervalType()
    assert CalendarIntervalType().simpleString() == "interval"
    assert CalendarIntervalType.fromJson("interval") == CalendarIntervalType()


def test_timestamp_plus_interval_collects_as_datetime(spark):
    df = spark.createDataFrame([(datetime.datetime(2024, 1, 31, 10, 0),)], "t timestamp")
    row = df.select((F.col("t") + F.make_interval(months=F.lit(1), days=F.lit(1), hours=F.lit(2))).alias("a"),
                    (F.col("t") - F.make_interval(weeks=F.lit(5))).alias("b")).collect()[0]
    assert row.a == datetime.datetime(2024, 3, 1, 12, 0)
    assert row.b == datetime.datetime(2023, 12, 27, 10, 0)

"""ANSI interval literals and arithmetic through the PySpark API: Python values (timedelta for
day-time intervals, int months for year-month ones), schema types, show() text, F.expr."""

import datetime

from pyspark.sql import functions as F
from pyspark.sql.types import DayTimeIntervalType, YearMonthIntervalType, StructType


def test_collect_gives_timedelta_and_months(spark):
    row = spark.sql("SELECT INTERVAL '1 02:03:04.5' DAY TO SECOND AS dt, INTERVAL '-1 00:00:01' DAY TO SECOND AS neg, "
                    "INTERVAL '1-2' YEAR TO MONTH AS ym").collect()[0]
    assert row.dt == datetime.timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=500000)
    assert row.neg == -datetime.timedelta(days=1, seconds=1)
    assert row.ym == 14


def test_schema_types_and_print_schema(spark, capsys):
    df = spark.sql("SELECT INTERVAL '90' DAY AS d, INTERVAL '1-2' YEAR TO MONTH AS ym, "
                   "TIMESTAMP'2024-01-02 00:00:00' - TIMESTAMP'2024-01-01 00:00:00' AS diff")
    assert df.schema["d"].dataType == DayTimeIntervalType(DayTimeIntervalType.DAY)
    assert df.schema["ym"].dataType == YearMonthIntervalType()
    assert df.schema["diff"].dataType == DayTimeIntervalType()
    assert df.dtypes == [("d", "interval day"), ("ym", "interval year to month"), ("diff", "interval day to second")]
    df.select("d", "ym").printSchema()
    assert capsys.readouterr().out == (
        "root\n"
        " |-- d: interval day (nullable = false)\n"
        " |-- ym: interval year to month (nullable = false)\n\n")


def test_types_round_trip_ddl_and_json():
    for text in ("interval day", "interval hour to second", "interval year", "interval year to month"):
        assert StructType.fromDDL("x " + text)["x"].dataType.simpleString() == text
    assert repr(DayTimeIntervalType(1, 3)) == "DayTimeIntervalType(1, 3)"
    assert DayTimeIntervalType.fromJson("interval minute") == DayTimeIntervalType(2, 2)


def test_show_prints_ansi_interval_text(spark, capsys):
    spark.sql("SELECT INTERVAL '3' MONTH AS m, INTERVAL 1 DAY 2 HOURS AS dh").show()
    assert capsys.readouterr().out == (
        "+------------------+--------------------+\n"
        "|                 m|                  dh|\n"
        "+------------------+--------------------+\n"
        "|INTERVAL '3' MONTH|INTERVAL '1 02' D...|\n"
        "+------------------+--------------------+\n\n")


def test_date_arithmetic_in_dataframe_expressions(spark):
    df = spark.createDataFrame([(datetime.date(2024, 1, 31),)], "d date")
    row = df.select(F.expr("d + INTERVAL 1 MONTH").alias("next_month"),
                    F.expr("d - INTERVAL '30' DAY").alias("earlier"),
                    F.expr("add_months(d, 13)").alias("later"),
                    F.expr("DATE'2024-03-01' - d").alias("gap")).collect()[0]
    assert row.next_month == datetime.date(2024, 2, 29)
    assert row.earlier == datetime.date(2024, 1, 1)
    assert row.later == datetime.date(2025, 2, 28)
    assert row.gap == datetime.timedelta(days=30)


def test_add_months_and_months_between_functions(spark):
    df = spark.createDataFrame([(datetime.date(2024, 1, 31), datetime.date(2023, 12, 31))], "a date, b date")
    row = df.select(F.add_months("a", 1).alias("next"), F.add_months(df.a, F.lit(-1)).alias("prev"),
                    F.months_between("a", "b").alias("gap"),
                    F.months_between(F.lit(datetime.date(2024, 3, 15)), "b", False).alias("raw")).collect()[0]
    assert row.next == datetime.date(2024, 2, 29)
    assert row.prev == datetime.date(2023, 12, 31)
    assert row.gap == 1.0
    assert row.raw == 2 + 15 / 31

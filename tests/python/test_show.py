"""df.show() and printSchema() print exactly what PySpark 4 prints."""

import datetime
import decimal

from pyspark.sql import Row


def shown(capsys, df, *args, **kwargs):
    df.show(*args, **kwargs)
    return capsys.readouterr().out


def test_show_numbers_strings_nulls(spark, capsys):
    df = spark.createDataFrame([(1, "alice", 1.0), (22, None, None), (333, "bob", 1e10)],
                               "id INT, name STRING, score DOUBLE")
    assert shown(capsys, df) == (
        "+---+-----+------+\n"
        "| id| name| score|\n"
        "+---+-----+------+\n"
        "|  1|alice|   1.0|\n"
        "| 22| NULL|  NULL|\n"
        "|333|  bob|1.0E10|\n"
        "+---+-----+------+\n"
        "\n")
    assert shown(capsys, df, truncate=False) == (
        "+---+-----+------+\n"
        "|id |name |score |\n"
        "+---+-----+------+\n"
        "|1  |alice|1.0   |\n"
        "|22 |NULL |NULL  |\n"
        "|333|bob  |1.0E10|\n"
        "+---+-----+------+\n"
        "\n")


def test_show_footer_and_truncation(spark, capsys):
    df = spark.createDataFrame([("x" * 30,), ("short",)], "s STRING")
    assert shown(capsys, df, 1) == (
        "+--------------------+\n"
        "|                   s|\n"
        "+--------------------+\n"
        "|xxxxxxxxxxxxxxxxx...|\n"
        "+--------------------+\n"
        "only showing top 1 row\n"
        "\n")
    assert shown(capsys, df, truncate=3) == (
        "+---+\n"
        "|  s|\n"
        "+---+\n"
        "|xxx|\n"
        "|sho|\n"
        "+---+\n"
        "\n")


def test_show_dates_timestamps_decimals_nested(spark, capsys):
    df = spark.createDataFrame(
        [(datetime.date(2024, 1, 5), datetime.datetime(2024, 1, 5, 10, 0),
          decimal.Decimal("12.5"), [1, 2], {"a": 1}, Row(x=7, y="z"))],
        "d DATE, t TIMESTAMP, n DECIMAL(5,2), a ARRAY<INT>, m MAP<STRING,INT>, "
        "s STRUCT<x: INT, y: STRING>")
    assert shown(capsys, df) == (
        "+----------+-------------------+-----+------+--------+------+\n"
        "|         d|                  t|    n|     a|       m|     s|\n"
        "+----------+-------------------+-----+------+--------+------+\n"
        "|2024-01-05|2024-01-05 10:00:00|12.50|[1, 2]|{a -> 1}|{7, z}|\n"
        "+----------+-------------------+-----+------+--------+------+\n"
        "\n")


def test_show_vertical(spark, capsys):
    df = spark.createDataFrame([(1, "alice"), (2, "bob")], "id INT, name STRING")
    assert shown(capsys, df, vertical=True) == (
        "-RECORD 0-----\n"
        " id   | 1     \n"
        " name | alice \n"
        "-RECORD 1-----\n"
        " id   | 2     \n"
        " name | bob   \n"
        "\n")
    assert shown(capsys, df.filter(df.id > 5), vertical=True) == "(0 rows)\n\n"


def test_print_schema(spark, capsys):
    df = spark.createDataFrame([], "id BIGINT NOT NULL, tags ARRAY<STRING>, "
                                   "m MAP<STRING,INT>, p STRUCT<x: DOUBLE>")
    df.printSchema()
    assert capsys.readouterr().out == (
        "root\n"
        " |-- id: long (nullable = false)\n"
        " |-- tags: array (nullable = true)\n"
        " |    |-- element: string (containsNull = true)\n"
        " |-- m: map (nullable = true)\n"
        " |    |-- key: string\n"
        " |    |-- value: integer (valueContainsNull = true)\n"
        " |-- p: struct (nullable = true)\n"
        " |    |-- x: double (nullable = true)\n"
        "\n")


def test_explain(spark, capsys):
    df = spark.createDataFrame([(1,)], "a INT")
    df.explain()
    simple = capsys.readouterr().out
    assert simple.startswith("== Physical Plan ==\n")
    df.explain(True)
    extended = capsys.readouterr().out
    for header in ("== Parsed Logical Plan ==", "== Analyzed Logical Plan ==",
                   "== Optimized Logical Plan ==", "== Physical Plan =="):
        assert header in extended


def test_show_floating_point_as_java(spark, capsys):
    df = spark.createDataFrame([(0.0001, 1.5), (float("nan"), float("inf")), (-0.0, 1e-10)],
                               "d DOUBLE, f FLOAT")
    assert shown(capsys, df) == (
        "+------+--------+\n"
        "|     d|       f|\n"
        "+------+--------+\n"
        "|1.0E-4|     1.5|\n"
        "|   NaN|Infinity|\n"
        "|  -0.0| 1.0E-10|\n"
        "+------+--------+\n"
        "\n")

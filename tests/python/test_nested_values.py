"""Arrays, maps and structs from Python: constructors, literals, element and field access,
withField/dropFields, and how show(), collect(), printSchema() and toPandas() render them (as
PySpark 4 does)."""

import pytest

import pyspark.sql.functions as F
from pyspark.errors import AnalysisException
from pyspark.sql import Row


@pytest.fixture(scope="module")
def df(spark):
    return spark.createDataFrame([(1, "a", [1, 2], {"k": 1}), (2, None, [], None)],
                                 "i int, s string, a array<int>, m map<string,int>")


def shown(capsys, frame, **kwargs):
    frame.show(**kwargs)
    return capsys.readouterr().out


def test_constructors_take_names_lists_and_columns(df):
    rows = df.select(F.array("i", F.lit(5)), F.array(["i", "i"]), F.create_map("i", "s"),
                     F.struct("i", "s"), F.named_struct(F.lit("x"), "i")).orderBy("i").collect()
    assert rows[0] == Row([1, 5], [1, 1], {1: "a"}, Row(i=1, s="a"), Row(x=1))
    assert rows[1][0] == [2, 5]
    assert rows[1][3] == Row(i=2, s=None)


def test_column_names_follow_spark(df):
    frame = df.select(F.array("i", "i"), df.a[0], df.m["k"], F.struct("i").i, df.a.getItem(1),
                      F.element_at("a", 1), F.col("m").getItem("k"))
    assert frame.columns == ["array(i, i)", "a[0]", "m[k]", "struct(i).i", "a[1]", "element_at(a, 1)", "m[k]"]


def test_python_literals(spark):
    row = spark.range(1).select(F.lit([1, 2]).alias("l"), F.lit({"a": 1}).alias("d"),
                                F.lit(Row(x=1, y="z")).alias("r"), F.lit([]).alias("e")).collect()[0]
    assert row == Row(l=[1, 2], d={"a": 1}, r=Row(x=1, y="z"), e=[])


def test_element_access_and_ansi(spark, df):
    got = df.orderBy("i").select(F.try_element_at("a", F.lit(-1)), F.try_element_at("a", F.lit(5)), F.get("a", 1),
                                 df.m.getItem("missing")).collect()
    assert got == [Row(2, None, 2, None), Row(None, None, None, None)]
    with pytest.raises(Exception) as error:
        df.select(df.a[5]).collect()
    assert "INVALID_ARRAY_INDEX" in str(error.value)
    spark.conf.set("spark.sql.ansi.enabled", "false")
    try:
        assert [r[0] for r in df.orderBy("i").select(df.a[5]).collect()] == [None, None]
    finally:
        spark.conf.set("spark.sql.ansi.enabled", "true")


def test_fields_of_computed_structs(df):
    s = F.struct("i", "s")
    got = df.orderBy("i").select(s.i, s["s"], s.getField("i") + 1).collect()
    assert got == [Row(1, "a", 2), Row(2, None, 3)]
    with pytest.raises(AnalysisException) as error:
        df.select(s.nope).collect()
    assert error.value.getErrorClass() == "FIELD_NOT_FOUND"


def test_with_field_and_drop_fields(spark):
    frame = spark.createDataFrame([(Row(a=1, b=Row(c=2, d=3)),)], "s struct<a:int,b:struct<c:int,d:int>>")
    row = frame.select(frame.s.withField("a", F.lit(9)).alias("x"),
                       frame.s.withField("e", F.lit("new")).alias("y"),
                       frame.s.withField("b.c", F.lit(7)).alias("z"),
                       frame.s.dropFields("a").alias("w"),
                       frame.s.dropFields("b.d").alias("v")).collect()[0]
    assert row.x == Row(a=9, b=Row(c=2, d=3))
    assert row.y == Row(a=1, b=Row(c=2, d=3), e="new")
    assert row.z == Row(a=1, b=Row(c=7, d=3))
    assert row.w == Row(b=Row(c=2, d=3))
    assert row.v == Row(a=1, b=Row(c=2))
    with pytest.raises(AnalysisException):
        frame.select(frame.s.dropFields("a", "b")).collect()


def test_show_prints_nested_values_as_pyspark(spark, capsys):
    frame = spark.sql("SELECT array(1, NULL) AS a, map('k', 1) AS m, named_struct('x', 1, 'y', 'z') AS s, "
                      "array(named_struct('p', map(1, array(2)))) AS n")
    assert shown(capsys, frame) == (
        "+---------+--------+------+--------------+\n"
        "|        a|       m|     s|             n|\n"
        "+---------+--------+------+--------------+\n"
        "|[1, NULL]|{k -> 1}|{1, z}|[{{1 -> [2]}}]|\n"
        "+---------+--------+------+--------------+\n"
        "\n")


def test_print_schema_of_constructed_values(spark, capsys):
    spark.range(1).select(F.array(F.lit(1), F.lit(2)).alias("a"), F.create_map(F.lit("k"), F.lit(None)).alias("m"),
                          F.struct(F.lit(1).alias("x")).alias("s")).printSchema()
    assert capsys.readouterr().out == (
        "root\n"
        " |-- a: array (nullable = false)\n"
        " |    |-- element: integer (containsNull = false)\n"
        " |-- m: map (nullable = false)\n"
        " |    |-- key: string\n"
        " |    |-- value: void (valueContainsNull = true)\n"
        " |-- s: struct (nullable = false)\n"
        " |    |-- x: integer (nullable = false)\n"
        "\n")


def test_to_pandas_of_nested_values(df):
    pdf = df.orderBy("i").select("a", "m", F.struct("i", "s").alias("st")).toPandas()
    assert list(pdf["a"][0]) == [1, 2]
    assert pdf["m"][0] == {"k": 1}
    assert pdf["st"][0] == Row(i=1, s="a")
    assert pdf["m"][1] is None


def test_nested_casts_and_comparison(spark):
    row = spark.sql("SELECT CAST(array(1, 2) AS array<string>) AS a, CAST(struct(1, 2) AS string) AS s, "
                    "array(1, 2) < array(1, 3) AS lt, struct(1, 'a') = struct(1, 'a') AS eq").collect()[0]
    assert row == Row(a=["1", "2"], s="{1, 2}", lt=True, eq=True)


def test_literal_column_names(spark):
    frame = spark.range(1).select(F.lit([1, 2]), F.lit({"a": 1, "b": 2}))
    assert frame.columns == ["array(1, 2)", "map(a, 1, b, 2)"]

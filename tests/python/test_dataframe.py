"""DataFrame operations run by the engine, checked against the rows PySpark returns."""

import datetime
import decimal

import pytest

from pyspark.sql import Row
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType, DecimalType, IntegerType, LongType, MapType, StringType, StructField, StructType,
)


@pytest.fixture
def people(spark):
    return spark.createDataFrame(
        [(1, "alice", 10.5), (2, "bob", None), (3, None, 7.0), (4, "dan", 2.25)],
        "id INT, name STRING, score DOUBLE")


def test_create_from_tuples_with_ddl(people):
    assert people.columns == ["id", "name", "score"]
    assert people.dtypes == [("id", "int"), ("name", "string"), ("score", "double")]
    assert people.collect() == [Row(id=1, name="alice", score=10.5),
                                Row(id=2, name="bob", score=None),
                                Row(id=3, name=None, score=7.0),
                                Row(id=4, name="dan", score=2.25)]
    assert people.count() == 4


def test_create_with_inferred_types(spark):
    df = spark.createDataFrame([Row(a=1, b="x"), Row(a=None, b="y")])
    assert df.schema == StructType([StructField("a", LongType(), True),
                                    StructField("b", StringType(), True)])
    assert df.collect() == [Row(a=1, b="x"), Row(a=None, b="y")]
    by_dict = spark.createDataFrame([{"k": "v", "n": 2}])
    assert by_dict.columns == ["k", "n"]
    named = spark.createDataFrame([(1, "x")], ["num", "text"])
    assert named.first() == Row(num=1, text="x")


def test_create_from_struct_type_and_pandas(spark):
    import pandas as pd
    schema = StructType([StructField("id", IntegerType(), False),
                         StructField("tags", ArrayType(StringType())),
                         StructField("attrs", MapType(StringType(), LongType()))])
    df = spark.createDataFrame([(1, ["a", "b"], {"x": 1})], schema)
    row = df.collect()[0]
    assert row.id == 1 and row.tags == ["a", "b"] and row.attrs == {"x": 1}
    pdf = pd.DataFrame({"a": [1, 2], "b": [0.5, None], "c": ["x", "y"]})
    from_pandas = spark.createDataFrame(pdf)
    assert from_pandas.dtypes == [("a", "bigint"), ("b", "double"), ("c", "string")]
    values = from_pandas.collect()
    assert values[0] == Row(a=1, b=0.5, c="x")
    assert values[1].b != values[1].b  # pandas NaN stays NaN, as without Arrow


def test_python_types_of_collected_values(spark):
    schema = ("b BOOLEAN, i BIGINT, d DOUBLE, s STRING, bin BINARY, dec DECIMAL(10,2), "
              "dt DATE, ts TIMESTAMP, arr ARRAY<INT>, m MAP<STRING,INT>, st STRUCT<x: INT, y: STRING>")
    value = (True, 2 ** 40, 1.5, "é", bytearray(b"\x00\x01"), decimal.Decimal("12.50"),
             datetime.date(2024, 1, 5), datetime.datetime(2024, 1, 5, 10, 30, 0, 123000),
             [1, None], {"k": 3}, Row(x=1, y="z"))
    row = spark.createDataFrame([value], schema).collect()[0]
    assert row == value
    assert type(row.bin) is bytearray
    assert type(row.dec) is decimal.Decimal and str(row.dec) == "12.50"
    assert type(row.dt) is datetime.date
    assert row.ts == datetime.datetime(2024, 1, 5, 10, 30, 0, 123000) and row.ts.tzinfo is None
    assert row.st.x == 1 and row.st.asDict() == {"x": 1, "y": "z"}


def test_transformations(people):
    out = (people.filter(F.col("score").isNotNull())
           .withColumn("double_score", F.col("score") * 2)
           .withColumnRenamed("name", "who")
           .drop("score")
           .orderBy(F.col("id").desc()))
    assert out.columns == ["id", "who", "double_score"]
    assert out.collect() == [Row(id=4, who="dan", double_score=4.5),
                             Row(id=3, who=None, double_score=14.0),
                             Row(id=1, who="alice", double_score=21.0)]
    assert people.select("name").where(F.col("id") == 2).collect() == [Row(name="bob")]
    assert people.select(people.id, people["name"]).limit(1).collect() == [Row(id=1, name="alice")]


def test_sorting_with_nulls(people):
    asc = people.orderBy("name").select("name").collect()
    assert [r.name for r in asc] == [None, "alice", "bob", "dan"]
    desc = people.orderBy(F.col("name").desc_nulls_first()).select("name").collect()
    assert [r.name for r in desc] == [None, "dan", "bob", "alice"]
    ids = people.sort("id", ascending=False).select("id").collect()
    assert [r.id for r in ids] == [4, 3, 2, 1]


def test_take_head_first(people):
    sorted_people = people.orderBy("id")
    assert sorted_people.first() == Row(id=1, name="alice", score=10.5)
    assert sorted_people.head() == sorted_people.first()
    assert len(sorted_people.head(2)) == 2
    assert [r.id for r in sorted_people.take(3)] == [1, 2, 3]
    assert people.filter(F.col("id") > 100).first() is None


def test_distinct_and_unions(spark):
    a = spark.createDataFrame([(1, "x"), (1, "x"), (2, "y")], "n INT, s STRING")
    assert sorted(a.distinct().collect()) == [Row(n=1, s="x"), Row(n=2, s="y")]
    assert a.dropDuplicates().count() == 2
    assert a.union(a).count() == 6
    assert a.unionAll(a).count() == 6
    b = spark.createDataFrame([("z", 3)], "s STRING, n INT")
    assert sorted(a.unionByName(b).collect())[-1] == Row(n=3, s="z")


def test_group_by_aggregates(spark):
    df = spark.createDataFrame(
        [("a", "u1", 1), ("a", "u2", 2), ("a", "u1", 3), ("b", "u3", None)],
        "k STRING, u STRING, v INT")
    out = (df.groupBy("k")
           .agg(F.count("*").alias("n"), F.countDistinct("u").alias("users"),
                F.sum("v").alias("total"), F.avg("v").alias("mean"),
                F.min("v").alias("lo"), F.max("v").alias("hi"))
           .orderBy("k").collect())
    assert out == [Row(k="a", n=3, users=2, total=6, mean=2.0, lo=1, hi=3),
                   Row(k="b", n=1, users=1, total=None, mean=None, lo=None, hi=None)]
    counts = df.groupBy("k").count().orderBy("k").collect()
    assert counts == [Row(k="a", count=3), Row(k="b", count=1)]
    assert df.groupBy("k").count().columns == ["k", "count"]
    assert df.agg(F.max("v")).columns == ["max(v)"]
    assert df.agg(F.count("*")).columns == ["count(1)"]
    assert df.groupBy().sum("v").collect() == [Row(**{"sum(v)": 6})]


def test_when_coalesce_and_cast(people):
    out = people.select(
        F.when(F.col("score") > 5, "high").when(F.col("score") > 0, "low")
        .otherwise("none").alias("band"),
        F.coalesce(F.col("name"), F.lit("?")).alias("name"),
        F.col("id").cast("string").alias("id_text")).orderBy("id_text").collect()
    assert out == [Row(band="high", name="alice", id_text="1"),
                   Row(band="none", name="bob", id_text="2"),
                   Row(band="high", name="?", id_text="3"),
                   Row(band="low", name="dan", id_text="4")]


def test_etl_functions(spark):
    df = spark.createDataFrame([("u1", 1704448800)], "user_id STRING, timestamp BIGINT")
    out = (df.withColumn("event_time", F.to_timestamp(F.from_unixtime("timestamp")))
           .withColumn("event_date", F.to_date("event_time"))).collect()[0]
    assert out.event_time == datetime.datetime(2024, 1, 5, 10, 0)
    assert out.event_date == datetime.date(2024, 1, 5)


def test_to_pandas(people):
    pdf = people.orderBy("id").toPandas()
    assert list(pdf.columns) == ["id", "name", "score"]
    assert str(pdf["id"].dtype) == "int32"
    assert pdf["name"].tolist() == ["alice", "bob", None, "dan"]
    assert pdf["score"].isna().tolist() == [False, True, False, False]


def test_range(spark):
    df = spark.range(3)
    assert df.schema == StructType([StructField("id", LongType(), False)])
    assert [r.id for r in df.collect()] == [0, 1, 2]
    assert spark.range(2, 10, 3).count() == 3


def test_decimal_schema_round_trip(spark):
    df = spark.createDataFrame([(decimal.Decimal("1.5"),)], "d DECIMAL(10,2)")
    assert df.schema["d"].dataType == DecimalType(10, 2)
    assert df.collect()[0].d == decimal.Decimal("1.50")


def test_struct_fields(spark):
    df = spark.createDataFrame([(Row(x=1, y="z"),)], "st STRUCT<x: INT, y: STRING>")
    assert df.select(df.st.x, F.col("st")["y"]).collect()[0][:] == (1, "z")
    assert df.select("st.x").collect()[0][0] == 1

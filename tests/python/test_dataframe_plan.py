"""DataFrame transformations, the reader and groupBy build plans of Ember's JSON plan format; no
engine is involved until an action runs."""

import pytest

from pyspark.sql import functions as F
from pyspark.sql.dataframe import DataFrame
from pyspark.sql.readwriter import DataFrameReader
from pyspark.sql.types import LongType, StringType, StructField, StructType

SCHEMA = StructType([StructField("user_id", StringType()), StructField("ts", LongType())])


def read():
    return DataFrameReader(None).schema(SCHEMA).option("multiLine", False).json("/data/events")


def col(name):
    return {"e": "col", "name": name}


def test_read_plan():
    assert read()._plan == {
        "op": "read", "format": "json", "paths": ["/data/events"],
        "schema": [{"name": "user_id", "type": "string", "nullable": True},
                   {"name": "ts", "type": "bigint", "nullable": True}],
        "options": {"multiline": "false"}}
    parquet = DataFrameReader(None).parquet("/a", "/b")._plan
    assert parquet["format"] == "parquet" and parquet["paths"] == ["/a", "/b"]
    assert parquet["schema"] is None
    ddl = DataFrameReader(None).format("JSON").schema("a INT, b STRING").load("/x")._plan
    assert ddl["format"] == "json"
    assert ddl["schema"] == [{"name": "a", "type": "int", "nullable": True},
                             {"name": "b", "type": "string", "nullable": True}]


def test_etl_plan_shape():
    df = (read().withColumn("event_time", F.to_timestamp(F.from_unixtime("ts")))
          .filter(F.col("user_id").isNotNull())
          .groupBy("user_id").agg(F.count("*").alias("n")))
    plan = df._plan
    assert plan["op"] == "aggregate"
    assert plan["groups"] == [col("user_id")]
    assert plan["aggs"] == [{"e": "alias", "name": "n", "child": {
        "e": "agg", "name": "count", "args": [{"e": "lit", "value": 1, "type": "int"}],
        "distinct": False}}]
    filt = plan["input"]
    assert filt["op"] == "filter"
    assert filt["condition"] == {"e": "fn", "name": "isnotnull", "args": [col("user_id")]}
    with_col = filt["input"]
    assert with_col["op"] == "with_columns" and with_col["names"] == ["event_time"]
    assert with_col["input"]["op"] == "read"


def test_projection_and_columns_ops():
    df = read()
    assert df.select("user_id", F.col("ts") + 1)._plan["exprs"] == [
        col("user_id"), {"e": "fn", "name": "+", "args": [
            col("ts"), {"e": "lit", "value": 1, "type": "int"}]}]
    assert df.select(["user_id", "ts"])._plan["exprs"] == [col("user_id"), col("ts")]
    assert df.select("*")._plan["exprs"] == [{"e": "star"}]
    assert df.selectExpr("user_id AS u")._plan["exprs"] == [{"e": "sql", "text": "user_id AS u"}]
    assert df.drop("ts", F.col("user_id"))._plan == {"op": "drop", "input": df._plan,
                                                      "names": ["ts", "user_id"]}
    assert df.withColumnRenamed("ts", "t")._plan == {"op": "rename", "input": df._plan,
                                                     "names": ["ts", "t"]}
    # df["ts"] names the column of df: it carries the plan id df's plan node gets for it.
    assert df["ts"]._expr == dict(col("ts"), plan_id=df._plan["plan_id"])
    assert df.where(df["ts"] > 0)._plan["op"] == "filter"


def test_sql_text_goes_to_the_engine():
    df = read()
    assert df.filter("ts > 0")._plan == {"op": "filter", "input": df._plan,
                                         "condition": {"e": "sql", "text": "ts > 0"}}
    assert df.alias("x")._plan == {"op": "alias", "input": df._plan, "name": "x"}


def test_sort_limit_distinct_union():
    df = read()
    orders = df.orderBy(F.col("ts").desc(), "user_id")._plan["orders"]
    assert orders == [{"e": "sort", "child": col("ts"), "asc": False, "nulls_first": False},
                      {"e": "sort", "child": col("user_id"), "asc": True, "nulls_first": True}]
    desc = df.sort("ts", "user_id", ascending=[False, True])._plan["orders"]
    assert [o["asc"] for o in desc] == [False, True]
    assert df.limit(5)._plan == {"op": "limit", "input": df._plan, "n": 5}
    assert df.distinct()._plan == {"op": "distinct", "input": df._plan}
    assert df.dropDuplicates()._plan == df.distinct()._plan
    assert df.union(df)._plan == {"op": "union", "inputs": [df._plan, df._plan],
                                  "by_name": False, "allow_missing": False}
    assert df.unionByName(df, allowMissingColumns=True)._plan["allow_missing"] is True


def test_group_shortcuts():
    df = read()
    counted = df.groupBy("user_id").count()._plan
    assert counted["aggs"] == [{"e": "alias", "name": "count", "child": {
        "e": "agg", "name": "count", "args": [{"e": "lit", "value": 1, "type": "int"}],
        "distinct": False}}]
    by_dict = df.groupby(F.col("user_id")).agg({"ts": "max", "*": "count"})._plan
    assert by_dict["aggs"] == [
        {"e": "agg", "name": "max", "args": [col("ts")], "distinct": False},
        {"e": "agg", "name": "count", "args": [{"e": "lit", "value": 1, "type": "int"}],
         "distinct": False}]
    global_agg = df.agg(F.sum("ts"))._plan
    assert global_agg["groups"] == []


def test_writer_records_partition_columns():
    df = DataFrame(read()._plan, None)
    writer = df.write.partitionBy("user_id", "ts")
    assert writer._partition_by == ["user_id", "ts"]
    assert df.write.partitionBy(["a"])._partition_by == ["a"]


def test_transform_chains_functions():
    def with_flag(df, name):
        return df.withColumn(name, F.lit(True))
    plan = read().transform(with_flag, "flag")._plan
    assert plan["op"] == "with_columns" and plan["names"] == ["flag"]

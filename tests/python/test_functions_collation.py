"""Collations from Python: collate/collation, StringType(collation) in schemas (DDL, printSchema,
Spark's schema JSON with its __COLLATIONS metadata), and grouping, ordering and filtering under
UTF8_LCASE and UNICODE_CI, checked against the same operations done in plain Python."""

import json

import pytest
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType, ArrayType, _parse_ddl_schema

WORDS = ["b", "B", "a", "é", "Z", "A", "b"]


def test_collate_utf8_binary_keeps_values_and_byte_order(spark):
    df = spark.createDataFrame([(w,) for w in WORDS], "w string")
    rows = df.select(F.collate("w", "UTF8_BINARY").alias("c"), F.collation("w").alias("n")).orderBy("c").collect()
    assert [r.c for r in rows] == sorted(WORDS, key=lambda w: w.encode())
    assert {r.n for r in rows} == {"UTF8_BINARY"}


def test_lcase_group_order_and_filter_match_python(spark):
    df = spark.createDataFrame([(w, i) for i, w in enumerate(WORDS)], "w string, i int")
    lcase = df.select(F.collate("w", "utf8_lcase").alias("w"), "i")
    assert lcase.schema["w"].dataType == StringType("UTF8_LCASE")
    groups = {r.k: r.n for r in lcase.groupBy("w").agg(F.count("*").alias("n")).select(F.lower("w").alias("k"), "n").collect()}
    expected = {}
    for w in WORDS:
        expected[w.lower()] = expected.get(w.lower(), 0) + 1
    assert groups == expected
    ordered = [r.w.lower() for r in lcase.orderBy("w").collect()]
    assert ordered == sorted(w.lower() for w in WORDS)
    assert lcase.filter(F.col("w") == "B").count() == sum(1 for w in WORDS if w.lower() == "b")
    assert lcase.filter(F.col("w").isin("a", "z")).count() == sum(1 for w in WORDS if w.lower() in ("a", "z"))


def test_string_type_collation_in_schemas(spark):
    schema = StructType([StructField("s", StringType("UNICODE_CI")), StructField("t", StringType())])
    df = spark.createDataFrame([("Abc", "x"), ("aBC", "y"), ("abd", "z")], schema)
    assert df.schema["s"].dataType == StringType("UNICODE_CI")
    assert repr(df.schema["s"].dataType) == "StringType('UNICODE_CI')"
    assert df.schema.simpleString() == "struct<s:string collate UNICODE_CI,t:string>"
    assert " |-- s: string collate UNICODE_CI (nullable = true)" in df.schema.treeString()
    assert df.filter(F.col("s") == "ABC").count() == 2
    assert df.select(F.collation("s")).first()[0] == "UNICODE_CI"
    assert df.select("s").distinct().count() == 2


def test_schema_json_round_trip_keeps_collations():
    schema = StructType([StructField("s", StringType("UTF8_LCASE")),
                         StructField("a", ArrayType(StringType("de_CI"))),
                         StructField("p", StringType())])
    text = schema.json()
    fields = json.loads(text)["fields"]
    assert fields[0]["type"] == "string"
    assert fields[0]["metadata"] == {"__COLLATIONS": {"s": "spark.UTF8_LCASE"}}
    assert fields[1]["metadata"] == {"__COLLATIONS": {"a.element": "icu.de_CI"}}
    assert fields[2]["metadata"] == {}
    assert StructType.fromJson(json.loads(text)) == schema
    assert _parse_ddl_schema("s STRING COLLATE UTF8_LCASE, p string") == StructType(
        [StructField("s", StringType("UTF8_LCASE")), StructField("p", StringType())])


def test_collation_errors(spark):
    with pytest.raises(Exception, match="COLLATION_INVALID_NAME"):
        spark.range(1).select(F.collate(F.lit("a"), "NOPE")).collect()
    with pytest.raises(Exception, match="COLLATION_MISMATCH.EXPLICIT"):
        spark.range(1).select(F.collate(F.lit("a"), "UTF8_LCASE") == F.collate(F.lit("a"), "UNICODE")).collect()

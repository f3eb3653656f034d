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
    assert {r.n for r in rows} == {"SYSTEM.BUILTIN.UTF8_BINARY"}


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
    assert df.select(F.collation("s")).first()[0] == "SYSTEM.BUILTIN.UNICODE_CI"
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


LCASE_TEXTS = ["Spark SQL", "aBcAbC", "xXaXx", "", "no match here", "ABCabcABC"]
LCASE_PATTERNS = ["abc", "X", "sql", "q", "B"]


def _ci_find(text, pattern, start=0):
    return text.lower().find(pattern.lower(), start)


def _ci_replace(text, pattern, rep):
    out, at = [], 0
    while True:
        hit = _ci_find(text, pattern, at)
        if hit < 0:
            return "".join(out) + text[at:]
        out.append(text[at:hit] + rep)
        at = hit + len(pattern)


def test_lcase_matching_functions_match_python(spark):
    # ASCII texts: UTF8_LCASE matching is Python's matching of the lowercased strings.
    rows = [(t, p) for t in LCASE_TEXTS for p in LCASE_PATTERNS]
    df = spark.createDataFrame(rows, "t string, p string").select(F.collate("t", "UTF8_LCASE").alias("t"),
                                                                    F.collate("p", "UTF8_LCASE").alias("p"))
    got = df.select("t", "p", F.contains("t", "p").alias("c"), F.startswith("t", "p").alias("s"),
                    F.endswith("t", "p").alias("e"), F.instr("t", F.col("p")).alias("i"),
                    F.replace("t", "p", F.lit("#")).alias("r"), F.split_part("t", "p", F.lit(2)).alias("sp"),
                    F.substring_index("t", F.col("p"), 1).alias("si")).collect()
    assert len(got) == len(rows)
    for r in got:
        t, p = r.t, r.p
        low_t, low_p = t.lower(), p.lower()
        assert r.c == (low_p in low_t)
        assert r.s == low_t.startswith(low_p)
        assert r.e == low_t.endswith(low_p)
        assert r.i == _ci_find(t, p) + 1
        assert r.r == _ci_replace(t, p, "#")
        parts = _ci_replace(t, p, "\0").split("\0")
        assert r.sp == (parts[1] if len(parts) > 1 else "")
        assert r.si == (t[:_ci_find(t, p)] if _ci_find(t, p) >= 0 else t)


def test_collated_results_keep_the_collation(spark):
    df = spark.createDataFrame([("aXbxc",)], "s string").select(F.collate("s", "UNICODE_CI").alias("s"))
    out = df.select(F.replace("s", F.lit("X"), F.lit("-")).alias("r"), F.btrim("s", F.lit("A")).alias("b"))
    assert out.schema["r"].dataType == StringType("UNICODE_CI")
    assert out.schema["b"].dataType == StringType("UNICODE_CI")
    row = out.first()
    assert (row.r, row.b) == ("a-b-c", "Xbxc")


def test_accent_insensitive_case_sensitive_collation_is_refused(spark):
    df = spark.createDataFrame([("a",)], "s string")
    with pytest.raises(Exception, match="DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"):
        df.select(F.contains(F.collate("s", "UNICODE_AI"), F.lit("a"))).collect()


def test_collated_column_values_inside_arrays(spark):
    # Column data (not literals): arrays built from collated strings keep comparing under the collation.
    words = ["a", "A", "b", "B", "b"]
    df = spark.createDataFrame([(w,) for w in words], "s string").select(F.collate("s", "UTF8_LCASE").alias("s"))
    hits = [r[0] for r in df.select(F.array_contains(F.array("s"), F.collate(F.lit("B"), "UTF8_LCASE"))).collect()]
    assert hits == [w.lower() == "b" for w in words]
    groups = {r.k[0].lower(): r.n for r in df.groupBy(F.array("s").alias("k")).agg(F.count("*").alias("n")).collect()}
    assert groups == {"a": 2, "b": 3}
    assert df.select(F.size(F.collect_set("s"))).first()[0] == 2
    assert df.select(F.countDistinct("s")).first()[0] == 2
    assert df.select(F.approx_count_distinct("s")).first()[0] == 2
    assert df.select(F.mode("s")).first()[0].lower() == "b"

"""pyspark.sql.functions JSON signatures: schemas as DataType, DDL string, schema JSON or Column;
options as a dict (parse modes, corrupt-record column, datetime patterns)."""

import datetime

import pytest

import pyspark.sql.functions as F
from pyspark.errors import AnalysisException, PySparkValueError
from pyspark.sql import Row
from pyspark.sql.types import ArrayType, IntegerType, MapType, StringType, StructField, StructType


@pytest.fixture(scope="module")
def df(spark):
    rows = [(1, '{"a": 1, "b": "x"}'), (2, '{"a": "no", "b": "y"}'), (3, '{"a": '), (4, None)]
    return spark.createDataFrame(rows, "id int, s string")


def values(frame):
    return [tuple(row) for row in frame.orderBy("id").collect()]


def test_from_json_schema_forms(df):
    schema = StructType([StructField("a", IntegerType()), StructField("b c", StringType())])
    got = values(df.select("id", F.from_json("s", "a INT, b STRING"),
                           F.from_json(F.col("s"), schema).alias("typed"),
                           F.from_json("s", schema.json())))
    assert got[0][1:] == (Row(a=1, b="x"), Row(**{"a": 1, "b c": None}), Row(**{"a": 1, "b c": None}))
    assert got[1][1] == Row(a=None, b="y")
    assert got[2][1] == Row(a=None, b=None)
    assert got[3][1:] == (None, None, None)


def test_from_json_array_map_and_inferred_schema(spark):
    frame = spark.createDataFrame([('[{"k": 1}, {"k": 2}]', '{"x": 1.5}')], "arr string, obj string")
    row = frame.select(F.from_json("arr", ArrayType(StructType([StructField("k", IntegerType())]))),
                       F.from_json("obj", MapType(StringType(), StringType())),
                       F.from_json("obj", F.schema_of_json(F.lit('{"x": 0.5}')))).first()
    assert row[0] == [Row(k=1), Row(k=2)]
    assert row[1] == {"x": "1.5"}
    assert row[2] == Row(x=1.5)


def test_from_json_options(df):
    got = values(df.select("id", F.from_json("s", "a INT, bad STRING", {"columnNameOfCorruptRecord": "bad"})))
    assert [r[1] for r in got] == [Row(a=1, bad=None), Row(a=None, bad='{"a": "no", "b": "y"}'),
                                   Row(a=None, bad='{"a": '), None]
    dated = df.sparkSession.range(1).select(
        F.from_json(F.lit('{"d": "05/01/2024", "t": "2024-01-05 10:30"}'), "d DATE, t TIMESTAMP",
                    {"dateFormat": "dd/MM/yyyy"})).first()[0]
    assert dated == Row(d=datetime.date(2024, 1, 5), t=datetime.datetime(2024, 1, 5, 10, 30))
    with pytest.raises(Exception, match="MALFORMED_RECORD_IN_PARSING"):
        df.select(F.from_json("s", "a INT", {"mode": "FAILFAST"})).collect()
    with pytest.raises(AnalysisException, match="PARSE_MODE_UNSUPPORTED"):
        df.select(F.from_json("s", "a INT", {"mode": "DROPMALFORMED"})).collect()


def test_unquoted_field_names_when_allowed(spark, tmp_path):
    (tmp_path / "part.json").write_text('{id: 1, "tag": "a"}\n{"id": 2, tag: "b: c"}\n')
    allowed = spark.read.option("allowUnquotedFieldNames", "true").json(str(tmp_path))
    assert sorted(allowed.columns) == ["id", "tag"]
    assert sorted(tuple(r) for r in allowed.select("id", "tag").collect()) == [(1, "a"), (2, "b: c")]
    # by default such lines are corrupt records
    assert spark.read.json(str(tmp_path)).columns == ["_corrupt_record"]
    text = spark.range(1).select(F.lit("{k: [1, 2]}").alias("s"))
    assert text.select(F.from_json("s", "k ARRAY<INT>", {"allowUnquotedFieldNames": "true"})).first()[0] == Row(k=[1, 2])
    assert text.select(F.schema_of_json(F.lit("{k: [1, 2]}"), {"allowUnquotedFieldNames": "true"})).first()[0] == \
        "STRUCT<k: ARRAY<BIGINT>>"


def test_to_json_and_options(spark):
    frame = spark.createDataFrame([(1, None, [1, None])], "a int, b string, c array<int>")
    row = frame.select(F.to_json(F.from_json(F.lit('{"a": 1, "b": null}'), "a INT, b STRING")),
                       F.to_json(F.from_json(F.lit('{"b": null}'), "b STRING"), {"ignoreNullFields": False}),
                       F.to_json("c"),
                       F.to_json(F.from_json(F.lit('{"d": "2024-01-05"}'), "d DATE"),
                                 {"dateFormat": "yyyy/MM/dd"})).first()
    assert tuple(row) == ('{"a":1}', '{"b":null}', "[1,null]", '{"d":"2024/01/05"}')


def test_schema_of_json_get_json_object_and_keys(spark):
    frame = spark.createDataFrame([('{"a": {"b": [1, 2]}, "c": "t"}',)], "s string")
    row = frame.select(F.schema_of_json('{"a": [1, 2.5]}'), F.get_json_object("s", "$.a.b[1]"),
                       F.get_json_object(F.col("s"), "$.c"), F.json_array_length(F.lit("[1, 2, 3]")),
                       F.json_object_keys("s")).first()
    assert tuple(row) == ("STRUCT<a: ARRAY<DOUBLE>>", "2", "t", 3, ["a", "c"])


def test_json_tuple_generates_string_columns(df):
    frame = df.select("id", F.json_tuple("s", "b", "a"))
    assert frame.columns == ["id", "c0", "c1"]
    assert values(frame) == [(1, "x", "1"), (2, "y", "no"), (3, None, None), (4, None, None)]
    named = df.select("id", F.json_tuple(F.col("s"), "a").alias("a_text")).where("id = 2")
    assert [tuple(r) for r in named.collect()] == [(2, "no")]
    with pytest.raises(PySparkValueError):
        F.json_tuple("s")


def test_current_catalog_and_database(spark):
    row = spark.range(1).select(F.current_catalog(), F.current_database(), F.current_schema()).first()
    assert tuple(row) == ("spark_catalog", spark.catalog.currentDatabase(), spark.catalog.currentDatabase())

"""Interoperability with DuckDB (tools/node/duckdb_query.mjs) in both directions.

Ember writes Parquet (each codec, dictionary on and off), JSON and CSV from rows made in plain
Python; DuckDB must read the same values back. DuckDB writes Parquet with every type it shares
with Spark, nested lists, structs and maps, each codec, dictionary on and off and data pages v2;
Ember must read what DuckDB itself reads. Values are compared after one normalization applied to
both sides (timestamps as microseconds since the epoch, binary as hex, decimals as Decimal, maps as
dicts, floats rounded to single precision for FLOAT columns)."""

import base64
import datetime
import decimal
import json
import math
import os
import struct
import subprocess

import pytest
from pyspark.sql import types as T

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DUCKDB_QUERY = os.path.join(ROOT, "tools", "node", "duckdb_query.mjs")
EPOCH = datetime.datetime(1970, 1, 1)


def duckdb(sql):
    out = subprocess.run(["node", DUCKDB_QUERY, sql, "2"], check=True, capture_output=True, text=True)
    lines = out.stdout.splitlines()
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:]]


def micros(value):
    if isinstance(value, (int, str)):
        return int(value)
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return (value - EPOCH) // datetime.timedelta(microseconds=1)


def norm(dtype, value):
    """One comparable form of a value of `dtype` as Ember's collect() or DuckDB's JSON gives it."""
    if value is None:
        return None
    if isinstance(dtype, (T.ByteType, T.ShortType, T.IntegerType, T.LongType)):
        return int(value)
    if isinstance(dtype, (T.FloatType, T.DoubleType)):
        number = float(value)
        if math.isnan(number):
            return "NaN"
        return struct.unpack("<f", struct.pack("<f", number))[0] if isinstance(dtype, T.FloatType) else number
    if isinstance(dtype, T.DecimalType):
        return decimal.Decimal(str(value))
    if isinstance(dtype, T.BinaryType):
        return bytes(value).hex() if isinstance(value, (bytes, bytearray)) else value.lower()
    if isinstance(dtype, T.DateType):
        return value.isoformat() if isinstance(value, datetime.date) else value
    if isinstance(dtype, (T.TimestampType, T.TimestampNTZType)):
        return micros(value)
    if isinstance(dtype, T.ArrayType):
        return [norm(dtype.elementType, v) for v in value]
    if isinstance(dtype, T.StructType):
        fields = [value[f.name] for f in dtype.fields] if isinstance(value, dict) else list(value)
        return {f.name: norm(f.dataType, v) for f, v in zip(dtype.fields, fields)}
    if isinstance(dtype, T.MapType):
        pairs = value.items() if isinstance(value, dict) else ((e["key"], e["value"]) for e in value)
        return {norm(dtype.keyType, k): norm(dtype.valueType, v) for k, v in pairs}
    return value


def duckdb_select(schema, source):
    """DuckDB SELECT of every column of `schema` from `source`, flat timestamps as epoch
    microseconds and flat binary as hex (nested values come as DuckDB's JSON gives them)."""
    columns = []
    for field in schema.fields:
        name = '"%s"' % field.name
        if isinstance(field.dataType, (T.TimestampType, T.TimestampNTZType)):
            columns.append("epoch_us(%s)" % name)
        elif isinstance(field.dataType, T.BinaryType):
            columns.append("hex(%s)" % name)
        else:
            columns.append(name)
    return "SELECT %s FROM %s" % (", ".join(columns), source)


def normalized_rows(schema, rows):
    return [[norm(f.dataType, row[i]) for i, f in enumerate(schema.fields)] for row in rows]


def assert_same_rows(schema, expected, actual):
    want = normalized_rows(schema, expected)
    got = normalized_rows(schema, actual)
    assert len(got) == len(want)
    for i, (w, g) in enumerate(zip(want, got)):
        assert g == w, "row %d" % i


# ---- Ember writes, DuckDB reads ----------------------------------------------------------------

FLAT_SCHEMA = T.StructType([
    T.StructField("id", T.LongType()), T.StructField("flag", T.BooleanType()),
    T.StructField("tiny", T.ByteType()), T.StructField("small", T.ShortType()),
    T.StructField("n", T.IntegerType()), T.StructField("ratio", T.FloatType()),
    T.StructField("amount", T.DoubleType()), T.StructField("name", T.StringType()),
    T.StructField("day", T.DateType()), T.StructField("ts", T.TimestampType()),
    T.StructField("local_ts", T.TimestampNTZType()), T.StructField("price", T.DecimalType(9, 2)),
    T.StructField("total", T.DecimalType(18, 4)), T.StructField("huge", T.DecimalType(38, 6)),
])
NESTED_FIELDS = [
    T.StructField("payload", T.BinaryType()),
    T.StructField("tags", T.ArrayType(T.StringType())),
    T.StructField("point", T.StructType([T.StructField("x", T.IntegerType()), T.StructField("label", T.StringType())])),
    T.StructField("counts", T.MapType(T.StringType(), T.LongType())),
    T.StructField("items", T.ArrayType(T.StructType([T.StructField("k", T.IntegerType()),
                                                      T.StructField("v", T.ArrayType(T.DoubleType()))]))),
]
FULL_SCHEMA = T.StructType(FLAT_SCHEMA.fields + NESTED_FIELDS)
WORDS = ["alpha", "", "ß-straße", "日本語", "a,b \"quoted\"", "tab\there", "line\nbreak", "x" * 40]


def flat_row(i):
    def maybe(k, value):
        return None if (i + k) % 9 == 4 else value
    ts = datetime.datetime(1965, 3, 1) + datetime.timedelta(seconds=i * 86413, milliseconds=i * 7)
    return [
        i, maybe(1, i % 3 == 0), maybe(2, (i * 37) % 256 - 128), maybe(3, (i * 7919) % 65536 - 32768),
        maybe(4, (i * 104729) % 2 ** 32 - 2 ** 31 if i else -2 ** 31), maybe(5, (i % 200 - 100) / 8.0),
        maybe(6, (i - 150) / 3.0 if i % 50 else float("inf") if i % 100 else float("nan")),
        maybe(7, WORDS[i % len(WORDS)] + str(i)),
        maybe(8, datetime.date(1900, 1, 1) + datetime.timedelta(days=i * 211)),
        maybe(9, ts), maybe(10, ts + datetime.timedelta(hours=5)),
        maybe(11, decimal.Decimal(i * 12345 - 900000).scaleb(-2)),
        maybe(12, decimal.Decimal((i * 98765432101) % 10 ** 17 - 5 * 10 ** 16).scaleb(-4)),
        maybe(13, decimal.Decimal(str(i) + "1234567890123456789012345").scaleb(-6) * (-1) ** i),
    ]


def full_row(i):
    def maybe(k, value):
        return None if (i + k) % 11 == 5 else value
    return flat_row(i) + [
        maybe(1, bytes([i % 256, 0, 255 - i % 256]) * (i % 3)),
        maybe(2, [WORDS[(i + k) % len(WORDS)] if (i + k) % 5 else None for k in range(i % 4)]),
        maybe(3, (maybe(4, i * 3 - 50), WORDS[i % 3])),
        maybe(5, {"k%d" % k: (None if k == 2 else i * k) for k in range(i % 4)}),
        maybe(6, [(k, [k / 4.0, -i / 2.0][: k % 3]) for k in range(i % 3)]),
    ]


@pytest.fixture(scope="module")
def ember_rows():
    return [full_row(i) for i in range(300)]


@pytest.mark.parametrize("codec,dictionary", [("snappy", True), ("gzip", False), ("zstd", True),
                                              ("lz4_raw", False), ("none", True), ("brotli", True)])
def test_duckdb_reads_ember_parquet(spark, tmp_path, ember_rows, codec, dictionary):
    path = str(tmp_path / "out")
    (spark.createDataFrame(ember_rows, FULL_SCHEMA).repartition(2).write.option("compression", codec)
     .option("parquet.enable.dictionary", str(dictionary).lower()).parquet(path))
    _, rows = duckdb(duckdb_select(FULL_SCHEMA, "read_parquet('%s/*.parquet') ORDER BY id" % path))
    assert_same_rows(FULL_SCHEMA, ember_rows, rows)
    _, codecs = duckdb("SELECT DISTINCT compression FROM parquet_metadata('%s/*.parquet')" % path)
    assert codecs == [[{"none": "UNCOMPRESSED"}.get(codec, codec.upper())]]


def test_duckdb_reads_ember_json(spark, tmp_path, ember_rows):
    path = str(tmp_path / "out")
    spark.createDataFrame(ember_rows, FULL_SCHEMA).coalesce(1).write.json(path)
    columns = {
        "id": "BIGINT", "flag": "BOOLEAN", "tiny": "TINYINT", "small": "SMALLINT", "n": "INTEGER",
        "ratio": "FLOAT", "amount": "DOUBLE", "name": "VARCHAR", "day": "DATE", "ts": "TIMESTAMPTZ",
        "local_ts": "TIMESTAMP", "price": "DECIMAL(9,2)", "total": "DOUBLE", "huge": "DOUBLE", "payload": "VARCHAR", "tags": "VARCHAR[]", "point": "STRUCT(x INTEGER, label VARCHAR)",
        "counts": "MAP(VARCHAR, BIGINT)", "items": "STRUCT(k INTEGER, v DOUBLE[])[]",
    }
    spec = "{%s}" % ", ".join("'%s': '%s'" % kv for kv in columns.items())
    schema = T.StructType([f if f.name != "payload" else T.StructField("payload", T.StringType())
                           for f in FULL_SCHEMA.fields])
    _, rows = duckdb(duckdb_select(schema, "read_json('%s/*.json', columns=%s, format='newline_delimited') "
                                           "ORDER BY id" % (path, spec)))
    for row in rows:  # Spark writes binary as base64 text
        row[14] = None if row[14] is None else base64.b64decode(row[14])
    # DuckDB parses JSON numbers as doubles, so decimals of more digits than a double holds are
    # read as doubles and compare as the nearest double.
    compared = T.StructType([T.StructField(f.name, T.DoubleType()) if isinstance(f.dataType, T.DecimalType)
                             and f.dataType.precision > 15 else f for f in FULL_SCHEMA.fields])
    assert_same_rows(compared, ember_rows, rows)


def test_duckdb_reads_ember_csv(spark, tmp_path):
    rows = [flat_row(i) for i in range(300)]
    path = str(tmp_path / "out")
    spark.createDataFrame(rows, FLAT_SCHEMA).coalesce(1).write.option("header", True).csv(path)
    types = ["BIGINT", "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "FLOAT", "DOUBLE", "VARCHAR", "DATE",
             "TIMESTAMPTZ", "TIMESTAMP", "DECIMAL(9,2)", "DECIMAL(18,4)", "DECIMAL(38,6)"]
    spec = "{%s}" % ", ".join("'%s': '%s'" % (f.name, t) for f, t in zip(FLAT_SCHEMA.fields, types))
    _, got = duckdb(duckdb_select(FLAT_SCHEMA, "read_csv('%s/*.csv', header=true, columns=%s, escape='\\', "
                                               "quote='\"') ORDER BY id" % (path, spec)))
    # Spark writes a null and an empty string alike as an empty field.
    want = [[None if v == "" else v for v in row] for row in rows]
    assert_same_rows(FLAT_SCHEMA, want, got)


# ---- DuckDB writes, Ember reads ----------------------------------------------------------------

DUCKDB_COLUMNS = """
  i::BIGINT AS id, i % 3 = 0 AS flag, (i % 250 - 125)::TINYINT AS tiny, (i * 37 % 60000 - 30000)::SMALLINT AS small,
  (i * 7919 - 1000000)::INTEGER AS n, (i * 1234567891 - 99)::BIGINT AS big, (i / 8 - 50)::FLOAT AS ratio,
  (i / 3)::DOUBLE AS amount, 'w' || (i % 10) AS word, 'u' || i || repeat('é', (i % 4)::INTEGER) AS uniq,
  encode('b' || i) AS payload, DATE '1950-01-01' + (i * 11)::INTEGER AS day,
  TIMESTAMP '1969-12-31 23:00:00' + to_microseconds(i * 3600000123) AS local_ts,
  (TIMESTAMP '2001-02-03 04:05:06' + to_microseconds(i * 777)) :: TIMESTAMPTZ AS ts,
  (i / 10 - 150)::DECIMAL(4,1) AS d4, (i * 1234.567)::DECIMAL(18,3) AS d18,
  ((i - 500) * 98765432109876.54321)::DECIMAL(38,10) AS d38,
  CASE WHEN i % 5 = 0 THEN NULL ELSE [i, i + 1, NULL][1:(i % 4)::INTEGER] END AS ints,
  ['s' || i, NULL, 'ü'][1:(i % 3)::INTEGER] AS words,
  {'x': i::INTEGER, 'y': CASE WHEN i % 4 = 0 THEN NULL ELSE 'y' || i END, 'd': (i / 4)::DECIMAL(10,2)} AS point,
  MAP(['a' || (i % 3), 'b'], [i, NULL]) AS pairs,
  [{'k': i::INTEGER, 'v': [i / 2, i / 4]}, {'k': NULL, 'v': []}][1:(i % 3)::INTEGER] AS items,
  {'inner': {'deep': [i::INTEGER]}, 'when': DATE '2020-02-29' + (i % 400)::INTEGER} AS nested
"""
EMBER_TYPES = {
    "id": "bigint", "flag": "boolean", "tiny": "tinyint", "small": "smallint", "n": "int", "big": "bigint",
    "ratio": "float", "amount": "double", "word": "string", "uniq": "string", "payload": "binary",
    "day": "date", "local_ts": "timestamp_ntz", "ts": "timestamp", "d4": "decimal(4,1)",
    "d18": "decimal(18,3)", "d38": "decimal(38,10)", "ints": "array<bigint>", "words": "array<string>",
    "point": "struct<x:int,y:string,d:decimal(10,2)>", "pairs": "map<string,bigint>",
    "items": "array<struct<k:int,v:array<double>>>",
    "nested": "struct<inner:struct<deep:array<int>>,when:date>",
}


@pytest.mark.parametrize("codec,options", [
    ("snappy", ""), ("gzip", ""), ("zstd", ""), ("lz4", ""), ("brotli", ""), ("uncompressed", ""),
    ("snappy", ", DICTIONARY_SIZE_LIMIT 1"), ("zstd", ", PARQUET_VERSION v2"),
    ("uncompressed", ", PARQUET_VERSION v2, DICTIONARY_SIZE_LIMIT 1"), ("snappy", ", ROW_GROUP_SIZE 700"),
])
def test_ember_reads_duckdb_parquet(spark, tmp_path, codec, options):
    path = str(tmp_path / "duck.parquet")
    rows = 3000
    duckdb("COPY (SELECT %s FROM range(%d) t(i)) TO '%s' (FORMAT parquet, COMPRESSION %s%s)"
           % (DUCKDB_COLUMNS, rows, path, codec, options))
    df = spark.read.parquet(path)
    assert [(f.name, f.dataType.simpleString()) for f in df.schema.fields] == list(EMBER_TYPES.items())
    _, expected = duckdb(duckdb_select(df.schema, "read_parquet('%s') ORDER BY id" % path))
    assert_same_rows(df.schema, expected, df.orderBy("id").collect())
    if "DICTIONARY_SIZE_LIMIT" not in options:
        _, used = duckdb("SELECT count(*) FROM parquet_metadata('%s') WHERE path_in_schema = 'word' "
                         "AND encodings LIKE '%%DICTIONARY%%'" % path)
        assert int(used[0][0]) > 0


def test_ember_reads_duckdb_json_and_csv(spark, tmp_path):
    json_path, csv_path = str(tmp_path / "duck.json"), str(tmp_path / "duck.csv")
    flat = ("i::BIGINT AS id, i % 3 = 0 AS flag, (i * 7919 - 1000000)::INTEGER AS n, (i / 3)::DOUBLE AS amount, "
            "'w,\"' || i || '\"' AS word, DATE '1950-01-01' + (i * 11)::INTEGER AS day, "
            "(i * 1234.567)::DECIMAL(18,3) AS d18, CASE WHEN i % 7 = 0 THEN NULL ELSE 'x' || i END AS maybe")
    duckdb("COPY (SELECT %s, [i, i + 1] AS ints, {'a': i::INTEGER} AS s FROM range(500) t(i)) TO '%s' "
           "(FORMAT json)" % (flat, json_path))
    duckdb("COPY (SELECT %s FROM range(500) t(i)) TO '%s' (FORMAT csv, HEADER)" % (flat, csv_path))
    ddl = "id BIGINT, flag BOOLEAN, n INT, amount DOUBLE, word STRING, day DATE, d18 DECIMAL(18,3), maybe STRING"
    from_json = spark.read.schema(ddl + ", ints ARRAY<BIGINT>, s STRUCT<a: INT>").json(json_path)
    _, expected = duckdb(duckdb_select(from_json.schema, "read_json('%s') ORDER BY id" % json_path))
    assert_same_rows(from_json.schema, expected, from_json.orderBy("id").collect())
    from_csv = spark.read.option("header", True).option("escape", '"').schema(ddl).csv(csv_path)
    _, expected = duckdb(duckdb_select(from_csv.schema, "read_csv('%s') ORDER BY id" % csv_path))
    assert_same_rows(from_csv.schema, expected, from_csv.orderBy("id").collect())
    inferred = spark.read.option("header", True).option("inferSchema", True).option("escape", '"').csv(csv_path)
    assert [f.dataType.simpleString() for f in inferred.schema.fields] == \
        ["int", "boolean", "int", "double", "string", "date", "double", "string"]

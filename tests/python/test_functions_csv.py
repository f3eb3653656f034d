"""from_csv, to_csv, schema_of_csv from Python: PySpark's signatures (schema as DDL text or a
schema_of_csv Column, options dicts), values checked against Python's csv module."""

import csv
import datetime
import io

import pytest
from pyspark.errors import AnalysisException
from pyspark.sql import Row
from pyspark.sql import functions as F

RECORDS = ["1;alpha;2.5", "2;\"be;ta\";-1", "3;;0", "x;gamma;1e2"]


def python_fields(record):
    return next(csv.reader(io.StringIO(record), delimiter=";"))


def test_from_csv_matches_python_csv(spark):
    df = spark.createDataFrame([(r,) for r in RECORDS], "s STRING")
    got = df.select(F.from_csv("s", "n INT, w STRING, x DOUBLE", {"sep": ";"}).alias("v")).collect()
    for record, row in zip(RECORDS, got):
        n, w, x = python_fields(record)
        assert row.v.n == (int(n) if n.isdigit() else None)
        assert row.v.w == (w or None)
        assert row.v.x == float(x)


def test_from_csv_schema_column_and_modes(spark):
    df = spark.createDataFrame([("10,true",)], "s STRING")
    row = df.select(F.from_csv(F.col("s"), F.schema_of_csv("10,true")).alias("v")).first()
    assert row.v == Row(_c0=10, _c1=True)
    bad = spark.createDataFrame([("oops,1",)], "s STRING")
    with pytest.raises(Exception, match="MALFORMED_RECORD_IN_PARSING"):
        bad.select(F.from_csv("s", "a INT, b INT", {"mode": "FAILFAST"})).collect()
    with pytest.raises(AnalysisException, match="PARSE_MODE_UNSUPPORTED"):
        bad.select(F.from_csv("s", "a INT, b INT", {"mode": "DROPMALFORMED"})).collect()


def test_to_csv_matches_python_csv(spark):
    rows = [(1, "plain", datetime.date(2024, 2, 29)), (2, "with,comma", None), (None, "", datetime.date(1999, 12, 31))]
    df = spark.createDataFrame(rows, "a INT, b STRING, d DATE")
    got = [r[0] for r in df.select(F.to_csv(F.struct("a", "b", "d"))).collect()]
    for (a, b, d), text in zip(rows, got):
        fields = next(csv.reader(io.StringIO(text)))
        assert fields == ["" if a is None else str(a), b, "" if d is None else d.isoformat()]
    dated = df.select(F.to_csv(F.struct("d"), {"dateFormat": "dd.MM.yyyy"})).first()[0]
    assert dated == "29.02.2024"


def test_schema_of_csv_literal_and_options(spark):
    assert spark.range(1).select(F.schema_of_csv("1,2024-01-02,abc")).first()[0] == \
        "STRUCT<_c0: INT, _c1: DATE, _c2: STRING>"
    assert spark.range(1).select(F.schema_of_csv(F.lit("5|6.5"), {"sep": "|"})).first()[0] == \
        "STRUCT<_c0: INT, _c1: DOUBLE>"
